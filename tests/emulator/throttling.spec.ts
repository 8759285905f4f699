import { strict as assert } from "node:assert";
import { startEmulator } from "../../emulator";
import type { Emulator } from "../../emulator";
import { SlidingWindowLimiter } from "../../emulator/slidingWindowLimiter";
import { createCaller, rejection } from "./support/openApiCaller";
import { rawRequest, signAcs3 } from "./support/rawRequest";

describe("emulator: SlidingWindowLimiter", () => {
  // Each row: limit, arrival times (ms), and per call "ok" or the retry-after the caller is told.
  const table: { name: string; limit: number; times: number[]; expected: (string | number)[]; peak: number }[] = [
    { name: "admits up to the limit in one window", limit: 3, times: [0, 1, 2, 3], expected: ["ok", "ok", "ok", 997], peak: 3 },
    { name: "is half-open: a call at t no longer counts at t+1000", limit: 2, times: [0, 500, 999, 1000, 1000, 1500], expected: ["ok", "ok", 1, "ok", 500, "ok"], peak: 2 },
    { name: "does not count throttled calls against the window", limit: 1, times: [0, 10, 20, 999, 1000], expected: ["ok", 990, 980, 1, "ok"], peak: 1 },
    { name: "admits everything at limit 0 and still measures the peak", limit: 0, times: [0, 1, 2, 3, 1500], expected: ["ok", "ok", "ok", "ok", "ok"], peak: 4 },
  ];
  for (const row of table) {
    it(row.name, () => {
      const limiter = new SlidingWindowLimiter(row.limit);
      const verdicts = row.times.map((t) => {
        const admission = limiter.admit("key", t);
        return admission.admitted ? "ok" : admission.retryAfterMs;
      });
      assert.deepEqual(verdicts, row.expected);
      assert.equal(limiter.peakCallsPerSecond(), row.peak);
    });
  }

  it("keeps one window per key, and a lowered limit waits for enough calls to leave", () => {
    const limiter = new SlidingWindowLimiter(3);
    for (const t of [0, 100, 200]) assert.ok(limiter.admit("a", t).admitted);
    assert.ok(limiter.admit("b", 200).admitted);
    limiter.setLimit(1);
    assert.deepEqual(limiter.admit("a", 300), { admitted: false, retryAfterMs: 900 });
    limiter.resetPeak();
    assert.equal(limiter.peakCallsPerSecond(), 0);
    // After a reset, a peak counts only the calls admitted since, though the earlier ones are still enforced.
    limiter.setLimit(2);
    assert.deepEqual(limiter.admit("a", 1150), { admitted: true }); // 0 has left; 100 and 200 are in the window
    assert.equal(limiter.peakCallsPerSecond(), 1, "one call since the reset");
    assert.deepEqual(limiter.admit("a", 1160), { admitted: false, retryAfterMs: 40 });
    assert.throws(() => limiter.setLimit(-1), RangeError);
    assert.throws(() => new SlidingWindowLimiter(1.5), RangeError);
  });

  it("compacts its queue under a long stream of calls", () => {
    const limiter = new SlidingWindowLimiter(0);
    for (let t = 0; t < 5000; t++) limiter.admit("k", t);
    assert.equal(limiter.peakCallsPerSecond(), 1000);
  });

  it("still enforces the limit after compacting its queue", () => {
    // Compaction starts once more than 1024 calls have left the window: at 5 calls/s, 5 every second
    // for 300 s is 1,500 calls. Each second's 6th call must stay refused throughout, with the wait
    // until the oldest call in the window leaves it; a compaction that dropped a call still inside
    // the window (all of them, or one) let that 6th call in.
    const limiter = new SlidingWindowLimiter(5);
    for (let t = 0; t < 300_000; t += 200) {
      assert.deepEqual(limiter.admit("k", t), { admitted: true }, `call at ${t} ms`);
      if (t >= 800) assert.deepEqual(limiter.admit("k", t), { admitted: false, retryAfterMs: 200 }, `extra call at ${t} ms`);
    }
    assert.equal(limiter.peakCallsPerSecond(), 5);
  });
});

