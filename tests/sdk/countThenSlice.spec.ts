import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { paginateLiveMessageGroups } from "../../sdk/listing/paginateLiveMessageGroups";
import type { PageClient, PageRequest } from "../../sdk/transport/createPageClient";
import { listBracketed } from "../../sdk/listing/listBracketed";
import type { LiveMessageGroup, LiveMessageGroupPage } from "../../sdk/types";
import { runListAppendOnly, runScriptedLister } from "./runListAppendOnly";

/**
 * Creation seconds are offsets from a minute ago: groups created while a listing runs are recent, and
 * only a listing whose newest group may have been created during it needs the end count.
 */
let recent = Math.floor(Date.now() / 1000) - 60;

/**
 * Sets "a minute ago" anew. Each describe calls it in `before` and makes its groups after it: mocha
 * runs describe blocks when it loads the file, and in a long suite (14 minutes of `npm test` on a
 * loaded CI machine) groups made then were past the 20 minutes within which one counts as recent
 * by the time their spec ran, and the spec expecting the end count failed.
 */
function fromNow(): void {
  recent = Math.floor(Date.now() / 1000) - 60;
}

function group(groupId: string, createTime: number): LiveMessageGroup {
  return { groupId, groupName: "", groupInfo: "", creatorId: "", adminList: [], createTime: recent + createTime, deleted: false };
}

/**
 * A service that counts, then slices (two queries, not one snapshot): `createDuring(call)` says
 * whether group "n" is created between the count and the slice of that call; once created it stays.
 * Served views are ascending; desc pages are cut from the reversed view.
 */
function countThenSlice(old: LiveMessageGroup[], grown: LiveMessageGroup[], createDuring: (call: number, request: PageRequest) => boolean): PageClient & { calls: PageRequest[] } {
  const calls: PageRequest[] = [];
  let created = false;
  return {
    calls,
    async fetchPage(request): Promise<LiveMessageGroupPage> {
      calls.push(request);
      const totalCount = (created ? grown : old).length;
      if (createDuring(calls.length, request)) created = true;
      const view = created ? grown : old;
      const ordered = request.sortOrder === "asc" ? view : [...view].reverse();
      const offset = (request.pageNumber - 1) * request.pageSize;
      return { pageNumber: request.pageNumber, pageSize: request.pageSize, totalCount, groups: ordered.slice(offset, offset + request.pageSize), requestId: `r${calls.length}` };
    },
  };
}

/** A promise that passes once `open()` is called: orders concurrent requests without a timer. */
function gate(): { passed: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const passed = new Promise<void>((resolve) => { open = resolve; });
  return { passed, open };
}

/**
 * A service that counts, then slices, serving page 2 (pageSize 2) only after page 3, as concurrent
 * requests may be: page 2's count is taken on `before`, then `after` replaces it (a group created,
 * or deleted, in between) before its slice; every request after sees `after`.
 */
function pageTwoStraddlesAfterPageThree(before: LiveMessageGroup[], after: LiveMessageGroup[]): PageClient {
  let changed = false;
  let served = 0;
  const pageThree = gate();
  return {
    async fetchPage(request): Promise<LiveMessageGroupPage> {
      served++;
      const straddles = request.pageSize === 2 && request.pageNumber === 2 && !changed;
      if (straddles) await pageThree.passed;
      const totalCount = (changed ? after : before).length;
      if (straddles) changed = true;
      const view = changed ? after : before;
      const offset = (request.pageNumber - 1) * request.pageSize;
      if (request.pageSize === 2 && request.pageNumber === 3) pageThree.open();
      return { pageNumber: request.pageNumber, pageSize: request.pageSize, totalCount, groups: view.slice(offset, offset + request.pageSize), requestId: `r${served}` };
    },
  };
}

const ids = (result: unknown): string[] => (result as LiveMessageGroup[]).map((g) => g.groupId);

