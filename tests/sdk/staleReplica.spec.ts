import assert from "node:assert/strict";
import type { PageClient, PageRequest } from "../../sdk/transport/createPageClient";
import { listBracketed } from "../../sdk/listing/listBracketed";
import type { LiveMessageGroup, LiveMessageGroupPage } from "../../sdk/types";
import { runListAppendOnly, runScriptedLister } from "./runListAppendOnly";

const NOW = Math.floor(Date.now() / 1000);

function group(groupId: string, createTime: number): LiveMessageGroup {
  return { groupId, groupName: "", groupInfo: "", creatorId: "", adminList: [], createTime, deleted: false };
}

/**
 * Replicas behind a balancer (`views` by name): `route(call)` picks the one that answers. Each answer
 * is one consistent snapshot of its replica (count and slice agree); replica A is a second or two
 * behind B (and B behind C, where there is one).
 */
function replicas<R extends string>(views: Readonly<Record<R, LiveMessageGroup[]>>, route: (call: number) => R): PageClient & { served: R[] } {
  const served: R[] = [];
  return {
    served,
    async fetchPage(request: PageRequest): Promise<LiveMessageGroupPage> {
      const replica = route(served.length + 1);
      served.push(replica);
      const view = views[replica].filter((g) => request.groupStatus === "all" || g.deleted === (request.groupStatus === "deleted"));
      const ordered = request.sortOrder === "asc" ? view : [...view].reverse();
      const offset = (request.pageNumber - 1) * request.pageSize;
      return { pageNumber: request.pageNumber, pageSize: request.pageSize, totalCount: view.length, groups: ordered.slice(offset, offset + request.pageSize), requestId: `r${served.length}` };
    },
  };
}

/** The listing returned `expected`, or failed with ConsistencyError: never a set missing a group it saw. */
function assertCompleteOrShifted(result: unknown, expected: string[]): void {
  if (Array.isArray(result)) {
    assert.deepEqual((result as LiveMessageGroup[]).map((g) => g.groupId), expected);
    return;
  }
  assert.equal((result as { code?: string }).code, "ListingShifted", String(result));
}

