import assert from "node:assert/strict";
import { describeFailure } from "../../sdk/retry/describeFailure";
import { RetryBudget } from "../../sdk/retry/retryBudget";
import { DEFAULT_MAX_ATTEMPTS, RetryPolicy } from "../../sdk/retry/retryPolicy";
import { withRetries } from "../../sdk/retry/withRetries";
import { FakeClock, seededRandom } from "./fakeClock";

const context = { appId: "app", dataCenter: "cn-shanghai", accessKeyId: "AK", secrets: [] };
const serverError = Object.assign(new Error("ServerError"), {
  code: "ServerError", statusCode: 500, data: { Code: "ServerError", Message: "internal", RequestId: "R", statusCode: 500 },
});

/**
 * One listing of `pages` pages through the real retry loop, every request failing with
 * ServerError with probability `failureRate` (seeded), with an injected clock: no real sleeping.
 */
async function simulateListing(pages: number, failureRate: number, seed: number, maxAttempts = DEFAULT_MAX_ATTEMPTS):
  Promise<{ ok: boolean; failedPages: number; minBudget: number; waitedMs: number }> {
  const clock = new FakeClock({ seed });
  const failures = seededRandom(seed * 7919 + 1);
  const budget = new RetryBudget();
  const policy = new RetryPolicy({ maxAttempts, random: clock.random, budget });
  let failedPages = 0;
  let minBudget = budget.available;
  for (let page = 0; page < pages; page++) {
    try {
      await withRetries(async () => {
        if (failures() < failureRate) throw serverError;
        return page;
      }, { policy, clock, giveUp: (f, n) => describeFailure(f, n, context) });
    } catch {
      failedPages++;
    }
    minBudget = Math.min(minBudget, budget.available);
  }
  return { ok: failedPages === 0, failedPages, minBudget, waitedMs: clock.sleeps.reduce((a, b) => a + b, 0) };
}

describe("retry defaults, Monte Carlo (20% ServerError)", function () {
  this.timeout(60_000);

  it("2,000 listings of 500 pages all succeed with the defaults", async () => {
    for (let seed = 1; seed <= 2_000; seed++) {
      const run = await simulateListing(500, 0.2, seed);
      assert.ok(run.ok, `listing with seed ${seed} failed ${run.failedPages} pages`);
      assert.ok(run.minBudget > 400, `budget fell to ${run.minBudget}`);
    }
  });

  it("the budget does not run dry over a 10,000-page listing at a sustained 20% failure rate", async () => {
    const run = await simulateListing(10_000, 0.2, 99);
    assert.equal(run.failedPages, 0);
    assert.ok(run.minBudget > 300, `budget fell to ${run.minBudget}`);
    assert.ok(run.waitedMs / 10_000 < 60, `mean backoff per page ${run.waitedMs / 10_000} ms`);
  });

  it("calibration: the loop realizes the per-page failure 0.2^maxAttempts the math relies on", async () => {
    // With 3 attempts a page fails with probability 0.008: 40,000 pages -> about 320 failures.
    let failed = 0;
    for (let seed = 1; seed <= 20; seed++) failed += (await simulateListing(2_000, 0.2, seed, 3)).failedPages;
    const rate = failed / 40_000;
    assert.ok(rate > 0.006 && rate < 0.010, `observed ${rate}`);
  });

  it("a service failing 60% of requests exhausts the budget instead of being hammered", async () => {
    const run = await simulateListing(2_000, 0.6, 5);
    assert.ok(run.failedPages > 100, `only ${run.failedPages} pages failed`);
    assert.ok(run.minBudget < 10);
  });
});
