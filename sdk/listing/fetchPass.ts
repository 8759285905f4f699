import type { PageRequest } from "../transport/createPageClient";
import { ClientError } from "../errors";
import { fetchPagesConcurrently } from "./fetchPagesConcurrently";
import type { ListingSession } from "./openListingSession";
import { MAX_PAGE_SIZE } from "../options/listingOptionDefaults";
import type { GroupStatus, LiveMessageGroupPage } from "../types";
import { pagesFor } from "./verifyListing";

/** The API serves PageNumber 1..10000. */
export const MAX_PAGE_NUMBER = 10_000;

/**
 * The pages a listing of `first.totalCount` groups needs at `template.pageSize`; throws
 * TooManyPages (before any further request) when that is more than the API serves.
 */
export function pagesWithinLimit(appId: string, first: LiveMessageGroupPage, template: { readonly pageSize: number; readonly groupStatus: GroupStatus }): number {
  const lastPage = pagesFor(first.totalCount, template.pageSize);
  if (lastPage > MAX_PAGE_NUMBER) {
    throw new ClientError(
      `app ${appId} reports ${first.totalCount} groups for groupStatus ${template.groupStatus}: at pageSize ` +
        `${template.pageSize} that needs ${lastPage} pages, more than the API's ${MAX_PAGE_NUMBER}; ` +
        tooManyPagesAdvice(first.totalCount, template.pageSize, template.groupStatus),
      { code: "TooManyPages", requestId: first.requestId, attempts: 1 },
    );
  }
  return lastPage;
}

/**
 * One pass over a listing: page `startPage` first (its TotalCount says how many pages there are),
 * then the remaining pages concurrently. Returns pages startPage..N in order. Counts progress (see
 * ListProgress): the pass's pages join pagesTotal once its first page is in, so pagesDone never
 * exceeds pagesTotal; `groups` restarts with the pass (a tail pass starts from the groups before it).
 */
export async function fetchPass(
  session: ListingSession, template: Omit<PageRequest, "pageNumber">, startPage = 1,
): Promise<LiveMessageGroupPage[]> {
  const { counters } = session;
  counters.groups = (startPage - 1) * template.pageSize;
  const onPage = (page: LiveMessageGroupPage): void => {
    counters.pagesDone++;
    counters.groups += page.groups.length;
    session.reportProgress();
  };
  const first = await session.fetchPage({ ...template, pageNumber: startPage });
  const lastPage = pagesWithinLimit(session.options.appId, first, template);
  counters.pagesTotal = (counters.pagesTotal ?? 0) + Math.max(1, lastPage - startPage + 1);
  onPage(first);
  const rest: number[] = [];
  for (let pageNumber = startPage + 1; pageNumber <= lastPage; pageNumber++) rest.push(pageNumber);
  return [first, ...await fetchPagesConcurrently(session, template, rest, onPage)];
}

/**
 * A probe of the all-status TotalCount: one group, ascending. A request (counted in `requests`),
 * not a page of the listing: it is not in pagesDone / pagesTotal.
 */
export async function probeAllCount(session: ListingSession): Promise<number> {
  return probeCount(session, "all");
}

/**
 * A probe of `groupStatus`'s TotalCount (one group, ascending), as {@link probeAllCount}. Sent after
 * a pass's last answer, its count is taken after every page's slice: a service that counts, then
 * slices (two queries, not one snapshot) can serve a page whose count predates a group created or
 * deleted before its slice, which shifts the slice without any page's count showing it.
 */
export async function probeCount(session: ListingSession, groupStatus: GroupStatus): Promise<number> {
  const page = await session.fetchPage({ pageNumber: 1, pageSize: 1, groupStatus, sortOrder: "asc" });
  session.reportProgress();
  return page.totalCount;
}

/** What to do when a listing needs more pages than the API serves: only advice that can work for this case. */
export function tooManyPagesAdvice(totalCount: number, pageSize: number, groupStatus: GroupStatus): string {
  const reachable = MAX_PAGE_NUMBER * MAX_PAGE_SIZE;
  if (pageSize < MAX_PAGE_SIZE && totalCount <= reachable) {
    return `use pageSize ${MAX_PAGE_SIZE} (the API cannot page past ${reachable} groups)`;
  }
  if (groupStatus === "all") {
    return `the API cannot page past ${reachable} groups at any pageSize: list groupStatus existing and deleted separately ` +
      `(each within ${reachable} groups)`;
  }
  return `the API cannot page past ${reachable} groups of one groupStatus at any pageSize, so this app cannot be listed in full`;
}
