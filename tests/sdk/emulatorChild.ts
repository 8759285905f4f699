/**
 * Runs an emulator in a child process for the real-time rate specs: an emulator sharing the test
 * process's event loop admits requests late in bursts whenever the loop stalls (GC, other specs),
 * which measures the test process, not the client. Protocol over IPC: see ChildEmulator.
 */
import { fork, type ChildProcess } from "node:child_process";
import { startEmulator } from "../../emulator";
import type { EmulatorKeyPair, EmulatorOptions, EmulatorRequestLogEntry, EmulatorStats } from "../../emulator/types";

type Command = { readonly op: "stats" } | { readonly op: "requestLog" } | { readonly op: "setCallsPerSecond"; readonly value: number } | { readonly op: "close" };

if (require.main === module) {
  void (async () => {
    const emulator = await startEmulator(JSON.parse(process.argv[2] ?? "{}") as EmulatorOptions);
    process.send?.({ url: emulator.url, credentials: emulator.credentials });
    process.on("message", async (command: Command) => {
      if (command.op === "stats") process.send?.(emulator.stats());
      if (command.op === "requestLog") process.send?.(emulator.requestLog());
      if (command.op === "setCallsPerSecond") {
        emulator.setCallsPerSecond(command.value);
        process.send?.({ ok: true });
      }
      if (command.op === "close") {
        await emulator.close();
        process.exit(0);
      }
    });
  })();
}

/** The parent's handle on an emulator running in a child process. */
export class ChildEmulator {
  private constructor(private readonly child: ChildProcess, readonly url: string, readonly credentials: EmulatorKeyPair) {}

  static async start(options: EmulatorOptions): Promise<ChildEmulator> {
    const child = fork(__filename, [JSON.stringify(options)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const ready = await new Promise<{ url: string; credentials: EmulatorKeyPair }>((resolve, reject) => {
      child.once("message", (message) => resolve(message as { url: string; credentials: EmulatorKeyPair }));
      child.once("exit", (code) => reject(new Error(`emulator child exited with ${code}`)));
    });
    return new ChildEmulator(child, ready.url, ready.credentials);
  }

  private ask<T>(command: Command): Promise<T> {
    return new Promise((resolve) => {
      this.child.once("message", (message) => resolve(message as T));
      this.child.send(command);
    });
  }

  stats(): Promise<EmulatorStats> {
    return this.ask({ op: "stats" });
  }

  requestLog(): Promise<readonly EmulatorRequestLogEntry[]> {
    return this.ask({ op: "requestLog" });
  }

  setCallsPerSecond(value: number): Promise<unknown> {
    return this.ask({ op: "setCallsPerSecond", value });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.child.once("exit", () => resolve());
      this.child.send({ op: "close" });
    });
  }
}
