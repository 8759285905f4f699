import { strict as assert } from "node:assert";
import { startEmulator } from "../../emulator";
import { GroupStore } from "../../emulator/groupStore";
import { generateGroups } from "../../emulator/seed";

describe("emulator: generateGroups", () => {
  it("is reproducible per seed and differs across seeds", () => {
    assert.deepEqual(generateGroups(5, 50), generateGroups(5, 50));
    assert.notDeepEqual(generateGroups(5, 50), generateGroups(6, 50));
    assert.deepEqual(generateGroups(5, 10), generateGroups(5, 50).slice(0, 10));
  });

  it("makes realistic groups: ids, names, info JSON, creators, 0..4 admins, increasing createTime", () => {
    const groups = generateGroups(1, 500);
    assert.equal(new Set(groups.map((group) => group.groupId)).size, 500);
    groups.forEach((group, i) => {
      assert.match(group.groupId, new RegExp(`^group-${String(i).padStart(6, "0")}-[a-z0-9]{4}$`));
      assert.match(group.groupName, /^\S+ \S+ \S+$/);
      assert.equal(typeof (JSON.parse(group.groupInfo) as { topic: unknown }).topic, "string");
      assert.match(group.creatorId, /^user-\d{5}$/);
      assert.ok(group.adminList.length <= 4);
      if (i > 0) assert.ok(group.createTime > (groups[i - 1]?.createTime ?? Infinity));
    });
    assert.ok(new Set(groups.map((group) => group.adminList.length)).size === 5, "every admin count 0..4 occurs");
  });

  const fractions = [{ fraction: 0, low: 0, high: 0 }, { fraction: 0.25, low: 200, high: 300 }, { fraction: 1, low: 1000, high: 1000 }];
  for (const row of fractions) {
    it(`marks about ${row.fraction * 100}% deleted at deletedFraction ${row.fraction}`, () => {
      const deleted = generateGroups(9, 1000, { deletedFraction: row.fraction }).filter((group) => group.deleted).length;
      assert.ok(deleted >= row.low && deleted <= row.high, String(deleted));
    });
  }

  it("starts at startTime and rejects bad arguments", () => {
    assert.equal(generateGroups(1, 1, { startTime: 1_700_000_000 })[0]?.createTime, 1_700_000_000);
    assert.deepEqual(generateGroups(1, 0), [], "no groups is a count too");
    assert.throws(() => generateGroups(1, -1), { name: "RangeError", message: "count must be a non-negative integer, got -1" });
    assert.throws(() => generateGroups(1, 1.5), RangeError);
    assert.throws(() => generateGroups(1, 1, { deletedFraction: 2 }), RangeError);
    assert.throws(() => generateGroups(1, 1, { deletedFraction: -0.5 }), { name: "RangeError", message: "deletedFraction must be in 0..1, got -0.5" });
  });

  it("is exactly what the emulator seeds for apps[].groups", async () => {
    const emulator = await startEmulator({ seed: 42, apps: [{ appId: "a", groups: 30, deletedFraction: 0.5 }] });
    try {
      assert.deepEqual(emulator.store.groups("a"), generateGroups(42, 30, { deletedFraction: 0.5 }));
    } finally {
      await emulator.close();
    }
  });
});

