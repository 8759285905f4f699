import { groupIdParam, resolveApp } from "../params";
import type { ActionHandler } from "./actionContext";

/**
 * `CreateLiveMessageGroup`: AppId*, GroupId*, CreatorId, DataCenter, GroupInfo, GroupName,
 * Administrators (comma-joined) -> RequestId, GroupId, AlreadyExists, AlreadyDelete.
 * An existing id is not an error: nothing changes and the flags say why (a deleted id stays taken).
 */
export const createLiveMessageGroup: ActionHandler = async (context) => {
  const { params } = context;
  const app = resolveApp(context.store, params);
  const groupId = groupIdParam(params);
  const existing = app.byId.get(groupId);
  if (existing === undefined) {
    context.store.createGroup(app.appId, {
      groupId,
      creatorId: params["CreatorId"] ?? "",
      groupName: params["GroupName"] ?? "",
      groupInfo: params["GroupInfo"] ?? "",
      adminList: (params["Administrators"] ?? "").split(",").map((admin) => admin.trim()).filter((admin) => admin !== ""),
    });
  }
  return JSON.stringify({
    RequestId: context.requestId,
    GroupId: groupId,
    AlreadyExists: existing !== undefined,
    AlreadyDelete: existing?.group.deleted ?? false,
  });
};
