/**
 * Public types of the Pulumi layer: the arguments and result shared by `getLiveMessageGroups`,
 * `getLiveMessageGroupsOutput` and the `LiveMessageGroups` resource.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { DataCenter, GroupStatus, SortOrder } from "../sdk/types";

/**
 * Arguments of {@link getLiveMessageGroups}. Credentials are deliberately absent: they come from
 * Pulumi config (`alicloud:accessKey`, ...), the environment or the Alibaba Cloud credential chain,
 * so they never reach a resource's inputs or the state.
 */
export interface GetLiveMessageGroupsArgs {
  /** The interactive-messaging app (`AppId`). Required. */
  readonly appId: string;
  /**
   * Data center of the app. Default: config `live-message-groups:dataCenter`, then `alicloud:region`
   * when it names a data center, then env `LIVE_MESSAGE_GROUPS_DATA_CENTER`, then `"cn-shanghai"`.
   */
  readonly dataCenter?: DataCenter;
  /** Which groups to list. Default `"all"`. */
  readonly groupStatus?: GroupStatus;
  /** Order of `groups`, `ids` and `names` by creation time. Default `"asc"`. */
  readonly sortOrder?: SortOrder;
  /** Groups per page, 1..50 (sdk `MAX_PAGE_SIZE`). Default 50 (sdk `DEFAULT_PAGE_SIZE`). */
  readonly pageSize?: number;
  /**
   * API endpoint: `live.aliyuncs.com`, `https://host[:port]` or `http://127.0.0.1:PORT` (plain HTTP
   * only to loopback). Default: config `live-message-groups:endpoint`, then env
   * `LIVE_MESSAGE_GROUPS_ENDPOINT`, then `live.aliyuncs.com`.
   */
  readonly endpoint?: string;
  /**
   * Client-side call limit, calls per second, at least 0.5 (sdk `MIN_REQUESTS_PER_SECOND`).
   * Default: config, env, then 50 (sdk `DEFAULT_REQUESTS_PER_SECOND`).
   */
  readonly requestsPerSecond?: number;
  /**
   * Attempts per request, first try included: an integer from 1 to 100 (sdk `MAX_ATTEMPTS_LIMIT`; the
   * same range for config and env). Default: config, env, then 10 (sdk `DEFAULT_MAX_ATTEMPTS`).
   */
  readonly maxAttempts?: number;
  /**
   * Deadline of the whole listing, in milliseconds: an integer from 1 to 86400000
   * (sdk `MAX_LISTING_TIMEOUT_MS`; the same range for config and env). Default: config, env, then 300000 (sdk
   * `DEFAULT_TIMEOUT_MS`).
   */
  readonly timeoutMs?: number;
  /** Keep only groups whose ID is in this list. */
  readonly ids?: readonly string[];
  /** Keep only groups whose name matches this JavaScript regular expression. */
  readonly nameRegex?: string;
  /** Keep only groups created by this user ID. */
  readonly creatorId?: string;
  /** Write the result as JSON to this file (relative to the working directory). */
  readonly outputFile?: string;
}

/**
 * Arguments of {@link getLiveMessageGroupsOutput} and of the `LiveMessageGroups` resource: the same
 * as {@link GetLiveMessageGroupsArgs}, each a `pulumi.Input`.
 */
export interface GetLiveMessageGroupsOutputArgs {
  readonly appId: pulumi.Input<string>;
  readonly dataCenter?: pulumi.Input<DataCenter>;
  readonly groupStatus?: pulumi.Input<GroupStatus>;
  readonly sortOrder?: pulumi.Input<SortOrder>;
  readonly pageSize?: pulumi.Input<number>;
  readonly endpoint?: pulumi.Input<string>;
  readonly requestsPerSecond?: pulumi.Input<number>;
  readonly maxAttempts?: pulumi.Input<number>;
  readonly timeoutMs?: pulumi.Input<number>;
  readonly ids?: pulumi.Input<pulumi.Input<string>[]>;
  readonly nameRegex?: pulumi.Input<string>;
  readonly creatorId?: pulumi.Input<string>;
  readonly outputFile?: pulumi.Input<string>;
}

/** Arguments of the `LiveMessageGroups` resource (identical to the Output-form function's). */
export type LiveMessageGroupsArgs = GetLiveMessageGroupsOutputArgs;

/** One group in a result. Every field is always present; `adminList` is sorted. */
export interface LiveMessageGroupsResultGroup {
  readonly groupId: string;
  readonly groupName: string;
  readonly groupInfo: string;
  readonly creatorId: string;
  readonly adminList: readonly string[];
  /** Creation time, unix seconds. */
  readonly createTime: number;
  readonly deleted: boolean;
}

/**
 * Result of {@link getLiveMessageGroups}, and the outputs of the `LiveMessageGroups` resource.
 *
 * Deterministic: the same groups always produce the same result (no timestamps, request IDs or
 * ordering noise), so `pulumi refresh` shows a change only when a group was added, deleted,
 * renamed or its admins changed.
 */
export interface GetLiveMessageGroupsResult {
  /** `"<dataCenter>/<appId>"`: stable across refreshes and filter changes. */
  readonly id: string;
  readonly appId: string;
  /** The data center actually queried (after config and environment defaults). */
  readonly dataCenter: DataCenter;
  readonly groupStatus: GroupStatus;
  readonly sortOrder: SortOrder;
  readonly pageSize?: number;
  readonly endpoint?: string;
  readonly requestsPerSecond?: number;
  readonly maxAttempts?: number;
  readonly timeoutMs?: number;
  /** The `ids` filter as given (`ids` itself holds the IDs of the groups returned). */
  readonly requestedIds?: readonly string[];
  readonly nameRegex?: string;
  readonly creatorId?: string;
  readonly outputFile?: string;
  /** `TotalCount` as reported by the API for the listing, before client-side filters. */
  readonly totalCount: number;
  /** The groups after filters, by creation time in `sortOrder` (ties by group ID). */
  readonly groups: readonly LiveMessageGroupsResultGroup[];
  /** Group IDs of `groups`, same order. */
  readonly ids: readonly string[];
  /** Group names of `groups`, same order (`names[i]` belongs to `ids[i]`). */
  readonly names: readonly string[];
  /** Sorted admin user IDs of each group in `groups`. */
  readonly adminsByGroupId: Readonly<Record<string, readonly string[]>>;
  /** IDs of the groups in `groups` that exist. */
  readonly existingIds: readonly string[];
  /** IDs of the groups in `groups` that were deleted. */
  readonly deletedIds: readonly string[];
}
