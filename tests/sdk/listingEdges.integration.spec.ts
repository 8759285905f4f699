import assert from "node:assert/strict";
import type { Emulator, EmulatorGroup, EmulatorStore } from "../../emulator/types";
import { isLiveMessageGroupsError, listLiveMessageGroups, paginateLiveMessageGroups } from "../../sdk";
import type { GroupStatus, LiveMessageGroupList, SortOrder } from "../../sdk/types";
import { expectedIds, fastOptions, ids, startTestEmulator } from "./emulatorHarness";
import { assertGuarantee, snapshot } from "./listingGuarantee";

/**
 * The consistency guarantees of sdk/CONSISTENCY.md at their edges, end to end (real
 * openapi-client, real HTTP, the emulator changing its store between pages). Every listing runs
 * with concurrency 1, so request n is the n-th page in the log and the scenarios are exact.
 */
describe("listing edges: probes, tail re-reads, ties, page limit", function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let app = 0;
  let appId = "";
  beforeEach(async () => {
    app++;
    appId = `edge${app}`;
    emulator = await startTestEmulator({ callsPerSecond: 0, tieOrder: "groupId", apps: [{ appId, groups: 400, deletedFraction: 0.2 }] });
  });
  afterEach(() => emulator.close());

  /** The list requests of the log as "GroupStatus/SortType/PageSize/PageNumber". */
  function requestShapes(): string[] {
    return emulator.requestLog()
      .filter((entry) => entry.params.AppId === appId)
      .map((entry) => `${entry.params.GroupStatus}/${entry.params.SortType}/${entry.params.PageSize}/${entry.params.PageNumber}`);
  }

  /** Pages `from..to` of a pass as request shapes. */
  function pass(from: number, to: number, shape: string): string[] {
    return Array.from({ length: to - from + 1 }, (_, i) => `${shape}/${from + i}`);
  }

  /** Lists with `hook(call, store)` run before each list page of this app is cut; checks the guarantee. */
  async function listWith(
    options: { groupStatus?: GroupStatus; sortOrder?: SortOrder; pageSize: number }, hook: (call: number, store: EmulatorStore) => void,
  ): Promise<LiveMessageGroupList> {
    const before = snapshot(emulator, appId);
    let calls = 0;
    emulator.resetStats();
    emulator.onListPage((request, store) => {
      if (request.appId === appId) hook(++calls, store);
    });
    const list = await listLiveMessageGroups(fastOptions(emulator, appId, { ...options, concurrency: 1 }));
    emulator.onListPage(null);
    assertGuarantee(list, before, snapshot(emulator, appId), options.groupStatus ?? "all");
    return list;
  }

  /** Gives the newest 30 groups one creation second; returns their ids in order and the second. */
  function sameSecondBlock(): { block: string[]; second: number } {
    const groups = emulator.store.groups(appId);
    const second = (groups.at(-1) as EmulatorGroup).createTime;
    for (const g of groups.slice(-30)) emulator.store.updateGroup(appId, g.groupId, { createTime: second });
    return { block: emulator.store.groups(appId).slice(-30).map((g) => g.groupId), second };
  }

  describe("existing/deleted: the all-status count probes around the listing", () => {
    it("a quiet listing of existing is probe, its own pages, probe: nothing else", async () => {
      const list = await listWith({ groupStatus: "existing", pageSize: 50 }, () => undefined);
      const pages = Math.ceil(list.groups.length / 50);
      assert.deepEqual(requestShapes(), ["0/1/1/1", ...pass(1, pages, "1/1/50"), "0/1/1/1"]);
      assert.equal(list.requests, pages + 2);
    });

    it("a quiet all/desc listing sends no probe", async () => {
      const list = await listWith({ sortOrder: "desc", pageSize: 50 }, () => undefined);
      assert.deepEqual(requestShapes(), pass(1, 8, "0/2/50"));
      assert.deepEqual(ids(list.groups), expectedIds(emulator, appId, "all", "desc"));
    });

    it("a create + delete during an existing listing keeps the mode's count but is caught by the probes (no group dropped)", async () => {
      const existing = emulator.store.groups(appId).filter((g) => !g.deleted).map((g) => g.groupId);
      const victim = existing[0] as string;
      // The group that opens page 2: after the pair it moves onto page 1, which was already served.
      const movesBack = existing[10] as string;
      const list = await listWith({ groupStatus: "existing", pageSize: 10 }, (call, store) => {
        if (call === 3) { // probe, page 1, then page 2 is about to be cut
          store.createGroup(appId, { groupId: "created-during-listing" });
          store.deleteGroup(appId, victim);
        }
      });
      assert.ok(list.groups.some((g) => g.groupId === movesBack), `${movesBack} was dropped`);
      const pages = Math.ceil(existing.length / 10);
      // Every page reported the same existing count; only the second probe (401 vs 400) saw the
      // creation, so the listing fell back to the all/asc basis and filtered it.
      assert.deepEqual(requestShapes(), [
        "0/1/1/1", ...pass(1, pages, "1/1/10"), "0/1/1/1", ...pass(1, 41, "0/1/10"),
      ]);
    });

    it("a deletion alone during a deleted listing changes the mode's count: re-read through the basis", async () => {
      const victim = emulator.store.groups(appId).find((g) => !g.deleted) as EmulatorGroup;
      const list = await listWith({ groupStatus: "deleted", pageSize: 10 }, (call, store) => {
        if (call === 3) store.deleteGroup(appId, victim.groupId);
      });
      const shapes = requestShapes();
      assert.equal(shapes[0], "0/1/1/1");
      assert.deepEqual(shapes.slice(-40), pass(1, 40, "0/1/10"), "the basis pass ends the listing");
      assert.ok(!shapes.slice(0, -40).includes("0/1/1/1", 1), "no end probe after an inconsistent pass");
      assert.deepEqual(ids(list.groups), expectedIds(emulator, appId, "deleted", "asc"));
    });
  });

  describe("all/asc: the tail re-read", () => {
    it("groups keep being created while the tail is re-read: the tail is read again until a pass sees no growth", async () => {
      const { block, second } = sameSecondBlock();
      const list = await listWith({ pageSize: 20 }, (call, store) => {
        // Call 20: the last page of pass 1 sees growth. Call 22: the 2nd page of the first tail pass.
        if (call === 20) store.createGroup(appId, { groupId: `${block[15] as string}-a`, createTime: second });
        if (call === 22) store.createGroup(appId, { groupId: `${block[20] as string}-b`, createTime: second });
      });
      assert.equal(list.groups.length, 402);
      assert.deepEqual(requestShapes(), [...pass(1, 20, "0/1/20"), ...pass(19, 21, "0/1/20"), ...pass(19, 21, "0/1/20")]);
    });

    it("creation during every tail pass: after 3 tail passes the whole listing is read again", async () => {
      const { block, second } = sameSecondBlock();
      const list = await listWith({ pageSize: 20 }, (call, store) => {
        if (call >= 20 && call <= 29) store.createGroup(appId, { groupId: `${block[10] as string}-${call}`, createTime: second });
      });
      assert.equal(list.groups.length, 410);
      assert.deepEqual(requestShapes(), [
        ...pass(1, 20, "0/1/20"), ...pass(19, 21, "0/1/20"), ...pass(19, 21, "0/1/20"), ...pass(19, 21, "0/1/20"),
        ...pass(1, 21, "0/1/20"),
      ]);
    });

    it("groups created first in the newest second, during the pass and during the tail re-read: the kept part ends before them", async () => {
      // The newest second holds only the last 10 groups (390..399), all on the last page (380..399).
      const groups = emulator.store.groups(appId);
      const second = (groups.at(-1) as EmulatorGroup).createTime + 1;
      for (const g of groups.slice(-10)) emulator.store.updateGroup(appId, g.groupId, { createTime: second });
      const oldFirst = emulator.store.groups(appId)[390]?.groupId as string;
      // "0-..." and "1-..." sort before every "group-..." id: each new group takes position 390.
      const list = await listWith({ pageSize: 20 }, (call, store) => {
        if (call === 20) store.createGroup(appId, { groupId: "1-first-in-its-second", createTime: second });
        if (call === 21) store.createGroup(appId, { groupId: "0-first-in-its-second", createTime: second });
      });
      assert.deepEqual(ids(list.groups.slice(390, 393)), ["0-first-in-its-second", "1-first-in-its-second", oldFirst]);
      // The tail starts at page 20 (position 390, where the newest second begins); the overlap
      // 380..389 did not move, position 390 itself may: repaired, no re-list.
      assert.deepEqual(requestShapes(), [...pass(1, 20, "0/1/20"), ...pass(20, 21, "0/1/20")]);
    });

    it("a group created in a later second during the pass: groups past the first TotalCount are not kept from pass 1", async () => {
      const { second } = sameSecondBlock();
      // pageSize 30: 14 pages, the last (390..399) has room, so it serves the new group too.
      const list = await listWith({ pageSize: 30 }, (call, store) => {
        if (call === 14) store.createGroup(appId, { groupId: "created-later", createTime: second + 5 });
      });
      assert.equal(list.groups.at(-1)?.groupId, "created-later");
      // The tail starts at the page of the first group of the old newest second (position 370: page 13).
      assert.deepEqual(requestShapes(), [...pass(1, 14, "0/1/30"), ...pass(13, 14, "0/1/30")]);
    });

    it("every group shares the newest second: the tail is the whole listing, from page 1", async () => {
      const second = 1_700_000_000;
      const groups = emulator.store.groups(appId);
      for (const g of groups) emulator.store.updateGroup(appId, g.groupId, { createTime: second });
      const byId = emulator.store.groups(appId).map((g) => g.groupId);
      // Sorts between the 396th and 397th group (tie order by id): on the last page of 20, so pass 1
      // is consistent but saw growth, and the old last group is pushed past the first TotalCount.
      const newId = `${byId[395] as string}~`;
      const list = await listWith({ pageSize: 20 }, (call, store) => {
        if (call === 20) store.createGroup(appId, { groupId: newId, createTime: second });
      });
      assert.equal(list.groups.length, 401);
      assert.equal(list.groups[396]?.groupId, newId);
      assert.equal(list.groups[400]?.groupId, byId[399]);
      assert.deepEqual(requestShapes(), [...pass(1, 20, "0/1/20"), ...pass(1, 21, "0/1/20")]);
    });
  });

  describe("descending order with groups sharing a creation second", () => {
    for (const groupStatus of ["all", "existing"] as GroupStatus[]) {
      it(`${groupStatus}/desc: ties are served in one clean pass (no fallback), in the server's order`, async () => {
        sameSecondBlock();
        const list = await listWith({ groupStatus, sortOrder: "desc", pageSize: 20 }, () => undefined);
        assert.deepEqual(ids(list.groups), expectedIds(emulator, appId, groupStatus, "desc"));
        const pages = Math.ceil(list.groups.length / 20);
        assert.equal(list.requests, pages + (groupStatus === "all" ? 0 : 2), "a tie read as out of order would re-list");
      });
    }
  });

  describe("the API's 10,000-page limit", () => {
    it("a listing that would need 10,001 pages fails after its first page with TooManyPages", async () => {
      await emulator.close();
      emulator = await startTestEmulator({ callsPerSecond: 0, apps: [{ appId, groups: 10_001, deletedFraction: 0 }] });
      for (const groupStatus of ["all", "existing"] as GroupStatus[]) {
        emulator.resetStats();
        const error = await listLiveMessageGroups(fastOptions(emulator, appId, { pageSize: 1, groupStatus })).catch((e: unknown) => e);
        assert.ok(isLiveMessageGroupsError(error), String(error));
        assert.equal(error.kind, "ClientError");
        assert.equal(error.code, "TooManyPages");
        assert.match(error.message, new RegExp(`10001 groups for groupStatus ${groupStatus}: at pageSize 1 that needs 10001 pages, more than the API's 10000`));
        assert.match(error.message, /use pageSize 50 \(the API cannot page past 500000 groups\)/);
        assert.ok(error.requestId !== null && error.requestId.length > 0);
        // all: page 1 only; existing: the first probe, then page 1.
        assert.equal(requestShapes().length, groupStatus === "all" ? 1 : 2);
        // paginateLiveMessageGroups: the same error before it yields any page.
        emulator.resetStats();
        const pages = paginateLiveMessageGroups(fastOptions(emulator, appId, { pageSize: 1, groupStatus }));
        await assert.rejects(pages.next(), { kind: "ClientError", code: "TooManyPages" });
        assert.equal(requestShapes().length, groupStatus === "all" ? 1 : 2);
      }
    });
  });
});
