import assert from "node:assert/strict";
import type { Emulator } from "../../emulator/types";
import { listLiveMessageGroups, paginateLiveMessageGroups } from "../../sdk";
import type { GroupStatus, ListProgress, SortOrder } from "../../sdk/types";
import { fastOptions, startTestEmulator } from "./emulatorHarness";

/** Every report must be a coherent progress bar: never more pages done than planned. */
function assertCoherent(progress: readonly ListProgress[]): void {
  for (const [index, p] of progress.entries()) {
    if (p.pagesTotal === null) assert.equal(p.pagesDone, 0, `report ${index}: pages done before any total`);
    else assert.ok(p.pagesDone <= p.pagesTotal, `report ${index}: pagesDone ${p.pagesDone} > pagesTotal ${p.pagesTotal}`);
  }
}

describe("listing progress (onProgress)", function () {
  this.timeout(60_000);
  let emulator: Emulator;
  // 500 groups, 150 deleted (exact: generateGroups marks round(0.3 * 500)).
  before(async () => {
    emulator = await startTestEmulator({ callsPerSecond: 0, apps: [{ appId: "p", groups: 500, deletedFraction: 0.3 }] });
  });
  after(() => emulator.close());

  const modes: ReadonlyArray<readonly [GroupStatus, SortOrder, number]> = [
    // Full pages (500 and 150 groups at 50): deleted ends with a count of its own; all needs none,
    // its groups being older than any created during the listing.
    ["all", "asc", 0], ["all", "desc", 0], ["existing", "asc", 2], ["existing", "desc", 2], ["deleted", "asc", 3], ["deleted", "desc", 3],
  ];
  for (const [groupStatus, sortOrder, probes] of modes) {
    it(`${groupStatus}/${sortOrder}: ends at pagesDone = pagesTotal, groups = the result, probes counted only as requests`, async () => {
      const progress: ListProgress[] = [];
      const list = await listLiveMessageGroups(fastOptions(emulator, "p", { groupStatus, sortOrder, onProgress: (p) => progress.push(p) }));
      assertCoherent(progress);
      const pages = Math.ceil(list.groups.length / 50);
      assert.deepEqual(progress.at(-1), { pagesDone: pages, pagesTotal: pages, groups: list.groups.length, requests: pages + probes, retries: 0 });
    });
  }

  it("after a fallback (existing, a group created mid-pass), the totals include both passes and groups is the last pass's", async () => {
    const all = emulator.store.groups("p").length;
    const existing = emulator.store.groups("p").filter((g) => !g.deleted).length;
    let calls = 0;
    emulator.onListPage((request, store) => {
      if (request.appId === "p" && ++calls === 3) store.createGroup("p", { groupId: `progress-late-${all}` });
    });
    const progress: ListProgress[] = [];
    const list = await listLiveMessageGroups(fastOptions(emulator, "p", { groupStatus: "existing", onProgress: (p) => progress.push(p) }));
    emulator.onListPage(null);
    assertCoherent(progress);
    assert.equal(list.groups.length, existing + 1);
    const bracketedPages = Math.ceil(existing / 50);
    const basisPages = Math.ceil((all + 1) / 50);
    // One probe before the bracketed pass; its failed check skips the end probe.
    assert.deepEqual(progress.at(-1), {
      pagesDone: bracketedPages + basisPages, pagesTotal: bracketedPages + basisPages, groups: all + 1,
      requests: 1 + bracketedPages + basisPages, retries: 0,
    });
    assert.ok(Math.max(...progress.map((p) => p.groups)) <= all + 1, "groups never sums passes");
  });

  it("paginate existing: probes are not pages", async () => {
    const progress: ListProgress[] = [];
    let pages = 0;
    for await (const page of paginateLiveMessageGroups(fastOptions(emulator, "p", { groupStatus: "existing", onProgress: (p) => progress.push(p) }))) {
      pages += page.groups.length > 0 ? 1 : 0;
    }
    assertCoherent(progress);
    const last = progress.at(-1);
    assert.deepEqual(last && [last.pagesDone, last.pagesTotal, last.requests], [pages, pages, pages + 2]);
  });
});
