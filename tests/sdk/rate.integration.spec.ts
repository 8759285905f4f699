import assert from "node:assert/strict";
import type { Emulator } from "../../emulator/types";
import { listLiveMessageGroups } from "../../sdk";
import { expectedIds, ids, startTestEmulator } from "./emulatorHarness";

describe("client-side rate limiting against the emulator's 50 calls/s (real time)", function () {
  this.timeout(60_000);
  let emulator: Emulator;
  beforeEach(async () => {
    // The emulator shares this process's event loop; a big store makes each request cost it
    // milliseconds that delay admissions in bursts. The bench runs it in its own process.
    emulator = await startTestEmulator({ callsPerSecond: 50, latencyMs: { min: 1, max: 15 }, apps: [{ appId: "app", groups: 7_500 }] });
  });
  afterEach(() => emulator.close());

  it("default settings: zero throttled requests at >= 90% of the limit", async () => {
    const started = Date.now();
    const list = await listLiveMessageGroups({ appId: "app", endpoint: emulator.url, credentials: emulator.credentials });
    const seconds = (Date.now() - started) / 1000;
    assert.deepEqual(ids(list.groups), expectedIds(emulator, "app", "all", "asc"));
    assert.equal(emulator.stats().throttled, 0);
    assert.equal(list.requests, 150);
    const rate = list.requests / seconds;
    assert.ok(rate >= 45, `achieved ${rate.toFixed(1)} calls/s`);
    assert.ok(emulator.stats().peakCallsPerSecond <= 50);
  });

  it("two independent listings sharing a key stay under the limit together", async () => {
    emulator.store.createApp("small");
    for (let i = 0; i < 3_000; i++) emulator.store.createGroup("small", { groupId: `g${i}`, deleted: i % 10 === 0 });
    const options = { appId: "small", endpoint: emulator.url, credentials: emulator.credentials, groupStatus: "existing" } as const;
    const [one, two] = await Promise.all([listLiveMessageGroups(options), listLiveMessageGroups({ ...options, sortOrder: "desc" })]);
    assert.equal(one.groups.length, two.groups.length);
    assert.equal(emulator.stats().throttled, 0);
    assert.ok(emulator.stats().peakCallsPerSecond <= 50);
  });

  it("backs off when another client shares the account, and still completes exactly", async () => {
    emulator.setCallsPerSecond(25);
    const list = await listLiveMessageGroups({
      appId: "app", endpoint: emulator.url, credentials: emulator.credentials, pageSize: 50,
    });
    assert.deepEqual(ids(list.groups), expectedIds(emulator, "app", "all", "asc"));
    const throttled = emulator.stats().throttled;
    assert.ok(throttled > 0, "the service did throttle");
    assert.ok(throttled < list.requests / 2, `${throttled} throttled of ${list.requests}: the limiter slowed down`);
  });
});