describe("a service that counts, then slices: a group created in a page's gap, in a second shared with older groups", () => {
  // 4 groups at pageSize 2: the last page is full, so an over-full last page cannot show the growth.
  // "n" is created in the newest second (20) and sorts between b and c (a tie order by id, say).
  let old: LiveMessageGroup[] = [];
  let grown: LiveMessageGroup[] = [];
  before(() => {
    fromNow();
    old = [group("a", 10), group("b", 20), group("c", 20), group("d", 20)];
    grown = [group("a", 10), group("b", 20), group("n", 20), group("c", 20), group("d", 20)];
  });

  it("all/asc: d, present throughout, is not silently dropped when n is created during the last page's count and slice", async () => {
    const service = countThenSlice(old, grown, (call) => call === 2);
    const result = await runListAppendOnly(service, "count-then-slice-secret", { pageSize: 2, concurrency: 1 });
    assert.ok(Array.isArray(result), String(result));
    assert.ok(ids(result).includes("d"), `d is missing: ${JSON.stringify(ids(result))}`);
    assert.deepEqual(ids(result), ["a", "b", "n", "c", "d"]);
  });

  it("all/asc: an end count lower than the pass's (a replica behind) confirms nothing: d is not dropped, the listing is read again", async () => {
    const inner = countThenSlice(old, grown, (call) => call === 2);
    // Call 3, the end count, answers 3: served from data older than the pass's pages.
    const service: PageClient = {
      async fetchPage(request, signal, connection): Promise<LiveMessageGroupPage> {
        const page = await inner.fetchPage(request, signal, connection);
        return inner.calls.length === 3 ? { ...page, totalCount: 3 } : page;
      },
    };
    const result = await runListAppendOnly(service, "count-then-slice-secret", { pageSize: 2, concurrency: 1 });
    assert.ok(Array.isArray(result), String(result));
    assert.deepEqual(ids(result), ["a", "b", "n", "c", "d"]);
    assert.deepEqual(inner.calls.map((c) => `${c.pageNumber}/${c.pageSize}`), ["1/2", "2/2", "1/1", "1/2", "2/2", "3/2", "1/1"]);
  });

  it("all/asc: the same when only the full last page holds groups that recent (the older ones an hour old)", async () => {
    const hourOld = [group("a", -3600), group("b", -3599), group("c", 20), group("d", 20)];
    const grownHourOld = [group("a", -3600), group("b", -3599), group("c", 20), group("n", 20), group("d", 20)];
    const service = countThenSlice(hourOld, grownHourOld, (call) => call === 2);
    const result = await runListAppendOnly(service, "count-then-slice-secret", { pageSize: 2, concurrency: 1 });
    assert.ok(Array.isArray(result), String(result));
    assert.deepEqual(ids(result), ["a", "b", "c", "n", "d"]);
  });

  it("all/asc: the same when the gap is in a page before the last (pages served out of order)", async () => {
    // 6 groups, 3 pages; the newest second spans pages 2-3. Page 3 is served before page 2, whose
    // count and slice straddle the creation of n (between c and d): d is pushed onto page 3, already read.
    const old6 = [group("a", 10), group("b", 11), group("c", 20), group("d", 20), group("e", 20), group("f", 20)];
    const grown6 = [group("a", 10), group("b", 11), group("c", 20), group("n", 20), group("d", 20), group("e", 20), group("f", 20)];
    const service = pageTwoStraddlesAfterPageThree(old6, grown6);
    const result = await runListAppendOnly(service, "count-then-slice-secret", { pageSize: 2, concurrency: 2 });
    assert.ok(Array.isArray(result), String(result));
    assert.ok(ids(result).includes("d"), `d is missing: ${JSON.stringify(ids(result))}`);
    assert.deepEqual(ids(result), ["a", "b", "c", "n", "d", "e", "f"]);
  });

  it("all/desc: the oldest group is not silently dropped from a single full page", async () => {
    const old2 = old.slice(0, 2); // a (10), b (20): exactly one page of 2
    const grown2 = [group("a", 10), group("b", 20), group("n", 21)];
    const single = countThenSlice(old2, grown2, (call) => call === 1);
    const result = await runScriptedLister(listBracketed, single, "count-then-slice-secret", { pageSize: 2, sortOrder: "desc" });
    assert.ok(Array.isArray(result), String(result));
    assert.ok(ids(result).includes("a"), `a is missing: ${JSON.stringify(ids(result))}`);
  });
});

