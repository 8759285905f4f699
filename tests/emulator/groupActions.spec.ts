import { strict as assert } from "node:assert";
import { startEmulator } from "../../emulator";
import type { Emulator } from "../../emulator";
import { createCaller, rejection, type Caller } from "./support/openApiCaller";

describe("emulator: app and group actions through @alicloud/openapi-client", () => {
  let emulator: Emulator;
  let call: Caller;
  let clockMs = Date.UTC(2025, 0, 2, 3, 4, 5);

  before(async () => {
    emulator = await startEmulator({ callsPerSecond: 0, now: () => clockMs });
    call = createCaller(emulator.endpoint, emulator.credentials);
  });
  after(() => emulator.close());

  // The client stamps real time; keep the emulator clock on it for each test, stepping from there.
  beforeEach(() => {
    clockMs = Date.now();
  });

  it("CreateLiveMessageApp invents a 6-character AppId, or takes an explicit one (emulator-only)", async () => {
    const invented = await call("CreateLiveMessageApp", { AppName: "demo", DataCenter: "ap-southeast-1" });
    assert.match(String(invented["AppId"]), /^[a-z0-9]{6}$/);
    assert.equal(typeof invented["RequestId"], "string");
    const explicit = await call("CreateLiveMessageApp", { AppName: "demo", DataCenter: "cn-shanghai", AppId: "explicit-app" });
    assert.equal(explicit["AppId"], "explicit-app");
    const listed = await call("ListLiveMessageGroupByPage", { AppId: String(invented["AppId"]), SortType: "1", DataCenter: "ap-southeast-1" });
    assert.equal(listed["TotalCount"], 0);
    // Invented ids are drawn, not one letter six times: that made every later invented id collide, and
    // the emulator loop for ever looking for a free one (seed 1's first id is checked before that can happen).
    assert.ok(new Set(String(invented["AppId"])).size > 1, `${String(invented["AppId"])} is drawn from the alphabet`);
    const second = await call("CreateLiveMessageApp", { AppName: "demo", DataCenter: "cn-shanghai" });
    assert.match(String(second["AppId"]), /^[a-z0-9]{6}$/);
    assert.notEqual(second["AppId"], invented["AppId"]);
    // The length limit's edge: 64 characters are taken.
    const longest = "b".repeat(64);
    assert.equal((await call("CreateLiveMessageApp", { AppName: "demo", DataCenter: "cn-shanghai", AppId: longest }))["AppId"], longest);
  });

  const appErrors: { query: Record<string, string>; code: string; names: string }[] = [
    { query: { DataCenter: "cn-shanghai" }, code: "MissingParameter", names: "AppName" },
    { query: { AppName: "x" }, code: "MissingParameter", names: "DataCenter" },
    { query: { AppName: "x", DataCenter: "eu-central-1" }, code: "InputInvalid", names: "DataCenter" },
    { query: { AppName: "x", DataCenter: "cn-shanghai", AppId: "explicit-app" }, code: "InputInvalid", names: "AppId is invalid: app explicit-app already exists\\." },
    { query: { AppName: "x", DataCenter: "cn-shanghai", AppId: "a".repeat(65) }, code: "InputInvalid", names: "AppId is invalid: longer than 64 characters\\." },
  ];
  for (const row of appErrors) {
    it(`CreateLiveMessageApp rejects ${JSON.stringify(row.query).slice(0, 60)} with 400 ${row.code}`, async () => {
      await call("CreateLiveMessageApp", { AppName: "demo", DataCenter: "cn-shanghai", AppId: "explicit-app" }).catch(() => undefined);
      const error = await rejection(call("CreateLiveMessageApp", row.query));
      assert.deepEqual([error["code"], error["statusCode"]], [row.code, 400]);
      assert.match(String((error["data"] as Record<string, unknown>)["Message"]), new RegExp(row.names));
    });
  }

  it("CreateLiveMessageGroup creates once, then reports AlreadyExists, and AlreadyDelete after a delete", async () => {
    await call("CreateLiveMessageApp", { AppName: "groups", DataCenter: "cn-shanghai", AppId: "groups-app" });
    const query = { AppId: "groups-app", GroupId: "room-1", CreatorId: "alice", GroupName: "Room 1", GroupInfo: "{}", Administrators: "bob,carol" };
    assert.deepEqual(omitRequestId(await call("CreateLiveMessageGroup", query)), { GroupId: "room-1", AlreadyExists: false, AlreadyDelete: false });
    assert.deepEqual(omitRequestId(await call("CreateLiveMessageGroup", { ...query, GroupName: "changed" })), { GroupId: "room-1", AlreadyExists: true, AlreadyDelete: false });
    assert.equal(emulator.store.groups("groups-app")[0]?.groupName, "Room 1");
    clockMs += 5000;
    assert.deepEqual(omitRequestId(await call("DeleteLiveMessageGroup", { AppId: "groups-app", GroupId: "room-1", OperatorId: "dave" })), { GroupId: "room-1" });
    assert.deepEqual(omitRequestId(await call("DeleteLiveMessageGroup", { AppId: "groups-app", GroupId: "room-1" })), { GroupId: "room-1" });
    assert.deepEqual(omitRequestId(await call("CreateLiveMessageGroup", query)), { GroupId: "room-1", AlreadyExists: true, AlreadyDelete: true });
  });

  it("DescribeLiveMessageGroup answers the group fields plus Deletor, Deletatime and activity counters", async () => {
    await call("CreateLiveMessageApp", { AppName: "describe", DataCenter: "cn-shanghai", AppId: "describe-app" });
    await call("CreateLiveMessageGroup", { AppId: "describe-app", GroupId: "g", CreatorId: "alice", GroupName: "G", GroupInfo: "info", Administrators: "bob" });
    const live = await call("DescribeLiveMessageGroup", { AppId: "describe-app", GroupId: "g", DataCenter: "cn-shanghai" });
    assert.deepEqual(
      { ...live, RequestId: "", MsgAmount: 0, OnlineUserCounts: 0, TotalTimes: 0 },
      {
        RequestId: "", GroupId: "g", CreatorId: "alice", AdminList: ["bob"], Createtime: Math.floor(clockMs / 1000), GroupName: "G", GroupInfo: "info",
        Delete: false, Deletor: "", Deletatime: 0, MsgAmount: 0, OnlineUserCounts: 0, TotalTimes: 0, SuperLargeGroup: false,
      },
    );
    for (const counter of ["MsgAmount", "OnlineUserCounts", "TotalTimes"]) assert.ok(Number.isInteger(live[counter]));
    clockMs += 60_000;
    await call("DeleteLiveMessageGroup", { AppId: "describe-app", GroupId: "g", OperatorId: "dave" });
    const gone = await call("DescribeLiveMessageGroup", { AppId: "describe-app", GroupId: "g" });
    assert.deepEqual([gone["Delete"], gone["Deletor"], gone["Deletatime"], gone["OnlineUserCounts"]], [true, "dave", Math.floor(clockMs / 1000), 0]);
  });

  it("DeleteLiveMessageGroup without OperatorId still answers Deletor (empty) in DescribeLiveMessageGroup", async () => {
    // An absent OperatorId was stored as undefined, and JSON dropped the field from the answer.
    await call("CreateLiveMessageApp", { AppName: "anonymous", DataCenter: "cn-shanghai", AppId: "anonymous-delete-app" });
    await call("CreateLiveMessageGroup", { AppId: "anonymous-delete-app", GroupId: "g" });
    await call("DeleteLiveMessageGroup", { AppId: "anonymous-delete-app", GroupId: "g" });
    const gone = await call("DescribeLiveMessageGroup", { AppId: "anonymous-delete-app", GroupId: "g" });
    assert.deepEqual([gone["Delete"], gone["Deletor"], gone["Deletatime"]], [true, "", Math.floor(clockMs / 1000)]);
  });

  it("names the missing group in ResourceNotExist of Delete and Describe", async () => {
    await call("CreateLiveMessageApp", { AppName: "groups", DataCenter: "cn-shanghai", AppId: "groups-app" }).catch(() => undefined);
    for (const action of ["DeleteLiveMessageGroup", "DescribeLiveMessageGroup"]) {
      const error = await rejection(call(action, { AppId: "groups-app", GroupId: "never-created" }));
      assert.match(String((error["data"] as Record<string, unknown>)["Message"]), /GroupId never-created/, action);
    }
  });

  it("takes a GroupId of 64 characters and refuses one of 65 with InputInvalid naming GroupId", async () => {
    // The edge itself: only 65 was sent before, so a limit of 63 (or >= 64) passed every spec.
    await call("CreateLiveMessageApp", { AppName: "ids", DataCenter: "cn-shanghai", AppId: "id-length-app" });
    const longest = "x".repeat(64);
    assert.deepEqual(omitRequestId(await call("CreateLiveMessageGroup", { AppId: "id-length-app", GroupId: longest })), { GroupId: longest, AlreadyExists: false, AlreadyDelete: false });
    assert.equal((await call("DescribeLiveMessageGroup", { AppId: "id-length-app", GroupId: longest }))["GroupId"], longest);
    for (const action of ["CreateLiveMessageGroup", "DeleteLiveMessageGroup", "DescribeLiveMessageGroup"]) {
      const error = await rejection(call(action, { AppId: "id-length-app", GroupId: `${longest}y` }));
      assert.deepEqual([error["code"], error["statusCode"]], ["InputInvalid", 400], action);
      assert.match(String((error["data"] as Record<string, unknown>)["Message"]), /GroupId is invalid: longer than 64 characters/, action);
    }
  });

  const groupErrors: { action: string; query: Record<string, string>; status: number; code: string }[] = [
    { action: "CreateLiveMessageGroup", query: { GroupId: "x" }, status: 400, code: "MissingParameter" },
    { action: "CreateLiveMessageGroup", query: { AppId: "groups-app" }, status: 400, code: "MissingParameter" },
    { action: "CreateLiveMessageGroup", query: { AppId: "groups-app", GroupId: "x".repeat(65) }, status: 400, code: "InputInvalid" },
    { action: "CreateLiveMessageGroup", query: { AppId: "nope", GroupId: "x" }, status: 404, code: "ResourceNotExist" },
    { action: "CreateLiveMessageGroup", query: { AppId: "groups-app", GroupId: "x", DataCenter: "ap-southeast-1" }, status: 400, code: "InputInvalid" },
    { action: "DeleteLiveMessageGroup", query: { AppId: "groups-app", GroupId: "never-created" }, status: 404, code: "ResourceNotExist" },
    { action: "DeleteLiveMessageGroup", query: { AppId: "groups-app" }, status: 400, code: "MissingParameter" },
    { action: "DescribeLiveMessageGroup", query: { AppId: "groups-app", GroupId: "never-created" }, status: 404, code: "ResourceNotExist" },
    { action: "DescribeLiveMessageGroup", query: { AppId: "nope", GroupId: "x" }, status: 404, code: "ResourceNotExist" },
    { action: "NoSuchAction", query: {}, status: 404, code: "InvalidAction.NotFound" },
  ];
  for (const row of groupErrors) {
    it(`${row.action} ${JSON.stringify(row.query).slice(0, 50)} -> ${row.status} ${row.code}`, async () => {
      await call("CreateLiveMessageApp", { AppName: "groups", DataCenter: "cn-shanghai", AppId: "groups-app" }).catch(() => undefined);
      const error = await rejection(call(row.action, row.query));
      assert.deepEqual([error["code"], error["statusCode"]], [row.code, row.status]);
    });
  }
});

function omitRequestId(body: Record<string, unknown>): Record<string, unknown> {
  assert.match(String(body["RequestId"]), /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
  const { RequestId: _ignored, ...rest } = body;
  return rest;
}
