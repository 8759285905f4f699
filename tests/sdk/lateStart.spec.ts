import assert from "node:assert/strict";
import { simulateLateStart } from "./lateStartSimulation";

describe("a listing that starts while nine others hold the account's window (real listing loop, virtual time)", function () {
  // About a second of real time per seed: 10 listings of 1,000 pages.
  this.timeout(120_000);
  // Seeds whose late listing ran out of its 10 attempts on its first page (ThrottlingError after
  // about 45 s) while the service's throttles counted toward maxAttempts.
  for (const seed of [1, 3, 19]) {
    it(`seed ${seed}: every listing exact, the late one too`, async () => {
      const run = await simulateLateStart(seed, { processes: 10, pages: 1000, lateMs: 5000 });
      assert.deepEqual(run.listings.map((listing) => [listing.groups, listing.error]), run.listings.map(() => [50_000, null]));
      assert.ok(run.peak <= 50, `peak ${run.peak} calls in a second`);
      assert.ok(run.late.throttled > 10, `the late listing was throttled ${run.late.throttled} times (the scenario)`);
    });
  }
});