describe("a service that counts, then slices, whose Createtime of a new group is a second older than the newest group's", () => {
  // Two front ends whose clocks differ by a fraction of a second stamp Createtime at 1-second
  // resolution: a group created later can carry the second before the newest group's. It sorts
  // before the newest second, so the newest second starting on a last page that is not full does not
  // show that no earlier page could have been shifted unseen: only groups older than any created
  // during the listing (createdDuringFrom) cannot be passed by one.
  let old5: LiveMessageGroup[] = [];
  let grown6: LiveMessageGroup[] = [];
  before(() => {
    fromNow();
    old5 = [group("a", 10), group("b", 11), group("c", 12), group("x", 19), group("e", 20)];
    grown6 = [group("a", 10), group("b", 11), group("c", 12), group("n", 19), group("x", 19), group("e", 20)];
  });

  it("all/asc: x, present throughout, is not silently dropped when n (second 19) is created during page 2's count and slice (page 3 read first)", async () => {
    const service = pageTwoStraddlesAfterPageThree(old5, grown6);
    const result = await runListAppendOnly(service, "count-then-slice-secret", { pageSize: 2, concurrency: 2 });
    assert.ok(Array.isArray(result), String(result));
    assert.ok(ids(result).includes("x"), `x is missing: ${JSON.stringify(ids(result))}`);
    assert.deepEqual(ids(result), ["a", "b", "c", "n", "x", "e"]);
  });

  it("all/asc: the same when page 1 is an hour old (the first group that recent is on page 2, before a last page not full)", async () => {
    const hourOld5 = [group("a", -3600), group("b", -3599), ...old5.slice(2)];
    const hourOld6 = [group("a", -3600), group("b", -3599), ...grown6.slice(2)];
    const service = pageTwoStraddlesAfterPageThree(hourOld5, hourOld6);
    const result = await runListAppendOnly(service, "count-then-slice-secret", { pageSize: 2, concurrency: 2 });
    assert.ok(Array.isArray(result), String(result));
    assert.deepEqual(ids(result), ["a", "b", "c", "n", "x", "e"]);
  });
});

describe("a service that counts, then slices: a group created in the gap of the tail re-read's full last page", () => {
  // 5 groups at pageSize 2. n1, created during pass 1's last page (between d and e), makes that
  // page hold 2 where its count leaves 1: growth, so the tail is re-read from page 1 (b opens the
  // newest second). n2, created during the re-read's last page (6 groups: full), sorts between n1
  // and e and pushes e, present throughout, off that page while every count of the re-read says 6.
  let v0: LiveMessageGroup[] = [];
  before(() => {
    fromNow();
    v0 = [group("a", 10), group("b", 20), group("c", 20), group("d", 20), group("e", 20)];
  });

  it("all/asc: e is not silently dropped: the re-read's end count shows n2, and the tail is read again", async () => {
    const views = [v0, [...v0.slice(0, 4), group("n1", 20), v0[4] as LiveMessageGroup]];
    views.push([...(views[1] as LiveMessageGroup[]).slice(0, 5), group("n2", 20), v0[4] as LiveMessageGroup]);
    // Calls 3 (pass 1's page 3) and 6 (the re-read's page 3) each count one view and slice the next.
    const calls: PageRequest[] = [];
    let stage = 0;
    const service: PageClient = {
      async fetchPage(request): Promise<LiveMessageGroupPage> {
        calls.push(request);
        const totalCount = (views[stage] as LiveMessageGroup[]).length;
        if (calls.length === 3 || calls.length === 6) stage++;
        const offset = (request.pageNumber - 1) * request.pageSize;
        return { pageNumber: request.pageNumber, pageSize: request.pageSize, totalCount, groups: (views[stage] as LiveMessageGroup[]).slice(offset, offset + request.pageSize), requestId: `r${calls.length}` };
      },
    };
    const result = await runListAppendOnly(service, "count-then-slice-secret", { pageSize: 2, concurrency: 1 });
    assert.ok(Array.isArray(result), String(result));
    assert.deepEqual(ids(result), ["a", "b", "c", "d", "n1", "n2", "e"]);
    // Pass 1 (pages 1-3), the re-read (1-3) and its end count (7: not 6), the re-read again (1-4), its end count.
    assert.deepEqual(calls.map((c) => `${c.pageNumber}/${c.pageSize}`), ["1/2", "2/2", "3/2", "1/2", "2/2", "3/2", "1/1", "1/2", "2/2", "3/2", "4/2", "1/1"]);
  });
});

