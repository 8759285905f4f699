import assert from "node:assert/strict";
import type { GroupStatus, LiveMessageGroup, LiveMessageGroupList } from "../../sdk";
import { ClientError } from "../../sdk/errors";
import { groupsForDrift } from "../../cli/commands/driftCommand";
import { computeDrift, driftCounts, hasDrift } from "../../cli/drift";
import type { DriftKind } from "../../cli/drift";
import { createSnapshot } from "../../cli/snapshot";

function group(groupId: string, patch: Partial<LiveMessageGroup> = {}): LiveMessageGroup {
  return { groupId, groupName: `name-${groupId}`, groupInfo: "", creatorId: "u1", adminList: ["a1"], createTime: 1_700_000_000, deleted: false, ...patch };
}

function snapshotOf(groups: LiveMessageGroup[], groupStatus: GroupStatus = "all") {
  return createSnapshot({ appId: "app", dataCenter: "cn-shanghai", groupStatus, groups });
}

const BASE = [group("g1"), group("g2"), group("g3", { deleted: true })];

type Counts = Partial<Record<DriftKind, number>>;

describe("cli/drift computeDrift", () => {
  const cases: { name: string; before: LiveMessageGroup[]; now: LiveMessageGroup[]; status?: GroupStatus; counts: Counts; unchanged: number }[] = [
    { name: "identical", before: BASE, now: BASE, counts: {}, unchanged: 3 },
    { name: "order of the listing is not drift", before: BASE, now: [...BASE].reverse(), counts: {}, unchanged: 3 },
    { name: "added", before: BASE, now: [...BASE, group("g4")], counts: { added: 1 }, unchanged: 3 },
    { name: "added already deleted, scope all", before: BASE, now: [...BASE, group("g4", { deleted: true })], counts: { added: 1 }, unchanged: 3 },
    { name: "added deleted, scope existing: out of scope", before: BASE.slice(0, 2), now: [...BASE, group("g4", { deleted: true })], status: "existing", counts: {}, unchanged: 2 },
    { name: "added live, scope deleted: out of scope", before: [BASE[2] as LiveMessageGroup], now: [...BASE, group("g4")], status: "deleted", counts: {}, unchanged: 1 },
    { name: "added deleted, scope deleted", before: [BASE[2] as LiveMessageGroup], now: [...BASE, group("g4", { deleted: true })], status: "deleted", counts: { added: 1 }, unchanged: 1 },
    { name: "removed entirely", before: BASE, now: BASE.slice(1), counts: { removed: 1 }, unchanged: 2 },
    { name: "newly deleted is not removed", before: BASE, now: [group("g1", { deleted: true }), group("g2"), group("g3", { deleted: true })], counts: { deleted: 1 }, unchanged: 2 },
    { name: "newly deleted with scope existing", before: BASE.slice(0, 2), now: [group("g1", { deleted: true }), group("g2")], status: "existing", counts: { deleted: 1 }, unchanged: 1 },
    { name: "restored", before: BASE, now: [group("g1"), group("g2"), group("g3")], counts: { restored: 1 }, unchanged: 2 },
    { name: "renamed", before: BASE, now: [group("g1", { groupName: "new" }), group("g2"), BASE[2] as LiveMessageGroup], counts: { renamed: 1 }, unchanged: 2 },
    { name: "info changed", before: BASE, now: [group("g1", { groupInfo: "{}" }), group("g2"), BASE[2] as LiveMessageGroup], counts: { infoChanged: 1 }, unchanged: 2 },
    { name: "admin added", before: BASE, now: [group("g1", { adminList: ["a1", "a2"] }), group("g2"), BASE[2] as LiveMessageGroup], counts: { adminsChanged: 1 }, unchanged: 2 },
    { name: "admin order is not drift", before: [group("g1", { adminList: ["a", "b"] })], now: [group("g1", { adminList: ["b", "a"] })], counts: {}, unchanged: 1 },
    { name: "creator changed", before: BASE, now: [group("g1", { creatorId: "u2" }), group("g2"), BASE[2] as LiveMessageGroup], counts: { creatorChanged: 1 }, unchanged: 2 },
    { name: "re-created", before: BASE, now: [group("g1", { createTime: 1_800_000_000 }), group("g2"), BASE[2] as LiveMessageGroup], counts: { createTimeChanged: 1 }, unchanged: 2 },
    {
      name: "several changes to one group count once as changed",
      before: BASE,
      now: [group("g1", { groupName: "n", adminList: [], deleted: true }), group("g2"), BASE[2] as LiveMessageGroup],
      counts: { renamed: 1, adminsChanged: 1, deleted: 1 },
      unchanged: 2,
    },
    { name: "empty snapshot, empty app", before: [], now: [], counts: {}, unchanged: 0 },
  ];

  for (const testCase of cases) {
    it(testCase.name, () => {
      const drift = computeDrift(snapshotOf(testCase.before, testCase.status), testCase.now);
      const expected = { added: 0, removed: 0, deleted: 0, restored: 0, renamed: 0, infoChanged: 0, adminsChanged: 0, creatorChanged: 0, createTimeChanged: 0, ...testCase.counts };
      assert.deepEqual(driftCounts(drift), expected);
      assert.equal(drift.unchanged, testCase.unchanged);
      assert.equal(hasDrift(drift), Object.values(testCase.counts).some((count) => count > 0));
    });
  }

  it("reports the details of each change, sorted by groupId", () => {
    const before = [group("b", { adminList: ["x", "y"] }), group("a", { groupName: "old", groupInfo: "i1" }), group("c"), group("d")];
    const now = [group("e"), group("d", { deleted: true }), group("b", { adminList: ["y", "z"] }), group("a", { groupName: "new", groupInfo: "i2" }), group("0new")];
    const drift = computeDrift(snapshotOf(before), now);
    assert.deepEqual(drift.added.map((g) => g.groupId), ["0new", "e"]);
    assert.deepEqual(drift.removed.map((g) => g.groupId), ["c"]);
    assert.deepEqual(drift.deleted.map((g) => [g.groupId, g.deleted]), [["d", true]]);
    assert.deepEqual(drift.renamed, [{ groupId: "a", from: "old", to: "new" }]);
    assert.deepEqual(drift.infoChanged, [{ groupId: "a", from: "i1", to: "i2" }]);
    assert.deepEqual(drift.adminsChanged, [{ groupId: "b", added: ["z"], removed: ["x"] }]);
    assert.equal(drift.appId, "app");
    assert.equal(drift.dataCenter, "cn-shanghai");
  });
});

