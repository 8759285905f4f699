import type { EmulatorDataCenter, EmulatorGroup } from "./types";

/** A stored group plus what only the service knows about it. */
export interface GroupRecord {
  /** The live object; never handed out (the store returns copies). */
  readonly group: EmulatorGroup;
  /** Insertion sequence: breaks createTime ties (tieOrder "insertion", and equal ids) the same way in both sort orders. */
  readonly seq: number;
  deletor: string;
  /** Unix seconds; 0 while the group exists. */
  deleteTime: number;
  /** Cached wire JSON of the list entry; null after any change. */
  wire: string | null;
}

/** Status filter of ListLiveMessageGroupByPage: 0 all, 1 existing, 2 deleted. */
export type GroupStatusCode = 0 | 1 | 2;

/**
 * How groups sharing one createTime second are ordered (ascending; descending is the exact reverse).
 * "insertion": creation order, so a group created in the newest second always lands last.
 * "groupId": by id, so a group created in an existing second can land between older ones, as the
 * service's undocumented tie order may do (consistency tests need that case).
 */
export type TieOrder = "insertion" | "groupId";

/**
 * One app and its groups, kept in ascending (createTime, tie order) order at all times so a list page is
 * a slice, never a sort. The status-filtered views are rebuilt lazily after a change: O(n) once,
 * then O(1) per page for as long as nothing changes (the benchmark case).
 */
export class AppRecord {
  readonly byId = new Map<string, GroupRecord>();
  private readonly ordered: GroupRecord[] = [];
  private existing: GroupRecord[] | null = null;
  private deleted: GroupRecord[] | null = null;

  constructor(
    readonly appId: string,
    readonly dataCenter: EmulatorDataCenter,
    readonly appName: string,
    private readonly tieOrder: TieOrder = "insertion",
  ) {}

  /** The groups of one status in ascending order. The caller must not mutate the array. */
  view(status: GroupStatusCode): readonly GroupRecord[] {
    if (status === 0) return this.ordered;
    if (this.existing === null || this.deleted === null) {
      this.existing = [];
      this.deleted = [];
      for (const record of this.ordered) (record.group.deleted ? this.deleted : this.existing).push(record);
    }
    return status === 1 ? this.existing : this.deleted;
  }

  insert(record: GroupRecord): void {
    this.byId.set(record.group.groupId, record);
    this.place(record);
  }

  /** Call after changing a record in place; `moved` when its createTime changed. */
  changed(record: GroupRecord, moved: boolean): void {
    record.wire = null;
    if (moved) {
      this.ordered.splice(this.ordered.indexOf(record), 1);
      this.place(record);
    } else {
      this.invalidate();
    }
  }

  private place(record: GroupRecord): void {
    const last = this.ordered[this.ordered.length - 1];
    const compare = this.tieOrder === "groupId" ? byTimeThenId : byTimeThenSeq;
    if (last === undefined || compare(last, record) < 0) {
      this.ordered.push(record);
    } else {
      let low = 0;
      let high = this.ordered.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        const probe = this.ordered[mid];
        if (probe !== undefined && compare(probe, record) < 0) low = mid + 1;
        else high = mid;
      }
      this.ordered.splice(low, 0, record);
    }
    this.invalidate();
  }

  private invalidate(): void {
    this.existing = null;
    this.deleted = null;
  }
}

function byTimeThenSeq(a: GroupRecord, b: GroupRecord): number {
  return a.group.createTime - b.group.createTime || a.seq - b.seq;
}

function byTimeThenId(a: GroupRecord, b: GroupRecord): number {
  const time = a.group.createTime - b.group.createTime;
  if (time !== 0) return time;
  const idA = a.group.groupId;
  const idB = b.group.groupId;
  return idA < idB ? -1 : idA > idB ? 1 : a.seq - b.seq;
}
