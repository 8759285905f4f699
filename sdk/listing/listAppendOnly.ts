import { ConsistencyError } from "../errors";
import { fetchPass, probeAllCount } from "./fetchPass";
import type { ListingSession } from "./openListingSession";
import type { LiveMessageGroup } from "../types";
import { findGroupsProblem, findPagesProblem } from "./verifyListing";

/** Whole re-listings after an inconsistent pass, before giving up with ConsistencyError. */
export const MAX_RELISTS = 3;
/** Re-fetches of the tail when groups were created during a listing. */
export const MAX_TAIL_PASSES = 3;

/**
 * Lists every group with GroupStatus all, ascending: the append-only basis (see CONSISTENCY.md).
 * Positions below the first TotalCount T0 never change, EXCEPT among groups sharing the newest
 * creation second Cmax, where a group created in that same second may sort in between. So: verify
 * the pass; if no page saw growth, it is exact; otherwise keep the groups older than Cmax and
 * re-fetch the tail (from the first Cmax group) in a pass during which TotalCount stays constant.
 */
export async function listAppendOnly(session: ListingSession, countSeen = 0): Promise<LiveMessageGroup[]> {
  const template = { pageSize: session.options.pageSize, groupStatus: "all", sortOrder: "asc" } as const;
  let problem = "";
  for (let pass = 0; pass < MAX_RELISTS; pass++) {
    // The highest all-status TotalCount an answer of this pass (or, for the first, the caller's
    // probes just before it) reported. The count never decreases, so a pass or a tail re-read
    // reporting less was served from older data than an answer already seen (a replica a second
    // behind, behind a balancer): it may lack a group created before the listing started, which
    // no other check shows, so it is re-read, never returned. Reset with each pass: a re-list
    // after a purge (against the append-only assumption) still recovers.
    const seen = { count: pass === 0 ? countSeen : 0 };
    const pages = await fetchPass(session, template);
    const totalCount = pages[0]?.totalCount ?? 0;
    problem = findPagesProblem(pages, { ...template, totalCount, exact: false }) ?? "";
    if (problem === "" && totalCount < seen.count) problem = `the all-status TotalCount went from ${seen.count} to ${totalCount}`;
    seen.count = Math.max(seen.count, ...pages.map((page) => page.totalCount));
    if (problem !== "") continue;
    const listed = pages.flatMap((page) => page.groups);
    // Growth shows as a page reporting a larger TotalCount, or as a last page holding more groups
    // than its own TotalCount leaves for it (a group created between the service's count and its
    // slice): either way the tail is re-read, never cut to the count, which could drop an older
    // group of the newest second pushed past it by a new one.
    if (listed.length === totalCount && pages.every((page) => page.totalCount === totalCount)) {
      // Every count predates any creation, but a service that counts, then slices can still have
      // cut a page after a group of the newest second was created in between: that page's slice
      // shifted (a group pushed onto a page already read) while its count did not. Only a count
      // taken after the last answer shows it, unless the groups that recent start on a last page
      // that is not full (there, a shifted slice holds more than its remainder, seen above), or the
      // newest group is older than any created during the listing (the group that shifts a slice
      // is in it).
      if (!shiftCanHide(listed, session)) return listed;
      const after = await probeAllCount(session);
      seen.count = Math.max(seen.count, after);
      if (after === totalCount) return listed;
      if (after < totalCount) {
        problem = `the all-status TotalCount went from ${totalCount} to ${after}`;
        continue;
      }
    }
    const repaired = await repairTail(session, listed.slice(0, totalCount), seen);
    if (typeof repaired !== "string") return repaired;
    problem = repaired;
  }
  throw new ConsistencyError(
    `The groups of app ${session.options.appId} kept changing in a way paging cannot follow (${problem}); ` +
      `gave up after ${MAX_RELISTS} listings. Retry when fewer groups are being created.`,
    { code: "ListingShifted", attempts: MAX_RELISTS },
  );
}

