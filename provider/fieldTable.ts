/**
 * One description of every argument, result field and group field of the Pulumi layer: its type
 * and its documentation. The provider plugin's package schema is generated from it, and the docs
 * test checks it against the sdk's constants, so a new field is described in one place.
 *
 * The tables are typed against the TypeScript interfaces: adding a field to
 * `GetLiveMessageGroupsArgs` or `GetLiveMessageGroupsResult` fails to compile until it is described
 * here, with the right required-ness.
 */
import { DEFAULT_REQUESTS_PER_SECOND, MIN_REQUESTS_PER_SECOND } from "../sdk/rate/rateLimiter";
import { MAX_REQUESTS_PER_SECOND } from "../sdk/options/listingOptionDefaults";
import { DEFAULT_MAX_ATTEMPTS } from "../sdk/retry/retryPolicy";
import { DATA_CENTERS, GROUP_STATUSES, SORT_ORDERS } from "../sdk/types";
import {
  DEFAULT_DATA_CENTER, DEFAULT_GROUP_STATUS, DEFAULT_PAGE_SIZE, DEFAULT_SORT_ORDER, DEFAULT_TIMEOUT_MS, MAX_ATTEMPTS_LIMIT,
  MAX_LISTING_TIMEOUT_MS, MAX_PAGE_SIZE,
} from "../sdk/options/validateOptions";
import { DEFAULT_FUNCTION_DETAIL, DEFAULT_RESOURCE_DETAIL, DETAILS, type GetLiveMessageGroupsAnyResult, type GetLiveMessageGroupsArgs, type LiveMessageGroupsResultGroup } from "./types";

/** Enumerations of the Pulumi layer, by the name their schema type gets. */
export const ENUMS = {
  DataCenter: { values: DATA_CENTERS, description: "Data center of an interactive-messaging app." },
  GroupStatus: { values: GROUP_STATUSES, description: "Which groups a listing returns: all, only existing, or only deleted ones." },
  SortOrder: { values: SORT_ORDERS, description: "Order by creation time (ties by group ID)." },
  Detail: {
    values: DETAILS,
    description: "How much per-group data a result carries: `full` (every group and the ID lists), `ids` (the ID lists) or "
      + "`summary` (none: counts and digest only, constant size). Every detail carries the counts and the digest.",
  },
} as const;

/** Name of an enumeration in {@link ENUMS}. */
export type EnumName = keyof typeof ENUMS;

/** A field's type: a primitive, a list, a map of string lists, one of {@link ENUMS}, or the group object. */
export type FieldType =
  | "string" | "integer" | "number" | "boolean"
  | "string[]" | "map<string[]>"
  | "group[]"
  | { readonly enum: EnumName };

/** One described field, and whether it is always present (result) or must be given (argument). */
export interface FieldSpec<IsRequired extends boolean = boolean> {
  readonly type: FieldType;
  readonly required: IsRequired;
  readonly description: string;
}

/** True when property `K` of `T` is always present with a value (neither optional nor possibly `undefined`). */
type RequiredFlag<T, K extends keyof T> = object extends Pick<T, K> ? false : undefined extends T[K] ? false : true;

/** A table with one entry per property of `T`, each saying correctly whether the property is required. */
export type FieldTable<T> = { readonly [K in keyof Required<T>]: FieldSpec<RequiredFlag<T, K>> };

const DATA_CENTER_DEFAULT = "Default: config `live-message-groups:dataCenter`, then config `alicloud:region` when it names a "
  + "data center (TypeScript programs), then env `LIVE_MESSAGE_GROUPS_DATA_CENTER`, then env `ALIBABA_CLOUD_REGION` or "
  + `\`ALICLOUD_REGION\` when it names a data center, then \`"${DEFAULT_DATA_CENTER}"\`.`;

