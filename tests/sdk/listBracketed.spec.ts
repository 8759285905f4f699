import assert from "node:assert/strict";
import type { PageClient, PageRequest } from "../../sdk/transport/createPageClient";
import { listBracketed } from "../../sdk/listing/listBracketed";
import type { LiveMessageGroup, LiveMessageGroupPage } from "../../sdk/types";
import { runScriptedLister } from "./runListAppendOnly";

function group(index: number): LiveMessageGroup {
  return { groupId: `e${index}`, groupName: "", groupInfo: "", creatorId: "", adminList: [], createTime: 10 + index, deleted: false };
}

/**
 * An app with `allCount` groups in all (probes answer that count) whose existing groups are
 * `existing(pass)`: the view served to existing-status pages of the pass-th pass (a pass starts at
 * each all-status probe taken before a page 1). Records every request.
 */
function appWithExisting(allCount: (probe: number) => number, existing: (pass: number, pageNumber: number) => LiveMessageGroup[]): PageClient & { calls: PageRequest[] } {
  const calls: PageRequest[] = [];
  let probes = 0;
  let pass = 0;
  return {
    calls,
    async fetchPage(request): Promise<LiveMessageGroupPage> {
      calls.push(request);
      const base = { pageNumber: request.pageNumber, pageSize: request.pageSize, requestId: `r${calls.length}` };
      if (request.groupStatus === "all") {
        if (request.pageSize !== 1) throw new Error(`the all-status view was paged: ${JSON.stringify(request)}`);
        probes++;
        return { ...base, totalCount: allCount(probes), groups: [group(-1)] };
      }
      if (request.pageNumber === 1) pass++;
      const view = existing(pass, request.pageNumber);
      const offset = (request.pageNumber - 1) * request.pageSize;
      return { ...base, totalCount: view.length, groups: view.slice(offset, offset + request.pageSize) };
    },
  };
}

const five = [0, 1, 2, 3, 4].map(group);
const four = [0, 1, 3, 4].map(group); // e2 deleted
const options = { groupStatus: "existing", pageSize: 2, requestsPerSecond: 10_000 } as const;
// At pageSize 2 the API pages 20,000 groups at most: an app of 20,001 in all cannot be listed all-status.
const overLimit = 20_001;

describe("listBracketed: an app with more groups in all than the API pages (its all-status view cannot be the fallback)", () => {
  it("a deletion during the first pass: the bracketed pass is repeated, and its listing returned", async () => {
    // Pass 1 sees e2 deleted from page 2 on (a shift); pass 2 is stable.
    const service = appWithExisting(() => overLimit, (pass, pageNumber) => (pass === 1 && pageNumber === 1 ? five : four));
    const result = await runScriptedLister(listBracketed, service, "bracketed-secret", options);
    assert.deepEqual((result as LiveMessageGroup[]).map((g) => g.groupId), ["e0", "e1", "e3", "e4"], String(result));
    // probe, pages 1-3, then probe, pages 1-2, probe: never an all-status page.
    assert.deepEqual(service.calls.map((c) => `${c.groupStatus}:${c.pageNumber}`), ["all:1", "existing:1", "existing:2", "existing:3", "all:1", "existing:1", "existing:2", "all:1"]);
  });

  it("groups created during every pass: ConsistencyError naming the count in all and the limit, not TooManyPages", async () => {
    let count = overLimit;
    const service = appWithExisting(() => count++, () => five);
    const error = await runScriptedLister(listBracketed, service, "bracketed-secret", options);
    assert.equal((error as { kind?: string }).kind, "Consistency", String(error));
    assert.equal((error as { code?: string }).code, "ListingShifted");
    assert.equal((error as { attempts?: number }).attempts, 3);
    assert.match((error as Error).message, /kept changing while groupStatus existing was listed \(the all-status TotalCount went from 20005 to 20006 during the listing\); gave up after 3 listings\. The app holds 20006 groups in all, more than the API pages at pageSize 2 \(10000 pages\), so the listing cannot fall back to the all-status view \(at pageSize 50 it can\)\. Retry when fewer groups are being created or deleted\./);
    assert.equal(service.calls.length, 3 * 5, "3 passes of a probe, 3 pages and a probe");
  });

  it("exactly the API's reach at pageSize 50 in all (500,000), listed at pageSize 2: the ConsistencyError says pageSize 50 can fall back", async () => {
    const service = appWithExisting(() => 500_000, (pass, pageNumber) => (pageNumber === 1 ? five : four));
    const error = await runScriptedLister(listBracketed, service, "bracketed-secret", options);
    assert.equal((error as { code?: string }).code, "ListingShifted", String(error));
    assert.match((error as Error).message, /The app holds 500000 groups in all, more than the API pages at pageSize 2 \(10000 pages\), so the listing cannot fall back to the all-status view \(at pageSize 50 it can\)\./);
  });

  for (const allCount of [5, overLimit - 1]) {
    it(`within the limit (${allCount} in all), a shifted pass still falls back to the all-status view (one pass)`, async () => {
      const service = appWithExisting(() => allCount, (pass, pageNumber) => (pass === 1 && pageNumber === 1 ? five : four));
      const error = await runScriptedLister(listBracketed, service, "bracketed-secret", options);
      assert.match(String(error), /the all-status view was paged: \{"pageSize":2,"groupStatus":"all"/);
    });
  }
});