describe("the end count is sent only when a group may have been created during the listing", () => {
  // 4 groups at pageSize 2 (a full last page), the newest second spanning both pages.
  before(fromNow);
  const aged = (seconds: number): LiveMessageGroup[] => [group("a", -seconds), group("b", -seconds + 1), group("c", -seconds + 1), group("d", -seconds + 1)];

  for (const sortOrder of ["asc", "desc"] as const) {
    it(`all/${sortOrder}: none when the newest group is older than the service's 15 minutes of date skew and 5 more; one when it is younger`, async () => {
      const list = (service: PageClient): Promise<unknown> => sortOrder === "asc"
        ? runListAppendOnly(service, "count-then-slice-secret", { pageSize: 2, concurrency: 1 })
        : runScriptedLister(listBracketed, service, "count-then-slice-secret", { pageSize: 2, sortOrder });
      const expected = sortOrder === "asc" ? ["a", "b", "c", "d"] : ["d", "c", "b", "a"];
      // An hour old: a group created during the listing would be at least 20 minutes younger.
      const hourOld = countThenSlice(aged(3600), aged(3600), () => false);
      assert.deepEqual(ids(await list(hourOld)), expected);
      assert.equal(hourOld.calls.length, 2, "the two pages, no count");
      // Ten minutes old: within the skew the service's clock may have, so it may be new.
      const recent = countThenSlice(aged(600), aged(600), () => false);
      assert.deepEqual(ids(await list(recent)), expected);
      assert.deepEqual(recent.calls.map((call) => call.pageSize), [2, 2, 1], "the two pages, then the count");
    });
  }
});

describe("a service that counts, then slices: a group deleted between a page's count and its slice (groupStatus deleted)", () => {
  // The deleted view, ascending: a group deleted joins it at its creation time, not at the end.
  const del = (id: string, t: number): LiveMessageGroup => ({ ...group(id, t), deleted: true });
  let deletedBefore: LiveMessageGroup[] = [];
  let deletedAfter: LiveMessageGroup[] = [];
  before(() => {
    fromNow();
    deletedBefore = [del("a", 1), del("b", 2), del("c", 3), del("d", 5), del("e", 6), del("f", 7)];
    deletedAfter = [del("a", 1), del("b", 2), del("c", 3), del("x", 4), del("d", 5), del("e", 6), del("f", 7)];
  });

  it("d, deleted throughout, is not silently dropped when x is deleted during page 2's count and slice (page 3 read first)", async () => {
    const deletedView = pageTwoStraddlesAfterPageThree(deletedBefore, deletedAfter);
    const service: PageClient = {
      // The all-status count does not change: x existed before, deleted or not. More than the API
      // pages at pageSize 2, so a shifted pass is repeated (no all-status fallback).
      fetchPage: (request, ...rest) => request.groupStatus === "all"
        ? Promise.resolve({ pageNumber: request.pageNumber, pageSize: request.pageSize, requestId: "r-all", totalCount: 20_001, groups: [group("z", 0)] })
        : deletedView.fetchPage(request, ...rest),
    };
    const result = await runScriptedLister(listBracketed, service, "count-then-slice-secret", { pageSize: 2, groupStatus: "deleted", concurrency: 2 });
    assert.ok(Array.isArray(result), String(result));
    assert.ok(ids(result).includes("d"), `d is missing: ${JSON.stringify(ids(result))}`);
    assert.deepEqual(ids(result), ["a", "b", "c", "x", "d", "e", "f"]);
  });
});

