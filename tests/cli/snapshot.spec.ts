import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { LiveMessageGroup } from "../../sdk";
import { runCli } from "../../cli/runCli";
import { compareIds, createSnapshot, parseSnapshot, serializeSnapshot, SNAPSHOT_FORMAT, SnapshotError } from "../../cli/snapshot";
import { memoryIo } from "./helpers/memoryIo";

const group = (groupId: string): LiveMessageGroup => ({
  groupId, groupName: "n", groupInfo: "", creatorId: "c", adminList: ["b", "a"], createTime: 1, deleted: false,
});

describe("cli/snapshot", () => {
  it("sorts by groupId, fixes field order, and round-trips", () => {
    const snapshot = createSnapshot({
      appId: "app", dataCenter: "ap-southeast-1", groupStatus: "existing",
      groups: [group("b"), group("B"), group("a")], takenAt: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
    });
    assert.deepEqual(snapshot.groups.map((g) => g.groupId), ["B", "a", "b"]);
    const text = serializeSnapshot(snapshot);
    assert.ok(text.endsWith("}\n"));
    assert.deepEqual(Object.keys(JSON.parse(text) as object), ["format", "appId", "dataCenter", "groupStatus", "takenAt", "groups"]);
    assert.deepEqual(parseSnapshot(text, "x.json"), snapshot);
    assert.equal(snapshot.takenAt, "2024-01-02T03:04:05.000Z");
  });

  // The specs sorted three ids, which a comparator that never answers "less" (or never "more")
  // still put in order: snapshots and drift sections would then depend on the listing's order.
  it("orders ids by code unit, whatever the input order", () => {
    assert.ok(compareIds("a", "b") < 0 && compareIds("b", "a") > 0 && compareIds("B", "a") < 0);
    assert.equal(compareIds("a", "a"), 0);
    const ids = Array.from({ length: 40 }, (_, i) => `g${String((i * 17) % 40).padStart(2, "0")}`);
    const sorted = [...ids].sort();
    assert.notDeepEqual(ids, sorted);
    const snapshot = createSnapshot({ appId: "a", dataCenter: "cn-shanghai", groupStatus: "all", groups: ids.map(group) });
    assert.deepEqual(snapshot.groups.map((g) => g.groupId), sorted);
  });

  it("is byte-identical without a timestamp whatever the input order", () => {
    const one = serializeSnapshot(createSnapshot({ appId: "a", dataCenter: "cn-shanghai", groupStatus: "all", groups: [group("1"), group("2")] }));
    const two = serializeSnapshot(createSnapshot({ appId: "a", dataCenter: "cn-shanghai", groupStatus: "all", groups: [group("2"), group("1")] }));
    assert.equal(one, two);
    assert.ok(!one.includes("takenAt"));
  });

  const valid = { format: SNAPSHOT_FORMAT, appId: "a", dataCenter: "cn-shanghai", groupStatus: "all", groups: [group("1")] };
  const bad: [string, string, RegExp][] = [
    ["not JSON", "{", /s\.json is not valid JSON/],
    ["another format", JSON.stringify({ ...valid, format: "live-message-groups/snapshot@2" }), /not a live-message-groups\/snapshot@1 snapshot \(format: "live-message-groups\/snapshot@2"\)/],
    ["no format", JSON.stringify([]), /not a valid snapshot|not a live-message-groups/],
    ["bad data center", JSON.stringify({ ...valid, dataCenter: "us-east-1" }), /at dataCenter/],
    ["group without id", JSON.stringify({ ...valid, groups: [{ ...group("1"), groupId: undefined }] }), /at groups\.0\.groupId/],
    ["duplicate group", JSON.stringify({ ...valid, groups: [group("1"), group("1")] }), /lists group "1" twice/],
    // The file's fault, named as such (drift used to blame --app-id, which the user never passed).
    ["an appId a listing would refuse", JSON.stringify({ ...valid, appId: "app1 " }), /at appId: expected a non-empty string of Unicode text without control characters or surrounding spaces$/],
    ["a takenAt that is no time", JSON.stringify({ ...valid, takenAt: "\u001b[2Jnot a date" }), /at takenAt: expected an ISO 8601 UTC time/],
    ["a takenAt of a day that does not exist", JSON.stringify({ ...valid, takenAt: "2024-02-30T00:00:00.000Z" }), /at takenAt/],
    // new Date() of it is Invalid Date, whose toISOString throws a RangeError: checked first.
    ["a takenAt of a month that does not exist", JSON.stringify({ ...valid, takenAt: "2024-13-01T00:00:00.000Z" }), /at takenAt/],
    // Read in the machine's time zone by new Date(): the same moment only where that is UTC.
    ["a takenAt without its Z", JSON.stringify({ ...valid, takenAt: "2024-05-01T12:00:00.000" }), /at takenAt/],
    ["an empty groupId", JSON.stringify({ ...valid, groups: [{ ...group("1"), groupId: "" }] }), /at groups\.0\.groupId/],
    ["an object without a format", "{}", /not a live-message-groups\/snapshot@1 snapshot \(format: null\)$/],
    ["JSON that is no object", "42", /^s\.json is not a valid snapshot: Invalid input: expected object, received number$/],
  ];
  it("accepts a takenAt as the CLI writes it, with or without milliseconds", () => {
    for (const takenAt of ["2024-05-01T12:00:00.000Z", "2024-05-01T12:00:00Z"]) assert.equal(parseSnapshot(JSON.stringify({ ...valid, takenAt }), "s.json").takenAt, takenAt);
  });
  it("accepts a snapshot saved with a UTF-8 byte order mark (Notepad, PowerShell 5), as without one", () => {
    const text = serializeSnapshot(createSnapshot({ appId: "a", dataCenter: "cn-shanghai", groupStatus: "all", groups: [group("1")] }));
    assert.deepEqual(parseSnapshot(`\ufeff${text}`, "s.json"), parseSnapshot(text, "s.json"));
    // Only a leading one: elsewhere it is no whitespace JSON allows.
    assert.throws(() => parseSnapshot(`${text.slice(0, 1)}\ufeff${text.slice(1)}`, "s.json"), /s\.json is not valid JSON/);
  });
  for (const [name, text, message] of bad) {
    it(`rejects ${name}`, () => {
      assert.throws(() => parseSnapshot(text, "s.json"), (error: unknown) => error instanceof SnapshotError && message.test(error.message));
    });
  }
});

