import { ConsistencyError } from "./errors";
import { openListingSession } from "./openListingSession";
import type { ListLiveMessageGroupsOptions, LiveMessageGroupPage } from "./types";
import { pagesFor } from "./verifyListing";

/**
 * Yields the pages of a listing lazily, one request at a time: a consumer that stops iterating
 * (`break`, `return`) stops the requests. Each page is validated. It does NOT repair a listing
 * that shifts under it (use listLiveMessageGroups for that guarantee); it throws ConsistencyError
 * when a page reports a different TotalCount than page 1, a page is short, or a group id repeats.
 * Options, validation and errors are those of listLiveMessageGroups (`concurrency` is unused).
 *
 * @example
 * for await (const page of paginateLiveMessageGroups({ appId: "my-app" })) {
 *   if (page.groups.some((g) => g.groupId === "wanted")) break; // no further requests
 * }
 */
export async function* paginateLiveMessageGroups(options: ListLiveMessageGroupsOptions): AsyncGenerator<LiveMessageGroupPage> {
  const session = await openListingSession(options);
  try {
    const { pageSize, groupStatus, sortOrder, appId } = session.options;
    const seen = new Set<string>();
    let totalCount = 0;
    let lastPage = 1;
    for (let pageNumber = 1; pageNumber <= lastPage; pageNumber++) {
      const page = await session.fetchPage({ pageNumber, pageSize, groupStatus, sortOrder });
      if (pageNumber === 1) {
        totalCount = page.totalCount;
        lastPage = pagesFor(totalCount, pageSize);
        session.counters.pagesTotal = lastPage;
      }
      const expected = pageNumber < lastPage ? pageSize : totalCount - (lastPage - 1) * pageSize;
      if (page.totalCount !== totalCount || page.groups.length !== expected) {
        throw shifted(appId, `page ${pageNumber} reported TotalCount ${page.totalCount} and ${page.groups.length} ` +
          `groups; page 1 reported TotalCount ${totalCount}`, page.requestId);
      }
      for (const group of page.groups) {
        if (seen.has(group.groupId)) throw shifted(appId, `group ${group.groupId} appeared twice`, page.requestId);
        seen.add(group.groupId);
      }
      session.counters.pagesDone++;
      session.counters.groups += page.groups.length;
      session.reportProgress();
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