/** Arguments of `getLiveMessageGroups`, and the inputs of the `LiveMessageGroups` resource, in reporting order. */
export const ARGUMENT_FIELDS: FieldTable<GetLiveMessageGroupsArgs> = {
  appId: { type: "string", required: true, description: "The interactive-messaging app (`AppId`). Required." },
  dataCenter: { type: { enum: "DataCenter" }, required: false, description: `Data center of the app. ${DATA_CENTER_DEFAULT}` },
  groupStatus: { type: { enum: "GroupStatus" }, required: false, description: `Which groups to list. Default \`"${DEFAULT_GROUP_STATUS}"\`.` },
  sortOrder: {
    type: { enum: "SortOrder" }, required: false,
    description: `Order of \`groups\`, \`ids\` and \`names\` by creation time (ties by group ID). Default \`"${DEFAULT_SORT_ORDER}"\`.`,
  },
  pageSize: { type: "integer", required: false, description: `Groups per page, 1..${MAX_PAGE_SIZE}. Default ${DEFAULT_PAGE_SIZE}.` },
  endpoint: {
    type: "string", required: false,
    description: "API endpoint: `live.aliyuncs.com`, `https://host[:port]`, or `http://127.0.0.1:PORT` (plain HTTP only to "
      + "loopback). Default: config `live-message-groups:endpoint`, then env `LIVE_MESSAGE_GROUPS_ENDPOINT`, then `live.aliyuncs.com`.",
  },
  requestsPerSecond: {
    type: "number", required: false,
    description: `Client-side call limit in calls per second, ${MIN_REQUESTS_PER_SECOND}..${MAX_REQUESTS_PER_SECOND}. `
      + `Default: config, env, then ${DEFAULT_REQUESTS_PER_SECOND}.`,
  },
  maxAttempts: {
    type: "integer", required: false,
    description: `Attempts per request, first try included, 1..${MAX_ATTEMPTS_LIMIT}; the service's throttles do not count (the listing's `
      + `deadline bounds them). Default: config, env, then ${DEFAULT_MAX_ATTEMPTS}.`,
  },
  timeoutMs: {
    type: "integer", required: false,
    description: `Deadline of the whole listing in milliseconds, 1..${MAX_LISTING_TIMEOUT_MS}. Default: config, env, then derived from the work `
      + `(3 x the pages at the rate in force), at least ${DEFAULT_TIMEOUT_MS}.`,
  },
  ids: { type: "string[]", required: false, description: "Keep only groups whose ID is in this list: group IDs as written (not empty, no surrounding spaces or control characters), each once." },
  nameRegex: { type: "string", required: false, description: "Keep only groups whose name matches this JavaScript regular expression." },
  creatorId: { type: "string", required: false, description: "Keep only groups created by this user ID." },
  outputFile: { type: "string", required: false, description: "Write the result as JSON to this file (relative to the working directory)." },
  detail: {
    type: { enum: "Detail" }, required: false,
    description: `How much per-group data the result carries: \`"full"\`, \`"ids"\` or \`"summary"\`. `
      + `Default \`"${DEFAULT_FUNCTION_DETAIL}"\` for the function, \`"${DEFAULT_RESOURCE_DETAIL}"\` for the \`LiveMessageGroups\` resource.`,
  },
};

/** Fields of one group in a result. */
export const GROUP_FIELDS: FieldTable<LiveMessageGroupsResultGroup> = {
  groupId: { type: "string", required: true, description: "The group ID (`GroupId`)." },
  groupName: { type: "string", required: true, description: "The group name; empty when the API sent none." },
  groupInfo: { type: "string", required: true, description: "The group's free-form info; empty when the API sent none." },
  creatorId: { type: "string", required: true, description: "User ID of the creator; empty when the API sent none." },
  adminList: { type: "string[]", required: true, description: "Admin user IDs, sorted." },
  createTime: { type: "integer", required: true, description: "Creation time, unix seconds." },
  deleted: { type: "boolean", required: true, description: "True when the group was deleted." },
};

