/**
 * End to end: `snapshot` then `drift` with the real bin against an emulator started in this
 * process; one app per case so each kind of change is detected on its own.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { closeSync, constants, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Emulator, EmulatorStore } from "../../emulator";
import { SNAPSHOT_FORMAT } from "../../cli/snapshot";
import { once } from "node:events";
import { runBin, spawnBin } from "./helpers/runBin";
import { keyEnv, makeTestKeys, startTestEmulator } from "./helpers/testEmulator";

const GROUPS = 120;

describe("bin: snapshot and drift", function () {
  this.timeout(60_000);
  const keys = makeTestKeys();
  const env = keyEnv(keys);
  const dir = mkdtempSync(path.join(os.tmpdir(), "lmg-cli-drift-"));
  let emulator: Emulator;
  let appCounter = 0;

  before(async () => {
    emulator = await startTestEmulator(keys);
  });
  after(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh app with generated-like groups, and a snapshot of it taken by the bin. */
  async function appWithSnapshot(status = "all"): Promise<{ appId: string; file: string; ids: string[] }> {
    appCounter += 1;
    const appId = `drift-app-${appCounter}`;
    emulator.store.createApp(appId, "cn-shanghai");
    for (let i = 0; i < GROUPS; i += 1) {
      emulator.store.createGroup(appId, {
        groupId: `g-${String(i).padStart(4, "0")}`, groupName: `Room ${i}`, groupInfo: `{"i":${i}}`,
        creatorId: "host-1", adminList: i % 3 === 0 ? [] : ["mod-a", "mod-b"], deleted: i % 10 === 9,
      });
    }
    const file = path.join(dir, `${appId}.json`);
    const result = await runBin(["snapshot", "--endpoint", emulator.url, "--app-id", appId, "--status", status, "-o", file], { env });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, "");
    return { appId, file, ids: emulator.store.groups(appId).map((g) => g.groupId) };
  }

  const drift = (file: string, ...args: string[]) => runBin(["drift", "--endpoint", emulator.url, "--snapshot", file, ...args], { env });

  it("snapshot writes the versioned format, sorted, byte-identical without a timestamp", async () => {
    const { appId, file } = await appWithSnapshot();
    const snapshot = JSON.parse(readFileSync(file, "utf8")) as { format: string; appId: string; takenAt?: string; groups: { groupId: string }[] };
    assert.equal(snapshot.format, SNAPSHOT_FORMAT);
    assert.equal(snapshot.appId, appId);
    assert.ok(typeof snapshot.takenAt === "string" && !Number.isNaN(Date.parse(snapshot.takenAt)));
    const ids = snapshot.groups.map((g) => g.groupId);
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(ids.length, GROUPS);
    const one = await runBin(["snapshot", "--endpoint", emulator.url, "--app-id", appId, "--no-timestamp"], { env });
    const two = await runBin(["snapshot", "--endpoint", emulator.url, "--app-id", appId, "--no-timestamp", "--page-size", "9", "--concurrency", "3"], { env });
    assert.equal(one.code, 0, one.stderr);
    assert.equal(one.stdout, two.stdout);
    assert.ok(!one.stdout.includes("takenAt"));
  });

  it("drift exits 0 and says so when nothing changed", async () => {
    const { appId, file } = await appWithSnapshot();
    const result = await drift(file);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^No drift: .*; 120 groups unchanged\.$/m);
    assert.equal(result.stderr, "");
    // The snapshot's own app and data center given as flags are no mismatch (only a differing
    // one was ever passed: a check refusing any --app-id or --data-center passed the specs).
    const same = await drift(file, "--app-id", appId, "--data-center", "cn-shanghai");
    assert.equal(same.code, 0, same.stderr);
    assert.equal(same.stdout, result.stdout);
  });

  const kinds: { name: string; status?: string; change: (store: EmulatorStore, appId: string, file: string) => void; text: RegExp; key: string }[] = [
    { name: "added", change: (s, a) => void s.createGroup(a, { groupId: "g-new", groupName: "New room" }), text: /^Added \(1\):\n {2}\+ g-new {2}"New room"/m, key: "added" },
    { name: "newly deleted", change: (s, a) => s.deleteGroup(a, "g-0001"), text: /^Newly deleted \(still listed, flagged deleted\) \(1\):\n {2}x g-0001 /m, key: "deleted" },
    {
      name: "removed (gone from the listing entirely)",
      // No API removes a group for good; a snapshot holding a group the service no longer lists is the same situation.
      change: (_s, _a, file) => {
        const snapshot = JSON.parse(readFileSync(file, "utf8")) as { groups: object[] };
        snapshot.groups.push({ groupId: "zz-gone", groupName: "Gone", groupInfo: "", creatorId: "", adminList: [], createTime: 1, deleted: false });
        writeFileSync(file, JSON.stringify(snapshot));
      },
      text: /^Removed \(no longer listed at all\) \(1\):\n {2}- zz-gone {2}"Gone"/m, key: "removed",
    },
    { name: "renamed", change: (s, a) => s.updateGroup(a, "g-0002", { groupName: "Renamed room" }), text: /^Renamed \(1\):\n {2}~ g-0002 {2}"Room 2" -> "Renamed room"$/m, key: "renamed" },
    { name: "info changed", change: (s, a) => s.updateGroup(a, "g-0004", { groupInfo: "{}" }), text: /^Info changed \(1\):\n {2}~ g-0004\n {6}was "\{\\"i\\":4\}"\n {6}now "\{\}"$/m, key: "infoChanged" },
    { name: "admins changed", change: (s, a) => s.updateGroup(a, "g-0005", { adminList: ["mod-b", "mod-c"] }), text: /^Admins changed \(1\):\n {2}~ g-0005 {2}\+"mod-c" -"mod-a"$/m, key: "adminsChanged" },
    { name: "restored", change: (s, a) => s.updateGroup(a, "g-0009", { deleted: false }), text: /^Restored .* \(1\):\n {2}\^ g-0009 /m, key: "restored" },
    { name: "newly deleted within an 'existing' snapshot", status: "existing", change: (s, a) => s.deleteGroup(a, "g-0001"), text: /^Newly deleted .* \(1\):\n {2}x g-0001 /m, key: "deleted" },
  ];
  for (const kind of kinds) {
    it(`drift exits 2 and reports ${kind.name}`, async () => {
      const { appId, file } = await appWithSnapshot(kind.status);
      kind.change(emulator.store, appId, file);
      const text = await drift(file);
      assert.equal(text.code, 2, text.stderr);
      assert.match(text.stdout, /^Drift: .*; 1 change, /m);
      assert.match(text.stdout, kind.text);
      const json = await drift(file, "--format", "json");
      assert.equal(json.code, 2, json.stderr);
      const report = JSON.parse(json.stdout) as { drifted: boolean; counts: Record<string, number> };
      assert.equal(report.drifted, true);
      const expected: Record<string, number> = { added: 0, removed: 0, deleted: 0, restored: 0, renamed: 0, infoChanged: 0, adminsChanged: 0, creatorChanged: 0, createTimeChanged: 0 };
      expected[kind.key] = 1;
      assert.deepEqual(report.counts, expected);
    });
  }

  it("drift whose reader closed the pipe (`drift | head` under pipefail) still exits 2, silently; list exits 0", async () => {
    const { appId, file } = await appWithSnapshot();
    emulator.store.updateGroup(appId, "g-0003", { groupName: "x" });
    for (const [args, expected] of [[["drift", "--endpoint", emulator.url, "--snapshot", file], 2], [["list", "--endpoint", emulator.url, "--app-id", appId], 0]] as const) {
      const child = spawnBin(args, { env });
      // No reader at all: the report's first write fails with EPIPE, whatever its size.
      child.stdout.destroy();
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const [code] = await once(child, "exit") as [number];
      assert.equal(code, expected, `${args[0]}: ${stderr}`);
      assert.equal(stderr, "");
    }
  });

  it("reads the snapshot from stdin and writes the report to a file", async () => {
    const { appId, file } = await appWithSnapshot();
    emulator.store.updateGroup(appId, "g-0003", { groupName: "x" });
    const result = await runBin(["drift", "--endpoint", emulator.url, "--snapshot", "-", "-o", "report.txt"], { env, input: readFileSync(file, "utf8"), cwd: dir });
    assert.equal(result.code, 2, result.stderr);
    assert.equal(result.stdout, "");
    assert.match(readFileSync(path.join(dir, "report.txt"), "utf8"), /^Renamed \(1\):/m);
  });

  /**
   * Our write end of `fifo`, once the bin has it open for reading (ENXIO until then): a writer that
   * has sent nothing yet. Nothing tells when a FIFO gets a reader (a blocking open would hold a
   * thread until one does, forever if none), so it is tried every 10 ms: until the bin (`exited`)
   * ends without opening it, or for 30 s, a bound for a machine so loaded that nothing else passes
   * (the bin opened it 0.2 s after its spawn here).
   */
  async function writerOf(fifo: string, exited: Promise<unknown>): Promise<number> {
    let ended: { value: unknown } | undefined;
    exited.then((value) => (ended = { value }), (error: unknown) => (ended = { value: error }));
    const deadline = performance.now() + 30_000;
    for (;;) {
      try {
        return openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENXIO") throw error;
        if (ended !== undefined) throw new Error(`the bin ended without opening ${fifo} for reading: ${JSON.stringify(ended.value)}`, { cause: error });
        if (performance.now() > deadline) throw new Error(`the bin did not open ${fifo} for reading within 30 s`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
  }

  it("reads a --snapshot FIFO (a process substitution <(git show ...)), and stops on SIGTERM while it waits on its writer (only SIGKILL ended it)", async () => {
    const { appId, file } = await appWithSnapshot();
    emulator.store.updateGroup(appId, "g-0003", { groupName: "x" });
    const fifo = path.join(dir, "snapshot.fifo");
    execFileSync("mkfifo", [fifo]);
    const read = runBin(["drift", "--endpoint", emulator.url, "--snapshot", fifo], { env });
    const writer = await writerOf(fifo, read);
    writeSync(writer, readFileSync(file, "utf8"));
    closeSync(writer);
    const result = await read;
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stdout, /^Renamed \(1\):\n {2}~ g-0003 {2}"Room 3" -> "x"$/m);

    const child = spawnBin(["drift", "--endpoint", emulator.url, "--snapshot", fifo], { env });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const exited = once(child, "exit");
    const silent = await writerOf(fifo, exited).catch((error: unknown) => {
      child.kill("SIGKILL");
      throw error;
    });
    const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    try {
      child.kill("SIGTERM");
      const [code, signal] = (await exited) as [number | null, string | null];
      assert.deepEqual({ code, signal }, { code: 143, signal: null }, stderr);
      assert.equal(stderr, "live-message-groups drift: terminated\n");
    } finally {
      clearTimeout(killer);
      closeSync(silent);
    }
  });

  it("exit 1 when the check cannot run", async () => {
    const { file } = await appWithSnapshot();
    const bad = path.join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ format: "something/else@1" }));
    const cases: [string[], RegExp][] = [
      [["--snapshot", path.join(dir, "missing.json")], /cannot read snapshot .*missing\.json: ENOENT/],
      [["--snapshot", bad], /is not a live-message-groups\/snapshot@1 snapshot/],
      [["--snapshot", file, "--app-id", "other-app"], /--app-id other-app does not match the snapshot's app drift-app-\d+ \(see 'live-message-groups drift --help'\)\n$/],
      [["--snapshot", file, "--data-center", "ap-southeast-1"], /--data-center ap-southeast-1 does not match the snapshot's cn-shanghai \(see 'live-message-groups drift --help'\)\n$/],
    ];
    for (const [args, pattern] of cases) {
      const result = await runBin(["drift", "--endpoint", emulator.url, ...args], { env });
      assert.equal(result.code, 1, `${args.join(" ")}: ${result.stderr}`);
      assert.match(result.stderr, pattern);
      assert.equal(result.stdout, "");
    }
    const unreachable = await runBin(["drift", "--endpoint", "http://127.0.0.1:9", "--max-attempts", "1", "--snapshot", file], { env });
    assert.equal(unreachable.code, 1);
    assert.match(unreachable.stderr, /ECONNREFUSED/);
  });
});
