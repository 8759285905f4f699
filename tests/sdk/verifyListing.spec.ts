import assert from "node:assert/strict";
import type { LiveMessageGroup, LiveMessageGroupPage } from "../../sdk/types";
import { findGroupsProblem, findPagesProblem, pagesFor } from "../../sdk/verifyListing";

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
  ];
  for (const [name, pages, exact, problem] of table) {
    it(name, () => {
      const found = findPagesProblem(pages, { ...asc, totalCount: pages[0]?.totalCount ?? 0, exact });
      if (problem === null) assert.equal(found, null);
      else assert.match(found ?? "", problem);
    });
  }

  it("checks order for desc and the status filter", () => {
    assert.equal(findGroupsProblem([g("b", 2), g("a", 1)], "desc"), null);
    assert.match(findGroupsProblem([g("a", 1), g("b", 2)], "desc") ?? "", /out of desc/);
    assert.match(findGroupsProblem([g("a", 1, true)], "asc", "existing") ?? "", /groupStatus existing/);
    assert.match(findGroupsProblem([g("a", 1, false)], "asc", "deleted") ?? "", /groupStatus deleted/);
    assert.equal(findGroupsProblem([g("a", 1, true)], "asc", "deleted"), null);
  });
});
