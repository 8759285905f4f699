/**
 * End to end: the real bin lists an emulator started in this process, in every format, and
 * reports service errors with code, RequestId and a hint (never a stack or a secret).
 */
import assert from "node:assert/strict";
import { once } from "node:events";
import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "csv-parse/sync";
import type { Emulator } from "../../emulator";
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync } from "node:fs";
import { BIN, hermeticEnv, runBin, spawnBin } from "./helpers/runBin";
import { keyEnv, makeTestKeys, startTestEmulator } from "./helpers/testEmulator";

const APP = "cli-list-app";
const GROUPS = 230;

/** `base` flags (`--flag value` pairs) with those `extra` sets replaced: a flag given twice is a usage error. */
function overriding(base: readonly string[], extra: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < base.length; i += 2) {
    if (!extra.includes(base[i] as string)) kept.push(base[i] as string, base[i + 1] as string);
  }
  return [...kept, ...extra];
}

describe("bin: list", function () {
  this.timeout(60_000);
  const keys = makeTestKeys();
  const env = keyEnv(keys);
  let emulator: Emulator;
  let common: string[];

  before(async () => {
    emulator = await startTestEmulator(keys, { apps: [{ appId: APP, groups: GROUPS, deletedFraction: 0.2 }] });
    // A name with every CSV special character, a control character and wide characters.
    emulator.store.updateGroup(APP, emulator.store.groups(APP)[0]?.groupId ?? "", { groupName: 'Tricky, "quoted"\r\nname 直播\u001b[2J' });
    common = ["--endpoint", emulator.url, "--app-id", APP];
  });
  after(() => emulator.close());

  it("prints a table by default, nothing on stderr when it is not a terminal", async () => {
    const result = await runBin(["list", ...common], { env });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, "");
    const lines = result.stdout.trimEnd().split("\n");
    assert.equal(lines.length, GROUPS + 1);
    assert.match(lines[0] ?? "", /^GROUP ID\s+NAME\s+CREATED \(UTC\)\s+STATUS/);
    assert.ok(!result.stdout.includes("\u001b"), "control characters are escaped");
    // Escaped, then cut to the NAME column's 28 terminal columns (直 counts as two).
    assert.ok(result.stdout.includes('Tricky, "quoted"\\r\\nname 直… '), result.stdout.split("\n")[1]);
  });

  it("output that cannot be written (a full disk: /dev/full) fails with exit 1 and says so, never exit 0 with a cut listing", async function () {
    if (!existsSync("/dev/full")) this.skip();
    const full = openSync("/dev/full", "w");
    const child = spawn(process.execPath, [BIN, "list", ...common, "--format", "csv"], { env: hermeticEnv(env), stdio: ["ignore", full, "pipe"] });
    closeSync(full);
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = await once(child, "exit") as [number];
    assert.equal(code, 1, stderr);
    assert.equal(stderr, "live-message-groups: cannot write stdout: ENOSPC; the output is incomplete\n");
  });

  it("DEBUG=* (set in a CI job for another tool) makes no library print a header, signature or Redis command", async () => {
    const result = await runBin(["list", ...common, "--ids-only", "--redis-url", "redis://127.0.0.1:1"], { env: { ...env, DEBUG: "*" } });
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /httpx|ioredis|Signature=|authorization|x-acs-/i, result.stderr.slice(0, 2000));
  });

  it("--format json returns every group with every field", async () => {
    const result = await runBin(["list", ...common, "--format", "json"], { env });
    assert.equal(result.code, 0, result.stderr);
    const parsed = JSON.parse(result.stdout) as { appId: string; totalCount: number; groups: { groupId: string; deleted: boolean }[] };
    assert.equal(parsed.appId, APP);
    assert.equal(parsed.totalCount, GROUPS);
    assert.deepEqual(parsed.groups, emulator.store.groups(APP));
  });

  it("--format csv is RFC 4180 and round-trips the tricky name", async () => {
    const result = await runBin(["list", ...common, "--format", "csv"], { env });
    assert.equal(result.code, 0, result.stderr);
    const records = parse(result.stdout, { record_delimiter: "\r\n" }) as string[][];
    assert.deepEqual(records[0], ["groupId", "groupName", "groupInfo", "creatorId", "adminList", "createTime", "deleted"]);
    assert.equal(records.length, GROUPS + 1);
    const first = emulator.store.groups(APP)[0];
    assert.deepEqual(records[1], [first?.groupId, first?.groupName, first?.groupInfo, first?.creatorId, first?.adminList.join(";"), String(first?.createTime), String(first?.deleted)]);
  });

  const idCases: { name: string; args: string[]; expected: (e: Emulator) => string[] }[] = [
    { name: "all, ascending", args: [], expected: (e) => e.store.groups(APP).map((g) => g.groupId) },
    { name: "--status existing", args: ["--status", "existing"], expected: (e) => e.store.groups(APP).filter((g) => !g.deleted).map((g) => g.groupId) },
    { name: "--status deleted --order desc", args: ["--status", "deleted", "--order", "desc"], expected: (e) => e.store.groups(APP).filter((g) => g.deleted).map((g) => g.groupId).reverse() },
    { name: "--page-size 7", args: ["--page-size", "7"], expected: (e) => e.store.groups(APP).map((g) => g.groupId) },
  ];
  for (const testCase of idCases) {
    it(`--ids-only ${testCase.name}`, async () => {
      const result = await runBin(["list", ...common, "--ids-only", ...testCase.args], { env });
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(result.stdout.split("\n").filter((line) => line !== ""), testCase.expected(emulator));
    });
  }

  it("--ids-only --format json is an array of ids; -o writes a file and nothing to stdout", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "lmg-cli-list-"));
    try {
      const result = await runBin(["list", ...common, "--ids-only", "--format", "json", "-o", "ids.json"], { env, cwd: dir });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, "");
      assert.deepEqual(JSON.parse(readFileSync(path.join(dir, "ids.json"), "utf8")), emulator.store.groups(APP).map((g) => g.groupId));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const failures: { name: string; args: string[]; env: Record<string, string>; expect: RegExp[] }[] = [
    { name: "unknown AccessKeyId", args: [], env: { ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIunknown000", ALIBABA_CLOUD_ACCESS_KEY_SECRET: keys.accessKeySecret },
      expect: [/InvalidAccessKeyId\.NotFound/, /RequestId [\w-]+/, /^hint: the service did not accept the key pair/m] },
    { name: "wrong secret", args: [], env: { ALIBABA_CLOUD_ACCESS_KEY_ID: keys.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: "wrongSecretValue123456" },
      expect: [/SignatureDoesNotMatch/, /^hint: the service did not accept the key pair/m] },
    { name: "legacy ALICLOUD_* names are read too (and the wrong secret is not echoed)", args: [], env: { ALICLOUD_ACCESS_KEY: keys.accessKeyId, ALICLOUD_SECRET_KEY: "wrongLegacySecret98765" },
      expect: [/SignatureDoesNotMatch/] },
    { name: "unknown app", args: ["--app-id", "no-such-app"], env, expect: [/ResourceNotExist/, /^hint: check --app-id and --data-center/m] },
    { name: "wrong data center", args: ["--data-center", "ap-southeast-1"], env, expect: [/InputInvalid/, /^hint: check --app-id and --data-center/m] },
    { name: "nothing listening", args: ["--endpoint", "http://127.0.0.1:9", "--max-attempts", "1"], env, expect: [/ECONNREFUSED/, /^hint: nothing is listening/m] },
    { name: "no credentials anywhere", args: [], env: {}, expect: [/CredentialsNotFound|credentials/i, /^hint: export ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET/m] },
  ];
  for (const failure of failures) {
    it(`exit 1 on ${failure.name}, with code and hint, no stack`, async () => {
      const result = await runBin(["list", ...overriding(common, failure.args)], { env: failure.env });
      assert.equal(result.code, 1, result.stdout + result.stderr);
      assert.equal(result.stdout, "");
      for (const pattern of failure.expect) assert.match(result.stderr, pattern);
      assert.doesNotMatch(result.stderr, / {4}at /);
      assert.ok(!result.stderr.includes("wrongSecretValue123456") && !result.stderr.includes("wrongLegacySecret98765"));
    });
  }

  // Every page in flight once put a few abort listeners on one shared signal: past 10, Node printed
  // MaxListenersExceededWarning on stderr, at documented --concurrency values.
  for (const concurrency of ["11", "50"]) {
    it(`--concurrency ${concurrency}: nothing on stderr`, async () => {
      const result = await runBin(["list", ...common, "--ids-only", "--page-size", "5", "--concurrency", concurrency], { env });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stderr, "");
      assert.equal(result.stdout.split("\n").filter((line) => line !== "").length, GROUPS);
    });
  }

  it("$LIVE_MESSAGE_GROUPS_ENDPOINT is the endpoint when --endpoint is absent", async () => {
    const result = await runBin(["list", "--app-id", APP, "--ids-only"], { env: { ...env, LIVE_MESSAGE_GROUPS_ENDPOINT: emulator.url } });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.split("\n").filter((line) => line !== "").length, GROUPS);
  });

  it("connection refused by a loopback endpoint: one attempt at the default --max-attempts, no retries", async () => {
    const result = await runBin(["list", "--endpoint", "http://127.0.0.1:9", "--app-id", APP], { env });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^live-message-groups list: network failure talking to the endpoint: connect ECONNREFUSED 127\.0\.0\.1:9 \(while sending GET http:\/\/127\.0\.0\.1:9\/\)$/m);
    assert.doesNotMatch(result.stderr, /attempts/);
  });

  it("a loopback endpoint without http:// (the emulator speaks plain HTTP): exit 1 at once, the message and the hint both saying to write http://", async () => {
    const port = new URL(emulator.url).port;
    const result = await runBin(["list", "--endpoint", `127.0.0.1:${port}`, "--app-id", APP], { env });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /^live-message-groups list: network failure talking to the endpoint: ECONNRESET: the server at this loopback endpoint does not speak TLS \(for a local emulator, write the endpoint as http:\/\/host:port\): .*$/m);
    assert.match(result.stderr, /^hint: the endpoint serves plain HTTP: give it with http:\/\/, e\.g\. --endpoint http:\/\/127\.0\.0\.1:<port> for a local emulator\.$/m);
    assert.doesNotMatch(result.stderr, /proxy, firewall|attempts/);
  });

  it("an --output that cannot be written is a usage error naming it, before any request", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "lmg-output-"));
    try {
      const cases: [string, RegExp][] = [
        ["", /--output "": expected a file path, or - for stdout/],
        [dir, /--output ".*": is a directory/],
        [path.join(dir, "missing", "ids.txt"), /--output ".*": its directory does not exist: ENOENT/],
        // Escaped once, as everywhere: \x1b, not \\x1b.
        [path.join(dir, "a\u001b[31m\"q", "ids.txt"), /--output ".*a\\x1b\[31m\\"q\/ids\.txt": its directory does not exist: ENOENT/],
      ];
      for (const [output, message] of cases) {
        emulator.resetStats();
        const result = await runBin(["list", ...common, "-o", output], { env });
        assert.equal(result.code, 1, result.stderr);
        assert.match(result.stderr, message);
        assert.equal(emulator.stats().requests, 0, `no request spent for -o ${output}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("--output follows a link, keeps a replaced file's permissions, and writes a FIFO or a device in place instead of replacing it", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "lmg-output-kinds-"));
    try {
      const expected = (await runBin(["list", ...common, "--ids-only"], { env })).stdout;
      assert.equal(expected.split("\n").filter((line) => line !== "").length, GROUPS);
      // A link to a private file: the file gets the listing (with its own 0600 kept), the link stays a link.
      const real = path.join(dir, "real.txt");
      writeFileSync(real, "keep");
      chmodSync(real, 0o600);
      symlinkSync("real.txt", path.join(dir, "link.txt"));
      let result = await runBin(["list", ...common, "--ids-only", "-o", path.join(dir, "link.txt")], { env });
      assert.equal(result.code, 0, result.stderr);
      assert.ok(lstatSync(path.join(dir, "link.txt")).isSymbolicLink(), "the link is still a link");
      assert.equal(readFileSync(real, "utf8"), expected);
      assert.equal(statSync(real).mode & 0o777, 0o600, "the replaced file keeps its permissions");
      // A FIFO: its reader gets the listing, and it is still a FIFO.
      const fifo = path.join(dir, "fifo");
      assert.equal(spawnSync("mkfifo", [fifo]).status, 0);
      const reader = spawn("cat", [fifo], { stdio: ["ignore", "pipe", "inherit"] });
      let read = "";
      reader.stdout.on("data", (chunk: Buffer) => { read += chunk.toString("utf8"); });
      const readerDone = once(reader, "exit");
      result = await runBin(["list", ...common, "--ids-only", "-o", fifo], { env });
      assert.equal(result.code, 0, result.stderr);
      await readerDone;
      assert.equal(read, expected);
      assert.ok(lstatSync(fifo).isFIFO(), "the FIFO is still a FIFO");
      assert.deepEqual(readdirSync(dir).filter((name) => name.endsWith(".tmp")), []);
      // -o /dev/stdout where stdout is a log opened for appending (`>> log`): appended to, not
      // replaced (resolving /dev/stdout to the log and renaming over it lost what was there).
      const log = path.join(dir, "log");
      writeFileSync(log, "1\n2\n");
      const appending = openSync(log, "a");
      const child = spawn(process.execPath, [BIN, "list", ...common, "--ids-only", "-o", "/dev/stdout"], { env: hermeticEnv(env), stdio: ["ignore", appending, "pipe"] });
      closeSync(appending);
      let stderr = "";
      child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const [code] = await once(child, "exit") as [number];
      assert.equal(code, 0, stderr);
      assert.equal(readFileSync(log, "utf8"), `1\n2\n${expected}`);
      // The shell's `> file` with writes before and after: the output goes through the shared
      // descriptor (reopening the path gave it an offset of its own, and the next write overwrote it).
      const shared = path.join(dir, "shared.txt");
      // (Not spawnSync: the emulator answers from this process's event loop.)
      const sh = spawn("bash", ["-c", `{ echo BEFORE; "${process.execPath}" "${BIN}" list ${common.map((a) => `'${a}'`).join(" ")} --ids-only -o /dev/stdout || echo FAILED; echo AFTER; } > '${shared}'`],
        { env: hermeticEnv(env), stdio: ["ignore", "ignore", "inherit"] });
      await once(sh, "exit");
      assert.equal(readFileSync(shared, "utf8"), `BEFORE\n${expected}AFTER\n`);
      // Stdout a socket (Node's own default for a child's stdio): written to it (reopening failed with ENXIO).
      result = await runBin(["list", ...common, "--ids-only", "-o", "/dev/stdout"], { env });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, expected);
      // A link to /dev/fd's directory: still this process's descriptor, not the log behind it, replaced.
      symlinkSync("/dev/fd", path.join(dir, "fds"));
      const keep = path.join(dir, "keep.log");
      writeFileSync(keep, "PRE\n");
      const keepFd = openSync(keep, "a");
      const viaDir = spawn(process.execPath, [BIN, "list", ...common, "--ids-only", "-o", path.join(dir, "fds", "1")], { env: hermeticEnv(env), stdio: ["ignore", keepFd, "pipe"] });
      closeSync(keepFd);
      const [viaDirCode] = await once(viaDir, "exit") as [number];
      assert.equal(viaDirCode, 0);
      assert.equal(readFileSync(keep, "utf8"), `PRE\n${expected}`);
      // A loop of links, and a path under a regular file: refused before any request.
      symlinkSync("loop-b", path.join(dir, "loop-a"));
      symlinkSync("loop-a", path.join(dir, "loop-b"));
      emulator.resetStats();
      result = await runBin(["list", ...common, "-o", path.join(dir, "loop-a")], { env });
      assert.match(result.stderr, /--output ".*loop-a": it cannot be written: ELOOP/);
      result = await runBin(["list", ...common, "-o", path.join(dir, "real.txt", "x")], { env });
      assert.match(result.stderr, /--output ".*x": its directory cannot be written: ENOTDIR/);
      assert.equal(emulator.stats().requests, 0);
      // A link to a file in a directory that does not exist: refused before any request.
      symlinkSync(path.join(dir, "nowhere", "x.txt"), path.join(dir, "dangling"));
      emulator.resetStats();
      result = await runBin(["list", ...common, "--ids-only", "-o", path.join(dir, "dangling")], { env });
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, /--output ".*dangling": its directory does not exist: ENOENT/);
      assert.equal(emulator.stats().requests, 0);
      // A link to a file not there yet, in a directory that is: the file is created.
      symlinkSync(path.join(dir, "later.txt"), path.join(dir, "to-later"));
      result = await runBin(["list", ...common, "--ids-only", "-o", path.join(dir, "to-later")], { env });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(readFileSync(path.join(dir, "later.txt"), "utf8"), expected);
      // A device that is full (a private node of /dev/full, where this runs as root): exit 1 naming
      // ENOSPC, and the node is still a device.
      const full = path.join(dir, "full");
      if (spawnSync("mknod", ["-m", "666", full, "c", "1", "7"]).status === 0) {
        result = await runBin(["list", ...common, "--ids-only", "-o", full], { env });
        assert.equal(result.code, 1, result.stderr);
        assert.match(result.stderr, /cannot write .*full: ENOSPC/);
        assert.ok(lstatSync(full).isCharacterDevice(), "the device node is still a device");
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("--debug adds a scrubbed stack", async () => {
    const result = await runBin(["list", ...overriding(common, ["--app-id", "no-such-app"]), "--debug"], { env });
    assert.equal(result.code, 1);
    assert.match(result.stderr, / {4}at /);
  });
});

describe("bin: list under throttling", function () {
  this.timeout(60_000);
  const keys = makeTestKeys();
  let emulator: Emulator;
  before(async () => {
    emulator = await startTestEmulator(keys, { callsPerSecond: 2, apps: [{ appId: APP, groups: 4000 }] });
  });
  after(() => emulator.close());

  it("the service's throttles do not count toward --max-attempts: throttled until --timeout, exit 1 with Throttling.User, its RequestId and a hint", async () => {
    // 80 pages at 2 calls/s cannot finish in 3 s. A throttled request stops when its next wait would
    // pass the deadline (ThrottlingError), or the deadline fires first while it waits for a place
    // (ListingTimeout naming the last error): either way the hint is about the account's rate.
    const result = await runBin(["list", "--endpoint", emulator.url, "--app-id", APP, "--rps", "1000", "--concurrency", "8", "--max-attempts", "1", "--timeout", "3s"],
      { env: keyEnv(keys) });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /Throttling\.User/);
    assert.match(result.stderr, /RequestId [\w-]+/);
    assert.match(result.stderr, /^hint: .*coordinate through Redis with --redis-url .*--timeout/m);
    // Counted, the first throttle ended the listing ("1 attempt").
    assert.doesNotMatch(result.stderr, /\b1 attempt\b/);
  });
});

describe("bin: list interrupted", function () {
  this.timeout(60_000);
  const keys = makeTestKeys();
  let emulator: Emulator;
  before(async () => {
    emulator = await startTestEmulator(keys, { apps: [{ appId: APP, groups: 10 }] });
  });
  let release = (): void => undefined;
  after(() => {
    release();
    return emulator.close();
  });

  it("SIGINT stops a slow listing at once with exit 130 and one line", async () => {
    // Interrupt once the first page request has reached the emulator, which then holds it.
    const held = new Promise<void>((resolve) => (release = resolve));
    const requested = new Promise<void>((resolve) => emulator.onListPage(() => {
      resolve();
      return held;
    }));
    const child = spawnBin(["list", "--endpoint", emulator.url, "--app-id", APP], { env: keyEnv(keys) });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const exited = once(child, "exit");
    await requested;
    child.kill("SIGINT");
    const [code] = (await exited) as [number | null];
    assert.equal(code, 130);
    assert.equal(stderr, "live-message-groups list: interrupted\n");
  });

  it("--timeout bounds the process: it exits at the deadline, not when the abandoned request's 10 s read timeout ends", async () => {
    const previous = release;
    const held = new Promise<void>((resolve) => (release = () => { previous(); resolve(); }));
    emulator.onListPage(() => held); // never answered while the bin runs
    const started = Date.now();
    const result = await runBin(["list", "--endpoint", emulator.url, "--app-id", APP, "--timeout", "1s"], { env: keyEnv(keys) });
    const elapsed = Date.now() - started;
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /ListingTimeout|did not finish within/);
    // Its first request was still waiting: a slower endpoint, not one shown to be unreachable.
    assert.match(result.stderr, /^hint: the endpoint had not answered the first request when --timeout ran out: give a slow endpoint a longer --timeout/m);
    assert.doesNotMatch(result.stderr, /would not help/);
    // The request timeout (10 s) is the bound without the fix; 1 s deadline plus start-up is far below it.
    assert.ok(elapsed < 8_000, `exited after ${elapsed} ms`);
  });

  it("SIGTERM stops a slow snapshot with exit 143 and one line, leaving no output or temporary file", async () => {
    const previous = release;
    const held = new Promise<void>((resolve) => (release = () => { previous(); resolve(); }));
    const requested = new Promise<void>((resolve) => emulator.onListPage(() => {
      resolve();
      return held;
    }));
    const dir = mkdtempSync(path.join(os.tmpdir(), "lmg-sigterm-"));
    const child = spawnBin(["snapshot", "--endpoint", emulator.url, "--app-id", APP, "-o", path.join(dir, "s.json")], { env: keyEnv(keys) });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const exited = once(child, "exit");
    await requested;
    child.kill("SIGTERM");
    const [code] = (await exited) as [number | null];
    assert.equal(code, 143);
    assert.equal(stderr, "live-message-groups snapshot: terminated\n");
    assert.deepEqual(readdirSync(dir), []);
    rmSync(dir, { recursive: true, force: true });
  });
});