const echo = (name: keyof GetLiveMessageGroupsArgs): string => `The \`${name}\` argument as given.`;

/** Result of `getLiveMessageGroups` (per-group fields by `detail`); the `LiveMessageGroups` resource stores a subset. */
export const RESULT_FIELDS: FieldTable<GetLiveMessageGroupsAnyResult> = {
  id: { type: "string", required: true, description: "`\"<dataCenter>/<appId>\"`: stable across refreshes and filter changes." },
  appId: { type: "string", required: true, description: "The app listed." },
  dataCenter: { type: { enum: "DataCenter" }, required: true, description: "The data center actually queried (after config and environment defaults)." },
  groupStatus: { type: { enum: "GroupStatus" }, required: true, description: "The group status listed." },
  sortOrder: { type: { enum: "SortOrder" }, required: true, description: "The order of `groups`, `ids` and `names`." },
  detail: { type: { enum: "Detail" }, required: true, description: "The detail of this result (which per-group fields it carries)." },
  pageSize: { type: "integer", required: false, description: echo("pageSize") },
  endpoint: { type: "string", required: false, description: echo("endpoint") },
  requestsPerSecond: { type: "number", required: false, description: echo("requestsPerSecond") },
  maxAttempts: { type: "integer", required: false, description: echo("maxAttempts") },
  timeoutMs: { type: "integer", required: false, description: echo("timeoutMs") },
  requestedIds: { type: "string[]", required: false, description: "The `ids` filter as given (`ids` holds the IDs of the groups returned)." },
  nameRegex: { type: "string", required: false, description: echo("nameRegex") },
  creatorId: { type: "string", required: false, description: echo("creatorId") },
  outputFile: { type: "string", required: false, description: echo("outputFile") },
  totalCount: { type: "integer", required: true, description: "`TotalCount` reported by the API for the listing, before client-side filters." },
  existingCount: { type: "integer", required: true, description: "Groups kept by the filters that exist." },
  deletedCount: { type: "integer", required: true, description: "Groups kept by the filters that were deleted." },
  digest: {
    type: "string", required: true,
    description: "Hex SHA-256 of every field of every group kept, in ascending creation order: the same in every `detail` and "
      + "`sortOrder`; any added, deleted, renamed or otherwise changed group changes it.",
  },
  ids: { type: "string[]", required: false, description: "IDs of the groups kept, by creation time in `sortOrder` (ties by group ID). Detail `ids` and `full`." },
  existingIds: { type: "string[]", required: false, description: "IDs of the groups kept that exist, same order. Detail `ids` and `full`." },
  deletedIds: { type: "string[]", required: false, description: "IDs of the groups kept that were deleted, same order. Detail `ids` and `full`." },
  groups: { type: "group[]", required: false, description: "The groups kept, by creation time in `sortOrder` (ties by group ID). Detail `full`." },
  names: { type: "string[]", required: false, description: "Group names of `groups`, same order (`names[i]` belongs to `ids[i]`). Detail `full`." },
  adminsByGroupId: { type: "map<string[]>", required: false, description: "Sorted admin user IDs of each group kept, by group ID. Detail `full`." },
};

/** Result fields that echo an argument (`requestedIds` echoes `ids`); the rest are computed by a listing. */
export const ECHOED_RESULT_FIELDS: readonly (keyof GetLiveMessageGroupsAnyResult)[] = [
  ...(Object.keys(ARGUMENT_FIELDS) as (keyof GetLiveMessageGroupsArgs)[]).filter((name) => name !== "ids"),
  "requestedIds",
];

/** Result fields computed by a listing: unknown during a preview. */
export const COMPUTED_RESULT_FIELDS: readonly (keyof GetLiveMessageGroupsAnyResult)[] = (Object.keys(RESULT_FIELDS) as (keyof GetLiveMessageGroupsAnyResult)[])
  .filter((name) => name !== "id" && !ECHOED_RESULT_FIELDS.includes(name));