describe("groupsForDrift: an app whose all-status count outgrew one listing", () => {
  const group = (groupId: string, deleted: boolean): LiveMessageGroup =>
    ({ groupId, groupName: groupId, groupInfo: "", creatorId: "c", adminList: [], createTime: 1, deleted });
  const list = (groupStatus: GroupStatus, groups: LiveMessageGroup[]): LiveMessageGroupList =>
    ({ appId: "app", dataCenter: "cn-shanghai", groupStatus, sortOrder: "asc", totalCount: groups.length, groups, requests: 1, retries: 0, elapsedMs: 1 });
  const tooMany = new ClientError("app app reports 510000 groups for groupStatus all", { code: "TooManyPages", attempts: 1 });

  it("lists every group in one listing when it can", async () => {
    const asked: GroupStatus[] = [];
    const groups = await groupsForDrift(async (status) => (asked.push(status), list(status, [group("a", false), group("b", true)])));
    assert.deepEqual(asked, ["all"]);
    assert.deepEqual(groups.map((g) => g.groupId), ["a", "b"]);
  });

  it("past the page ceiling: existing, then deleted, one after the other; a group deleted in between is taken as deleted, once", async () => {
    const asked: GroupStatus[] = [];
    const groups = await groupsForDrift(async (status) => {
      asked.push(status);
      if (status === "all") throw tooMany;
      return status === "existing" ? list(status, [group("a", false), group("moved", false)]) : list(status, [group("moved", true), group("z", true)]);
    });
    assert.deepEqual(asked, ["all", "existing", "deleted"]);
    assert.deepEqual(groups.map((g) => [g.groupId, g.deleted]), [["a", false], ["moved", true], ["z", true]]);
  });

  it("any other failure, or the ceiling within one status, fails the check", async () => {
    await assert.rejects(groupsForDrift(async () => { throw new ClientError("no", { code: "NoAuth" }); }), /no/);
    await assert.rejects(groupsForDrift(async () => { throw tooMany; }), (error: unknown) => error === tooMany);
  });
});