/** Returns the repaired listing, or why the repair failed. */
async function repairTail(session: ListingSession, groups: readonly LiveMessageGroup[], seen: { count: number }): Promise<LiveMessageGroup[] | string> {
  const { pageSize } = session.options;
  const firstTail = newestSecondStart(groups);
  const startPage = Math.floor(firstTail / pageSize) + 1;
  const offset = (startPage - 1) * pageSize;
  let problem = "";
  for (let pass = 0; pass < MAX_TAIL_PASSES; pass++) {
    const pages = await fetchPass(session, { pageSize, groupStatus: "all", sortOrder: "asc" }, startPage);
    const totalCount = pages[0]?.totalCount ?? 0;
    if (!pages.every((page) => page.totalCount === totalCount)) {
      seen.count = Math.max(seen.count, ...pages.map((page) => page.totalCount));
      problem = "groups were created while the tail was re-read";
      continue;
    }
    const tail = pages.flatMap((page) => page.groups);
    // The overlap (older than Cmax, before firstTail) must not have moved: else an older group was inserted.
    for (let i = offset; i < firstTail; i++) {
      if (tail[i - offset]?.groupId !== groups[i]?.groupId) return `position ${i} changed while older groups cannot move`;
    }
    if (totalCount < seen.count) return `the all-status TotalCount went from ${seen.count} to ${totalCount} while the tail was re-read`;
    seen.count = totalCount;
    const repaired = [...groups.slice(0, firstTail), ...tail.slice(firstTail - offset)];
    const expected = totalCount;
    if (repaired.length !== expected) return `re-read tail gives ${repaired.length} groups, TotalCount says ${expected}`;
    const groupsProblem = findGroupsProblem(repaired, "asc");
    if (groupsProblem !== null) return groupsProblem;
    // As for a whole pass: a tail page counted before a creation and cut after it shows no change.
    if (shiftCanHide(repaired, session)) {
      const after = await probeAllCount(session);
      seen.count = Math.max(seen.count, after);
      if (after !== totalCount) {
        problem = "groups were created while the tail was re-read";
        continue;
      }
    }
    return repaired;
  }
  return problem;
}

/** Index of the first group of the newest creation second in an ascending listing (0 when empty). */
function newestSecondStart(groups: readonly LiveMessageGroup[]): number {
  const newest = groups[groups.length - 1];
  // With no group counted at the first page (TotalCount 0, and a page holding some), all is tail.
  let first = Math.max(0, groups.length - 1);
  while (newest !== undefined && first > 0 && (groups[first - 1] as LiveMessageGroup).createTime === newest.createTime) first--;
  return first;
}

/**
 * Whether a group created during the listing, between a page's count and its slice, could have
 * shifted `groups` (ascending, complete by every page's count) without any check seeing it. Such a
 * group's Createtime is no older than {@link ListingSession.createdDuringFrom} (the service's clock
 * is within its 15 minutes of date skew of this host's), so it sorts at or after the first group
 * that recent, and moves only groups from there on: on a last page that is not full the moved slice
 * holds one group more than its remainder (refused as growth), while on a full last page, or on an
 * earlier page, it pushes a group out unseen. Not the newest second's start: a service whose front
 * ends stamp Createtime from clocks a fraction of a second apart can give a group created later the
 * second before the newest group's. None when every group is older than that (most apps, whose
 * last group is more than 20 minutes old).
 */
function shiftCanHide(groups: readonly LiveMessageGroup[], session: ListingSession): boolean {
  const { pageSize } = session.options;
  const firstRecent = firstAtOrAfter(groups, session.createdDuringFrom);
  if (firstRecent === groups.length) return false;
  const lastPageStart = (Math.max(1, Math.ceil(groups.length / pageSize)) - 1) * pageSize;
  return groups.length % pageSize === 0 || firstRecent < lastPageStart;
}

/** Index of the first group of an ascending listing created at `createTime` or later (its length when none). */
function firstAtOrAfter(groups: readonly LiveMessageGroup[], createTime: number): number {
  let low = 0;
  let high = groups.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((groups[mid] as LiveMessageGroup).createTime < createTime) low = mid + 1;
    else high = mid;
  }
  return low;
}
