import { ConsistencyError } from "../errors";
import { fetchPass, MAX_PAGE_NUMBER, probeAllCount, probeCount } from "./fetchPass";
import { listAppendOnly, MAX_RELISTS } from "./listAppendOnly";
import { MAX_PAGE_SIZE } from "../options/listingOptionDefaults";
import type { ListingSession } from "./openListingSession";
import type { LiveMessageGroup, LiveMessageGroupPage } from "../types";
import { findPagesProblem } from "./verifyListing";

/**
 * Lists a mode other than all/asc with the server's own filter and order, and proves that offsets
 * did not shift (see CONSISTENCY.md):
 * - every page reports the TotalCount of page 1, and the pages pass the shape/order/status checks;
 * - for existing/deleted, the all-status TotalCount is probed BEFORE page 1 (awaited: a probe
 *   served after page 1 could miss a create+delete pair) and AFTER the last page. Equal probes mean
 *   nothing was created; then any deletion would have changed the mode's count between pages.
 *   (For all/desc the mode's count is the all-status count, so no probes are needed.)
 * Otherwise it falls back to the append-only basis and filters / reverses client-side; when the
 * basis holds more groups than the API pages at this pageSize (an app of over 500,000 groups in
 * all, listed by status), it repeats the bracketed pass instead, then gives up with ConsistencyError.
 */
export async function listBracketed(session: ListingSession): Promise<LiveMessageGroup[]> {
  const { pageSize, groupStatus, sortOrder } = session.options;
  const needsProbes = groupStatus !== "all";
  let problem = "";
  let allCount = 0;
  // The highest all-status TotalCount seen (probes; all/desc pages): the fallback must not return a
  // basis older than it (see listAppendOnly).
  let allSeen = 0;
  for (let pass = 0; pass < MAX_RELISTS; pass++) {
    const before = needsProbes ? await probeAllCount(session) : null;
    const pages = await fetchPass(session, { pageSize, groupStatus, sortOrder });
    const totalCount = pages[0]?.totalCount ?? 0;
    allSeen = Math.max(allSeen, before ?? 0, ...(groupStatus === "all" ? pages.map((page) => page.totalCount) : []));
    problem = findPagesProblem(pages, { pageSize, totalCount, exact: true, sortOrder, groupStatus }) ?? "";
    allCount = before ?? totalCount;
    if (problem === "") {
      const after = needsProbes ? await probeAllCount(session) : null;
      // A service that counts, then slices can cut a page after a group joined the mode's view
      // (created, for all; deleted, for deleted) with a count from before: a slice shifted, a group
      // pushed onto a page already read, while every count agrees. A count of the mode taken after
      // the last answer shows it (for existing, the all-status probe does: a group leaves that view
      // only, and a slice shifted that way repeats a group or leaves the last page short). One page
      // that is not full needs none: a shifted slice holds more than the count. Nor does all when
      // every group is older than any created during the listing: the group that shifted a slice
      // is in it. A group deleted during the listing keeps its old Createtime, so deleted probes.
      const joinedUnseen = totalCount >= pageSize && (groupStatus === "deleted" || (groupStatus === "all" && newestCreateTime(pages) >= session.createdDuringFrom));
      const modeAfter = joinedUnseen ? await probeCount(session, groupStatus) : totalCount;
      allSeen = Math.max(allSeen, after ?? 0, groupStatus === "all" ? modeAfter : 0);
      if (before === after && modeAfter === totalCount) return pages.flatMap((page) => page.groups);
      problem = before !== after
        ? `the all-status TotalCount went from ${before} to ${after} during the listing`
        : `the ${groupStatus === "all" ? "all-status" : groupStatus} TotalCount went from ${totalCount} to ${modeAfter} during the listing`;
      allCount = after ?? (groupStatus === "all" ? modeAfter : totalCount);
    }
    if (allCount <= MAX_PAGE_NUMBER * pageSize) {
      const basis = await listAppendOnly(session, allSeen);
      const filtered = groupStatus === "all" ? basis : basis.filter((group) => group.deleted === (groupStatus === "deleted"));
      return sortOrder === "desc" ? filtered.reverse() : filtered;
    }
  }
  throw new ConsistencyError(
    `The groups of app ${session.options.appId} kept changing while groupStatus ${groupStatus} was listed (${problem}); ` +
      `gave up after ${MAX_RELISTS} listings. The app holds ${allCount} groups in all, more than the API pages at pageSize ` +
      `${pageSize} (${MAX_PAGE_NUMBER} pages), so the listing cannot fall back to the all-status view` +
      (allCount <= MAX_PAGE_NUMBER * MAX_PAGE_SIZE ? ` (at pageSize ${MAX_PAGE_SIZE} it can)` : "") +
      `. Retry when fewer groups are being created or deleted.`,
    { code: "ListingShifted", attempts: MAX_RELISTS },
  );
}

/** The newest `Createtime` of the pages' groups (-Infinity for none). */
function newestCreateTime(pages: readonly LiveMessageGroupPage[]): number {
  let newest = Number.NEGATIVE_INFINITY;
  for (const page of pages) for (const group of page.groups) if (group.createTime > newest) newest = group.createTime;
  return newest;
}
