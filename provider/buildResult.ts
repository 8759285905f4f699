import { createHash } from "node:crypto";
import type { LiveMessageGroup } from "../sdk/types";
import type { ResolvedSettings } from "./resolveSettings";
import type {
  GetLiveMessageGroupsSummaryResult, LiveMessageGroupsResultOfAnyDetail, GetLiveMessageGroupsArgs, LiveMessageGroupsResultGroup,
} from "./types";

/** What {@link buildResult} needs from a listing (a `LiveMessageGroupList` fits). */
export interface ListingSnapshot {
  readonly totalCount: number;
  readonly groups: readonly LiveMessageGroup[];
}

/**
 * Turns a listing into the result: applies the client-side filters (`ids`, `nameRegex`,
 * `creatorId`, all of which must match), orders groups deterministically, computes the counts and
 * the digest, keeps the per-group data `detail` asks for and echoes the arguments.
 *
 * Pure and deterministic: nothing from the transport (request IDs, timings, page order) survives,
 * so an unchanged app always yields an identical result. Optional arguments that were not given
 * are omitted, never `undefined`, because Pulumi's provider host rejects `undefined` outputs.
 * Memory: the listing's group objects are referenced, not copied, until the `"full"` groups are
 * built; `"summary"` allocates nothing per group beyond the sorted references.
 */
export function buildResult(args: GetLiveMessageGroupsArgs, settings: ResolvedSettings, listing: ListingSnapshot): LiveMessageGroupsResultOfAnyDetail {
  const kept = canonicalOrder(filterGroups(args, listing.groups));
  let existingCount = 0;
  for (const g of kept) if (!g.deleted) existingCount += 1;
  const summary = {
    id: `${settings.dataCenter}/${settings.appId}`,
    appId: settings.appId,
    dataCenter: settings.dataCenter,
    groupStatus: settings.groupStatus,
    sortOrder: settings.sortOrder,
    detail: settings.detail,
    ...echoedArguments(args),
    totalCount: listing.totalCount,
    existingCount,
    deletedCount: kept.length - existingCount,
    digest: digestOf(kept),
  };
  if (settings.detail === "summary") return summary;
  // Canonical order is ascending; descending is its exact reverse (ties by group ID reversed too).
  const ordered = settings.sortOrder === "desc" ? kept.reverse() : kept;
  const ids = ordered.map((g) => g.groupId);
  const existingIds: string[] = [];
  const deletedIds: string[] = [];
  for (const g of ordered) (g.deleted ? deletedIds : existingIds).push(g.groupId);
  if (settings.detail === "ids") return { ...summary, ids, existingIds, deletedIds };
  const groups = ordered.map(toResultGroup);
  return {
    ...summary,
    ids,
    existingIds,
    deletedIds,
    groups,
    names: groups.map((g) => g.groupName),
    // fromEntries defines own properties, so a group ID such as "__proto__" stays a plain key.
    adminsByGroupId: Object.fromEntries(groups.map((g) => [g.groupId, g.adminList])),
  };
}

/** The groups that pass every filter given. */
function filterGroups(args: GetLiveMessageGroupsArgs, groups: readonly LiveMessageGroup[]): LiveMessageGroup[] {
  const wanted = args.ids === undefined ? null : new Set(args.ids);
  const nameRegex = args.nameRegex === undefined ? null : new RegExp(args.nameRegex);
  const creatorId = args.creatorId;
  if (wanted === null && nameRegex === null && creatorId === undefined) return [...groups];
  return groups.filter((g) => (wanted === null || wanted.has(g.groupId))
    && (nameRegex === null || nameRegex.test(g.groupName))
    && (creatorId === undefined || g.creatorId === creatorId));
}

/** Sorts in place by creation time, then group ID: creation times tie, so the ID makes the order independent of paging. */
function canonicalOrder(groups: LiveMessageGroup[]): LiveMessageGroup[] {
  return groups.sort((a, b) => a.createTime - b.createTime || compareStrings(a.groupId, b.groupId));
}

/**
 * Hex SHA-256 over the groups in canonical order, one JSON array a group of every field (admins
 * sorted, since their order carries no meaning in the API). Hashed group by group, so no copy of
 * the listing is built.
 */
export function digestOf(canonical: readonly LiveMessageGroup[]): string {
  const hash = createHash("sha256");
  for (const g of canonical) {
    hash.update(JSON.stringify([g.groupId, g.groupName, g.groupInfo, g.creatorId, sortedAdmins(g.adminList), g.createTime, g.deleted]));
    hash.update("\n");
  }
  return hash.digest("hex");
}

function toResultGroup(g: LiveMessageGroup): LiveMessageGroupsResultGroup {
  return {
    groupId: g.groupId,
    groupName: g.groupName,
    groupInfo: g.groupInfo,
    creatorId: g.creatorId,
    adminList: sortedAdmins(g.adminList),
    createTime: g.createTime,
    deleted: g.deleted,
  };
}

function sortedAdmins(adminList: readonly string[]): string[] {
  return adminList.length < 2 ? [...adminList] : [...adminList].sort(compareStrings);
}

/** The optional arguments given, under their result names; the `ids` filter is echoed as `requestedIds`. */
function echoedArguments(args: GetLiveMessageGroupsArgs): Partial<GetLiveMessageGroupsSummaryResult> {
  const echoed: Record<string, unknown> = {};
  const copy = (name: "pageSize" | "endpoint" | "requestsPerSecond" | "maxAttempts" | "timeoutMs" | "nameRegex" | "creatorId" | "outputFile"): void => {
    if (args[name] !== undefined) echoed[name] = args[name];
  };
  for (const name of ["pageSize", "endpoint", "requestsPerSecond", "maxAttempts", "timeoutMs"] as const) copy(name);
  if (args.ids !== undefined) echoed.requestedIds = [...args.ids];
  for (const name of ["nameRegex", "creatorId", "outputFile"] as const) copy(name);
  return echoed as Partial<GetLiveMessageGroupsSummaryResult>;
}

/** Code-unit order, as the API's IDs are compared (localeCompare would depend on the machine's locale). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
