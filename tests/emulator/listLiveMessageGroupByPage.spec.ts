import { strict as assert } from "node:assert";
import { startEmulator } from "../../emulator";
import type { Emulator } from "../../emulator";
import { createCaller, rejection, type Caller } from "./support/openApiCaller";

interface WireEntry { GroupId: string; Delete: boolean; Createtime: number }

/** Every page of a listing, fetched through the real client. */
async function listAll(call: Caller, query: Record<string, string>, pageSize: number): Promise<{ ids: string[]; totals: number[] }> {
  const ids: string[] = [];
  const totals: number[] = [];
  for (let page = 1; ; page++) {
    const body = await call("ListLiveMessageGroupByPage", { ...query, PageSize: String(pageSize), PageNumber: String(page) });
    const list = body["GroupList"] as WireEntry[];
    totals.push(body["TotalCount"] as number);
    ids.push(...list.map((entry) => entry.GroupId));
    if (list.length < pageSize) return { ids, totals };
  }
}

describe("emulator: ListLiveMessageGroupByPage through @alicloud/openapi-client", () => {
  let emulator: Emulator;
  let call: Caller;
  /** Ascending creation order, as this test built it. */
  const created: string[] = [];
  const deleted = new Set(["g03", "g07", "g11"]);

  before(async () => {
    emulator = await startEmulator({
      callsPerSecond: 0,
      apps: [{ appId: "fifty", groups: 50 }, { appId: "fifty-one", groups: 51 }, { appId: "sg", dataCenter: "ap-southeast-1", groups: 3 }],
    });
    call = createCaller(emulator.endpoint, emulator.credentials);
    await call("CreateLiveMessageApp", { AppId: "app1", AppName: "list test", DataCenter: "cn-shanghai" });
    for (let i = 1; i <= 12; i++) {
      const groupId = `g${String(i).padStart(2, "0")}`;
      await call("CreateLiveMessageGroup", { AppId: "app1", GroupId: groupId, CreatorId: `u${i}`, GroupName: `name ${i}`, GroupInfo: `{"i":${i}}`, Administrators: "a1, a2" });
      created.push(groupId);
      if (i === 5) {
        // Two groups created in the same second as g05: ties are broken by creation sequence.
        const createTime = emulator.store.groups("app1")[4]?.createTime;
        emulator.store.createGroup("app1", { groupId: "tieA", createTime });
        emulator.store.createGroup("app1", { groupId: "tieB", createTime });
        created.push("tieA", "tieB");
      }
    }
    for (const groupId of deleted) await call("DeleteLiveMessageGroup", { AppId: "app1", GroupId: groupId, OperatorId: "op" });
  });
  after(() => emulator.close());

  const orders = [{ sortType: "1", name: "ascending" }, { sortType: "2", name: "descending" }];
  const statuses = [
    { groupStatus: "0", name: "all", keep: () => true },
    { groupStatus: "1", name: "existing", keep: (id: string) => !deleted.has(id) },
    { groupStatus: "2", name: "deleted", keep: (id: string) => deleted.has(id) },
  ];
  for (const order of orders) {
    for (const status of statuses) {
      it(`lists ${status.name} groups ${order.name}, page by page, ties in a consistent order`, async () => {
        const expected = created.filter(status.keep);
        if (order.sortType === "2") expected.reverse();
        const { ids, totals } = await listAll(call, { AppId: "app1", SortType: order.sortType, GroupStatus: status.groupStatus }, 4);
        assert.deepEqual(ids, expected);
        assert.ok(totals.every((total) => total === expected.length));
      });
    }
  }

  it("answers every documented field, deleted groups included under status 0", async () => {
    const body = await call("ListLiveMessageGroupByPage", { AppId: "app1", SortType: "1", PageSize: "3" });
    assert.equal(typeof body["RequestId"], "string");
    assert.deepEqual([body["TotalCount"], body["PageNumber"], body["PageSize"]], [14, 1, 3]);
    const [first, , third] = body["GroupList"] as Record<string, unknown>[];
    assert.deepEqual(Object.keys(first ?? {}).sort(), ["AdminList", "Createtime", "CreatorId", "Delete", "GroupId", "GroupInfo", "GroupName"]);
    const createTime = first?.["Createtime"];
    assert.ok(typeof createTime === "number" && Number.isInteger(createTime) && createTime > 1_600_000_000);
    assert.deepEqual(first, { GroupId: "g01", CreatorId: "u1", AdminList: ["a1", "a2"], Createtime: createTime, GroupName: "name 1", GroupInfo: '{"i":1}', Delete: false });
    assert.equal(third?.["Delete"], true);
  });

  it("defaults PageSize to 20, PageNumber to 1 and GroupStatus to all", async () => {
    const body = await call("ListLiveMessageGroupByPage", { AppId: "fifty", SortType: "1" });
    assert.deepEqual([body["PageNumber"], body["PageSize"], body["TotalCount"], (body["GroupList"] as unknown[]).length], [1, 20, 50, 20]);
  });

  it("pages past the end: empty GroupList, TotalCount still the total", async () => {
    const body = await call("ListLiveMessageGroupByPage", { AppId: "app1", SortType: "2", PageSize: "50", PageNumber: "10000" });
    assert.deepEqual([body["GroupList"], body["TotalCount"], body["PageNumber"]], [[], 14, 10000]);
  });

  const edges = [{ appId: "fifty", pages: [50, 0] }, { appId: "fifty-one", pages: [50, 1] }];
  for (const edge of edges) {
    it(`serves ${edge.appId} groups as pages of ${edge.pages.join(" + ")} at PageSize 50`, async () => {
      for (const [index, size] of edge.pages.entries()) {
        const body = await call("ListLiveMessageGroupByPage", { AppId: edge.appId, SortType: "1", PageSize: "50", PageNumber: String(index + 1) });
        assert.equal((body["GroupList"] as unknown[]).length, size);
      }
    });
  }

  it("keeps createTime ascending for generated groups, and desc is the exact reverse", async () => {
    const asc = await listAll(call, { AppId: "fifty-one", SortType: "1" }, 50);
    const desc = await listAll(call, { AppId: "fifty-one", SortType: "2" }, 50);
    assert.deepEqual(desc.ids, [...asc.ids].reverse());
    const times = emulator.store.groups("fifty-one").map((group) => group.createTime);
    assert.ok(times.every((time, i) => i === 0 || time > (times[i - 1] ?? 0)));
  });

  const invalid: { query: Record<string, string>; status: number; code: string; names: string }[] = [
    { query: { SortType: "1" }, status: 400, code: "MissingParameter", names: "AppId" },
    { query: { AppId: "app1" }, status: 400, code: "MissingParameter", names: "SortType" },
    { query: { AppId: "app1", SortType: "3" }, status: 400, code: "InputInvalid", names: "SortType" },
    { query: { AppId: "app1", SortType: "asc" }, status: 400, code: "InputInvalid", names: "SortType" },
    // Each documented range's lower edge too: SortType 0 and GroupStatus -1 were accepted when the
    // bounds were off by one, and no row sent a value just below them (api-facts.md: 1/2 and 0/1/2).
    { query: { AppId: "app1", SortType: "0" }, status: 400, code: "InputInvalid", names: "SortType" },
    { query: { AppId: "app1", SortType: "1", GroupStatus: "-1" }, status: 400, code: "InputInvalid", names: "GroupStatus" },
    { query: { AppId: "app1", SortType: "1", PageSize: "0" }, status: 400, code: "InputInvalid", names: "PageSize" },
    { query: { AppId: "app1", SortType: "1", PageSize: "51" }, status: 400, code: "InputInvalid", names: "PageSize" },
    { query: { AppId: "app1", SortType: "1", PageNumber: "0" }, status: 400, code: "InputInvalid", names: "PageNumber" },
    { query: { AppId: "app1", SortType: "1", PageNumber: "10001" }, status: 400, code: "InputInvalid", names: "PageNumber" },
    { query: { AppId: "app1", SortType: "1", PageNumber: "1.5" }, status: 400, code: "InputInvalid", names: "PageNumber" },
    { query: { AppId: "app1", SortType: "1", GroupStatus: "3" }, status: 400, code: "InputInvalid", names: "GroupStatus" },
    { query: { AppId: "app1", SortType: "1", DataCenter: "cn-beijing" }, status: 400, code: "InputInvalid", names: "DataCenter" },
    { query: { AppId: "app1", SortType: "1", DataCenter: "ap-southeast-1" }, status: 400, code: "InputInvalid", names: "DataCenter" },
    { query: { AppId: "sg", SortType: "1", DataCenter: "cn-shanghai" }, status: 400, code: "InputInvalid", names: "DataCenter" },
    { query: { AppId: "no-such-app", SortType: "1" }, status: 404, code: "ResourceNotExist", names: "no-such-app" },
  ];
  for (const row of invalid) {
    it(`rejects ${JSON.stringify(row.query)} with ${row.status} ${row.code}`, async () => {
      const error = await rejection(call("ListLiveMessageGroupByPage", row.query));
      const data = error["data"] as Record<string, unknown>;
      assert.deepEqual([error["code"], error["statusCode"], data["Code"]], [row.code, row.status, row.code]);
      assert.match(String(data["Message"]), new RegExp(row.names));
      assert.deepEqual(Object.keys(data).filter((key) => key !== "statusCode").sort(), ["Code", "HostId", "Message", "Recommend", "RequestId"]);
    });
  }

  // The message says what is allowed, not only which parameter is wrong.
  const details: { query: Record<string, string>; message: RegExp }[] = [
    { query: { AppId: "app1", SortType: "1", PageSize: "51" }, message: /^The parameter PageSize is invalid: 51 is out of range 1\.\.50\.$/ },
    { query: { AppId: "app1", SortType: "1", PageNumber: "1.5" }, message: /^The parameter PageNumber is invalid: "1\.5" is not an integer\.$/ },
    { query: { AppId: "app1", SortType: "1", DataCenter: "cn-beijing" }, message: /^The parameter DataCenter is invalid: "cn-beijing" is not one of cn-shanghai, ap-southeast-1\.$/ },
    { query: { AppId: "sg", SortType: "1", DataCenter: "cn-shanghai" }, message: /^The parameter DataCenter is invalid: app sg is in ap-southeast-1, not cn-shanghai\.$/ },
  ];
  for (const row of details) {
    it(`explains the refusal of ${JSON.stringify(row.query)}`, async () => {
      const error = await rejection(call("ListLiveMessageGroupByPage", row.query));
      assert.match(String((error["data"] as Record<string, unknown>)["Message"]), row.message);
    });
  }

  it("accepts the app's own DataCenter", async () => {
    const body = await call("ListLiveMessageGroupByPage", { AppId: "sg", SortType: "1", DataCenter: "ap-southeast-1" });
    assert.equal(body["TotalCount"], 3);
  });

  it("accepts the list parameters in a POST query too, as the gateway does", async () => {
    const body = await call("ListLiveMessageGroupByPage", { AppId: "fifty", SortType: "2", PageSize: "5" }, { method: "POST" });
    assert.equal((body["GroupList"] as unknown[]).length, 5);
  });

  it("runs the list hook before each page, so a deletion between pages shows on the next page", async () => {
    const seen: number[] = [];
    emulator.onListPage((request, store) => {
      seen.push(request.pageNumber);
      if (request.pageNumber === 2) store.deleteGroup("fifty", store.groups("fifty")[49]?.groupId ?? "");
    });
    try {
      const first = await call("ListLiveMessageGroupByPage", { AppId: "fifty", SortType: "2", GroupStatus: "1", PageSize: "10" });
      const second = await call("ListLiveMessageGroupByPage", { AppId: "fifty", SortType: "2", GroupStatus: "1", PageSize: "10", PageNumber: "2" });
      assert.deepEqual(seen, [1, 2]);
      assert.equal((second["TotalCount"] as number), (first["TotalCount"] as number) - 1);
    } finally {
      emulator.onListPage(null);
    }
  });

  it("answers 500 InternalError when the list hook throws", async () => {
    emulator.onListPage(() => {
      throw new Error("hook failed");
    });
    try {
      const error = await rejection(call("ListLiveMessageGroupByPage", { AppId: "fifty", SortType: "1" }));
      assert.deepEqual([error["code"], error["statusCode"]], ["InternalError", 500]);
      assert.equal((error["data"] as Record<string, unknown>)["Message"], "The request processing has failed due to some unknown error: hook failed");
    } finally {
      emulator.onListPage(null);
    }
  });
});

