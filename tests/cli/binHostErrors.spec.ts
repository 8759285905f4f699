/**
 * End to end: the real bin on a host that gets in the way (a low open-files limit) copes, or says
 * what is wrong there, not something generic.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import type { Emulator } from "../../emulator";
import { BIN, assertNoSecret, hermeticEnv } from "./helpers/runBin";
import { keyEnv, makeTestKeys, startTestEmulator } from "./helpers/testEmulator";

describe("bin: errors of the host", function () {
  this.timeout(60_000);
  describe("too many open files (ulimit -n 64 under the default --concurrency 50)", () => {
    const keys = makeTestKeys();
    let emulator: Emulator;
    before(async () => {
      // Answers take a while, so that 50 requests are in flight at once, each with its socket.
      emulator = await startTestEmulator(keys, { latencyMs: 300, apps: [{ appId: "many", groups: 3000 }] });
    });
    after(() => emulator.close());

    it("the requests that found no file descriptor are retried once others have freed theirs: the listing completes", async function () {
      const child = spawn("/bin/sh", ["-c", 'ulimit -n 64 && exec "$0" "$@"', process.execPath, BIN, "list", "--endpoint", emulator.url,
        "--app-id", "many", "--ids-only", "--rps", "1000"], { env: hermeticEnv(keyEnv(keys)), stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
      const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
      assertNoSecret(stdout + stderr, "the output of list under ulimit -n 64");
      if (code === 2 && /ulimit/.test(stderr)) this.skip(); // a shell that cannot lower the limit
      assert.equal(code, 0, stderr);
      assert.equal(stdout.trimEnd().split("\n").length, 3000);
    });
  });
});
