/**
 * Public types of the Pulumi layer: the arguments and results shared by `getLiveMessageGroups`,
 * `getLiveMessageGroupsOutput` and the `LiveMessageGroups` resource.
 *
 * Shapes follow Pulumi's generated SDKs: `readonly` properties holding plain arrays and records
 * (`readonly ids: string[]`), so results feed other resources' list inputs, plain `string[]`
 * variables and another call's `ids` argument. Optional arguments also accept `undefined`, so a
 * `config.get(...)` value can be passed under `exactOptionalPropertyTypes`.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { DataCenter, GroupStatus, SortOrder } from "../sdk/types";

/**
 * How much per-group data a result carries. Every mode carries `totalCount`, `existingCount`,
 * `deletedCount` and `digest`, so every mode sees every change of the app.
 *
 * - `"full"`: every group (`groups`, `names`, `adminsByGroupId`) plus the ID lists.
 * - `"ids"`: `ids`, `existingIds` and `deletedIds`; no group objects.
 * - `"summary"`: no per-group data at all; constant size whatever the number of groups.
 */
export type Detail = "full" | "ids" | "summary";
/** Every {@link Detail}, in decreasing size. */
export const DETAILS: readonly Detail[] = ["full", "ids", "summary"];
/** Default `detail` of `getLiveMessageGroups` / `getLiveMessageGroupsOutput`. */
export const DEFAULT_FUNCTION_DETAIL = "full" satisfies Detail;
/**
 * Default `detail` of the `LiveMessageGroups` resource: `"summary"`. The resource exists to watch
 * for drift, which the digest and counts detect in every mode, while its outputs live in the state
 * of every stack that holds it and travel both ways on every refresh: `"summary"` keeps them under
 * 10 KB whatever the size of the app.
 */
export const DEFAULT_RESOURCE_DETAIL = "summary" satisfies Detail;

/**
 * Arguments of {@link getLiveMessageGroups}. Credentials are deliberately absent: they come from
 * Pulumi config (`alicloud:accessKey`, ...), the environment or the Alibaba Cloud credential chain,
 * so they never reach a resource's inputs or the state.
 *
 * @typeParam D The `detail` given, which decides the result's shape.
 */
export interface GetLiveMessageGroupsArgs<D extends Detail = Detail> {
  /** The interactive-messaging app (`AppId`). Required. */
  readonly appId: string;
  /**
   * Data center of the app. Default: config `live-message-groups:dataCenter`, then `alicloud:region`
   * when it names a data center, then env `LIVE_MESSAGE_GROUPS_DATA_CENTER`, then `"cn-shanghai"`.
   */
  readonly dataCenter?: DataCenter | undefined;
  /** Which groups to list: `"all"`, `"existing"` or `"deleted"`. Default `"all"`. */
  readonly groupStatus?: GroupStatus | undefined;
  /** Order of `groups`, `ids` and `names` by creation time (ties by group ID): `"asc"` or `"desc"`. Default `"asc"`. */
  readonly sortOrder?: SortOrder | undefined;
  /** Groups per page, 1..50 (sdk `MAX_PAGE_SIZE`). Default 50 (sdk `DEFAULT_PAGE_SIZE`). */
  readonly pageSize?: number | undefined;
  /**
   * API endpoint: `live.aliyuncs.com`, `https://host[:port]` or `http://127.0.0.1:PORT` (plain HTTP
   * only to loopback). Default: config `live-message-groups:endpoint`, then env
   * `LIVE_MESSAGE_GROUPS_ENDPOINT`, then `live.aliyuncs.com`.
   */
  readonly endpoint?: string | undefined;
  /**
   * Client-side call limit, calls per second, 0.5..10000 (sdk `MIN_REQUESTS_PER_SECOND`, `MAX_REQUESTS_PER_SECOND`).
   * Default: config, env, then 50 (sdk `DEFAULT_REQUESTS_PER_SECOND`).
   */
  readonly requestsPerSecond?: number | undefined;
  /**
   * Attempts per request, first try included: an integer from 1 to 100 (sdk `MAX_ATTEMPTS_LIMIT`; the
   * same range for config and env). The service's throttles do not count: the listing's deadline bounds them.
   * Default: config, env, then 10 (sdk `DEFAULT_MAX_ATTEMPTS`).
   */
  readonly maxAttempts?: number | undefined;
  /**
   * Deadline of the whole listing, in milliseconds: an integer from 1 to 86400000
   * (sdk `MAX_LISTING_TIMEOUT_MS`; the same range for config and env). Default: config, env, then
   * derived from the work: 3 x the pages at the rate in force, at least 300000 (sdk `DEFAULT_TIMEOUT_MS`).
   */
  readonly timeoutMs?: number | undefined;
  /**
   * Keep only groups whose ID is in this list (a client-side filter; the result's `ids` are the groups
   * kept). Each element is a group ID as written, given once: an empty, padded or control-character
   * element, or one repeating an earlier one, is refused naming it (`ids[2]`).
   */
  readonly ids?: string[] | undefined;
  /** Keep only groups whose name matches this JavaScript regular expression. */
  readonly nameRegex?: string | undefined;
  /** Keep only groups created by this user ID. */
  readonly creatorId?: string | undefined;
  /** Write the result as JSON to this file (relative to the working directory). */
  readonly outputFile?: string | undefined;
  /**
   * How much per-group data the result carries: `"full"`, `"ids"` or `"summary"` (see {@link Detail}).
   * Default `"full"` for the functions, `"summary"` for the `LiveMessageGroups` resource.
   */
  readonly detail?: D | undefined;
}

