import assert from "node:assert/strict";
import { startEmulator } from "../../emulator";
import { listLiveMessageGroups } from "../../sdk";
import { monotonicNow, systemClock } from "../../sdk/systemClock";

/** Runs `body` with the wall clock (`Date.now`) stepped by `stepMs`, as an NTP step or a resumed VM does. */
async function withWallClockStepped<T>(stepMs: number, body: () => Promise<T>): Promise<T> {
  const realNow = Date.now;
  Date.now = () => realNow() + stepMs;
  try {
    return await body();
  } finally {
    Date.now = realNow;
  }
}

describe("sdk/systemClock: the listing's clock does not move with the wall clock", () => {
  it("is epoch-based, and a step of the wall clock (10 minutes back or forward) does not move it", async () => {
    assert.ok(Math.abs(systemClock.now() - Date.now()) < 1_000, "epoch milliseconds, like Date.now() at the start");
    for (const step of [-600_000, 600_000]) {
      const before = systemClock.now();
      const during = await withWallClockStepped(step, async () => systemClock.now());
      assert.ok(during - before >= 0 && during - before < 1_000, `stepped ${step} ms: moved ${during - before} ms`);
      assert.equal(systemClock.now, monotonicNow);
    }
  });

  it("a listing started before the wall clock steps back 10 minutes finishes, at its pace, instead of stalling into its deadline", async () => {
    // 40 pages at 20 calls/s: the window holds 20 calls, so from the second window on every call
    // waits for the oldest to leave it; with Date.now() stepped back, it waited 10 minutes.
    const emulator = await startEmulator({ callsPerSecond: 0, apps: [{ appId: "stepped", groups: 40 }] });
    try {
      const credentials = { accessKeyId: emulator.credentials.accessKeyId, accessKeySecret: emulator.credentials.accessKeySecret };
      let stepped = false;
      const startedAt = performance.now();
      const realNow = Date.now;
      const result = await listLiveMessageGroups({
        appId: "stepped", endpoint: emulator.url, credentials, pageSize: 1, requestsPerSecond: 20, timeoutMs: 30_000,
        onProgress: (progress) => {
          if (!stepped && progress.pagesDone >= 5) {
            stepped = true;
            Date.now = () => realNow() - 600_000;
          }
        },
      }).finally(() => { Date.now = realNow; });
      assert.ok(stepped);
      assert.equal(result.groups.length, 40);
      assert.ok(performance.now() - startedAt < 10_000, `${Math.round(performance.now() - startedAt)} ms`);
    } finally {
      await emulator.close();
    }
  });
});
