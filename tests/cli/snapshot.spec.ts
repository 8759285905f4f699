import assert from "node:assert/strict";
import type { LiveMessageGroup } from "../../sdk";
import { createSnapshot, parseSnapshot, serializeSnapshot, SNAPSHOT_FORMAT, SnapshotError } from "../../cli/snapshot";

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
  ];
  it("accepts a takenAt as the CLI writes it, with or without milliseconds", () => {
    for (const takenAt of ["2024-05-01T12:00:00.000Z", "2024-05-01T12:00:00Z"]) assert.equal(parseSnapshot(JSON.stringify({ ...valid, takenAt }), "s.json").takenAt, takenAt);
  });
  for (const [name, text, message] of bad) {
    it(`rejects ${name}`, () => {
      assert.throws(() => parseSnapshot(text, "s.json"), (error: unknown) => error instanceof SnapshotError && message.test(error.message));
    });
  }
});
