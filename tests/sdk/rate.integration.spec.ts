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

  it("default settings: zero throttled requests, at >= 80% of the limit end to end", async () => {
    const started = Date.now();
    const list = await listLiveMessageGroups({ appId: "app", endpoint: emulator.url, credentials: emulator.credentials });
    const seconds = (Date.now() - started) / 1000;
    assert.equal(list.groups.length, 7_500);
    const stats = await emulator.stats();
    assert.equal(stats.throttled, 0);
    assert.equal(list.requests, 150);
    // Strict: not one request throttled. The throughput floor is loose on purpose: a 150-request
    // (~3 s) run on a loaded 2-core CI machine loses time to event-loop stalls that are not ours;
    // the limiter itself schedules at 48/s (0.96 x 50) and bench/ measures the real figure.
    const rate = list.requests / seconds;
    assert.ok(rate >= 40, `achieved ${rate.toFixed(1)} calls/s`);
    assert.ok(stats.peakCallsPerSecond <= 50);
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
    assert.ok(throttled < list.requests / 2, `${throttled} throttled of ${list.requests}: the limiter slowed down`);
  });
});
