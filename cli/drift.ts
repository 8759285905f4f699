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
export type FieldChange<T> = { readonly groupId: string; readonly from: T; readonly to: T };
/** Admins added to and removed from a group (compared as sets: order is not drift). */
export type AdminChange = { readonly groupId: string; readonly added: readonly string[]; readonly removed: readonly string[] };

/** The kinds of change, in report order. */
export const DRIFT_KINDS = [
  "added", "removed", "deleted", "restored", "renamed", "infoChanged", "adminsChanged", "creatorChanged", "createTimeChanged",
] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

/** What one change of each kind records. */
interface Change extends Record<DriftKind, unknown> {
  added: LiveMessageGroup; removed: LiveMessageGroup; deleted: LiveMessageGroup; restored: LiveMessageGroup; adminsChanged: AdminChange;
  renamed: FieldChange<string>; infoChanged: FieldChange<string>; creatorChanged: FieldChange<string>; createTimeChanged: FieldChange<number>;
}

/**
 * The changes of each kind, sorted by groupId: `added` (new groups within the snapshot's scope,
 * current state), `removed` (snapshot groups no longer listed at all, snapshot state), `deleted`
 * (live in the snapshot, flagged deleted now) and `restored` (the reverse), field changes, and
 * `createTimeChanged` (same groupId, different creation time: re-created). `unchanged` counts the
 * snapshot groups still present with no change at all.
 */
export type Drift = { readonly appId: string; readonly dataCenter: DataCenter; readonly groupStatus: GroupStatus; readonly unchanged: number }
  & { readonly [K in DriftKind]: readonly Change[K][] };

/** The field compared for each kind of field change. */
const FIELDS = { renamed: "groupName", infoChanged: "groupInfo", creatorChanged: "creatorId", createTimeChanged: "createTime" } as const;

/**
 * Compares `snapshot` with `current`, a listing of the same app with groupStatus "all" (so
 * that groups deleted since the snapshot are seen as deleted, not as gone). New groups count as
 * added only when they fall in the snapshot's scope (`existing`: live ones, `deleted`: deleted
 * ones, `all`: every one).
 */
export function computeDrift(snapshot: Snapshot, current: readonly LiveMessageGroup[]): Drift {
  const before = new Map(snapshot.groups.map((group) => [group.groupId, group]));
  const now = new Map(current.map((group) => [group.groupId, group]));
  const changes = Object.fromEntries(DRIFT_KINDS.map((kind) => [kind, [] as { groupId: string }[]])) as Record<DriftKind, { groupId: string }[]>;
  let unchanged = 0;
  const countAll = (): number => DRIFT_KINDS.reduce((sum, kind) => sum + changes[kind].length, 0);
  const inScope = (group: LiveMessageGroup): boolean => snapshot.groupStatus === "all" || (snapshot.groupStatus === "deleted") === group.deleted;
  for (const group of now.values()) if (!before.has(group.groupId) && inScope(group)) changes.added.push(group);
  for (const old of before.values()) {
    const group = now.get(old.groupId);
    if (group === undefined) {
      changes.removed.push(old);
      continue;
    }
    const changesBefore = countAll();
    if (old.deleted !== group.deleted) (group.deleted ? changes.deleted : changes.restored).push(group);
    for (const kind of Object.keys(FIELDS) as (keyof typeof FIELDS)[]) {
      const field = FIELDS[kind];
      if (old[field] !== group[field]) changes[kind].push({ groupId: group.groupId, from: old[field], to: group[field] } as FieldChange<unknown>);
    }
    const [was, is] = [new Set(old.adminList), new Set(group.adminList)];
    const added = [...is].filter((admin) => !was.has(admin)).sort(compareIds);
    const removed = [...was].filter((admin) => !is.has(admin)).sort(compareIds);
    if (added.length > 0 || removed.length > 0) changes.adminsChanged.push({ groupId: group.groupId, added, removed } as AdminChange);
    if (countAll() === changesBefore) unchanged += 1;
  }
  for (const kind of DRIFT_KINDS) changes[kind].sort((a, b) => compareIds(a.groupId, b.groupId));
  return { appId: snapshot.appId, dataCenter: snapshot.dataCenter, groupStatus: snapshot.groupStatus, ...changes, unchanged } as unknown as Drift;
}

export const driftCounts = (drift: Drift): Record<DriftKind, number> =>
  Object.fromEntries(DRIFT_KINDS.map((kind) => [kind, drift[kind].length])) as Record<DriftKind, number>;

export const hasDrift = (drift: Drift): boolean => DRIFT_KINDS.some((kind) => drift[kind].length > 0);
