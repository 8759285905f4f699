import assert from "node:assert/strict";
import type { PageClient, PageRequest } from "../../sdk/transport/createPageClient";
import type { LiveMessageGroup, LiveMessageGroupPage } from "../../sdk/types";
import { listAppendOnly } from "../../sdk/listing/listAppendOnly";
import { runListAppendOnly, runScriptedLister } from "./runListAppendOnly";

function group(groupId: string, createTime: number): LiveMessageGroup {
  return { groupId, groupName: "", groupInfo: "", creatorId: "", adminList: [], createTime, deleted: false };
}

/** A scripted service: `serve(call, request)` returns the ascending all-status view for that call. */
function scriptedClient(
  serve: (call: number, request: PageRequest) => { view: LiveMessageGroup[]; shortBy?: number; countedView?: LiveMessageGroup[] },
): PageClient & { calls: PageRequest[] } {
  const calls: PageRequest[] = [];
  return {
    calls,
    async fetchPage(request): Promise<LiveMessageGroupPage> {
      calls.push(request);
      // countedView: what the service counted before it sliced `view` (a count and a slice not taken at one instant).
      const { view, shortBy = 0, countedView = view } = serve(calls.length, request);
      const offset = (request.pageNumber - 1) * request.pageSize;
      const groups = view.slice(offset, offset + request.pageSize - shortBy);
      return { pageNumber: request.pageNumber, pageSize: request.pageSize, totalCount: countedView.length, groups, requestId: `r${calls.length}` };
    },
  };
}

function run(client: PageClient): Promise<LiveMessageGroup[] | unknown> {
  return runListAppendOnly(client, "scripted-service-secret", { pageSize: 2, concurrency: 1 });
}

describe("listAppendOnly: the tail repair against a scripted service", () => {
  // 5 groups, the newest second (20) shared by c, d, e; "d2" is created in it and sorts in between,
  // pushing "e" past the first TotalCount (without the repair "e" would be missing).
  const base = [group("a", 10), group("b", 11), group("c", 20), group("d", 20), group("e", 20)];
  const grown = [group("a", 10), group("b", 11), group("c", 20), group("d", 20), group("d2", 20), group("e", 20)];

  it("re-reads the tail from the first page of the newest second and returns the grown listing", async () => {
    const client = scriptedClient((call) => ({ view: call < 3 ? base : grown }));
    const result = await run(client);
    assert.deepEqual((result as LiveMessageGroup[]).map((g) => g.groupId), ["a", "b", "c", "d", "d2", "e"]);
    // Pass 1: pages 1..3 (the 3rd saw growth); tail from page 2 (position 2, "c"): pages 2..3.
    assert.deepEqual(client.calls.map((c) => c.pageNumber), [1, 2, 3, 2, 3]);
  });

  it("re-lists when the re-read tail is shorter than its TotalCount, then gives up with ConsistencyError", async () => {
    // Every tail re-read serves a short last page: the repaired listing cannot match TotalCount.
    const client = scriptedClient((call, request) => {
      const inPass = (call - 1) % 5;
      return { view: inPass < 2 ? base : grown, shortBy: inPass >= 3 && request.pageNumber === 3 ? 1 : 0 };
    });
    const error = await run(client);
    assert.equal((error as { kind?: string }).kind, "Consistency");
    assert.match((error as Error).message, /re-read tail gives 5 groups, TotalCount says 6/);
    assert.match((error as Error).message, /gave up after 3 listings\. Retry when fewer groups are being created\./);
    assert.equal((error as { code?: unknown }).code, "ListingShifted");
    assert.equal((error as { attempts?: unknown }).attempts, 3);
    assert.equal(client.calls.length, 15, "3 passes of 3 pages + a 2-page tail each");
  });

  it("a tail re-read holding a group twice is a failed repair: the listing is read again, never returned with the duplicate", async () => {
    // The re-read (calls 4-5, pages 2-3) serves "d" twice (a service slicing inconsistently); the rest is sound.
    const twice = [group("a", 10), group("b", 11), group("c", 20), group("d", 20), group("d", 20), group("e", 20)];
    const client = scriptedClient((call) => ({ view: call < 3 ? base : call === 4 || call === 5 ? twice : grown }));
    const result = await run(client);
    assert.deepEqual((result as LiveMessageGroup[]).map((g) => g.groupId), ["a", "b", "c", "d", "d2", "e"]);
    assert.deepEqual(client.calls.map((c) => c.pageNumber), [1, 2, 3, 2, 3, 1, 2, 3]);
  });

  it("the caller's floor (its probes' count) applies to the first pass only: after groups were purged below it, the re-list returns them", async () => {
    // The caller saw 5 in all; 3 remain (a purge, against the append-only assumption).
    const client = scriptedClient(() => ({ view: base.slice(0, 3) }));
    const result = await runScriptedLister((session) => listAppendOnly(session, 5), client, "scripted-service-secret", { pageSize: 2, concurrency: 1 });
    assert.deepEqual((result as LiveMessageGroup[]).map((g) => g.groupId), ["a", "b", "c"], String(result));
    assert.deepEqual(client.calls.map((c) => c.pageNumber), [1, 2, 1, 2]);
  });

  it("returns an empty listing for an app without groups (one request)", async () => {
    const client = scriptedClient(() => ({ view: [] }));
    assert.deepEqual(await run(client), []);
    assert.equal(client.calls.length, 1);
  });
});