describe("a lagging replica: a pass or a tail re-read reporting a lower all-status TotalCount than one already seen", () => {
  // Groups an hour old, and n, created a second before the listing started: replica A does not have it yet.
  const a = [group("a", NOW - 3600), group("b", NOW - 3599), group("c", NOW - 3598), group("d", NOW - 3597)];
  const b = [...a, group("n", NOW - 1)];

  it("all/asc: the tail re-read from the stale replica (count 4, after page 2 reported 5) is not returned", async () => {
    // Round robin: page 1 from A (TotalCount 4), page 2 from B (5: growth), the tail (page 2) from A again.
    const service = replicas({ A: a, B: b }, (call) => (call % 2 === 1 ? "A" : "B"));
    const result = await runListAppendOnly(service, "stale-replica-secret", { pageSize: 2, concurrency: 1 });
    assertCompleteOrShifted(result, ["a", "b", "c", "d", "n"]);
  });

  // Three replicas: A lacks n (a second old) and p (created just before the listing), B lacks p.
  const c = [...b, group("p", NOW)];

  it("all/asc: a tail re-read whose pages disagree (5, then 6) raises the floor: the next re-read from B (5) is not returned", async () => {
    // Pass 1: page 1 from A (4), page 2 from B (5): growth, the tail from page 2. Re-read 1: page 2
    // from B (5), page 3 from C (6). Re-read 2: pages 2-3 from B (5, consistent), missing p.
    const service = replicas({ A: a, B: b, C: c }, (call) => (call === 1 ? "A" : call === 4 || call > 6 ? "C" : "B"));
    const result = await runListAppendOnly(service, "stale-replica-secret", { pageSize: 2, concurrency: 1 });
    assertCompleteOrShifted(result, ["a", "b", "c", "d", "n", "p"]);
    assert.ok(service.served.length > 6, "the listing was read again after the stale re-read");
  });

  it("all/asc: a consistent tail re-read (6) raises the floor: after a stale end count, the next re-read from B (5) is not returned", async () => {
    // Pass 1 as above. Re-read 1: pages 2-3 from C (6, consistent; p is recent, so an end count),
    // its end count from B (5: not 6). Re-read 2: pages 2-3 from B (5, consistent), missing p.
    const service = replicas({ A: a, B: b, C: c }, (call) => (call === 1 ? "A" : call === 3 || call === 4 || call > 7 ? "C" : "B"));
    const result = await runListAppendOnly(service, "stale-replica-secret", { pageSize: 2, concurrency: 1 });
    assertCompleteOrShifted(result, ["a", "b", "c", "d", "n", "p"]);
    assert.ok(service.served.length > 7, "the listing was read again after the stale re-read");
  });

  it("all/asc: the end count (6 from C, after a pass of 5 from B) is the floor of the tail re-read: a re-read from B (5) is not returned", async () => {
    // pageSize 1: pages 1-5 from B (5, consistent; n is recent and the last page full, so an end
    // count), the end count from C (6); the re-read of page 5 and its end count from B again.
    const service = replicas({ B: b, C: c }, (call) => (call === 6 || call > 8 ? "C" : "B"));
    const result = await runListAppendOnly(service, "stale-replica-secret", { pageSize: 1, concurrency: 1 });
    assertCompleteOrShifted(result, ["a", "b", "c", "d", "n", "p"]);
    assert.ok(service.served.length > 8, "the listing was read again after the stale re-read");
  });

  it("existing/asc: the all-status fallback from the stale replica (count 1, after a probe of 2) is not returned", async () => {
    const a1 = [group("a", NOW - 3600)];
    const b1 = [...a1, group("n", NOW - 1)];
    // Probe before from A (1), the existing page from B, probe after from B (2): the probes differ, so
    // the listing falls back to the all-status view, whose first page A serves with TotalCount 1.
    const route = (call: number): "A" | "B" => (call === 1 || call === 4 ? "A" : "B");
    const service = replicas({ A: a1, B: b1 }, route);
    const result = await runScriptedLister(listBracketed, service, "stale-replica-secret", { pageSize: 4, groupStatus: "existing", concurrency: 1 });
    assertCompleteOrShifted(result, ["a", "n"]);
    assert.ok(service.served.length > 4, "the stale fallback pass was read again");
  });

  // The bracketed pass falls back to the all-status view without its end probe when its pages
  // disagree: the floor the fallback must reach is then what it saw before (the probe before page
  // 1, or the all/desc pages' own counts), and after an end probe, that probe's count too.
  const a1 = [group("a", NOW - 3600)];
  const b1 = [...a1, group("n", NOW - 1)];

  it("existing/asc: pages that disagree, then the all-status fallback from the stale replica (count 1, after a probe of 2), is not returned", async () => {
    // Probe before from B (2); existing page 1 from B (TotalCount 2), page 2 from A (1): the pass
    // disagrees and falls back at once; the fallback's page 1 comes from A (TotalCount 1, "a" only).
    const service = replicas({ A: a1, B: b1 }, (call) => (call === 3 || call === 4 ? "A" : "B"));
    const result = await runScriptedLister(listBracketed, service, "stale-replica-secret", { pageSize: 1, groupStatus: "existing", concurrency: 1 });
    assertCompleteOrShifted(result, ["a", "n"]);
    assert.ok(service.served.length > 4, "the stale fallback pass was read again");
  });

  it("all/desc: pages that disagree (TotalCount 2, then 1), then the fallback from the stale replica (count 1), is not returned", async () => {
    // No probes for all/desc: page 1 from B (2), page 2 from A (1), the fallback's page 1 from A.
    const service = replicas({ A: a1, B: b1 }, (call) => (call === 2 || call === 3 ? "A" : "B"));
    const result = await runScriptedLister(listBracketed, service, "stale-replica-secret", { pageSize: 1, sortOrder: "desc", concurrency: 1 });
    assertCompleteOrShifted(result, ["n", "a"]);
    assert.ok(service.served.length > 3, "the stale fallback pass was read again");
  });

  it("all/desc: after an end count of 3, the fallback from the stale replica (count 2) is not returned", async () => {
    // m is recent, so the pass's end count is taken: pages 1-2 from A (2 in all, consistent), the end
    // count from B (3: n), then the fallback's pages 1-2 and its end count from A again (2 each).
    const a2 = [group("a", NOW - 3600), group("m", NOW - 2)];
    const b2 = [...a2, group("n", NOW - 1)];
    const service = replicas({ A: a2, B: b2 }, (call) => (call === 3 ? "B" : call <= 6 ? "A" : "B"));
    const result = await runScriptedLister(listBracketed, service, "stale-replica-secret", { pageSize: 1, sortOrder: "desc", concurrency: 1 });
    assertCompleteOrShifted(result, ["n", "m", "a"]);
    assert.ok(service.served.length > 6, "the stale fallback pass was read again");
  });
});
