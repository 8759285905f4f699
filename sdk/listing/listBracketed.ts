import { fetchPass, probeAllCount } from "./fetchPass";
import { listAppendOnly } from "./listAppendOnly";
import type { ListingSession } from "./openListingSession";
import type { LiveMessageGroup } from "../types";
import { findPagesProblem } from "./verifyListing";

/**
 * Lists a mode other than all/asc with the server's own filter and order, and proves that offsets
 * did not shift (see CONSISTENCY.md):
 * - every page reports the TotalCount of page 1, and the pages pass the shape/order/status checks;
 * - for existing/deleted, the all-status TotalCount is probed BEFORE page 1 (awaited: a probe
 *   served after page 1 could miss a create+delete pair) and AFTER the last page. Equal probes mean
 *   nothing was created; then any deletion would have changed the mode's count between pages.
 *   (For all/desc the mode's count is the all-status count, so no probes are needed.)
 * Otherwise it falls back to the append-only basis and filters / reverses client-side.
 */
export async function listBracketed(session: ListingSession): Promise<LiveMessageGroup[]> {
  const { pageSize, groupStatus, sortOrder } = session.options;
  const needsProbes = groupStatus !== "all";
  const before = needsProbes ? await probeAllCount(session) : null;
  const pages = await fetchPass(session, { pageSize, groupStatus, sortOrder });
  const totalCount = pages[0]?.totalCount ?? 0;
  const problem = findPagesProblem(pages, { pageSize, totalCount, exact: true, sortOrder, groupStatus });
  if (problem === null) {
    const after = needsProbes ? await probeAllCount(session) : null;
    if (before === after) return pages.flatMap((page) => page.groups);
  }
  const basis = await listAppendOnly(session);
  const filtered = groupStatus === "all" ? basis : basis.filter((group) => group.deleted === (groupStatus === "deleted"));
  return sortOrder === "desc" ? filtered.reverse() : filtered;
}