describe("emulator: GroupStore", () => {
  let nowMs = 1_700_000_000_000;
  const ids = (store: GroupStore, status: 0 | 1 | 2 = 0): string[] => (store.app("a")?.view(status) ?? []).map((record) => record.group.groupId);

  it("orders by createTime, ties by insertion, wherever a group is inserted", () => {
    const store = new GroupStore(() => nowMs);
    store.createApp("a");
    for (const [groupId, createTime] of [["c", 30], ["a", 10], ["d", 30], ["b", 20], ["a2", 10]] as const) store.createGroup("a", { groupId, createTime });
    assert.deepEqual(ids(store), ["a", "a2", "b", "c", "d"]);
    store.updateGroup("a", "a", { createTime: 30 });
    assert.deepEqual(ids(store), ["a2", "b", "c", "a", "d"], "a moved keeps its original sequence among the ties");
  });

  it("defaults createTime to the clock's current second: quick creations tie, none is in the future", () => {
    const store = new GroupStore(() => nowMs);
    store.createApp("a");
    store.createGroup("a", { groupId: "future", createTime: 1_700_000_500 });
    assert.equal(store.createGroup("a", { groupId: "x" }).createTime, 1_700_000_000);
    nowMs += 999;
    assert.equal(store.createGroup("a", { groupId: "y" }).createTime, 1_700_000_000);
    nowMs += 60_001;
    assert.equal(store.createGroup("a", { groupId: "z" }).createTime, 1_700_000_061);
    assert.deepEqual(ids(store), ["x", "y", "z", "future"], "explicit createTimes are kept as given");
  });

  const tieTable: ReadonlyArray<readonly ["insertion" | "groupId" | undefined, readonly string[]]> = [
    [undefined, ["old", "m", "c", "x", "a", "new"]],
    ["insertion", ["old", "m", "c", "x", "a", "new"]],
    ["groupId", ["old", "a", "c", "m", "x", "new"]],
  ];
  for (const [tieOrder, expected] of tieTable) {
    it(`tieOrder ${tieOrder ?? "(default)"}: a group created in an existing second lands at ${tieOrder === "groupId" ? "its id's place" : "the end of that second"}`, () => {
      const store = new GroupStore(() => 1_700_000_000_000, tieOrder);
      store.createApp("a");
      store.createGroup("a", { groupId: "old", createTime: 1_600_000_000 });
      for (const groupId of ["m", "c", "x"]) store.createGroup("a", { groupId });
      store.createGroup("a", { groupId: "new", createTime: 1_700_000_001 });
      store.createGroup("a", { groupId: "a" });
      assert.deepEqual(ids(store), expected);
      store.deleteGroup("a", "c");
      assert.deepEqual(ids(store, 1), expected.filter((id) => id !== "c"));
    });
  }

  it("keeps the status views in step with deletions and updates", () => {
    const store = new GroupStore(() => nowMs);
    store.createApp("a", "ap-southeast-1");
    for (const groupId of ["p", "q", "r"]) store.createGroup("a", { groupId });
    assert.deepEqual([ids(store, 1), ids(store, 2)], [["p", "q", "r"], []]);
    store.deleteGroup("a", "q");
    assert.deepEqual([ids(store, 1), ids(store, 2)], [["p", "r"], ["q"]]);
    store.updateGroup("a", "q", { deleted: false, groupName: "back", adminList: ["x"], groupInfo: "i", creatorId: "c" });
    store.updateGroup("a", "p", { deleted: true });
    assert.deepEqual([ids(store, 1), ids(store, 2)], [["q", "r"], ["p"]]);
    assert.deepEqual(store.groups("a")[1], { groupId: "q", groupName: "back", groupInfo: "i", creatorId: "c", adminList: ["x"], createTime: 1_700_000_061, deleted: false });
    assert.equal(store.app("a")?.dataCenter, "ap-southeast-1");
  });

  it("stores absent fields as empty, keeps what a patch leaves out, and keeps each group's deletion record", () => {
    // What DescribeLiveMessageGroup and the listings answer: an absent field stored as undefined
    // vanished from the JSON, a partial patch cleared the rest (Delete included), and the deletion
    // record (Deletor, Deletatime) went wrong on a second delete, an update or a seeded deletion.
    const store = new GroupStore(() => 1_700_000_123_456);
    store.createApp("a");
    const record = (groupId: string): [string | undefined, number | undefined] => {
      const found = store.app("a")?.byId.get(groupId);
      return [found?.deletor, found?.deleteTime];
    };
    store.createGroup("a", { groupId: "bare" });
    const bare = { groupId: "bare", groupName: "", groupInfo: "", creatorId: "", adminList: [], createTime: 1_700_000_123, deleted: false };
    assert.deepEqual(store.groups("a"), [bare]);
    store.createGroup("a", { groupId: "seeded", creatorId: "u1", createTime: 1_600_000_000, deleted: true });
    assert.deepEqual(record("seeded"), ["u1", 1_600_003_600], "a seeded deletion: its creator, an hour later");
    store.deleteGroup("a", "bare");
    assert.deepEqual(record("bare"), ["", 1_700_000_123]);
    assert.ok(store.markDeleted("a", "bare", "someone-else"));
    assert.deepEqual(record("bare"), ["", 1_700_000_123], "deleting again changes nothing");
    store.updateGroup("a", "bare", { groupName: "renamed" });
    assert.deepEqual(store.groups("a")[1], { ...bare, groupName: "renamed", deleted: true });
    store.updateGroup("a", "bare", { deleted: false });
    assert.deepEqual(store.groups("a")[1], { ...bare, groupName: "renamed" });
    assert.deepEqual(record("bare"), ["", 0]);
    store.updateGroup("a", "seeded", { deleted: false });
    assert.deepEqual(record("seeded"), ["", 0]);
    store.updateGroup("a", "seeded", { deleted: true });
    assert.deepEqual(record("seeded"), ["", 1_700_000_123]);
  });

  it("hands out copies and throws on unknown or duplicate ids", () => {
    const store = new GroupStore(() => nowMs);
    store.createApp("a");
    const created = store.createGroup("a", { groupId: "g", adminList: ["x"] });
    created.adminList.push("mutated");
    store.groups("a")[0]?.adminList.push("mutated");
    assert.deepEqual(store.groups("a")[0]?.adminList, ["x"]);
    assert.throws(() => store.createApp("a"), /already exists/);
    assert.throws(() => store.createGroup("a", { groupId: "g" }), /already exists/);
    assert.throws(() => store.createGroup("b", { groupId: "g" }), /not found/);
    assert.throws(() => store.updateGroup("a", "nope", {}), /not found/);
    assert.throws(() => store.deleteGroup("b", "g"), /not found/);
    assert.throws(() => store.deleteGroup("a", "nope"), /group nope not found in app a/);
    store.deleteGroup("a", "g");
    store.deleteGroup("a", "g"); // deleting a deleted group is no error, as over HTTP
  });
});