describe("emulator: throttling over HTTP", () => {
  let emulator: Emulator;
  // The client signs with the real clock: read it in before(), not when mocha loads the file (a
  // describe reached more than the 15 minutes of allowed skew later had every call refused).
  let clockMs = 0;

  before(async () => {
    clockMs = Date.now();
    emulator = await startEmulator({
      callsPerSecond: 5, now: () => clockMs,
      keyPairs: [{ accessKeyId: "k1", accessKeySecret: "secret-one" }, { accessKeyId: "k2", accessKeySecret: "secret-two" }],
      apps: [{ appId: "app", groups: 2 }],
    });
  });
  after(() => emulator.close());
  beforeEach(() => {
    // Forward only: each test starts with every earlier window expired.
    clockMs += 10_000;
    emulator.resetStats();
  });

  const query = { AppId: "app", SortType: "1" };

  it("rejects the 6th call of a second with 400 Throttling.User and admits again once the window moved", async () => {
    const call = createCaller(emulator.endpoint, { accessKeyId: "k1", accessKeySecret: "secret-one" });
    for (let i = 0; i < 5; i++) await call("ListLiveMessageGroupByPage", query);
    const error = await rejection(call("ListLiveMessageGroupByPage", query));
    assert.deepEqual([error["code"], error["statusCode"]], ["Throttling.User", 400]);
    assert.match(String(error["message"]), /Request was denied due to user flow control\./);
    const other = createCaller(emulator.endpoint, { accessKeyId: "k2", accessKeySecret: "secret-two" });
    assert.equal((await other("ListLiveMessageGroupByPage", query))["TotalCount"], 2, "another key has its own window");
    clockMs += 1000;
    assert.equal((await call("ListLiveMessageGroupByPage", query))["TotalCount"], 2);
    assert.deepEqual(
      { throttled: emulator.stats().throttled, peak: emulator.stats().peakCallsPerSecond, code: emulator.stats().byCode["Throttling.User"] },
      { throttled: 1, peak: 5, code: 1 },
    );
  });

  it("sends x-acs-retry-after in ms: when the oldest call of the window leaves it", async () => {
    const send = () => rawRequest(emulator.port, signAcs3({ port: emulator.port, accessKeyId: "k1", accessKeySecret: "secret-one", query, dateMs: Date.now() }));
    for (let i = 0; i < 5; i++) {
      assert.equal((await send()).status, 200);
      clockMs += 100;
    }
    const throttled = await send();
    assert.deepEqual([throttled.status, throttled.json()["Code"], throttled.headers["x-acs-retry-after"]], [400, "Throttling.User", "500"]);
  });

  it("12 concurrent calls at limit 5 admit exactly 5, and the advised wait is exactly enough (injected clock)", async () => {
    let nowMs = Date.now();
    const own = await startEmulator({ callsPerSecond: 5, now: () => nowMs, apps: [{ appId: "app", groups: 1 }] });
    try {
      const send = () => rawRequest(own.port, signAcs3({ port: own.port, ...own.credentials, query, dateMs: nowMs }));
      const responses = await Promise.all(Array.from({ length: 12 }, send));
      const statuses = responses.map((response) => response.status).sort();
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 400, 400, 400, 400, 400, 400, 400]);
      const waits = responses.filter((response) => response.status === 400).map((response) => Number(response.headers["x-acs-retry-after"]));
      assert.deepEqual(new Set(waits), new Set([1000]), "all five admitted at one instant: the window frees in 1000 ms");
      nowMs += 999;
      assert.equal((await send()).status, 400, "1 ms before the advised wait");
      nowMs += 1;
      assert.equal((await send()).status, 200, "at the advised wait");
      assert.equal(own.stats().peakCallsPerSecond, 5);
    } finally {
      await own.close();
    }
  });

  it("keys of one account share its window; a key of another account has its own", async () => {
    const own = await startEmulator({
      callsPerSecond: 3, now: () => clockMs, apps: [{ appId: "app", groups: 1 }],
      keyPairs: [
        { accessKeyId: "ram-a", accessKeySecret: "secret-a", accountId: "1234" },
        { accessKeyId: "ram-b", accessKeySecret: "secret-b", accountId: "1234" },
        { accessKeyId: "other", accessKeySecret: "secret-o", accountId: "5678" },
      ],
    });
    try {
      const a = createCaller(own.endpoint, { accessKeyId: "ram-a", accessKeySecret: "secret-a" });
      const b = createCaller(own.endpoint, { accessKeyId: "ram-b", accessKeySecret: "secret-b" });
      const other = createCaller(own.endpoint, { accessKeyId: "other", accessKeySecret: "secret-o" });
      await a("ListLiveMessageGroupByPage", query);
      await b("ListLiveMessageGroupByPage", query);
      await a("ListLiveMessageGroupByPage", query);
      const error = await rejection(b("ListLiveMessageGroupByPage", query));
      assert.equal(error["code"], "Throttling.User", "the 4th call of account 1234 in one second, through either key");
      for (let i = 0; i < 3; i++) await other("ListLiveMessageGroupByPage", query);
      assert.deepEqual([own.stats().throttled, own.stats().peakCallsPerSecond], [1, 3]);
    } finally {
      await own.close();
    }
  });

  it("limits each action on its own: calls of another action leave the listing's quota alone", async () => {
    const call = createCaller(emulator.endpoint, { accessKeyId: "k1", accessKeySecret: "secret-one" });
    for (let i = 0; i < 5; i++) {
      const error = await rejection(call("DescribeLiveMessageGroup", { AppId: "app", GroupId: `absent-${i}` }));
      assert.equal(error["code"], "ResourceNotExist", "admitted, then answered");
    }
    for (let i = 0; i < 5; i++) assert.equal((await call("ListLiveMessageGroupByPage", query))["TotalCount"], 2, `list call ${i + 1} of 5`);
    const error = await rejection(call("ListLiveMessageGroupByPage", query));
    assert.equal(error["code"], "Throttling.User", "the 6th list call of the second");
  });

  it("calls naming no API the emulator serves share one window: made-up action names do not each get one (kept for good)", async () => {
    const call = createCaller(emulator.endpoint, { accessKeyId: "k1", accessKeySecret: "secret-one" });
    for (let i = 0; i < 5; i++) {
      const error = await rejection(call(`NoSuchAction${i}`, {}));
      assert.equal(error["code"], "InvalidAction.NotFound", "admitted, then answered");
    }
    const error = await rejection(call("NoSuchAction5", {}));
    assert.equal(error["code"], "Throttling.User", "the 6th unknown call of the second");
    assert.equal((await call("ListLiveMessageGroupByPage", query))["TotalCount"], 2, "the listing's window is its own");
  });

  it("setCallsPerSecond(0) lifts the limit", async () => {
    emulator.setCallsPerSecond(0);
    try {
      const call = createCaller(emulator.endpoint, { accessKeyId: "k2", accessKeySecret: "secret-two" });
      for (let i = 0; i < 12; i++) await call("ListLiveMessageGroupByPage", query);
      assert.deepEqual([emulator.stats().throttled, emulator.stats().peakCallsPerSecond], [0, 12]);
    } finally {
      emulator.setCallsPerSecond(5);
    }
  });
});
