import type { GroupRecord } from "./appRecord";

/** The wire (PascalCase) fields every group answer carries. */
export interface WireGroup {
  GroupId: string;
  CreatorId: string;
  AdminList: string[];
  /** Unix seconds. */
  Createtime: number;
  GroupName: string;
  GroupInfo: string;
  Delete: boolean;
}

/** A group as the service spells it. */
export function toWireGroup(record: GroupRecord): WireGroup {
  const group = record.group;
  return {
    GroupId: group.groupId,
    CreatorId: group.creatorId,
    AdminList: [...group.adminList],
    Createtime: group.createTime,
    GroupName: group.groupName,
    GroupInfo: group.groupInfo,
    Delete: group.deleted,
  };
}

/** JSON of one `GroupList` entry, cached on the record until it changes (lists are the hot path). */
export function listEntryJson(record: GroupRecord): string {
  if (record.wire === null) record.wire = JSON.stringify(toWireGroup(record));
  return record.wire;
}
