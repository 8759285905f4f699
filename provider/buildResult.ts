import type { LiveMessageGroup } from "../sdk/types";
import type { ResolvedSettings } from "./resolveSettings";
import type { GetLiveMessageGroupsArgs, GetLiveMessageGroupsResult, LiveMessageGroupsResultGroup } from "./types";

/** What {@link buildResult} needs from a listing (a `LiveMessageGroupList` fits). */
export interface ListingSnapshot {
  readonly totalCount: number;
  readonly groups: readonly LiveMessageGroup[];
}

/**
 * Turns a listing into the result: applies the client-side filters (`ids`, `nameRegex`,
 * `creatorId`, all of which must match), orders groups deterministically and echoes the arguments.
 *
 * Pure and deterministic: nothing from the transport (request IDs, timings, page order) survives,
 * so an unchanged app always yields an identical result. Optional arguments that were not given
 * are omitted, never `undefined`, because Pulumi's provider host rejects `undefined` outputs.
 */
export function buildResult(args: GetLiveMessageGroupsArgs, settings: ResolvedSettings, listing: ListingSnapshot): GetLiveMessageGroupsResult {
  const wanted = args.ids === undefined ? null : new Set(args.ids);
  const nameRegex = args.nameRegex === undefined ? null : new RegExp(args.nameRegex);
  const direction = settings.sortOrder === "desc" ? -1 : 1;
  const groups: LiveMessageGroupsResultGroup[] = listing.groups
    .filter((g) => (wanted === null || wanted.has(g.groupId))
      && (nameRegex === null || nameRegex.test(g.groupName))
      && (args.creatorId === undefined || g.creatorId === args.creatorId))
    .map((g) => ({
      groupId: g.groupId,
      groupName: g.groupName,
      groupInfo: g.groupInfo,
      creatorId: g.creatorId,
      // Admin order carries no meaning in the API; sorting keeps refreshes free of ordering noise.
      adminList: [...g.adminList].sort(),
      createTime: g.createTime,
      deleted: g.deleted,
    }))
    // Creation times can tie; the group ID breaks ties so the order never depends on paging.
    .sort((a, b) => direction * (a.createTime - b.createTime || compareStrings(a.groupId, b.groupId)));

  const adminsByGroupId: Record<string, readonly string[]> = {};
  for (const g of groups) adminsByGroupId[g.groupId] = g.adminList;
  const echoed = {
    pageSize: args.pageSize,
    endpoint: args.endpoint,
    requestsPerSecond: args.requestsPerSecond,
    maxAttempts: args.maxAttempts,
    timeoutMs: args.timeoutMs,
    requestedIds: args.ids === undefined ? undefined : [...args.ids],
    nameRegex: args.nameRegex,
    creatorId: args.creatorId,
    outputFile: args.outputFile,
  };
  return {
    id: `${settings.dataCenter}/${settings.appId}`,
    appId: settings.appId,
    dataCenter: settings.dataCenter,
    groupStatus: settings.groupStatus,
    sortOrder: settings.sortOrder,
    ...withoutUndefined(echoed),
    totalCount: listing.totalCount,
    groups,
    ids: groups.map((g) => g.groupId),
    names: groups.map((g) => g.groupName),
    adminsByGroupId,
    existingIds: groups.filter((g) => !g.deleted).map((g) => g.groupId),
    deletedIds: groups.filter((g) => g.deleted).map((g) => g.groupId),
  };
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function withoutUndefined<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>;
}
