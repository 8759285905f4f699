import assert from "node:assert/strict";
import { createServer } from "node:http";
import { listLiveMessageGroups } from "../../sdk";

/**
 * A service that leaves `Delete` out of its groups (every field of the official model is optional):
 * the status a listing asked for is the status of what it got. Read as not deleted, a deleted
 * listing's groups failed its status check, and the all-status view it fell back to dropped them:
 * it returned no group and no error (found by a review helper's fake service).
 */
describe("a service that omits Delete: each status listing still returns its groups", function () {
  this.timeout(30_000);
  const now = Math.floor(Date.now() / 1000);
  // Hour-old groups: b and c deleted.
  const groups = ["a", "b", "c", "d"].map((id, i) => ({ GroupId: id, Createtime: now - 3600 + i, deleted: id === "b" || id === "c" }));

  for (const [groupStatus, expected] of [["deleted", ["b", "c"]], ["existing", ["a", "d"]], ["all", ["a", "b", "c", "d"]]] as const) {
    it(`${groupStatus}: ${expected.join(", ")}`, async () => {
      const server = createServer((request, response) => {
        const query = new URL(request.url ?? "/", "http://x").searchParams;
        const status = query.get("GroupStatus") ?? "0";
        const view = groups.filter((g) => status === "0" || g.deleted === (status === "2"));
        const ordered = query.get("SortType") === "2" ? [...view].reverse() : view;
        const size = Number(query.get("PageSize") ?? "20");
        const page = Number(query.get("PageNumber") ?? "1");
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({
          RequestId: "R", TotalCount: view.length, PageNumber: page, PageSize: size,
          GroupList: ordered.slice((page - 1) * size, page * size).map(({ GroupId, Createtime }) => ({ GroupId, Createtime })),
        }));
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const result = await listLiveMessageGroups({
          appId: "app", endpoint: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
          credentials: { accessKeyId: "LTAIabsentDelete", accessKeySecret: "absent-delete-secret-Kk4" }, groupStatus,
        });
        assert.deepEqual(result.groups.map((g) => g.groupId), expected);
        // Of a page of all statuses the status is unknown: not deleted, as documented.
        assert.ok(result.groups.every((g) => g.deleted === (groupStatus === "deleted")));
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });
  }
});
