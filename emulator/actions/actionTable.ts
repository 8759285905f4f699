import type { ActionHandler } from "./actionContext";
import { createLiveMessageApp } from "./createLiveMessageApp";
import { createLiveMessageGroup } from "./createLiveMessageGroup";
import { deleteLiveMessageGroup } from "./deleteLiveMessageGroup";
import { describeLiveMessageGroup } from "./describeLiveMessageGroup";
import { listLiveMessageGroupByPage } from "./listLiveMessageGroupByPage";

/** The actions the emulator serves, by their wire names. */
export const ACTION_TABLE: ReadonlyMap<string, ActionHandler> = new Map([
  ["ListLiveMessageGroupByPage", listLiveMessageGroupByPage],
  ["CreateLiveMessageApp", createLiveMessageApp],
  ["CreateLiveMessageGroup", createLiveMessageGroup],
  ["DeleteLiveMessageGroup", deleteLiveMessageGroup],
  ["DescribeLiveMessageGroup", describeLiveMessageGroup],
]);

/** The one API version served. */
export const API_VERSION = "2016-11-01";
