import { groupIdParam, resolveApp } from "../params";
import { resourceNotExist } from "../serviceError";
import type { ActionHandler } from "./actionContext";

/**
 * `DeleteLiveMessageGroup`: AppId*, GroupId*, DataCenter, OperatorId -> RequestId, GroupId.
 * Deleting twice succeeds (the group stays listed with Delete=true); an unknown group is 404.
 */
export const deleteLiveMessageGroup: ActionHandler = async (context) => {
  const { params } = context;
  const app = resolveApp(context.store, params);
  const groupId = groupIdParam(params);
  if (!context.store.markDeleted(app.appId, groupId, params["OperatorId"] ?? "")) {
    throw resourceNotExist(`GroupId ${groupId}`);
  }
  return JSON.stringify({ RequestId: context.requestId, GroupId: groupId });
};
