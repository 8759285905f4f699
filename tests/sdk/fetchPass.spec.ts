import assert from "node:assert/strict";
import type { PageClient, PageRequest } from "../../sdk/transport/createPageClient";
import { fetchPass, MAX_PAGE_NUMBER } from "../../sdk/listing/fetchPass";
import { listAppendOnly } from "../../sdk/listing/listAppendOnly";
import { listBracketed } from "../../sdk/listing/listBracketed";
import type { ListProgress, LiveMessageGroup, LiveMessageGroupPage } from "../../sdk/types";
import { runScriptedLister } from "./runListAppendOnly";

/**
 * An in-memory service of `total` groups (one per second, ascending), answering any page: cheap
 * enough to page through 10,000 pages without an HTTP server. Records every request.
 */
function countingService(total: number): PageClient & { calls: PageRequest[] } {
  const calls: PageRequest[] = [];
  return {
    calls,
    async fetchPage(request): Promise<LiveMessageGroupPage> {
      calls.push(request);
      const first = (request.pageNumber - 1) * request.pageSize;
      const count = Math.max(0, Math.min(request.pageSize, total - first));
      const groups: LiveMessageGroup[] = Array.from({ length: count }, (_, i) => ({
        groupId: `g${first + i}`, groupName: "", groupInfo: "", creatorId: "", adminList: [], createTime: first + i, deleted: false,
      }));
      return { pageNumber: request.pageNumber, pageSize: request.pageSize, totalCount: total, groups, requestId: `r${calls.length}` };
    },
  };
}

const SECRET = "fetch-pass-secret";
const fast = { pageSize: 1, requestsPerSecond: 10_000 };

describe("fetchPass: the API's page limit", function () {
  this.timeout(60_000);

  it(`exactly ${MAX_PAGE_NUMBER} pages are listed`, async () => {
    const service = countingService(MAX_PAGE_NUMBER);
    const groups = await runScriptedLister(listAppendOnly, service, SECRET, fast) as LiveMessageGroup[];
    assert.equal(groups.length, MAX_PAGE_NUMBER);
    assert.equal(service.calls.length, MAX_PAGE_NUMBER);
    assert.equal(Math.max(...service.calls.map((c) => c.pageNumber)), MAX_PAGE_NUMBER);
  });

  for (const [name, lister, options, calls] of [
    ["all/asc", listAppendOnly, {}, 1],
    ["existing/asc (after its probe)", listBracketed, { groupStatus: "existing" }, 2],
  ] as const) {
    it(`${name}: one more group fails after page 1 with TooManyPages, before any other page`, async () => {
      const service = countingService(MAX_PAGE_NUMBER + 1);
      const error = await runScriptedLister(lister, service, SECRET, { ...fast, ...options });
      assert.equal(service.calls.length, calls);
      assert.ok(error instanceof Error);
      assert.deepEqual(
        { kind: (error as { kind?: unknown }).kind, code: (error as { code?: unknown }).code, requestId: (error as { requestId?: unknown }).requestId,
          attempts: (error as { attempts?: unknown }).attempts },
        { kind: "ClientError", code: "TooManyPages", requestId: `r${calls}`, attempts: 1 },
      );
      assert.match(error.message, /10001 groups for groupStatus (all|existing): at pageSize 1 that needs 10001 pages/);
    });
  }
});

describe("fetchPass: pages and progress", () => {
  it("fetches startPage..N in order, counting the pass's pages into pagesTotal and its groups from startPage", async () => {
    const service = countingService(7);
    const progress: ListProgress[] = [];
    const pages = await runScriptedLister(
      (session) => fetchPass(session, { pageSize: 2, groupStatus: "all", sortOrder: "asc" }, 3), service, SECRET,
      { concurrency: 1, onProgress: (p) => progress.push(p) },
    ) as LiveMessageGroupPage[];
    assert.deepEqual(pages.map((p) => p.pageNumber), [3, 4]);
    assert.deepEqual(service.calls.map((c) => c.pageNumber), [3, 4]);
    assert.deepEqual(progress.map((p) => [p.pagesDone, p.pagesTotal, p.groups]), [[1, 2, 6], [2, 2, 7]]);
  });

  it("a tail pass starting past the last page (groups purged since) counts the one page it fetched: pagesDone <= pagesTotal", async () => {
    // 2 groups at pageSize 2: page 3's TotalCount says 1 page, 2 before the pass's start.
    const service = countingService(2);
    const progress: ListProgress[] = [];
    const pages = await runScriptedLister(
      (session) => fetchPass(session, { pageSize: 2, groupStatus: "all", sortOrder: "asc" }, 3), service, SECRET,
      { onProgress: (p) => progress.push(p) },
    ) as LiveMessageGroupPage[];
    assert.deepEqual(pages.map((p) => p.pageNumber), [3]);
    assert.deepEqual(progress.map((p) => [p.pagesDone, p.pagesTotal]), [[1, 1]]);
  });

  it("an empty listing is one page, counted as one", async () => {
    const service = countingService(0);
    const progress: ListProgress[] = [];
    const pages = await runScriptedLister(
      (session) => fetchPass(session, { pageSize: 50, groupStatus: "all", sortOrder: "asc" }), service, SECRET,
      { onProgress: (p) => progress.push(p) },
    ) as LiveMessageGroupPage[];
    assert.equal(pages.length, 1);
    assert.deepEqual(progress.map((p) => [p.pagesDone, p.pagesTotal, p.groups]), [[1, 1, 0]]);
  });
});

describe("fetchPagesConcurrently: the first failure ends the pass", () => {
  it("rejects with the first failure without waiting for a page that never answers, and starts no new page", async () => {
    const calls: number[] = [];
    const client: PageClient = {
      fetchPage(request): Promise<LiveMessageGroupPage> {
        calls.push(request.pageNumber);
        if (request.pageNumber === 1) return countingService(10).fetchPage(request);
        // Page 2 never answers: only abandoning it (the batch signal) lets the pass end.
        if (request.pageNumber === 2) return new Promise<LiveMessageGroupPage>(() => undefined);
        return Promise.reject(Object.assign(new Error("denied"), { code: "NoAuth", statusCode: 403, data: { Code: "NoAuth", RequestId: "R-3" } }));
      },
    };
    const error = await runScriptedLister(listAppendOnly, client, SECRET, { pageSize: 1, concurrency: 2 });
    assert.equal((error as { kind?: unknown }).kind, "ClientError");
    assert.equal((error as { requestId?: unknown }).requestId, "R-3");
    assert.deepEqual(calls, [1, 2, 3], "no page after the failure");
  });

  it("two pages failing at once: the pass rejects with the first failure, not the last", async () => {
    const client: PageClient = {
      fetchPage(request): Promise<LiveMessageGroupPage> {
        if (request.pageNumber === 1) return countingService(10).fetchPage(request);
        const requestId = `R-${request.pageNumber}`;
        return Promise.reject(Object.assign(new Error("denied"), { code: "NoAuth", statusCode: 403, data: { Code: "NoAuth", RequestId: requestId } }));
      },
    };
    const error = await runScriptedLister(listAppendOnly, client, SECRET, { pageSize: 1, concurrency: 2 });
    assert.equal((error as { requestId?: unknown }).requestId, "R-2");
  });
});
