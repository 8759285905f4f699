/**
 * The `LiveMessageGroups` resource's lifecycle logic, shared by the dynamic provider and the
 * provider plugin: argument recovery from stored outputs, check, diff, outputs. Both providers
 * only translate their own wire shapes around these functions.
 */
import { isLiveMessageGroupsError } from "../sdk/errors";
import { DEFAULT_GROUP_STATUS, DEFAULT_SORT_ORDER } from "../sdk/validateOptions";
import { defaultDataCenter } from "./resolveSettings";
import type { SettingsSources } from "./settingsSources";
import type { GetLiveMessageGroupsResult } from "./types";
import { ARGUMENT_NAMES, validateArgs } from "./validateArgs";

/** A property bag as providers receive and return it. */
export type Props = Record<string, unknown>;

/** Properties that force a new resource: they say which app the resource reads. */
export const REPLACE_ON_CHANGE = ["appId", "dataCenter"] as const;

/** The output holding the `ids` filter (output `ids` holds the IDs of the groups listed). */
export const REQUESTED_IDS = "requestedIds";

/** A check failure in Pulumi's shape: the property, and a reason starting with it. */
export interface CheckFailure {
  readonly property: string;
  readonly reason: string;
}

/** The arguments stored in a resource's outputs (`ids` there is the result; the filter is `requestedIds`). */
export function argsFromOutputs(outputs: Props): Props {
  const args: Props = {};
  for (const name of ARGUMENT_NAMES) {
    const value = name === "ids" ? outputs[REQUESTED_IDS] : outputs[name];
    if (value !== undefined && value !== null) args[name] = value;
  }
  return args;
}

/**
 * Validates resource arguments (unknown values pass) and fills the defaults that identify the
 * listing: data center, status and order. Returns the completed arguments and the failures, each
 * reported by argument name.
 */
export function checkArgs(args: Props, sources: SettingsSources, isUnknown: (value: unknown) => boolean): { args: Props; failures: CheckFailure[] } {
  const completed: Props = { ...args };
  const failures: CheckFailure[] = validateArgs(completed, isUnknown).failures
    .map((f) => ({ property: f.property, reason: `${f.property}: expected ${f.allowed}` }));
  try {
    if (completed.dataCenter === undefined || completed.dataCenter === null) completed.dataCenter = defaultDataCenter(sources);
  } catch (error) {
    failures.push({ property: "dataCenter", reason: isLiveMessageGroupsError(error) ? error.message : "no valid default data center" });
  }
  completed.groupStatus ??= DEFAULT_GROUP_STATUS;
  completed.sortOrder ??= DEFAULT_SORT_ORDER;
  return { args: completed, failures };
}

/**
 * Which arguments changed between the stored resource and the new arguments, and which of those
 * force a replacement. Changing the app or its data center replaces; any other argument updates.
 */
export function diffArgs(before: Props, after: Props, sources: SettingsSources): { changed: string[]; replaces: string[] } {
  const completed: Props = { ...after };
  completed.dataCenter ??= defaultDataCenter(sources);
  completed.groupStatus ??= DEFAULT_GROUP_STATUS;
  completed.sortOrder ??= DEFAULT_SORT_ORDER;
  const changed = ARGUMENT_NAMES.filter((name) => !sameValue(before[name], completed[name]));
  const replaces = REPLACE_ON_CHANGE.filter((name) => changed.includes(name));
  return { changed, replaces };
}

/** Outputs for a provider: plain JSON (no `undefined` anywhere), without `id` (that is the resource ID). */
export function toOutputs(result: GetLiveMessageGroupsResult): Props {
  const { id: _id, ...outputs } = result;
  return JSON.parse(JSON.stringify(outputs)) as Props;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
