import { strict as assert } from "node:assert";
import { startEmulator } from "../../emulator";
import type { Emulator } from "../../emulator";
import { createCaller, rejection } from "./support/openApiCaller";
import { rawRequest, signHmacSha1 } from "./support/rawRequest";

const KEY = { accessKeyId: "stats-key", accessKeySecret: "stats-secret-000111" };
const STS = { accessKeyId: "STS.stats", accessKeySecret: "stats-sts-secret-222", securityToken: "stats-token-333" };

describe("emulator: stats and request log", () => {
  let emulator: Emulator;

  before(async () => {
    emulator = await startEmulator({ callsPerSecond: 0, keyPairs: [KEY, STS], apps: [{ appId: "app", groups: 4 }], requestLogLimit: 5 });
  });
  after(() => emulator.close());
  beforeEach(() => emulator.resetStats());

  it("counts requests by action and by code, failures included", async () => {
    const call = createCaller(emulator.endpoint, KEY);
    await call("ListLiveMessageGroupByPage", { AppId: "app", SortType: "1" });
    await call("ListLiveMessageGroupByPage", { AppId: "app", SortType: "2" });
    await rejection(call("ListLiveMessageGroupByPage", { AppId: "nope", SortType: "1" }));
    await rejection(createCaller(emulator.endpoint, { ...KEY, accessKeySecret: "bad" })("DescribeLiveMessageGroup", { AppId: "app", GroupId: "x" }));
    await rejection(call("Bogus", {}));
    assert.deepEqual(emulator.stats(), {
      requests: 5,
      throttled: 0,
      byCode: { OK: 2, ResourceNotExist: 1, SignatureDoesNotMatch: 1, "InvalidAction.NotFound": 1 },
      byAction: { ListLiveMessageGroupByPage: 3, DescribeLiveMessageGroup: 1, Bogus: 1 },
      peakCallsPerSecond: 3, // per account and action: the three list calls (the Bogus one has a window of its own)
    });
  });

  it("logs method, action, claimed key, status, code and request id, without signature fields or credentials", async () => {
    const signed = signHmacSha1("GET", { Action: "ListLiveMessageGroupByPage", AppId: "app", SortType: "1", SecurityToken: STS.securityToken }, STS.accessKeyId, STS.accessKeySecret);
    const response = await rawRequest(emulator.port, { query: signed });
    const [entry] = emulator.requestLog();
    // Milliseconds since the emulator started (in before(), well under ten minutes ago), not a date.
    assert.ok(entry !== undefined && entry.at >= 0 && entry.at < 600_000, `at ${entry?.at}`);
    assert.deepEqual({ ...entry, at: 0 }, {
      at: 0, method: "GET", action: "ListLiveMessageGroupByPage", accessKeyId: STS.accessKeyId,
      params: { Action: "ListLiveMessageGroupByPage", AppId: "app", SortType: "1", Format: "JSON", Version: "2016-11-01" },
      status: 200, code: null, requestId: response.headers["x-acs-request-id"],
    });
    await rejection(createCaller(emulator.endpoint, { ...STS, accessKeySecret: "leaky" })("ListLiveMessageGroupByPage", { AppId: "app", SortType: "1" }));
    const text = JSON.stringify(emulator.requestLog());
    for (const secret of [STS.accessKeySecret, STS.securityToken, "leaky", signed["Signature"] ?? "?"]) assert.ok(!text.includes(secret));
  });

  it("keeps only the newest requestLogLimit entries and resetStats clears counters, log and peak", async () => {
    const call = createCaller(emulator.endpoint, KEY);
    for (let page = 1; page <= 7; page++) await call("ListLiveMessageGroupByPage", { AppId: "app", SortType: "1", PageSize: "1", PageNumber: String(page) });
    assert.deepEqual(emulator.requestLog().map((entry) => entry.params["PageNumber"]), ["3", "4", "5", "6", "7"]);
    emulator.resetStats();
    assert.deepEqual([emulator.requestLog().length, emulator.stats().requests, emulator.stats().peakCallsPerSecond], [0, 0, 0]);
  });

  it("logs nothing with requestLogLimit 0 and still counts", async () => {
    const quiet = await startEmulator({ requestLogLimit: 0, apps: [{ appId: "app", groups: 1 }] });
    try {
      await createCaller(quiet.endpoint, quiet.credentials)("ListLiveMessageGroupByPage", { AppId: "app", SortType: "1" });
      assert.deepEqual([quiet.requestLog().length, quiet.stats().byCode["OK"]], [0, 1]);
    } finally {
      await quiet.close();
    }
  });

  it("answers an oversized body with 413, and counts and logs it as any answer", async () => {
    const response = await rawRequest(emulator.port, { method: "POST", body: "x".repeat(1024 * 1024 + 1) });
    assert.deepEqual([response.status, response.json()["Code"], response.json()["Message"]], [413, "RequestEntityTooLarge", "The request body is too large."]);
    assert.equal(emulator.stats().requests, 1);
    assert.deepEqual(emulator.stats().byAction, {}, "no action was read");
    assert.deepEqual(emulator.stats().byCode, { RequestEntityTooLarge: 1 });
    const logged = emulator.requestLog();
    assert.deepEqual(logged.map((e) => [e.method, e.action, e.status, e.code, e.requestId]), [["POST", null, 413, "RequestEntityTooLarge", response.json()["RequestId"]]]);
  });

  it("gives every answer its own RequestId, shaped like the service's", async () => {
    // 200 answers: a hex chunk left unpadded (1 in 16 chunks is shorter than 8 digits) or a draw
    // scaled to zero (the same id every time) shows; a handful of ids seldom did.
    const local = await startEmulator({ apps: [{ appId: "app", groups: 1 }] });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 200; i++) {
        const response = await rawRequest(local.port, { path: "/other" });
        ids.push(String(response.json()["RequestId"]));
      }
      for (const id of ids) assert.match(id, /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
      assert.equal(new Set(ids).size, 200);
    } finally {
      await local.close();
    }
  });

  it("rejects invalid options at start", async () => {
    await assert.rejects(startEmulator({ requestLogLimit: -1 }), RangeError);
    await assert.rejects(startEmulator({ callsPerSecond: -5 }), RangeError);
    await assert.rejects(startEmulator({ faults: { serverError: 2 } }), RangeError);
  });
});
