import type { EmulatorDataCenter, EmulatorGroup } from "./types";

/** A stored group plus what only the service knows about it. */
export interface GroupRecord {
  /** The live object; never handed out (the store returns copies). */
  readonly group: EmulatorGroup;
  /** Insertion sequence: breaks createTime ties the same way in both sort orders. */
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
 * One app and its groups, kept in ascending (createTime, seq) order at all times so a list page is
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
  ) {}

  /** Highest createTime stored (the last in order), or 0. */
  maxCreateTime(): number {
    return this.ordered[this.ordered.length - 1]?.group.createTime ?? 0;
  }

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

function compare(a: GroupRecord, b: GroupRecord): number {
  return a.group.createTime - b.group.createTime || a.seq - b.seq;
}