describe("paginateLiveMessageGroups against a service that counts, then slices (HTTP)", () => {
  // 4 groups at pageSize 2, all in one second from b on; n is created during the last page's count
  // and slice and sorts between b and c: the full last page drops d for it.
  const wire = (g: LiveMessageGroup): object => ({ GroupId: g.groupId, Createtime: g.createTime, Delete: g.deleted });
  let old: LiveMessageGroup[] = [];
  let grown: LiveMessageGroup[] = [];
  let server: Server;
  let endpoint = "";
  let created = false;
  before(async () => {
    fromNow();
    old = [group("a", 10), group("b", 20), group("c", 20), group("d", 20)];
    grown = [group("a", 10), group("b", 20), group("n", 20), group("c", 20), group("d", 20)];
    server = createServer((request, response) => {
      const query = new URL(request.url ?? "/", "http://x").searchParams;
      const pageNumber = Number(query.get("PageNumber"));
      const pageSize = Number(query.get("PageSize"));
      const totalCount = (created ? grown : old).length;
      if (pageSize === 2 && pageNumber === 2) created = true;
      const view = query.get("SortType") === "2" ? [...(created ? grown : old)].reverse() : created ? grown : old;
      const offset = (pageNumber - 1) * pageSize;
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ RequestId: `r-${pageNumber}-${pageSize}`, TotalCount: totalCount, PageNumber: pageNumber, PageSize: pageSize, GroupList: view.slice(offset, offset + pageSize).map(wire) }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  beforeEach(() => { created = false; });

  it("does not yield a last page that silently lost a group: ConsistencyError instead", async () => {
    const seen: string[] = [];
    let error: unknown = null;
    try {
      for await (const page of paginateLiveMessageGroups({
        appId: "app", endpoint, pageSize: 2, quotaKey: `count-then-slice-${Math.random()}`, redisUrl: null,
        credentials: { accessKeyId: "AKIDcountthenslice", accessKeySecret: "count-then-slice-secret" },
      })) seen.push(...page.groups.map((g) => g.groupId));
    } catch (caught) {
      error = caught;
    }
    assert.ok(error !== null || seen.includes("d"), `d is missing and no error: ${JSON.stringify(seen)}`);
    assert.equal((error as { code?: string }).code, "ListingShifted", String(error));
    assert.deepEqual(seen, ["a", "b"], "the shifted last page is not yielded");
  });
});

describe("paginateLiveMessageGroups: the end count of the mode (HTTP)", () => {
  // A service answering from views it is given per status; `onPage` runs between the count and the
  // slice of each page request (pageSize > 1), and may change the views.
  const wire = (g: LiveMessageGroup): object => ({ GroupId: g.groupId, Createtime: g.createTime, Delete: g.deleted });
  const del = (id: string, t: number): LiveMessageGroup => ({ ...group(id, t), deleted: true });
  let views: Record<string, LiveMessageGroup[]> = {};
  let onPage: (pageNumber: number) => void = () => undefined;
  let requests: string[] = [];
  let server: Server;
  let endpoint = "";
  before(async () => {
    server = createServer((request, response) => {
      const query = new URL(request.url ?? "/", "http://x").searchParams;
      const pageNumber = Number(query.get("PageNumber"));
      const pageSize = Number(query.get("PageSize"));
      const status = query.get("GroupStatus") ?? "0";
      requests.push(`${status}/${pageNumber}/${pageSize}`);
      const totalCount = (views[status] ?? []).length;
      if (pageSize > 1) onPage(pageNumber);
      const view = views[status] ?? [];
      const ordered = query.get("SortType") === "2" ? [...view].reverse() : view;
      const offset = (pageNumber - 1) * pageSize;
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ RequestId: `r-${requests.length}`, TotalCount: totalCount, PageNumber: pageNumber, PageSize: pageSize, GroupList: ordered.slice(offset, offset + pageSize).map(wire) }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  beforeEach(() => {
    views = {};
    onPage = () => undefined;
    requests = [];
  });

  async function paginate(groupStatus: "all" | "deleted"): Promise<{ seen: string[]; error: unknown }> {
    const seen: string[] = [];
    try {
      for await (const page of paginateLiveMessageGroups({
        appId: "app", endpoint, pageSize: 2, groupStatus, quotaKey: `count-then-slice-${Math.random()}`, redisUrl: null,
        credentials: { accessKeyId: "AKIDcountthenslice", accessKeySecret: "count-then-slice-secret" },
      })) seen.push(...page.groups.map((g) => g.groupId));
    } catch (error) {
      return { seen, error };
    }
    return { seen, error: null };
  }

  it("deleted: a last page that lost a group to one deleted during its count and slice is not yielded: ConsistencyError instead", async () => {
    // x existed all along (the all-status count stays 6); deleted during page 2's count and slice, it
    // sorts before c, and the full last page drops d for it.
    const all = [group("a", 1), group("b", 2), group("x", 3), group("c", 4), group("d", 5), group("e", 6)];
    views = { "0": all, "2": [del("a", 1), del("b", 2), del("c", 4), del("d", 5)] };
    onPage = (pageNumber) => {
      if (pageNumber === 2) views["2"] = [del("a", 1), del("b", 2), del("x", 3), del("c", 4), del("d", 5)];
    };
    const { seen, error } = await paginate("deleted");
    assert.equal((error as { code?: string } | null)?.code, "ListingShifted", `no error, groups ${JSON.stringify(seen)}`);
    assert.match(String(error), /the deleted TotalCount went from 4 at page 1 to 5 after page 2/);
    assert.deepEqual(seen, ["a", "b"], "the shifted last page is not yielded");
  });

  it("no end count of the mode when no group can have joined unseen: an empty listing, a last page not full, groups all older than the listing", async () => {
    const hourOld = (id: string): LiveMessageGroup => group(id, -3600);
    // [status, views, requests: all-status probes (pageSize 1) and pages]
    const cases: ReadonlyArray<readonly ["all" | "deleted", Record<string, LiveMessageGroup[]>, string[]]> = [
      ["deleted", { "0": [group("a", 1)], "2": [] }, ["0/1/1", "2/1/2", "0/1/1"]],
      ["deleted", { "0": [group("a", 1)], "2": [del("a", 1)] }, ["0/1/1", "2/1/2", "0/1/1"]],
      ["all", { "0": [group("a", 1), group("b", 2), group("c", 3)] }, ["0/1/2", "0/2/2"]],
      ["all", { "0": [hourOld("a"), hourOld("b")] }, ["0/1/2"]],
    ];
    for (const [groupStatus, given, expected] of cases) {
      views = given;
      requests = [];
      const { error } = await paginate(groupStatus);
      assert.equal(error, null);
      assert.deepEqual(requests, expected, `${groupStatus} ${JSON.stringify(given)}`);
    }
    // A full last page of groups recent enough to have been created during the listing: one count after it.
    views = { "0": [group("a", 1), group("b", 2)] };
    requests = [];
    await paginate("all");
    assert.deepEqual(requests, ["0/1/2", "0/1/1"]);
  });
});
