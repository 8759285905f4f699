/**
 * Child process: runs the emulator for the benchmark and answers "stats" / "reset" over IPC.
 * Started by run.ts with a JSON EmulatorTask as argv[2].
 */
import { startEmulator } from "../emulator";
import type { EmulatorReady, EmulatorStatsMessage, EmulatorTask } from "./protocol";

async function main(): Promise<void> {
  const task = JSON.parse(process.argv[2] ?? "{}") as EmulatorTask;
  const accountKeys = Array.from({ length: task.accountKeys ?? 0 }, (_, i) => ({
    accessKeyId: `LTAIbenchAccountKey${i}`, accessKeySecret: `bench-account-secret-${i}-Xx9Yy8Zz7`,
  }));
  const defaultKey = { accessKeyId: "LTAIbenchDefaultKey", accessKeySecret: "bench-default-secret-Ww1Vv2Uu3" };
  const emulator = await startEmulator({
    keyPairs: [defaultKey, ...accountKeys.map((key) => ({ ...key, accountId: "bench-account" }))],
    callsPerSecond: task.callsPerSecond,
    latencyMs: task.latencyMs,
    networkDelayMs: task.networkDelayMs ?? 0,
    connectionSetupMs: task.connectionSetupMs ?? 0,
    seed: task.seed,
    apps: [{ appId: task.appId, groups: task.groups }],
    requestLogLimit: 0,
  });
  process.on("message", (message: unknown) => {
    const command = (message as { cmd?: string }).cmd;
    if (command === "stats") {
      const stats = emulator.stats();
      const reply: EmulatorStatsMessage = {
        type: "stats",
        requests: stats.requests,
        throttled: stats.throttled,
        peakCallsPerSecond: stats.peakCallsPerSecond,
      };
      process.send?.(reply);
    } else if (command === "reset") {
      emulator.resetStats();
      process.send?.({ type: "reset" });
    } else if (command === "close") {
      void emulator.close().then(() => process.exit(0));
    }
  });
  const ready: EmulatorReady = {
    type: "ready",
    endpoint: emulator.endpoint,
    accessKeyId: emulator.credentials.accessKeyId,
    accessKeySecret: emulator.credentials.accessKeySecret,
    accountKeys,
  };
  process.send?.(ready);
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator process failed: ${String(error)}\n`);
  process.exit(1);
});
