import type { GroupStatus, LiveMessageGroup, LiveMessageGroupPage, SortOrder } from "../types";

/** What the pages of one pass must look like. */
export interface PassExpectation {
  readonly pageSize: number;
  /** TotalCount reported by the pass's first page. */
  readonly totalCount: number;
  /**
   * true: every page must report exactly `totalCount` and the last page hold exactly the
   * remainder. false (append-only basis): TotalCount may grow, and the last page hold more.
   */
  readonly exact: boolean;
  readonly sortOrder: SortOrder;
  readonly groupStatus: GroupStatus;
}

/** Pages a listing of `totalCount` groups needs (at least 1: page 1 is always fetched). */
export function pagesFor(totalCount: number, pageSize: number): number {
  return Math.max(1, Math.ceil(totalCount / pageSize));
}

/**
 * Returns why `pages` (page numbers 1..N in order) are not one consistent listing, or null.
 * Pure: used by the lister to decide whether to repair, and by tests directly.
 */
export function findPagesProblem(pages: readonly LiveMessageGroupPage[], expect: PassExpectation): string | null {
  const lastPage = pagesFor(expect.totalCount, expect.pageSize);
  if (pages.length !== lastPage) return `expected ${lastPage} pages, got ${pages.length}`;
  for (const [index, page] of pages.entries()) {
    const problem = findPageProblem(page, index + 1, expect);
    if (problem !== null) return problem;
  }
  return findGroupsProblem(pages, expect.sortOrder, expect.groupStatus);
}

/**
 * Returns why page `pageNumber` does not fit the pass (its TotalCount against page 1's, its size
 * against its place), or null. Shared by whole-pass checks and by the lazy paginator.
 */
export function findPageProblem(
  page: LiveMessageGroupPage, pageNumber: number, expect: Pick<PassExpectation, "pageSize" | "totalCount" | "exact">,
): string | null {
  const lastPage = pagesFor(expect.totalCount, expect.pageSize);
  if (expect.exact ? page.totalCount !== expect.totalCount : page.totalCount < expect.totalCount) {
    return `page ${pageNumber} reported TotalCount ${page.totalCount}, page 1 reported ${expect.totalCount}`;
  }
  const remainder = expect.totalCount - (lastPage - 1) * expect.pageSize;
  const count = page.groups.length;
  const wrongSize = pageNumber < lastPage
    ? count !== expect.pageSize
    : expect.exact ? count !== remainder : count < remainder || count > expect.pageSize;
  return wrongSize ? `page ${pageNumber} holds ${count} groups, expected ${pageNumber < lastPage ? expect.pageSize : remainder}` : null;
}

/**
 * Returns why `groups` (a list, or pages read in order without concatenating them) are not a
 * valid listing in `sortOrder` for `groupStatus` (duplicates, order, status), or null.
 */
export function findGroupsProblem(
  groups: readonly LiveMessageGroup[] | readonly LiveMessageGroupPage[], sortOrder: SortOrder, groupStatus: GroupStatus = "all",
): string | null {
  const seen = new Set<string>();
  let previous: LiveMessageGroup | null = null;
  const check = (group: LiveMessageGroup): string | null => {
    if (seen.has(group.groupId)) return `group ${group.groupId} appears twice`;
    seen.add(group.groupId);
    if (previous !== null) {
      const outOfOrder = sortOrder === "asc" ? group.createTime < previous.createTime : group.createTime > previous.createTime;
      if (outOfOrder) return `group ${group.groupId} is out of ${sortOrder} creation order`;
    }
    if ((groupStatus === "existing" && group.deleted) || (groupStatus === "deleted" && !group.deleted)) {
      return `group ${group.groupId} does not match groupStatus ${groupStatus}`;
    }
    previous = group;
    return null;
  };
  for (const item of groups) {
    const members = "groups" in item ? item.groups : [item];
    for (const group of members) {
      const problem = check(group);
      if (problem !== null) return problem;
    }
  }
  return null;
}