/**
 * Arguments of {@link getLiveMessageGroupsOutput}: the same as {@link GetLiveMessageGroupsArgs},
 * each a `pulumi.Input`; optional ones also accept an Input of `undefined`.
 */
export interface GetLiveMessageGroupsOutputArgs<D extends Detail = Detail> {
  /** The interactive-messaging app (`AppId`). Required. */
  readonly appId: pulumi.Input<string>;
  /**
   * Data center of the app. Default: config `live-message-groups:dataCenter`, then `alicloud:region`
   * when it names a data center, then env `LIVE_MESSAGE_GROUPS_DATA_CENTER`, then `"cn-shanghai"`.
   */
  readonly dataCenter?: pulumi.Input<DataCenter | undefined>;
  /** Which groups to list: `"all"`, `"existing"` or `"deleted"`. Default `"all"`. */
  readonly groupStatus?: pulumi.Input<GroupStatus | undefined>;
  /** Order of `groups`, `ids` and `names` by creation time (ties by group ID): `"asc"` or `"desc"`. Default `"asc"`. */
  readonly sortOrder?: pulumi.Input<SortOrder | undefined>;
  /** Groups per page, 1..50. Default 50. */
  readonly pageSize?: pulumi.Input<number | undefined>;
  /**
   * API endpoint: `live.aliyuncs.com`, `https://host[:port]` or `http://127.0.0.1:PORT` (plain HTTP
   * only to loopback). Default: config `live-message-groups:endpoint`, then env
   * `LIVE_MESSAGE_GROUPS_ENDPOINT`, then `live.aliyuncs.com`.
   */
  readonly endpoint?: pulumi.Input<string | undefined>;
  /** Client-side call limit, calls per second, 0.5..10000. Default: config, env, then 50. */
  readonly requestsPerSecond?: pulumi.Input<number | undefined>;
  /** Attempts per request, first try included: an integer from 1 to 100. Default: config, env, then 10. */
  readonly maxAttempts?: pulumi.Input<number | undefined>;
  /** Deadline of the whole listing, in milliseconds, 1..86400000. Default: config, env, then derived from the work (3 x the pages at the rate in force), at least 300000. */
  readonly timeoutMs?: pulumi.Input<number | undefined>;
  /**
   * Keep only groups whose ID is in this list (a client-side filter; the result's `ids` are the groups
   * kept). Each element is a group ID as written, given once: an empty, padded or control-character
   * element, or one repeating an earlier one, is refused naming it (`ids[2]`).
   */
  readonly ids?: pulumi.Input<pulumi.Input<string>[] | undefined>;
  /** Keep only groups whose name matches this JavaScript regular expression. */
  readonly nameRegex?: pulumi.Input<string | undefined>;
  /** Keep only groups created by this user ID. */
  readonly creatorId?: pulumi.Input<string | undefined>;
  /** Write the result as JSON to this file (relative to the working directory). */
  readonly outputFile?: pulumi.Input<string | undefined>;
  /**
   * How much per-group data the result carries: `"full"`, `"ids"` or `"summary"` (see {@link Detail}).
   * Default `"full"` for the functions, `"summary"` for the `LiveMessageGroups` resource.
   */
  readonly detail?: pulumi.Input<D | undefined>;
}

/** Arguments of the `LiveMessageGroups` resource (those of the Output-form function; `detail` defaults to `"summary"`). */
export type LiveMessageGroupsArgs<D extends Detail = Detail> = GetLiveMessageGroupsOutputArgs<D>;

/** One group in a result. Every field is always present; `adminList` is sorted. */
export interface LiveMessageGroupsResultGroup {
  /** The group's ID (`GroupId`). */
  readonly groupId: string;
  /** The group's name (`GroupName`); `""` when the API sent none. */
  readonly groupName: string;
  /** The group's free-form info (`GroupInfo`); `""` when the API sent none. */
  readonly groupInfo: string;
  /** User ID of the group's creator (`CreatorId`); `""` when the API sent none. */
  readonly creatorId: string;
  /** Admin user IDs (`AdminList`), sorted. */
  readonly adminList: string[];
  /** Creation time, unix seconds (`Createtime`). */
  readonly createTime: number;
  /** True when the group has been deleted (deleted groups stay listed). */
  readonly deleted: boolean;
}

/**
 * What every result carries, whatever its `detail`: the arguments echoed, the counts and the digest.
 *
 * Deterministic: the same groups always produce the same result (no timestamps, request IDs or
 * ordering noise), so `pulumi refresh` shows a change only when the groups changed.
 */
