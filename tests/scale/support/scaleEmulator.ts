/**
 * An emulator in a child process for the scale suite and the host benchmark: hundreds of
 * thousands of groups live there, so the driving process's memory and event loop stay out of the
 * figures, and the host is the only process whose memory is measured. Commands travel over IPC.
 */
import { fork, type ChildProcess } from "node:child_process";
import { startEmulator } from "../../../emulator";
import type { EmulatorAppSeed, EmulatorKeyPair } from "../../../emulator/types";

/** A change made to one group directly in the store, as drift between two refreshes. */
export type GroupChange = "rename" | "admins" | "info" | "delete";

type Command =
  | { readonly op: "firstExistingId"; readonly appId: string }
  | { readonly op: "change"; readonly appId: string; readonly groupId: string; readonly change: GroupChange }
  | { readonly op: "close" };

type Reply = { readonly ok: true; readonly value?: string } | { readonly ok: false; readonly error: string };

if (require.main === module) {
  void (async () => {
    const apps = JSON.parse(process.argv[2] ?? "[]") as EmulatorAppSeed[];
    // No call limit (the API's 50 calls/s would make 500,000 groups take 200 s a listing) and no log.
    const emulator = await startEmulator({ callsPerSecond: 0, requestLogLimit: 0, apps });
    process.send?.({ url: emulator.url, credentials: emulator.credentials });
    process.on("message", (command: Command) => {
      try {
        if (command.op === "close") {
          void emulator.close().then(() => process.exit(0));
          return;
        }
        if (command.op === "firstExistingId") {
          const group = emulator.store.groups(command.appId).find((g) => !g.deleted);
          if (group === undefined) throw new Error(`no existing group in ${command.appId}`);
          process.send?.({ ok: true, value: group.groupId } satisfies Reply);
          return;
        }
        const { appId, groupId } = command;
        if (command.change === "delete") emulator.store.deleteGroup(appId, groupId);
        if (command.change === "rename") emulator.store.updateGroup(appId, groupId, { groupName: "Renamed by the scale suite" });
        if (command.change === "admins") emulator.store.updateGroup(appId, groupId, { adminList: ["scale-admin"] });
        if (command.change === "info") emulator.store.updateGroup(appId, groupId, { groupInfo: "{\"scale\":\"changed\"}" });
        process.send?.({ ok: true } satisfies Reply);
      } catch (error) {
        process.send?.({ ok: false, error: error instanceof Error ? error.message : String(error) } satisfies Reply);
      }
    });
  })();
}

/** The parent's handle on the emulator child. */
export class ScaleEmulator {
  private constructor(private readonly child: ChildProcess, readonly url: string, readonly credentials: EmulatorKeyPair) {}

  /** Seeds `apps` (e.g. `{ appId, groups: 100_000, deletedFraction: 0.1 }`) in a new child process. */
  static async start(apps: readonly EmulatorAppSeed[]): Promise<ScaleEmulator> {
    const child = fork(__filename, [JSON.stringify(apps)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const ready = await new Promise<{ url: string; credentials: EmulatorKeyPair }>((resolve, reject) => {
      child.once("message", (message) => resolve(message as { url: string; credentials: EmulatorKeyPair }));
      child.once("exit", (code) => reject(new Error(`emulator child exited with ${String(code)}`)));
    });
    return new ScaleEmulator(child, ready.url, ready.credentials);
  }

  /** Stack config pointing the provider at this emulator, with its key pair as `alicloud:*` config. */
  config(): Record<string, string> {
    return {
      "live-message-groups:endpoint": this.url,
      "alicloud:accessKey": this.credentials.accessKeyId,
      "alicloud:secretKey": this.credentials.accessKeySecret,
    };
  }

  private async ask(command: Command): Promise<string | undefined> {
    const reply = await new Promise<Reply>((resolve) => {
      this.child.once("message", (message) => resolve(message as Reply));
      this.child.send(command);
    });
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  }

  /** The ID of the oldest group of `appId` that exists. */
  async firstExistingId(appId: string): Promise<string> {
    return (await this.ask({ op: "firstExistingId", appId })) ?? "";
  }

  /** Changes one group in the store. */
  async change(appId: string, groupId: string, change: GroupChange): Promise<void> {
    await this.ask({ op: "change", appId, groupId, change });
  }

  close(): Promise<void> {
    if (this.child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once("exit", () => resolve());
      this.child.send({ op: "close" });
    });
  }
}
