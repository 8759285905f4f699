import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { paginateLiveMessageGroups } from "../../sdk/listing/paginateLiveMessageGroups";
import type { GroupStatus, SortOrder } from "../../sdk/types";

/** One group on the wire: `Createtime` in seconds, `Delete` its deleted flag. */
interface WireGroup { readonly GroupId: string; readonly Createtime: number; readonly Delete: boolean }

const OLD = Math.floor(Date.now() / 1000) - 86_400; // a day ago: no end count for all/asc
const g = (id: string, second: number, deleted = false): WireGroup => ({ GroupId: id, Createtime: OLD + second, Delete: deleted });

/**
 * A service whose answers paginate must refuse though every count agrees: it serves `view` (as
 * given, for any SortType) to the mode asked for, and the all-status count `allCount`.
 */
describe("paginateLiveMessageGroups checks each page's order and deleted flags, as listLiveMessageGroups does (HTTP)", () => {
  let server: Server;
  let endpoint = "";
  let view: WireGroup[] = [];
  let allCount = 0;
  before(async () => {
    server = createServer((request, response) => {
      const query = new URL(request.url ?? "/", "http://x").searchParams;
      const pageNumber = Number(query.get("PageNumber"));
      const pageSize = Number(query.get("PageSize"));
      const offset = (pageNumber - 1) * pageSize;
      const totalCount = query.get("GroupStatus") === "0" ? allCount : view.length;
      const groups = query.get("GroupStatus") === "0" && pageSize === 1 ? [] : view.slice(offset, offset + pageSize);
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ RequestId: `r-${pageNumber}-${pageSize}`, TotalCount: totalCount, PageNumber: pageNumber, PageSize: pageSize, GroupList: groups }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));

  async function paginate(sortOrder: SortOrder, groupStatus: GroupStatus, pageSize = 2): Promise<{ seen: string[]; error: unknown }> {
    const seen: string[] = [];
    let error: unknown = null;
    try {
      for await (const page of paginateLiveMessageGroups({
        appId: "app", endpoint, pageSize, sortOrder, groupStatus, quotaKey: `paginate-checks-${Math.random()}`, redisUrl: null,
        credentials: { accessKeyId: "AKIDpaginatechecks", accessKeySecret: "paginate-checks-secret" },
      })) seen.push(...page.groups.map((group) => group.groupId));
    } catch (caught) {
      error = caught;
    }
    return { seen, error };
  }

  function assertRefused(result: { seen: string[]; error: unknown }, seen: string[], why: RegExp): void {
    assert.ok(result.error instanceof Error, `no error; yielded ${JSON.stringify(result.seen)}`);
    assert.equal((result.error as { code?: string }).code, "ListingShifted");
    assert.match(result.error.message, why);
    assert.deepEqual(result.seen, seen, "the page that breaks the listing is not yielded");
  }

  it("all/asc: a page older than the page before it (the order broken across pages) is refused", async () => {
    view = [g("a", 10), g("b", 20), g("c", 15), g("d", 30)];
    allCount = view.length;
    assertRefused(await paginate("asc", "all"), ["a", "b"], /group c is out of asc creation order/);
  });

  it("all/asc, pages of 3: the next page is checked against the last group of the page before, not another of that page", async () => {
    view = [g("a", 10), g("b", 20), g("c", 30), g("d", 25), g("e", 40)];
    allCount = view.length;
    assertRefused(await paginate("asc", "all", 3), ["a", "b", "c"], /group d is out of asc creation order/);
  });

  it("all/desc: ascending groups within a page are refused", async () => {
    view = [g("d", 30), g("c", 20), g("b", 21), g("a", 10)];
    allCount = view.length;
    assertRefused(await paginate("desc", "all"), ["d", "c"], /group b is out of desc creation order/);
  });

  it("existing: a deleted group is refused; deleted: an existing one", async () => {
    view = [g("a", 10), g("b", 20), g("c", 30, true), g("d", 40)];
    allCount = view.length;
    assertRefused(await paginate("asc", "existing"), ["a", "b"], /group c does not match groupStatus existing/);
    view = [g("a", 10, true), g("b", 20, true), g("c", 30, true), g("d", 40)];
    allCount = 6;
    assertRefused(await paginate("asc", "deleted"), ["a", "b"], /group d does not match groupStatus deleted/);
  });

  it("a listing in order with matching flags passes every page (the checks refuse only what is wrong)", async () => {
    view = [g("a", 10), g("b", 10), g("c", 30), g("d", 40)];
    allCount = 5;
    const result = await paginate("asc", "existing");
    assert.equal(result.error, null, String(result.error));
    assert.deepEqual(result.seen, ["a", "b", "c", "d"]);
  });
});
