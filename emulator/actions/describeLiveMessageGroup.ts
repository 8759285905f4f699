import { groupIdParam, resolveApp } from "../params";
import { hashString } from "../random";
import { resourceNotExist } from "../serviceError";
import { toWireGroup } from "../wire";
import type { ActionHandler } from "./actionContext";

/**
 * `DescribeLiveMessageGroup`: AppId*, GroupId*, DataCenter -> the group's fields plus Deletor,
 * Deletatime (sic, as the service spells it), MsgAmount, OnlineUserCounts, TotalTimes,
 * SuperLargeGroup. The activity counters are derived from the group id, so they are stable.
 */
export const describeLiveMessageGroup: ActionHandler = async (context) => {
  const { params } = context;
  const app = resolveApp(context.store, params);
  const groupId = groupIdParam(params);
  const record = app.byId.get(groupId);
  if (record === undefined) throw resourceNotExist(`GroupId ${groupId}`);
  const activity = hashString(groupId);
  return JSON.stringify({
    RequestId: context.requestId,
    ...toWireGroup(record),
    Deletor: record.deletor,
    Deletatime: record.deleteTime,
    MsgAmount: activity % 100_000,
    OnlineUserCounts: record.group.deleted ? 0 : (activity >>> 8) % 500,
    TotalTimes: (activity >>> 4) % 10_000,
    SuperLargeGroup: false,
  });
};
