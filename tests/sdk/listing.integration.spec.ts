import assert from "node:assert/strict";
import type { Emulator } from "../../emulator/types";
import { listLiveMessageGroups, paginateLiveMessageGroups } from "../../sdk";
import type { GroupStatus, ListProgress, LiveMessageGroupPage, SortOrder } from "../../sdk/types";
import { expectedIds, fastOptions, ids, listRequests, listRequestsFor, startTestEmulator } from "./emulatorHarness";
import { FakeClock } from "./fakeClock";

describe("listLiveMessageGroups against the emulator (real openapi-client over HTTP)", function () {
  this.timeout(60_000);
  let emulator: Emulator;
  before(async () => {
    emulator = await startTestEmulator({
      callsPerSecond: 0,
      apps: [
        { appId: "app-237", groups: 237, deletedFraction: 0.3 },
        { appId: "app-empty", groups: 0 },
        { appId: "app-50", groups: 50 },
        { appId: "app-51", groups: 51 },
        { appId: "app-10k", groups: 10_000 },
        { appId: "app-sg", dataCenter: "ap-southeast-1", groups: 12 },
      ],
    });
  });
  after(() => emulator.close());

  for (const groupStatus of ["all", "existing", "deleted"] as GroupStatus[]) {
    for (const sortOrder of ["asc", "desc"] as SortOrder[]) {
      it(`lists exactly the store's groups for ${groupStatus}/${sortOrder}`, async () => {
        const list = await listLiveMessageGroups(fastOptions(emulator, "app-237", { groupStatus, sortOrder, pageSize: 20 }));
        assert.deepEqual(ids(list.groups), expectedIds(emulator, "app-237", groupStatus, sortOrder));
        assert.equal(list.totalCount, list.groups.length);
        assert.equal(list.groupStatus, groupStatus);
        assert.equal(list.sortOrder, sortOrder);
        assert.equal(list.retries, 0);
      });
    }
  }

  it("converts every field: no undefined, booleans and numbers typed", async () => {
    const list = await listLiveMessageGroups(fastOptions(emulator, "app-51"));
    const store = new Map(emulator.store.groups("app-51").map((g) => [g.groupId, g]));
    for (const group of list.groups) {
      const stored = store.get(group.groupId);
      assert.ok(stored);
      assert.deepEqual({ ...group, adminList: [...group.adminList] }, { ...stored, adminList: [...stored.adminList] });
      assert.ok(Object.values(group).every((value) => value !== undefined));
    }
  });

  const shapes: ReadonlyArray<readonly [string, number, number]> = [
    ["app-empty", 0, 1], ["app-50", 50, 1], ["app-51", 51, 2],
  ];
  for (const [appId, count, requests] of shapes) {
    it(`${appId}: ${count} groups in ${requests} request(s)`, async () => {
      emulator.resetStats();
      const list = await listLiveMessageGroups(fastOptions(emulator, appId));
      assert.equal(list.totalCount, count);
      assert.deepEqual(ids(list.groups), expectedIds(emulator, appId, "all", "asc"));
      assert.equal(list.requests, requests);
      assert.equal(listRequests(emulator), requests);
    });
  }

  it("lists 10,000 groups (200 pages) exactly, reporting progress", async () => {
    const progress: ListProgress[] = [];
    const list = await listLiveMessageGroups(fastOptions(emulator, "app-10k", { onProgress: (p) => progress.push(p) }));
    assert.deepEqual(ids(list.groups), expectedIds(emulator, "app-10k", "all", "asc"));
    assert.equal(list.requests, 200);
    assert.equal(progress.length, 200);
    assert.deepEqual(progress.at(-1), { pagesDone: 200, pagesTotal: 200, groups: 10_000, requests: 200, retries: 0 });
  });

  it("elapsedMs is the listing's duration on its clock, not the clock's reading (clock injected, starting at 1,000,000 ms)", async () => {
    const clock = new FakeClock({ start: 1_000_000 });
    // 2.5 s of the clock pass during the listing, after its first page.
    let advanced = false;
    const onProgress = (): void => {
      if (!advanced) clock.time += 2_500;
      advanced = true;
    };
    const list = await listLiveMessageGroups(fastOptions(emulator, "app-237", { pageSize: 20, clock, onProgress }));
    // (The listing's start is set back by the real time its set-up took: a few ms.)
    assert.ok(list.elapsedMs >= 2_500 && list.elapsedMs < 12_500, `elapsedMs ${list.elapsedMs}`);
  });

  it("sends the dataCenter and finds an app in ap-southeast-1", async () => {
    const list = await listLiveMessageGroups(fastOptions(emulator, "app-sg", { dataCenter: "ap-southeast-1" }));
    assert.equal(list.totalCount, 12);
    await assert.rejects(listLiveMessageGroups(fastOptions(emulator, "app-sg")), { kind: "ClientError" });
  });

  it("paginate yields the same pages lazily", async () => {
    const pages: LiveMessageGroupPage[] = [];
    for await (const page of paginateLiveMessageGroups(fastOptions(emulator, "app-237", { pageSize: 25, groupStatus: "existing" }))) {
      pages.push(page);
    }
    assert.deepEqual(pages.map((p) => p.pageNumber), Array.from({ length: pages.length }, (_, i) => i + 1));
    assert.deepEqual(ids(pages.flatMap((p) => p.groups)), expectedIds(emulator, "app-237", "existing", "asc"));
    assert.ok(pages.every((p) => p.requestId.length > 0 && p.pageSize === 25));
  });

  it("breaking out of paginate stops the requests", async () => {
    emulator.resetStats();
    let seen = 0;
    for await (const page of paginateLiveMessageGroups(fastOptions(emulator, "app-10k"))) {
      seen += page.groups.length;
      if (seen >= 150) break;
    }
    // No sleep: a later request answered by the same emulator is the barrier. A 4th page request
    // written before it (a prefetch, or one sent after the break) would be in the log by then.
    await listLiveMessageGroups(fastOptions(emulator, "app-empty"));
    assert.equal(listRequestsFor(emulator, "app-10k"), 3);
  });
});
