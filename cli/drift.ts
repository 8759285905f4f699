/**
 * Drift between a snapshot and the app's groups now. Pure: no I/O, no clock.
 *
 * Identity is the groupId. A group that is still listed but flagged `deleted` is "deleted"
 * (the service keeps deleted groups listable); a group of the snapshot that is not listed at
 * all any more is "removed". One group may show several changes (renamed and admins changed).
 */
import type { DataCenter, GroupStatus, LiveMessageGroup } from "../sdk";
import type { Snapshot } from "./snapshot";
import { compareIds } from "./snapshot";

/** A field that went from one value to another. */
export interface FieldChange<T> {
  readonly groupId: string;
  readonly from: T;
  readonly to: T;
}

/** Admins added to and removed from a group (compared as sets: order is not drift). */
export interface AdminChange {
  readonly groupId: string;
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

export interface Drift {
  readonly appId: string;
  readonly dataCenter: DataCenter;
  readonly groupStatus: GroupStatus;
  /** New groups within the snapshot's scope (their current state). */
  readonly added: readonly LiveMessageGroup[];
  /** Groups of the snapshot that are no longer listed at all (their snapshot state). */
  readonly removed: readonly LiveMessageGroup[];
  /** Groups live in the snapshot and flagged deleted now (their current state). */
  readonly deleted: readonly LiveMessageGroup[];
  /** Groups deleted in the snapshot and live now (their current state). */
  readonly restored: readonly LiveMessageGroup[];
  readonly renamed: readonly FieldChange<string>[];
  readonly infoChanged: readonly FieldChange<string>[];
  readonly adminsChanged: readonly AdminChange[];
  readonly creatorChanged: readonly FieldChange<string>[];
  /** Same groupId, different creation time: the group was re-created. */
  readonly createTimeChanged: readonly FieldChange<number>[];
  /** Snapshot groups still present with no change at all. */
  readonly unchanged: number;
}

/** The kinds of change, in report order. */
export const DRIFT_KINDS = [
  "added", "removed", "deleted", "restored", "renamed", "infoChanged", "adminsChanged", "creatorChanged", "createTimeChanged",
] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

/**
 * Compares `snapshot` with `current`, a listing of the same app with groupStatus "all" (so
 * that groups deleted since the snapshot are seen as deleted, not as gone). New groups count as
 * added only when they fall in the snapshot's scope (`existing`: live ones, `deleted`: deleted
 * ones, `all`: every one).
 */
export function computeDrift(snapshot: Snapshot, current: readonly LiveMessageGroup[]): Drift {
  const before = new Map(snapshot.groups.map((group) => [group.groupId, group]));
  const now = new Map(current.map((group) => [group.groupId, group]));
  const added: LiveMessageGroup[] = [];
  const removed: LiveMessageGroup[] = [];
  const deleted: LiveMessageGroup[] = [];
  const restored: LiveMessageGroup[] = [];
  const renamed: FieldChange<string>[] = [];
  const infoChanged: FieldChange<string>[] = [];
  const adminsChanged: AdminChange[] = [];
  const creatorChanged: FieldChange<string>[] = [];
  const createTimeChanged: FieldChange<number>[] = [];
  let unchanged = 0;

  for (const group of now.values()) {
    if (!before.has(group.groupId) && inScope(group, snapshot.groupStatus)) added.push(group);
  }
  for (const old of before.values()) {
    const group = now.get(old.groupId);
    if (group === undefined) {
      removed.push(old);
      continue;
    }
    let changed = false;
    const note = <T>(list: FieldChange<T>[], from: T, to: T): void => {
      if (from !== to) {
        list.push({ groupId: group.groupId, from, to });
        changed = true;
      }
    };
    if (!old.deleted && group.deleted) deleted.push(group);
    if (old.deleted && !group.deleted) restored.push(group);
    changed ||= old.deleted !== group.deleted;
    note(renamed, old.groupName, group.groupName);
    note(infoChanged, old.groupInfo, group.groupInfo);
    note(creatorChanged, old.creatorId, group.creatorId);
    note(createTimeChanged, old.createTime, group.createTime);
    const admins = compareAdmins(old.adminList, group.adminList);
    if (admins.added.length > 0 || admins.removed.length > 0) {
      adminsChanged.push({ groupId: group.groupId, ...admins });
      changed = true;
    }
    if (!changed) unchanged += 1;
  }

  const byId = (a: { groupId: string }, b: { groupId: string }): number => compareIds(a.groupId, b.groupId);
  return {
    appId: snapshot.appId,
    dataCenter: snapshot.dataCenter,
    groupStatus: snapshot.groupStatus,
    added: added.sort(byId),
    removed: removed.sort(byId),
    deleted: deleted.sort(byId),
    restored: restored.sort(byId),
    renamed: renamed.sort(byId),
    infoChanged: infoChanged.sort(byId),
    adminsChanged: adminsChanged.sort(byId),
    creatorChanged: creatorChanged.sort(byId),
    createTimeChanged: createTimeChanged.sort(byId),
    unchanged,
  };
}

/** Number of changes of each kind. */
export function driftCounts(drift: Drift): Record<DriftKind, number> {
  const counts = {} as Record<DriftKind, number>;
  for (const kind of DRIFT_KINDS) counts[kind] = drift[kind].length;
  return counts;
}

/** True when anything changed. */
export function hasDrift(drift: Drift): boolean {
  return DRIFT_KINDS.some((kind) => drift[kind].length > 0);
}

function inScope(group: LiveMessageGroup, status: GroupStatus): boolean {
  return status === "all" || (status === "deleted") === group.deleted;
}

function compareAdmins(from: readonly string[], to: readonly string[]): { added: string[]; removed: string[] } {
  const oldSet = new Set(from);
  const newSet = new Set(to);
  return {
    added: [...newSet].filter((admin) => !oldSet.has(admin)).sort(compareIds),
    removed: [...oldSet].filter((admin) => !newSet.has(admin)).sort(compareIds),
  };
}
