import { ConsistencyError } from "../errors";
import { pagesWithinLimit, probeAllCount, probeCount } from "./fetchPass";
import { openListingSession } from "./openListingSession";
import type { ListLiveMessageGroupsOptions, LiveMessageGroup, LiveMessageGroupPage } from "../types";
import { findGroupsProblem, findPageProblem } from "./verifyListing";

/**
 * Yields the pages of a listing lazily, one request at a time: a consumer that stops iterating
 * (`break`, `return`) stops the requests. Each page is validated. It does NOT repair a listing
 * that shifts under it (use listLiveMessageGroups for that guarantee): it DETECTS a shift and
 * throws ConsistencyError when a page reports a different TotalCount than page 1, a page is short,
 * a group id repeats, a group is out of `sortOrder` creation order (across pages too) or its
 * deleted flag does not match `groupStatus`, or (groupStatus existing/deleted) the all-status TotalCount probed before
 * page 1 differs from the one probed after the last page. The end probe runs before the last page
 * is yielded, so a consumer that receives the last page has had every check; one that breaks
 * earlier gets no end check (see CONSISTENCY.md). Options, validation and errors are those of
 * listLiveMessageGroups (`concurrency` is unused).
 *
 * @example
 * for await (const page of paginateLiveMessageGroups({ appId: "my-app" })) {
 *   if (page.groups.some((g) => g.groupId === "wanted")) break; // no further requests
 * }
 */
// The return and next types given: a bare AsyncGenerator<page> has them `any`, so a finished
// step's `value` read as a page and `return()` without an argument did not compile.
export async function* paginateLiveMessageGroups(options: ListLiveMessageGroupsOptions): AsyncGenerator<LiveMessageGroupPage, void, undefined> {
  const session = await openListingSession(options);
  try {
    const { pageSize, groupStatus, sortOrder, appId } = session.options;
    // Same bracket as listBracketed: for existing/deleted a create + delete pair keeps the mode's
    // TotalCount constant while shifting offsets; only the all-status count reveals the creation.
    // Awaited before page 1: a probe served after page 1 could miss such a pair.
    const before = groupStatus === "all" ? null : await probeAllCount(session);
    const seen = new Set<string>();
    let newestCreateTime = Number.NEGATIVE_INFINITY;
    let previous: LiveMessageGroup | null = null;
    let totalCount = 0;
    let lastPage = 1;
    for (let pageNumber = 1; pageNumber <= lastPage; pageNumber++) {
      const page = await session.fetchPage({ pageNumber, pageSize, groupStatus, sortOrder });
      if (pageNumber === 1) {
        totalCount = page.totalCount;
        lastPage = pagesWithinLimit(appId, page, { pageSize, groupStatus });
        session.counters.pagesTotal = lastPage;
      }
      const problem = findPageProblem(page, pageNumber, { pageSize, totalCount, exact: true });
      if (problem !== null) throw shifted(appId, problem, page.requestId);
      for (const group of page.groups) {
        if (seen.has(group.groupId)) throw shifted(appId, `group ${group.groupId} appeared twice`, page.requestId);
        seen.add(group.groupId);
        if (group.createTime > newestCreateTime) newestCreateTime = group.createTime;
      }
      // The order and status checks listLiveMessageGroups makes on its passes, carried across pages
      // through the last group of the page before (no id repeats in this list: checked above).
      const disorder = findGroupsProblem(previous === null ? page.groups : [previous, ...page.groups], sortOrder, groupStatus);
      if (disorder !== null) throw shifted(appId, disorder, page.requestId);
      previous = page.groups.at(-1) ?? previous;
      if (pageNumber === lastPage && before !== null) {
        const after = await probeAllCount(session);
        if (after !== before) {
          throw shifted(appId, `the all-status TotalCount went from ${before} before page 1 to ${after} after page ` +
            `${lastPage}: groups were created, so offsets may have shifted`, page.requestId);
        }
      }
      // A service that counts, then slices can cut the last page after a group joined the view
      // (created; for deleted, deleted) with a count from before: a full last page then drops a
      // group for it unseen (one not full would hold more than its remainder). A count of the mode
      // after it shows it (for existing, the all-status probe above). A group created is in the
      // slice it shifted, so for all none is needed when every group seen is older than any created
      // during the listing; a group deleted keeps its old Createtime.
      const joinedUnseen = groupStatus === "deleted" || (groupStatus === "all" && newestCreateTime >= session.createdDuringFrom);
      if (pageNumber === lastPage && joinedUnseen && totalCount > 0 && totalCount % pageSize === 0) {
        const modeAfter = await probeCount(session, groupStatus);
        if (modeAfter !== totalCount) {
          throw shifted(appId, `the ${groupStatus === "all" ? "all-status" : groupStatus} TotalCount went from ${totalCount} at page 1 ` +
            `to ${modeAfter} after page ${lastPage}: groups joined the listing, so offsets may have shifted`, page.requestId);
        }
      }
      session.counters.pagesDone++;
      session.counters.groups += page.groups.length;
      session.reportProgress();
      // The consumer has the page: a consumer that drops the iterator (takes one page and moves
      // on) must not keep this listing's rate in force or a Redis connection open.
      session.idle();
      yield page;
    }
  } finally {
    session.close();
  }
}

function shifted(appId: string, what: string, requestId: string): ConsistencyError {
  return new ConsistencyError(
    `The groups of app ${appId} changed during pagination (${what}): pages may have skipped or repeated groups. ` +
      "Use listLiveMessageGroups, which repairs shifted listings, or paginate again.",
    { code: "ListingShifted", requestId },
  );
}