describe("emulator: same-second creations through the API (tieOrder)", () => {
  // Frozen inside the current real second: signed dates stay within the skew, every creation ties.
  // Read in before(), not when mocha loads the file: a spec reached more than the 15 minutes of
  // allowed skew later (a long suite on a loaded machine) had every signed call refused as expired.
  let second = 0;
  let clockMs = 0;
  before(() => {
    second = Math.floor(Date.now() / 1000);
    clockMs = second * 1000 + 400;
  });
  for (const tieOrder of ["insertion", "groupId"] as const) {
    it(`${tieOrder}: CreateLiveMessageGroup stamps the clock's second (ties), and desc is the exact reverse`, async () => {
      const emulator = await startEmulator({ callsPerSecond: 0, now: () => clockMs, tieOrder, apps: [{ appId: "t", groups: 3 }] });
      try {
        const call = createCaller(emulator.endpoint, emulator.credentials);
        const made = ["m-2", "z-1", "a-3", "k-4"];
        for (const groupId of made) await call("CreateLiveMessageGroup", { AppId: "t", GroupId: groupId });
        const seeded = emulator.store.groups("t").slice(0, 3).map((group) => group.groupId);
        assert.deepEqual(emulator.store.groups("t").slice(3).map((group) => group.createTime), [second, second, second, second]);
        const asc = await listAll(call, { AppId: "t", SortType: "1" }, 2);
        const desc = await listAll(call, { AppId: "t", SortType: "2" }, 3);
        assert.deepEqual(asc.ids, [...seeded, ...(tieOrder === "groupId" ? [...made].sort() : made)]);
        assert.deepEqual(desc.ids, [...asc.ids].reverse());
      } finally {
        await emulator.close();
      }
    });
  }

  it("rejects an unknown tieOrder at start", async () => {
    await assert.rejects(startEmulator({ tieOrder: "random" as "groupId" }), RangeError);
  });
});
