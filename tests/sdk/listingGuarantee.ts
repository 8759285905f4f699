import assert from "node:assert/strict";
import type { Emulator } from "../../emulator/types";
import type { GroupStatus, LiveMessageGroupList } from "../../sdk/types";

/** Every group of an app: id -> deleted. */
export type Snapshot = ReadonlyMap<string, boolean>;

export function snapshot(emulator: Emulator, appId: string): Snapshot {
  return new Map(emulator.store.groups(appId).map((g) => [g.groupId, g.deleted]));
}

function inMode(deleted: boolean, status: GroupStatus): boolean {
  return status === "all" || deleted === (status === "deleted");
}

/**
 * The guarantee: every group in the mode both before and after (hence throughout: deletion is
 * final) appears exactly once; nothing twice; nothing that never existed in the mode.
 */
export function assertGuarantee(list: LiveMessageGroupList, before: Snapshot, after: Snapshot, status: GroupStatus): void {
  const returned = list.groups.map((g) => g.groupId);
  assert.equal(new Set(returned).size, returned.length, "no duplicates");
  for (const [id, deleted] of before) {
    const after_ = after.get(id);
    if (after_ !== undefined && inMode(deleted, status) && inMode(after_, status)) {
      assert.ok(returned.includes(id), `group ${id} existed throughout but is missing`);
    }
  }
  for (const group of list.groups) {
    const known = before.get(group.groupId) ?? after.get(group.groupId);
    assert.notEqual(known, undefined, `group ${group.groupId} was invented`);
    const couldMatch = inMode(before.get(group.groupId) ?? after.get(group.groupId) as boolean, status) ||
      inMode(after.get(group.groupId) as boolean, status);
    assert.ok(couldMatch, `group ${group.groupId} never matched ${status}`);
  }
  const times = list.groups.map((g) => g.createTime);
  const sorted = [...times].sort((a, b) => (list.sortOrder === "asc" ? a - b : b - a));
  assert.deepEqual(times, sorted, "order");
  assert.equal(list.totalCount, list.groups.length);
}