describe("listAppendOnly: a page holding more groups than its own TotalCount leaves for it (counted, then a group created, then sliced)", () => {
  // "n" is created in the newest second (20) between the service's count (3) and its slice, and
  // sorts before "c", which existed throughout: the last page says 3 in all and holds n and c.
  const counted = [group("a", 10), group("b", 20), group("c", 20)];
  const grown = [group("a", 10), group("b", 20), group("n", 20), group("c", 20)];

  it("is growth: the tail is re-read, and \"c\" is not cut off to fit the count", async () => {
    const client = scriptedClient((call) => ({ view: grown, countedView: call <= 2 ? counted : grown }));
    const result = await run(client);
    assert.deepEqual((result as LiveMessageGroup[]).map((g) => g.groupId), ["a", "b", "n", "c"]);
    // Pass: pages 1-2; the newest second starts at position 1 ("b"): the tail from page 1.
    assert.deepEqual(client.calls.map((c) => c.pageNumber), [1, 2, 1, 2]);
  });

  it("a service whose counts always lag its pages ends in ConsistencyError, never a listing cut to the count", async () => {
    const client = scriptedClient(() => ({ view: grown, countedView: counted }));
    const error = await run(client);
    assert.equal((error as { kind?: string }).kind, "Consistency", String(error));
    assert.match((error as Error).message, /re-read tail gives 4 groups, TotalCount says 3/);
    assert.equal((error as { attempts?: unknown }).attempts, 3);
  });

  it("TotalCount 0 on a page that lists groups is not an empty app: re-read, then ConsistencyError if it persists", async () => {
    const once = scriptedClient((call) => ({ view: grown, countedView: call === 1 ? [] : grown }));
    assert.deepEqual(((await run(once)) as LiveMessageGroup[]).map((g) => g.groupId), ["a", "b", "n", "c"]);
    const always = scriptedClient(() => ({ view: grown, countedView: [] }));
    const error = await run(always);
    assert.equal((error as { kind?: string }).kind, "Consistency", String(error));
    assert.match((error as Error).message, /re-read tail gives 2 groups, TotalCount says 0/);
  });
});

describe("listAppendOnly: the overlap check of the tail re-read (groups older than the newest second must not move)", () => {
  // Pass 1 reads V1 and its last page sees a 6th group: growth, so the tail is re-read from page 2
  // (position 3, "d", opens the newest second 20; positions 2..2, "c", are the overlap).
  const v1 = [group("a", 10), group("b", 11), group("c", 12), group("d", 20), group("e", 20)];
  const grown = [...v1, group("f", 20)];
  // "b" is purged (a hard delete, against the append-only assumption): every later group moves back.
  const purged = grown.filter((g) => g.groupId !== "b");

  it("an older group vanishing during the tail re-read is caught (else \"d\" would be lost) and the listing re-read", async () => {
    const client = scriptedClient((call) => ({ view: call < 3 ? v1 : call === 3 ? grown : purged }));
    const result = await run(client);
    assert.deepEqual((result as LiveMessageGroup[]).map((g) => g.groupId), ["a", "c", "d", "e", "f"]);
    // Pass 1 (1..3), the tail (2..3) whose overlap moved, a clean pass (1..3).
    assert.deepEqual(client.calls.map((c) => c.pageNumber), [1, 2, 3, 2, 3, 1, 2, 3]);
  });

  it("when it keeps happening: ConsistencyError naming the moved position", async () => {
    // Every pass: growth on its last page, then a purge during the tail.
    const client = scriptedClient((call) => {
      const inPass = (call - 1) % 5;
      return { view: inPass < 2 ? v1 : inPass === 2 ? grown : purged };
    });
    const error = await run(client);
    assert.equal((error as { kind?: string }).kind, "Consistency");
    assert.match((error as Error).message, /\(position 2 changed while older groups cannot move\)/);
  });

  it("a tail re-read that comes back empty is a failed repair, not a crash", async () => {
    const client = scriptedClient((call) => (call <= 3 ? { view: call < 3 ? v1 : grown } : call <= 5 ? { view: grown, shortBy: 2 } : { view: grown }));
    const result = await run(client);
    assert.deepEqual((result as LiveMessageGroup[]).map((g) => g.groupId), ["a", "b", "c", "d", "e", "f"]);
    assert.deepEqual(client.calls.map((c) => c.pageNumber), [1, 2, 3, 2, 3, 1, 2, 3]);
  });
});
