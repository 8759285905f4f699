import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ErrorCategory, ErrorClassification } from "../../sdk/retry/classifyError";
import { INITIAL_RETRY_TOKENS, RETRY_COST, RetryBudget, TIMEOUT_RETRY_COST } from "../../sdk/retry/retryBudget";
import {
  BASE_BACKOFF_MS, DEADLINE_ROOM_MS, MAX_BACKOFF_MS, MAX_INVALID_RESPONSE_ATTEMPTS, RetryPolicy, THROTTLING_BASE_BACKOFF_MS, THROTTLING_MAX_BACKOFF_MS, type RetryDecision,
} from "../../sdk/retry/retryPolicy";
import { seededRandom } from "./fakeClock";

function failure(category: ErrorCategory, code: string | null = null): ErrorClassification {
  return { category, retryable: category !== "client" && category !== "aborted", code, httpStatus: null, requestId: null, detail: "" };
}

/** random() always returns `value`: makes full-jitter delays predictable (value * ceiling). */
const constant = (value: number) => (): number => value;

describe("RetryPolicy", () => {
  const decisions: ReadonlyArray<{ name: string; category: ErrorCategory; code?: string; attempts: number; maxAttempts?: number; expect: RetryDecision }> = [
    { name: "server error, 1st failure", category: "server", attempts: 1, expect: { retry: true, delayMs: 50, cost: RETRY_COST } },
    { name: "server error, 3rd failure", category: "server", attempts: 3, expect: { retry: true, delayMs: 200, cost: RETRY_COST } },
    { name: "throttling uses the longer base", category: "throttling", attempts: 1, expect: { retry: true, delayMs: 250, cost: RETRY_COST } },
    { name: "timeout costs more budget", category: "timeout", attempts: 2, expect: { retry: true, delayMs: 100, cost: TIMEOUT_RETRY_COST } },
    { name: "network", category: "network", attempts: 1, expect: { retry: true, delayMs: 50, cost: RETRY_COST } },
    { name: "malformed body", category: "malformedResponse", attempts: 5, expect: { retry: true, delayMs: 800, cost: RETRY_COST } },
    { name: "capped at MAX_BACKOFF_MS", category: "server", attempts: 9, expect: { retry: true, delayMs: MAX_BACKOFF_MS / 2, cost: RETRY_COST } },
    { name: "client error never", category: "client", attempts: 1, expect: { retry: false, reason: "notRetryable" } },
    { name: "aborted never", category: "aborted", attempts: 1, expect: { retry: false, reason: "notRetryable" } },
    { name: "attempts exhausted", category: "server", attempts: 10, expect: { retry: false, reason: "attempts" } },
    { name: "the service's throttle past the attempt cap is still retried, at no cost (the service's throttles do not count)", category: "throttling", code: "Throttling.User", attempts: 10,
      expect: { retry: true, delayMs: THROTTLING_MAX_BACKOFF_MS / 2, cost: 0 } },
    { name: "an HTTP 429 without the service's code counts (a proxy's)", category: "throttling", attempts: 10, expect: { retry: false, reason: "attempts" } },
    { name: "an HTTP 429 under a Code that is not the service's throttle counts too (a gateway's TooManyRequests)", category: "throttling", code: "TooManyRequests",
      attempts: 10, expect: { retry: false, reason: "attempts" } },
    { name: "a 429 under such a Code is retried before the cap, charged to the budget", category: "throttling", code: "TooManyRequests", attempts: 1,
      expect: { retry: true, delayMs: 250, cost: RETRY_COST } },
    { name: "custom maxAttempts", category: "server", attempts: 2, maxAttempts: 2, expect: { retry: false, reason: "attempts" } },
    { name: "schema failure: few attempts", category: "invalidResponse", attempts: MAX_INVALID_RESPONSE_ATTEMPTS, expect: { retry: false, reason: "attempts" } },
    { name: "schema failure: retried before that", category: "invalidResponse", attempts: 1, expect: { retry: true, delayMs: 50, cost: RETRY_COST } },
    { name: "schema failure under a smaller maxAttempts: that cap", category: "invalidResponse", attempts: 1, maxAttempts: 1, expect: { retry: false, reason: "attempts" } },
  ];
  for (const row of decisions) {
    it(row.name, () => {
      const policy = new RetryPolicy({ random: constant(0.5), ...(row.maxAttempts === undefined ? {} : { maxAttempts: row.maxAttempts }) });
      assert.deepEqual(policy.decide(failure(row.category, row.code ?? null), row.attempts, 0), row.expect);
    });
  }

  it("full jitter: delays stay within [0, min(cap, base * 2^(n-1))) and spread over it", () => {
    const policy = new RetryPolicy({ random: seededRandom(7) });
    for (const [category, base, cap] of [["server", BASE_BACKOFF_MS, MAX_BACKOFF_MS], ["throttling", THROTTLING_BASE_BACKOFF_MS, THROTTLING_MAX_BACKOFF_MS]] as const) {
      for (let retry = 1; retry <= 9; retry++) {
        const ceiling = Math.min(cap, base * 2 ** (retry - 1));
        const delays = Array.from({ length: 200 }, () => policy.backoffMs(failure(category), retry));
        assert.ok(delays.every((d) => d >= 0 && d < ceiling), `${category} retry ${retry}`);
        assert.ok(Math.max(...delays) > ceiling * 0.8 && Math.min(...delays) < ceiling * 0.2, "spread over the range");
      }
    }
  });

  it("the cap counts the tries that were not throttled", () => {
    const policy = new RetryPolicy({ random: constant(0.5), maxAttempts: 3 });
    assert.equal(policy.decide(failure("server"), 5, 0, 3).retry, true, "5 tries, 3 throttled: 2 count");
    assert.deepEqual(policy.decide(failure("server"), 6, 0, 3), { retry: false, reason: "attempts" });
    assert.deepEqual(policy.decide(failure("invalidResponse"), 8, 0, 5), { retry: false, reason: "attempts" });
  });

  it("cuts a wait that would end near or past the deadline to end DEADLINE_ROOM_MS before it, and gives up only with no more than that left", () => {
    const policy = new RetryPolicy({ random: constant(0.5), deadline: 10_000, maxAttempts: 100 });
    // The 9th retry draws 10 s: with 3 s left it waits what is left, less the room for one more try.
    assert.deepEqual(policy.decide(failure("server"), 9, 7_000), { retry: true, delayMs: 3_000 - DEADLINE_ROOM_MS, cost: RETRY_COST });
    assert.deepEqual(policy.decide(failure("server"), 1, 9_000), { retry: true, delayMs: 50, cost: RETRY_COST }, "a wait that fits is drawn as ever");
    assert.deepEqual(policy.decide(failure("server"), 1, 10_000 - DEADLINE_ROOM_MS - 1), { retry: true, delayMs: 1, cost: RETRY_COST });
    assert.deepEqual(policy.decide(failure("server"), 1, 10_000 - DEADLINE_ROOM_MS), { retry: false, reason: "deadline" });
    assert.deepEqual(policy.decide(failure("server"), 1, 10_500), { retry: false, reason: "deadline" }, "past it");
    assert.deepEqual(policy.decide(failure("throttling", "Throttling.User"), 1, 9_760), { retry: true, delayMs: 240 - DEADLINE_ROOM_MS, cost: 0 },
      "a throttle's wait (250 ms) is cut too");
  });

  it("stops retrying when the budget is spent, and successes refill it", () => {
    const budget = new RetryBudget(12);
    const policy = new RetryPolicy({ random: constant(0), budget });
    assert.equal(policy.decide(failure("server"), 1, 0).retry, true);
    assert.equal(policy.decide(failure("server"), 1, 0).retry, true);
    assert.equal(budget.available, 2);
    assert.deepEqual(policy.decide(failure("server"), 1, 0), { retry: false, reason: "budget" });
    policy.recordSuccess(RETRY_COST);
    assert.equal(budget.available, 7);
    policy.recordSuccess(null);
    assert.equal(budget.available, 8);
    assert.equal(policy.decide(failure("server"), 1, 0).retry, true);
  });

  it("the figures sdk/README.md gives for the backoff, the budget and the deadline's room are the code's", () => {
    // The specs above compute with these constants, so they pass whatever the constants are; the
    // README is where users read them (a timeout's retry costing no more than another's, or a
    // bucket of 100, would pass every spec but this one).
    const readme = readFileSync(join(resolve(__dirname, "../../.."), "sdk", "README.md"), "utf8").replace(/\s+/g, " ");
    const figures = `base ${BASE_BACKOFF_MS} ms (${THROTTLING_BASE_BACKOFF_MS} ms for throttling), cap ${MAX_BACKOFF_MS / 1000} s ` +
      `(${THROTTLING_MAX_BACKOFF_MS / 1000} s after a throttle), a retry budget (${INITIAL_RETRY_TOKENS} tokens, ${RETRY_COST} per retry, ` +
      `${TIMEOUT_RETRY_COST} after a timeout, refilled by successes) and the listing deadline: a wait that would end within ` +
      `${DEADLINE_ROOM_MS} ms of the deadline`;
    assert.ok(readme.includes(figures), figures);
    assert.ok(TIMEOUT_RETRY_COST > RETRY_COST, "a timeout ties up a slot for requestTimeoutMs: its retry costs more");
  });

  it("the budget never exceeds its capacity", () => {
    const budget = new RetryBudget();
    budget.recordSuccess(RETRY_COST);
    budget.recordSuccess(null);
    assert.equal(budget.available, INITIAL_RETRY_TOKENS);
  });
});