describe("cli drift: a snapshot that cannot be used", () => {
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(os.tmpdir(), "lmg-snapshot-error-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** stderr of `drift --snapshot <file>` (it fails before any request: nothing listens at the endpoint). */
  async function driftError(file: string): Promise<string> {
    const io = memoryIo();
    assert.equal(await runCli(["drift", "--endpoint", "http://127.0.0.1:9", "--snapshot", file], io), 1);
    assert.equal(io.out(), "");
    return io.err();
  }

  it("says what JSON.parse found and where, though the text it quotes holds a newline (it was cut there)", async () => {
    const file = path.join(dir, "typo.json");
    // A hand-edited snapshot: V8 quotes the text around the mistake, newlines included.
    writeFileSync(file, '{\n  "groups": [\n    {\n      "deleted": flase\n    }\n  ]\n}\n');
    const err = await driftError(file);
    assert.equal(err.split("\n").length, 3, err);
    assert.match(err, /typo\.json is not valid JSON \(Unexpected token 'l', .*flase\\n {4}}.* is not valid JSON\)\n\(run with --debug for details\)\n$/);
  });

  it("names a file whose name holds a newline whole, with the reason it cannot be read", async () => {
    const err = await driftError(path.join(dir, "no\nsuch.json"));
    assert.equal(err, `live-message-groups drift: cannot read snapshot ${dir}/no\\nsuch.json: ENOENT\n(run with --debug for details)\n`);
    const file = path.join(dir, "bad\nname.json");
    writeFileSync(file, "{");
    assert.match(await driftError(file), /bad\\nname\.json is not valid JSON \(/);
  });
});
