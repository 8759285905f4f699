import { inputInvalid, missingParameter } from "../serviceError";
import { dataCenterParam, requireParam } from "../params";
import type { ActionHandler } from "./actionContext";

const APP_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const APP_ID_LENGTH = 6;

/**
 * `CreateLiveMessageApp`: AppName*, DataCenter* -> RequestId, AppId.
 * Emulator-only: an explicit `AppId` parameter picks the id (tests need stable ids); the real service
 * always invents one. An AppId already taken is 400 `InputInvalid`.
 */
export const createLiveMessageApp: ActionHandler = async (context) => {
  const { params } = context;
  const appName = requireParam(params, "AppName");
  const dataCenter = dataCenterParam(params);
  if (dataCenter === null) throw missingParameter("DataCenter");
  let appId = params["AppId"] ?? "";
  if (appId !== "") {
    if (appId.length > 64) throw inputInvalid("AppId", "longer than 64 characters.");
    if (context.store.hasApp(appId)) throw inputInvalid("AppId", `app ${appId} already exists.`);
  } else {
    do {
      appId = "";
      for (let i = 0; i < APP_ID_LENGTH; i++) appId += APP_ID_ALPHABET.charAt(context.ids.int(0, APP_ID_ALPHABET.length - 1));
    } while (context.store.hasApp(appId));
  }
  context.store.createApp(appId, dataCenter, appName);
  return JSON.stringify({ RequestId: context.requestId, AppId: appId });
};