export interface GetLiveMessageGroupsSummaryResult {
  /** `"<dataCenter>/<appId>"`: stable across refreshes and filter changes. */
  readonly id: string;
  /** The app listed. */
  readonly appId: string;
  /** The data center actually queried (after config and environment defaults). */
  readonly dataCenter: DataCenter;
  /** The group status listed. */
  readonly groupStatus: GroupStatus;
  /** The order of the per-group lists. */
  readonly sortOrder: SortOrder;
  /** The detail of this result. */
  readonly detail: Detail;
  /** `pageSize` as given; absent when not given. */
  readonly pageSize?: number;
  /** `endpoint` as given; absent when not given. */
  readonly endpoint?: string;
  /** `requestsPerSecond` as given; absent when not given. */
  readonly requestsPerSecond?: number;
  /** `maxAttempts` as given; absent when not given. */
  readonly maxAttempts?: number;
  /** `timeoutMs` as given; absent when not given. */
  readonly timeoutMs?: number;
  /** The `ids` filter as given (`ids` itself holds the IDs of the groups kept); absent when not given. */
  readonly requestedIds?: string[];
  /** `nameRegex` as given; absent when not given. */
  readonly nameRegex?: string;
  /** `creatorId` as given; absent when not given. */
  readonly creatorId?: string;
  /** `outputFile` as given; absent when not given. */
  readonly outputFile?: string;
  /** `TotalCount` as reported by the API for the listing, before client-side filters. */
  readonly totalCount: number;
  /** Groups kept by the filters that exist. */
  readonly existingCount: number;
  /** Groups kept by the filters that were deleted. */
  readonly deletedCount: number;
  /**
   * Hex SHA-256 of the canonical listing after filters: every field of every group kept, in
   * ascending creation order (ties by group ID), admins sorted. The same in every `detail` and
   * `sortOrder`; any added, deleted, renamed or otherwise changed group changes it.
   */
  readonly digest: string;
}

/** A result with `detail: "ids"`: the summary plus the ID lists. */
export interface GetLiveMessageGroupsIdsResult extends GetLiveMessageGroupsSummaryResult {
  /** Group IDs kept by the filters, by creation time in `sortOrder` (ties by group ID). */
  readonly ids: string[];
  /** IDs of the groups in `ids` that exist, same order. */
  readonly existingIds: string[];
  /** IDs of the groups in `ids` that were deleted, same order. */
  readonly deletedIds: string[];
}

/** A result with `detail: "full"` (the functions' default): every group. */
export interface GetLiveMessageGroupsResult extends GetLiveMessageGroupsIdsResult {
  /** The groups kept by the filters, by creation time in `sortOrder` (ties by group ID). */
  readonly groups: LiveMessageGroupsResultGroup[];
  /** Group names of `groups`, same order (`names[i]` belongs to `ids[i]`). */
  readonly names: string[];
  /** Sorted admin user IDs of each group in `groups`, by group ID. */
  readonly adminsByGroupId: { [groupId: string]: string[] };
}

/**
 * A result whose `detail` is not known statically: each per-group field is `undefined` when the
 * `detail` in force does not carry it (declared, not optional, so it lifts to one Output).
 */
export interface GetLiveMessageGroupsAnyResult extends GetLiveMessageGroupsSummaryResult {
  /** `undefined` unless `detail` `"ids"` and `"full"`. */
  readonly ids: string[] | undefined;
  /** `undefined` unless `detail` `"ids"` and `"full"`. */
  readonly existingIds: string[] | undefined;
  /** `undefined` unless `detail` `"ids"` and `"full"`. */
  readonly deletedIds: string[] | undefined;
  /** `undefined` unless `detail` `"full"`. */
  readonly groups: LiveMessageGroupsResultGroup[] | undefined;
  /** `undefined` unless `detail` `"full"`. */
  readonly names: string[] | undefined;
  /** `undefined` unless `detail` `"full"`. */
  readonly adminsByGroupId: { [groupId: string]: string[] } | undefined;
}

/** A result of any `detail`, as the code that builds it knows it. */
export type LiveMessageGroupsResultOfAnyDetail = GetLiveMessageGroupsSummaryResult | GetLiveMessageGroupsIdsResult | GetLiveMessageGroupsResult;

/**
 * The result type for a `detail`: `"full"` gives {@link GetLiveMessageGroupsResult}, `"ids"`
 * {@link GetLiveMessageGroupsIdsResult}, `"summary"` {@link GetLiveMessageGroupsSummaryResult}, and a
 * `detail` only known at run time {@link GetLiveMessageGroupsAnyResult}.
 */
export type GetLiveMessageGroupsResultFor<D extends Detail> = [Detail] extends [D]
  ? GetLiveMessageGroupsAnyResult
  : D extends "summary" ? GetLiveMessageGroupsSummaryResult
    : D extends "ids" ? GetLiveMessageGroupsIdsResult
      : GetLiveMessageGroupsResult;
