/**
 * End to end: the real bin on a host that gets in the way (a credentials file it cannot use, a low
 * open-files limit) says what is wrong there, not something generic.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import type { Emulator } from "../../emulator";
import { createSnapshot, serializeSnapshot } from "../../cli/snapshot";
import { BIN, assertNoSecret, hermeticEnv, runBin } from "./helpers/runBin";
import { keyEnv, makeTestKeys, startTestEmulator } from "./helpers/testEmulator";

describe("bin: errors of the host", function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "lmg-host-errors-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe("a credentials file that is configured but cannot be used is named, with why", () => {
    const cases: [string, (file: string) => void, RegExp][] = [
      ["of an unknown type", (file) => writeFileSync(file, "[default]\ntype = bogus\naccess_key_secret = FileSecretValue123456\n"), /: Invalid type option, support: access_key, ecs_ram_role, ram_role_arn$/m],
      // Unreadable: a directory stands in for a root-owned file (these tests may run as root, who reads any file).
      ["that cannot be read", (file) => mkdirSync(file), /: EISDIR$/m],
    ];
    for (const [name, make, why] of cases) {
      it(name, async () => {
        const file = path.join(dir, `credentials-${name.replace(/\W+/g, "-")}`);
        make(file);
        const result = await runBin(["list", "--app-id", "a", "--endpoint", "http://127.0.0.1:9"], { env: { ALIBABA_CLOUD_CREDENTIALS_FILE: file } });
        assert.equal(result.code, 1);
        const lines = result.stderr.trimEnd().split("\n");
        assert.match(lines[0] ?? "", /^live-message-groups list: no Alibaba Cloud credentials: the configured source failed: the credentials file \(ALIBABA_CLOUD_CREDENTIALS_FILE, else ~\/\.alibabacloud\/credentials\)/);
        assert.match(lines[0] ?? "", why);
        assert.equal(lines[1], "hint: fix the failing source named above (its file, server or command), or export ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET instead.");
        // Not the list of places "looked in" (something was found there), and nothing of the file's contents.
        assert.doesNotMatch(result.stderr, /Looked in|~\/\.aliyun\/config\.json|FileSecretValue|options\.credentials/);
        assert.equal(lines.length, 3, result.stderr);
      });
    }

    it("with nothing configured, still the list of the places looked in", async () => {
      const result = await runBin(["list", "--app-id", "a", "--endpoint", "http://127.0.0.1:9"]);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /^live-message-groups list: no Alibaba Cloud credentials found\. Looked in:$/m);
      assert.match(result.stderr, /^hint: export ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or run 'aliyun configure'\.$/m);
    });
  });

  describe("a credentials URI that never answers: the deadline names the credential source, not the amount of work", () => {
    let server: Server;
    let env: Record<string, string>;
    before(async () => {
      // Takes each request and never answers it.
      server = createServer(() => undefined);
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      env = { ALIBABA_CLOUD_CREDENTIALS_URI: `http://127.0.0.1:${(server.address() as AddressInfo).port}/credentials` };
    });
    after(() => {
      server.closeAllConnections();
      server.close();
    });

    it("list and drift (the deadline passes whatever its length: the source never answers)", async () => {
      const snapshot = path.join(dir, "groups.snapshot.json");
      writeFileSync(snapshot, serializeSnapshot(createSnapshot({ appId: "a", dataCenter: "cn-shanghai", groupStatus: "all", groups: [] })));
      for (const args of [["list", "--app-id", "a"], ["drift", "--snapshot", snapshot]]) {
        const result = await runBin([...args, "--endpoint", "http://127.0.0.1:9", "--timeout", "200ms"], { env });
        assert.equal(result.code, 1, result.stderr);
        const lines = result.stderr.trimEnd().split("\n");
        // (drift gives its listing what is left of the whole check's --timeout)
        assert.match(lines[0] ?? "", new RegExp(`^live-message-groups ${args[0] ?? ""}: ListingTimeout: The listing did not finish within --timeout \\(\\d+ ms\\): the credentials were still being resolved\\.$`));
        assert.match(lines[1] ?? "", /^hint: the deadline passed while the credentials were still being resolved, before any request to the endpoint: check that the configured credential source answers \(the server of ALIBABA_CLOUD_CREDENTIALS_URI, /);
        assert.doesNotMatch(result.stderr, /raise --timeout|--status|lists every group/);
      }
    });
  });

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
