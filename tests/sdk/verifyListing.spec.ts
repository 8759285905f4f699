import assert from "node:assert/strict";
import type { LiveMessageGroup, LiveMessageGroupPage } from "../../sdk/types";
import { findGroupsProblem, findPageProblem, findPagesProblem, pagesFor } from "../../sdk/listing/verifyListing";

function g(id: string, createTime: number, deleted = false): LiveMessageGroup {
  return { groupId: id, groupName: "", groupInfo: "", creatorId: "", adminList: [], createTime, deleted };
}
function page(pageNumber: number, totalCount: number, groups: LiveMessageGroup[]): LiveMessageGroupPage {
  return { pageNumber, pageSize: 2, totalCount, groups, requestId: `R${pageNumber}` };
}
const asc = { pageSize: 2, sortOrder: "asc", groupStatus: "all" } as const;

describe("verifyListing", () => {
  it("pagesFor", () => {
    assert.deepEqual([pagesFor(0, 50), pagesFor(50, 50), pagesFor(51, 50), pagesFor(10_000, 50)], [1, 1, 2, 200]);
  });

  const table: ReadonlyArray<readonly [string, LiveMessageGroupPage[], boolean, RegExp | null]> = [
    ["consistent", [page(1, 3, [g("a", 1), g("b", 2)]), page(2, 3, [g("c", 3)])], true, null],
    ["empty", [page(1, 0, [])], true, null],
    ["TotalCount changed (exact)", [page(1, 3, [g("a", 1), g("b", 2)]), page(2, 4, [g("c", 3)])], true, /TotalCount 4/],
    ["TotalCount grew (append-only) is fine", [page(1, 3, [g("a", 1), g("b", 2)]), page(2, 4, [g("c", 3), g("d", 4)])], false, null],
    ["TotalCount shrank (append-only)", [page(1, 3, [g("a", 1), g("b", 2)]), page(2, 2, [g("c", 3)])], false, /TotalCount 2/],
    ["short middle page", [page(1, 3, [g("a", 1)]), page(2, 3, [g("c", 3)])], true, /page 1 holds 1/],
    ["last page too long (exact)", [page(1, 3, [g("a", 1), g("b", 2)]), page(2, 3, [g("c", 3), g("d", 4)])], true, /page 2 holds 2/],
    ["duplicate across pages", [page(1, 3, [g("a", 1), g("b", 2)]), page(2, 3, [g("b", 2)])], true, /b appears twice/],
    ["out of order", [page(1, 3, [g("a", 1), g("b", 5)]), page(2, 3, [g("c", 3)])], true, /out of asc/],
    ["missing page", [page(1, 3, [g("a", 1), g("b", 2)])], true, /expected 2 pages/],
    ["extra page", [page(1, 2, [g("a", 1), g("b", 2)]), page(2, 2, [])], true, /expected 1 pages, got 2/],
    ["short last page (exact)", [page(1, 3, [g("a", 1), g("b", 2)]), page(2, 3, [])], true, /page 2 holds 0 groups, expected 1/],
    ["middle page too long", [page(1, 3, [g("a", 1), g("b", 2), g("c", 3)]), page(2, 3, [g("d", 4)])], true, /page 1 holds 3 groups, expected 2/],
    // The append-only basis (exact false): the last page may hold more than the remainder (groups
    // created meanwhile), up to a full page, never fewer than the remainder.
    ["append-only: last page holds exactly the remainder", [page(1, 3, [g("a", 1), g("b", 2)]), page(2, 3, [g("c", 3)])], false, null],
    ["append-only: last page grew to a full page", [page(1, 3, [g("a", 1), g("b", 2)]), page(2, 5, [g("c", 3), g("d", 4)])], false, null],
    ["append-only: last page short of the remainder", [page(1, 3, [g("a", 1), g("b", 2)]), page(2, 3, [])], false, /page 2 holds 0 groups, expected 1/],
    ["append-only: last page longer than a page", [page(1, 3, [g("a", 1), g("b", 2)]), page(2, 6, [g("c", 3), g("d", 4), g("e", 5)])], false,
      /page 2 holds 3 groups, expected 1/],
    ["append-only: a middle page still must be full", [page(1, 3, [g("a", 1)]), page(2, 4, [g("c", 3), g("d", 4)])], false, /page 1 holds 1/],
    ["append-only: the same TotalCount is fine", [page(1, 4, [g("a", 1), g("b", 2)]), page(2, 4, [g("c", 3), g("d", 4)])], false, null],
    ["exact: the full last page of an even count", [page(1, 4, [g("a", 1), g("b", 2)]), page(2, 4, [g("c", 3), g("d", 4)])], true, null],
    ["ascending ties in one second are in order", [page(1, 3, [g("a", 5), g("b", 5)]), page(2, 3, [g("c", 5)])], true, null],
  ];
  for (const [name, pages, exact, problem] of table) {
    it(name, () => {
      const found = findPagesProblem(pages, { ...asc, totalCount: pages[0]?.totalCount ?? 0, exact });
      if (problem === null) assert.equal(found, null);
      else assert.match(found ?? "", problem);
    });
  }

  it("pagesFor: one page even for nothing, and exact boundaries", () => {
    assert.deepEqual([pagesFor(0, 1), pagesFor(1, 1), pagesFor(49, 50), pagesFor(500_000, 50), pagesFor(500_001, 50)], [1, 1, 1, 10_000, 10_001]);
  });

  it("findPageProblem names the page, both counts and the expected size", () => {
    const expect = { pageSize: 2, totalCount: 3, exact: true };
    assert.equal(findPageProblem(page(2, 4, [g("c", 3)]), 2, expect), "page 2 reported TotalCount 4, page 1 reported 3");
    assert.equal(findPageProblem(page(1, 3, [g("a", 1)]), 1, expect), "page 1 holds 1 groups, expected 2");
    assert.equal(findPageProblem(page(2, 3, [g("c", 3), g("d", 4)]), 2, expect), "page 2 holds 2 groups, expected 1");
    assert.equal(findPageProblem(page(2, 3, [g("c", 3)]), 2, expect), null);
  });

  it("descending order accepts groups sharing a creation second, in any tie order", () => {
    assert.equal(findGroupsProblem([g("c", 3), g("b", 2), g("a", 2), g("z", 2), g("y", 1)], "desc"), null);
    assert.equal(findGroupsProblem([page(1, 3, [g("c", 3), g("b", 2)]), page(2, 3, [g("a", 2)])], "desc"), null);
    assert.match(findGroupsProblem([g("c", 3), g("b", 2), g("a", 3)], "desc") ?? "", /group a is out of desc creation order/);
    assert.match(findGroupsProblem([g("a", 2), g("b", 2), g("c", 1)], "asc") ?? "", /group c is out of asc creation order/);
  });

  it("reports the first problem in reading order, across pages", () => {
    assert.equal(findGroupsProblem([page(1, 3, [g("a", 1), g("b", 2)]), page(2, 3, [g("a", 3)])], "asc"), "group a appears twice");
    assert.equal(findGroupsProblem([g("a", 1), g("b", 1, true), g("b", 0)], "asc", "existing"), "group b does not match groupStatus existing");
    assert.equal(findGroupsProblem([g("a", 1, true), g("b", 2, true)], "asc", "deleted"), null);
    assert.equal(findGroupsProblem([g("a", 1, true), g("b", 2, false)], "asc", "all"), null);
    assert.equal(findGroupsProblem([], "desc"), null);
  });

  it("checks order for desc and the status filter", () => {
    assert.equal(findGroupsProblem([g("b", 2), g("a", 1)], "desc"), null);
    assert.match(findGroupsProblem([g("a", 1), g("b", 2)], "desc") ?? "", /out of desc/);
    assert.match(findGroupsProblem([g("a", 1, true)], "asc", "existing") ?? "", /groupStatus existing/);
    assert.match(findGroupsProblem([g("a", 1, false)], "asc", "deleted") ?? "", /groupStatus deleted/);
    assert.equal(findGroupsProblem([g("a", 1, true)], "asc", "deleted"), null);
  });
});
