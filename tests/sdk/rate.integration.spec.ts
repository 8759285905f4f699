import assert from "node:assert/strict";
import { listLiveMessageGroups } from "../../sdk";
import { ChildEmulator } from "./emulatorChild";

let keyCounter = 0;

/**
 * An emulator at 50 calls/s in its own process, with a key pair unique to the test, warmed up
 * through a second key: a cold (unoptimized) emulator admits its first requests late, in bursts.
 */
async function startRateEmulator(): Promise<ChildEmulator> {
  keyCounter++;
  const warmKey = { accessKeyId: `LTAIwarm${process.pid}x${keyCounter}${Date.now() % 100000}`, accessKeySecret: "warm-secret-Aa1Ss2Dd3" };
  const emulator = await ChildEmulator.start({
    callsPerSecond: 50, latencyMs: { min: 1, max: 15 },
    keyPairs: [{ accessKeyId: `LTAIrate${process.pid}x${keyCounter}${Date.now() % 100000}`, accessKeySecret: "rate-secret-Pp0Oo9Ii8" }, warmKey],
    apps: [{ appId: "app", groups: 7_500 }, { appId: "small", groups: 3_000 }],
  });
  await listLiveMessageGroups({ appId: "small", endpoint: emulator.url, credentials: warmKey, pageSize: 50, requestsPerSecond: 45, groupStatus: "deleted" });
  return emulator;
}

describe("client-side rate limiting against the emulator's 50 calls/s (real time, emulator in a child process)", function () {
  this.timeout(60_000);
  let emulator: ChildEmulator;
  beforeEach(async () => {
    emulator = await startRateEmulator();
  });
  afterEach(() => emulator.close());

  it("default settings: zero throttled requests, the window's budget spent at once, every group exactly once", async () => {
    const list = await listLiveMessageGroups({ appId: "app", endpoint: emulator.url, credentials: emulator.credentials });
    assert.equal(list.groups.length, 7_500);
    assert.equal(new Set(list.groups.map((g) => g.groupId)).size, 7_500);
    const stats = await emulator.stats();
    assert.equal(stats.throttled, 0);
    assert.equal(list.requests, 150);
    // Counted by the emulator's own sliding window, not by the test's clock: the burst filled the
    // window to the limit and never past it. (Throughput in calls/s is measured by bench/, not here.)
    assert.equal(stats.peakCallsPerSecond, 50);
  });

  it("the polite mode paces: zero throttled, never the whole window at once", async () => {
    const list = await listLiveMessageGroups({ appId: "small", endpoint: emulator.url, credentials: emulator.credentials, burst: false });
    assert.equal(list.groups.length, 3_000);
    const stats = await emulator.stats();
    assert.equal(stats.throttled, 0);
    assert.ok(stats.peakCallsPerSecond <= 49, `peak ${stats.peakCallsPerSecond}`);
  });

  it("two independent listings sharing a key stay under the limit together", async () => {
    const options = { appId: "small", endpoint: emulator.url, credentials: emulator.credentials, groupStatus: "existing" } as const;
    const [one, two] = await Promise.all([listLiveMessageGroups(options), listLiveMessageGroups({ ...options, sortOrder: "desc" })]);
    assert.deepEqual(one.groups.map((g) => g.groupId), two.groups.map((g) => g.groupId).reverse());
    const stats = await emulator.stats();
    assert.equal(stats.throttled, 0);
    assert.ok(stats.peakCallsPerSecond <= 50);
  });

  it("backs off when another client shares the account, and still completes exactly", async () => {
    await emulator.setCallsPerSecond(25);
    const list = await listLiveMessageGroups({ appId: "app", endpoint: emulator.url, credentials: emulator.credentials });
    assert.equal(list.groups.length, 7_500);
    assert.equal(new Set(list.groups.map((g) => g.groupId)).size, 7_500);
    const { throttled } = await emulator.stats();
    assert.ok(throttled > 0, "the service did throttle");
    // Measured: 5 of 155 throttled; a limiter that ignored throttles had 125 of 275.
    assert.ok(throttled <= list.requests * 0.1, `${throttled} throttled of ${list.requests}: the limiter slowed down`);
  });
});

describe("a quota key shared by two keys of one account (emulator limits per account)", function () {
  this.timeout(60_000);
  let emulator: ChildEmulator;
  const suffix = `${process.pid}x${Date.now() % 100000}`;
  const ramA = { accessKeyId: `LTAIramA${suffix}`, accessKeySecret: "ram-a-secret-Qq1Ww2Ee3" };
  const ramB = { accessKeyId: `LTAIramB${suffix}`, accessKeySecret: "ram-b-secret-Rr4Tt5Yy6" };
  before(async () => {
    emulator = await ChildEmulator.start({
      callsPerSecond: 50, latencyMs: { min: 1, max: 15 },
      keyPairs: [{ ...ramA, accountId: "1234" }, { ...ramB, accountId: "1234" }],
      apps: [{ appId: "app", groups: 6_000 }],
    });
  });
  after(() => emulator.close());

  it("listings through either key share one limiter: zero throttled, both exact", async () => {
    const options = { appId: "app", endpoint: emulator.url, quotaKey: `account-1234-${suffix}` } as const;
    const [one, two] = await Promise.all([
      listLiveMessageGroups({ ...options, credentials: ramA }),
      listLiveMessageGroups({ ...options, credentials: ramB, sortOrder: "desc" }),
    ]);
    assert.equal(one.groups.length, 6_000);
    assert.deepEqual(one.groups.map((g) => g.groupId), two.groups.map((g) => g.groupId).reverse());
    const stats = await emulator.stats();
    assert.equal(stats.throttled, 0);
    assert.equal(stats.peakCallsPerSecond, 50);
  });
});
