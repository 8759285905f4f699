import type { AppRecord } from "./appRecord";
import type { GroupStore } from "./groupStore";
import { inputInvalid, missingParameter, resourceNotExist } from "./serviceError";
import type { EmulatorDataCenter } from "./types";

/** Request parameters (query and form body), by their wire names. */
export type Params = Readonly<Record<string, string>>;

const DATA_CENTERS: readonly string[] = ["cn-shanghai", "ap-southeast-1"];

/** A required, non-empty parameter. */
export function requireParam(params: Params, name: string): string {
  const value = params[name];
  if (value === undefined || value === "") throw missingParameter(name);
  return value;
}

/** An integer parameter in [min, max]; `fallback` when absent or empty. */
export function intParam(params: Params, name: string, min: number, max: number, fallback: number): number {
  const raw = params[name];
  if (raw === undefined || raw === "") return fallback;
  if (!/^-?\d+$/.test(raw)) throw inputInvalid(name, `"${raw}" is not an integer.`);
  const value = Number(raw);
  if (value < min || value > max) throw inputInvalid(name, `${raw} is out of range ${min}..${max}.`);
  return value;
}

/** An optional `DataCenter`: null when absent, else one of the two data centers. */
export function dataCenterParam(params: Params): EmulatorDataCenter | null {
  const raw = params["DataCenter"];
  if (raw === undefined || raw === "") return null;
  if (!DATA_CENTERS.includes(raw)) throw inputInvalid("DataCenter", `"${raw}" is not one of cn-shanghai, ap-southeast-1.`);
  return raw as EmulatorDataCenter;
}

/**
 * The app named by `AppId`, checked against `DataCenter`. Unknown app: 404 `ResourceNotExist`.
 * A data center other than the app's: 400 `InputInvalid` naming DataCenter (the service keeps each
 * app in one data center, so asking the other one is a bad request, not a missing app).
 */
export function resolveApp(store: GroupStore, params: Params): AppRecord {
  const appId = requireParam(params, "AppId");
  const dataCenter = dataCenterParam(params);
  const app = store.app(appId);
  if (app === undefined) throw resourceNotExist(`AppId ${appId}`);
  if (dataCenter !== null && dataCenter !== app.dataCenter) {
    throw inputInvalid("DataCenter", `app ${appId} is in ${app.dataCenter}, not ${dataCenter}.`);
  }
  return app;
}

/** A required `GroupId` of at most 64 characters. */
export function groupIdParam(params: Params): string {
  const groupId = requireParam(params, "GroupId");
  if (groupId.length > 64) throw inputInvalid("GroupId", "longer than 64 characters.");
  return groupId;
}
