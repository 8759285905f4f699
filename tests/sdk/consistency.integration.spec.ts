import assert from "node:assert/strict";
import type { Emulator, EmulatorStore, ListHook } from "../../emulator/types";
import { isLiveMessageGroupsError, listLiveMessageGroups, paginateLiveMessageGroups } from "../../sdk";
import type { GroupStatus, LiveMessageGroupList, SortOrder } from "../../sdk/types";
import { fastOptions, startTestEmulator } from "./emulatorHarness";
import { assertGuarantee, snapshot } from "./listingGuarantee";

/** A hook that creates one group and deletes one existing group at chosen list requests. */
function churn(appId: string, everyNth: number, limit: number): ListHook {
  let calls = 0;
  let made = 0;
  return (request, store: EmulatorStore) => {
    calls++;
    if (request.appId !== appId || calls % everyNth !== 0 || made >= limit) return;
    made++;
    store.createGroup(appId, { groupId: `churn-${made}-${calls}` });
    const victim = store.groups(appId).find((g, i) => !g.deleted && i % 7 === made % 7);
    if (victim) store.deleteGroup(appId, victim.groupId);
  };
}

describe("consistency: groups created and deleted while a listing runs", function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let app = 0;
  beforeEach(async () => {
    app++;
    // tieOrder groupId: a group created in an existing second sorts among that second's groups by id,
    // so "in between" really happens (with insertion order it would always land last).
    emulator = await startTestEmulator({ callsPerSecond: 0, tieOrder: "groupId", apps: [{ appId: `app${app}`, groups: 400, deletedFraction: 0.2 }] });
  });
  afterEach(() => emulator.close());

  for (const groupStatus of ["all", "existing", "deleted"] as GroupStatus[]) {
    for (const sortOrder of ["asc", "desc"] as SortOrder[]) {
      it(`${groupStatus}/${sortOrder}: the guarantee holds under churn`, async () => {
        const appId = `app${app}`;
        const before = snapshot(emulator, appId);
        emulator.onListPage(churn(appId, 3, 6));
        const list = await listLiveMessageGroups(fastOptions(emulator, appId, { groupStatus, sortOrder, pageSize: 20, concurrency: 4 }));
        emulator.onListPage(null);
        assertGuarantee(list, before, snapshot(emulator, appId), groupStatus);
      });
    }
  }

  /**
   * Gives the newest 30 groups (positions 370..399) one creation second and returns them in order.
   * The listing then runs with pageSize 20 and concurrency 1, so request n is page n of pass 1.
   */
  function sameSecondBlock(appId: string): { block: string[]; second: number } {
    const groups = emulator.store.groups(appId);
    const second = (groups.at(-1) as { createTime: number }).createTime;
    for (const g of groups.slice(-30)) emulator.store.updateGroup(appId, g.groupId, { createTime: second });
    const block = emulator.store.groups(appId).slice(-30).map((g) => g.groupId);
    return { block, second };
  }

  /** Runs a listing of all/asc with `hook(call number, store)` and checks the guarantee. */
  async function listWith(appId: string, hook: (call: number, store: EmulatorStore) => void): Promise<LiveMessageGroupList> {
    const before = snapshot(emulator, appId);
    let calls = 0;
    emulator.onListPage((request, store) => {
      if (request.appId === appId) hook(++calls, store);
    });
    const list = await listLiveMessageGroups(fastOptions(emulator, appId, { pageSize: 20, concurrency: 1 }));
    emulator.onListPage(null);
    assertGuarantee(list, before, snapshot(emulator, appId), "all");
    return list;
  }

  it("repairs a group created in the newest second that sorts in between (the tail is re-read)", async () => {
    const appId = `app${app}`;
    const { block, second } = sameSecondBlock(appId);
    const between = `${block[15] as string}-between`;
    emulator.resetStats();
    // Before the last page (20) is cut: the new group lands at position 386 and pushes the block's
    // last group to position 400, past the first TotalCount: without the repair it would be missing.
    const list = await listWith(appId, (call, store) => {
      if (call === 20) store.createGroup(appId, { groupId: between, createTime: second });
    });
    const ids = list.groups.map((g) => g.groupId);
    assert.equal(ids.indexOf(between), 386, "the new group sorted in between");
    assert.ok(ids.includes(block[29] as string));
    // Pass 1 (20 pages), then the tail from page 19 (the first page holding the newest second): 19, 20, 21.
    const pages = emulator.requestLog().map((entry) => Number(entry.params["PageNumber"]));
    assert.deepEqual(pages, [...Array.from({ length: 20 }, (_, i) => i + 1), 19, 20, 21]);
  });

  it("re-lists when a same-second group shifts a page boundary already crossed (a group repeats)", async () => {
    const appId = `app${app}`;
    const { block, second } = sameSecondBlock(appId);
    emulator.resetStats();
    // Page 19 (360..379) is served; then a group sorts in at position 376: page 20 starts with the old 379 again.
    const list = await listWith(appId, (call, store) => {
      if (call === 20) store.createGroup(appId, { groupId: `${block[5] as string}-between`, createTime: second });
    });
    assert.equal(list.groups.length, 401);
    assert.equal(emulator.requestLog().length, 20 + 21, "one failed pass (duplicate), one clean pass");
  });

  it("re-lists when an older group moves while the tail is re-read (the kept part changed)", async () => {
    const appId = `app${app}`;
    const { block, second } = sameSecondBlock(appId);
    emulator.resetStats();
    const list = await listWith(appId, (call, store) => {
      if (call === 20) store.createGroup(appId, { groupId: `${block[15] as string}-between`, createTime: second });
      // Breaks the append-only assumption on purpose: a group older than everything, during the tail pass.
      if (call === 21) store.createGroup(appId, { groupId: "older-than-all", createTime: 1 });
    });
    assert.equal(list.groups[0]?.groupId, "older-than-all");
    assert.equal(list.groups.length, 402);
    assert.equal(emulator.requestLog().length, 20 + 3 + 21, "pass 1, the tail pass that found the move, a clean pass");
  });

  it("fails with ConsistencyError rather than return a wrong set when creation never stops", async () => {
    const appId = `app${app}`;
    let n = 0;
    emulator.onListPage((request, store) => {
      if (request.appId === appId) store.createGroup(appId, { groupId: `storm-${n++}` });
    });
    const error = await listLiveMessageGroups(fastOptions(emulator, appId, { pageSize: 20 })).catch((e: unknown) => e);
    emulator.onListPage(null);
    assert.ok(isLiveMessageGroupsError(error), String(error));
    assert.equal(error.kind, "Consistency");
    assert.equal(error.code, "ListingShifted");
    // Every pass saw growth, and so did every re-read of its tail.
    assert.match(error.message, /\(groups were created while the tail was re-read\); gave up after 3 listings/);
  });

  it("paginate existing: a create + delete at page 2 (the mode's TotalCount unchanged) is detected, not skipped", async () => {
    const appId = `app${app}`;
    const before = snapshot(emulator, appId);
    const victim = emulator.store.groups(appId).find((g) => !g.deleted);
    assert.ok(victim);
    emulator.onListPage((request, store) => {
      if (request.appId !== appId || request.params["GroupStatus"] !== "1" || request.pageNumber !== 2) return;
      // One group in at the end, the first existing one out: every later group moves back one place,
      // so the first group of page 2 moves onto page 1, already served.
      store.createGroup(appId, { groupId: "paginate-new" });
      store.deleteGroup(appId, victim.groupId);
    });
    const returned: string[] = [];
    const error = await (async () => {
      for await (const page of paginateLiveMessageGroups(fastOptions(emulator, appId, { groupStatus: "existing", pageSize: 10 }))) {
        returned.push(...page.groups.map((g) => g.groupId));
      }
    })().catch((e: unknown) => e);
    emulator.onListPage(null);
    const after = snapshot(emulator, appId);
    const missing = [...before].filter(([id, deleted]) => !deleted && after.get(id) === false && !returned.includes(id));
    assert.ok(missing.length > 0, "the scenario really skips a group");
    assert.ok(isLiveMessageGroupsError(error), `expected ConsistencyError, got ${String(error)}; missing ${missing.map(([id]) => id).join(", ")}`);
    assert.equal(error.kind, "Consistency");
    assert.match(error.message, /all-status TotalCount went from 400 before page 1 to 401 after page \d+/);
  });

  it("paginate existing, newest first: a group a shift repeats is an error before the page that repeats it is yielded", async () => {
    const appId = `app${app}`;
    const existing = emulator.store.groups(appId).filter((g) => !g.deleted);
    const oldest = existing[0];
    const newest = existing.at(-1);
    assert.ok(oldest && newest);
    emulator.onListPage((request, store) => {
      if (request.appId !== appId || request.params["GroupStatus"] !== "1" || request.pageNumber !== 2) return;
      // A newer group in (first in descending order), the oldest existing one out: the existing count
      // is unchanged and every group moves one place later, so page 2 starts with page 1's last.
      store.createGroup(appId, { groupId: "paginate-newest", createTime: newest.createTime + 100 });
      store.deleteGroup(appId, oldest.groupId);
    });
    const yielded: number[] = [];
    const error = await (async () => {
      for await (const page of paginateLiveMessageGroups(fastOptions(emulator, appId, { groupStatus: "existing", sortOrder: "desc", pageSize: 10 }))) {
        yielded.push(page.pageNumber);
      }
    })().catch((e: unknown) => e);
    emulator.onListPage(null);
    assert.ok(isLiveMessageGroupsError(error), String(error));
    assert.equal(error.kind, "Consistency");
    assert.match(error.message, /appeared twice/);
    assert.deepEqual(yielded, [1], "the repeating page 2 never reached the consumer");
  });

  it("paginate existing brackets with two probes, and a consumer that breaks early sends no end probe", async () => {
    const appId = `app${app}`;
    emulator.resetStats();
    const pages: number[] = [];
    for await (const page of paginateLiveMessageGroups(fastOptions(emulator, appId, { groupStatus: "existing", pageSize: 50 }))) {
      pages.push(page.pageNumber);
    }
    const log = emulator.requestLog().map((entry) => `${entry.params["GroupStatus"]}/${entry.params["PageSize"]}/${entry.params["PageNumber"]}`);
    assert.deepEqual(log, ["0/1/1", ...pages.map((n) => `1/50/${n}`), "0/1/1"]);
    emulator.resetStats();
    for await (const page of paginateLiveMessageGroups(fastOptions(emulator, appId, { groupStatus: "deleted", pageSize: 10 }))) {
      if (page.pageNumber === 2) break;
    }
    assert.deepEqual(emulator.requestLog().map((entry) => entry.params["GroupStatus"]), ["0", "2", "2"]);
  });

  it("paginate throws ConsistencyError when TotalCount changes between pages", async () => {
    const appId = `app${app}`;
    let calls = 0;
    emulator.onListPage((request, store) => {
      if (request.appId === appId && ++calls === 3) store.createGroup(appId, { groupId: "late" });
    });
    const pages: number[] = [];
    const error = await (async () => {
      for await (const page of paginateLiveMessageGroups(fastOptions(emulator, appId))) pages.push(page.pageNumber);
    })().catch((e: unknown) => e);
    emulator.onListPage(null);
    assert.ok(isLiveMessageGroupsError(error));
    assert.equal(error.kind, "Consistency");
    assert.deepEqual(pages, [1, 2]);
  });
});
