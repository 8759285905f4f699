/**
 * End to end: `emulator` in the foreground (used by a second bin process), and `demo`.
 */
import assert from "node:assert/strict";
import { once } from "node:events";
import { startEmulator } from "../../emulator";
import { assertNoSecret, registerSecret, runBin, spawnBin } from "./helpers/runBin";
import { keyEnv, makeTestKeys } from "./helpers/testEmulator";

/** Starts `emulator` and resolves with its stdout once it printed the ready banner. */
async function startBinEmulator(args: string[], env: Record<string, string>) {
  const child = spawnBin(["emulator", "--port", "0", ...args], { env });
  let stdout = "";
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  child.stdout.setEncoding("utf8");
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: string) => {
      stdout += chunk;
      if (stdout.includes("Ctrl-C stops the emulator.")) resolve();
    });
    child.on("exit", () => reject(new Error(`emulator exited early: ${stderr}`)));
  });
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1] ?? "";
  const stop = async () => {
    const exited = once(child, "exit");
    child.kill("SIGINT");
    const [code] = (await exited) as [number | null];
    return { code, stdout, stderr };
  };
  child.stdout.on("data", (chunk: string) => (stdout += chunk));
  return { url, banner: stdout, stop };
}

describe("bin: emulator", function () {
  this.timeout(60_000);

  it("accepts the key pair of the environment, prints no secret, serves list, stops on SIGINT", async () => {
    const keys = makeTestKeys();
    const emulator = await startBinEmulator(["--groups", "150", "--app-id", "e2e-app", "--deleted-fraction", "0.2", "--latency", "0-2"], keyEnv(keys));
    assert.match(emulator.banner, /app e2e-app \(cn-shanghai\): 150 groups, \d+ deleted/);
    assert.match(emulator.banner, new RegExp(`AccessKeyId ${keys.accessKeyId}`));
    const list = await runBin(["list", "--endpoint", emulator.url, "--app-id", "e2e-app", "--format", "json"], { env: keyEnv(keys) });
    assert.equal(list.code, 0, list.stderr);
    assert.equal((JSON.parse(list.stdout) as { groups: unknown[] }).groups.length, 150);
    const stopped = await emulator.stop();
    assert.equal(stopped.code, 0);
    assert.match(stopped.stdout, /Emulator stopped after \d+ requests/);
    assertNoSecret(stopped.stdout + stopped.stderr, "emulator output");
  });

  it("without keys in the environment prints a throwaway pair that works", async () => {
    const emulator = await startBinEmulator(["--groups", "60", "--calls-per-second", "0", "--server-error", "0.1"], {});
    const id = /ALIBABA_CLOUD_ACCESS_KEY_ID=(\S+)/.exec(emulator.banner)?.[1] ?? "";
    const secret = /ALIBABA_CLOUD_ACCESS_KEY_SECRET=(\S+)/.exec(emulator.banner)?.[1] ?? "";
    assert.ok(id !== "" && secret !== "", emulator.banner);
    assert.match(emulator.banner, /faults serverError 0\.1/);
    const list = await runBin(["list", "--endpoint", emulator.url, "--app-id", "demo-app", "--ids-only"], {
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: id, ALIBABA_CLOUD_ACCESS_KEY_SECRET: secret },
    });
    assert.equal(list.code, 0, list.stderr);
    assert.equal(list.stdout.trimEnd().split("\n").length, 60);
    assert.ok(!list.stdout.includes(secret) && !list.stderr.includes(secret));
    assert.equal((await emulator.stop()).code, 0);
  });
});

describe("bin: demo", function () {
  this.timeout(60_000);

  it("runs the main job end to end and exits 0", async () => {
    // The demo's emulator generates its key pair from its default seed: an emulator started the
    // same way here has the same pair, so its secret can be registered and searched for.
    const probe = await startEmulator();
    registerSecret(probe.credentials.accessKeySecret);
    await probe.close();
    const result = await runBin(["demo"], { timeoutMs: 55_000 });
    assert.match(result.stdout, new RegExp(`AccessKeyId ${probe.credentials.accessKeyId}\\)`));
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, "");
    assert.match(result.stdout, /CreateLiveMessageApp -> AppId \w+/);
    assert.match(result.stdout, /CreateLiveMessageGroup x 300, DeleteLiveMessageGroup x 30/);
    assert.match(result.stdout, /Listed with the sdk .*: 300 groups \(270 live, 30 deleted\)/);
    for (const section of [/^Added \(3\):/m, /^Newly deleted .* \(2\):/m, /^Renamed \(2\):/m, /^Admins changed \(2\):/m, /^Info changed \(1\):/m]) {
      assert.match(result.stdout, section);
    }
  });
});
