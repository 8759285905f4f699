import { EMULATOR_DEFAULTS } from "./defaults";
import { AppRecord, type GroupRecord, type TieOrder } from "./appRecord";
import type { EmulatorDataCenter, EmulatorGroup, EmulatorStore } from "./types";

/**
 * The emulator's data: apps and their groups. Implements the public {@link EmulatorStore} (test
 * set-up, which throws plain errors) plus what the HTTP actions need (records, service-only fields).
 */
export class GroupStore implements EmulatorStore {
  private readonly apps = new Map<string, AppRecord>();
  private seq = 0;

  /**
   * @param nowMs the emulator's clock, ms since the epoch.
   * @param tieOrder order of groups sharing a createTime second (default "insertion").
   */
  constructor(private readonly nowMs: () => number, private readonly tieOrder: TieOrder = "insertion") {}

  app(appId: string): AppRecord | undefined {
    return this.apps.get(appId);
  }

  hasApp(appId: string): boolean {
    return this.apps.has(appId);
  }

  createApp(appId: string, dataCenter: EmulatorDataCenter = EMULATOR_DEFAULTS.dataCenter, appName = appId): void {
    if (this.apps.has(appId)) throw new Error(`app ${appId} already exists`);
    this.apps.set(appId, new AppRecord(appId, dataCenter, appName, this.tieOrder));
  }

  createGroup(appId: string, group: Partial<EmulatorGroup> & { groupId: string }): EmulatorGroup {
    const app = this.requireApp(appId);
    if (app.byId.has(group.groupId)) throw new Error(`group ${group.groupId} already exists in app ${appId}`);
    const stored: EmulatorGroup = {
      groupId: group.groupId,
      groupName: group.groupName ?? "",
      groupInfo: group.groupInfo ?? "",
      creatorId: group.creatorId ?? "",
      adminList: [...(group.adminList ?? [])],
      createTime: group.createTime ?? this.currentSecond(),
      deleted: group.deleted ?? false,
    };
    // Seeded deleted groups get a plausible deletion record: their creator, an hour later.
    const record: GroupRecord = {
      group: stored,
      seq: this.seq++,
      deletor: stored.deleted ? stored.creatorId : "",
      deleteTime: stored.deleted ? stored.createTime + 3600 : 0,
      wire: null,
    };
    app.insert(record);
    return copy(stored);
  }

  deleteGroup(appId: string, groupId: string): void {
    // A typo in a test's set-up fails loudly, as updateGroup does (over HTTP: 404 ResourceNotExist).
    if (!this.markDeleted(appId, groupId, "")) throw new Error(`group ${groupId} not found in app ${appId}`);
  }

  /** Marks a group deleted (idempotent); false when the group does not exist. */
  markDeleted(appId: string, groupId: string, operatorId: string): boolean {
    const app = this.requireApp(appId);
    const record = app.byId.get(groupId);
    if (record === undefined) return false;
    if (!record.group.deleted) {
      record.group.deleted = true;
      record.deletor = operatorId;
      record.deleteTime = Math.floor(this.nowMs() / 1000);
      app.changed(record, false);
    }
    return true;
  }

  updateGroup(appId: string, groupId: string, patch: Partial<Omit<EmulatorGroup, "groupId">>): void {
    const app = this.requireApp(appId);
    const record = app.byId.get(groupId);
    if (record === undefined) throw new Error(`group ${groupId} not found in app ${appId}`);
    const group = record.group;
    const moved = patch.createTime !== undefined && patch.createTime !== group.createTime;
    if (patch.groupName !== undefined) group.groupName = patch.groupName;
    if (patch.groupInfo !== undefined) group.groupInfo = patch.groupInfo;
    if (patch.creatorId !== undefined) group.creatorId = patch.creatorId;
    if (patch.adminList !== undefined) group.adminList = [...patch.adminList];
    if (patch.createTime !== undefined) group.createTime = patch.createTime;
    if (patch.deleted !== undefined && patch.deleted !== group.deleted) {
      group.deleted = patch.deleted;
      record.deletor = "";
      record.deleteTime = patch.deleted ? Math.floor(this.nowMs() / 1000) : 0;
    }
    app.changed(record, moved);
  }

  groups(appId: string): EmulatorGroup[] {
    return this.requireApp(appId).view(0).map((record) => copy(record.group));
  }

  /**
   * Creation time of a new group: the current second of the emulator's clock, as the service stamps
   * it. Several groups created within one second share it (a tie, ordered by the tie order); no
   * group is stamped in the future, whatever was created before.
   */
  currentSecond(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  private requireApp(appId: string): AppRecord {
    const app = this.apps.get(appId);
    if (app === undefined) throw new Error(`app ${appId} not found`);
    return app;
  }
}

function copy(group: EmulatorGroup): EmulatorGroup {
  return { ...group, adminList: [...group.adminList] };
}
