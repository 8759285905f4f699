import assert from "node:assert/strict";
import { describeFailure } from "../../sdk/retry/describeFailure";
import { isLiveMessageGroupsError } from "../../sdk/errors";
import { NO_RETRY_INCREMENT, RETRY_COST, RetryBudget } from "../../sdk/retry/retryBudget";
import { DEADLINE_ROOM_MS, RetryPolicy } from "../../sdk/retry/retryPolicy";
import { withRetries } from "../../sdk/retry/withRetries";
import { FakeClock, seededRandom, VirtualClock } from "./fakeClock";

const context = { appId: "app", dataCenter: "cn-shanghai", accessKeyId: "AK", secrets: ["s3cr3t-value"] };

function serviceError(code: string, status: number, requestId: string): Error {
  return Object.assign(new Error(code), { code, statusCode: status, data: { Code: code, Message: `${code} msg`, RequestId: requestId, statusCode: status } });
}

type Step = Error | "ok";

interface RunOptions {
  readonly maxAttempts?: number;
  /** Jitter source; default the FakeClock's seeded one. */
  readonly random?: () => number;
  readonly budget?: RetryBudget;
  /** The policy's deadline, on the FakeClock's time (it starts at 1,000,000 and sleeps advance it). */
  readonly deadline?: number;
}

/** Runs a scripted sequence of outcomes through the real loop. */
async function run(script: readonly Step[], options: RunOptions = {}): Promise<{
  result: unknown; calls: number; clock: FakeClock; retries: Array<{ code: string | null; attempts: number; delayMs: number }>; attemptsSeen: number[];
}> {
  const clock = new FakeClock({ seed: 1 });
  let calls = 0;
  const retries: Array<{ code: string | null; attempts: number; delayMs: number }> = [];
  const attemptsSeen: number[] = [];
  const policy = new RetryPolicy({
    random: options.random ?? clock.random,
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    ...(options.budget === undefined ? {} : { budget: options.budget }),
    ...(options.deadline === undefined ? {} : { deadline: options.deadline }),
  });
  try {
    const value = await withRetries(async (attempt) => {
      attemptsSeen.push(attempt);
      const step = script[calls++];
      if (step === undefined || step === "ok") return "page";
      throw step;
    }, {
      policy, clock, giveUp: (f, n, reason) => describeFailure(f, n, context, undefined, reason),
      onRetry: (failure, attempts, delayMs) => retries.push({ code: failure.code, attempts, delayMs }),
    });
    return { result: value, calls, clock, retries, attemptsSeen };
  } catch (error) {
    return { result: error, calls, clock, retries, attemptsSeen };
  }
}

const server = (requestId = "R"): Error => serviceError("ServerError", 500, requestId);

describe("withRetries (the loop)", () => {
  const table: ReadonlyArray<{ name: string; script: Step[]; maxAttempts?: number; calls: number; ok: boolean; kind?: string; requestId?: string }> = [
    { name: "first try succeeds", script: ["ok"], calls: 1, ok: true },
    { name: "two server errors then success", script: [serviceError("ServerError", 500, "R1"), serviceError("ServerError", 500, "R2"), "ok"], calls: 3, ok: true },
    { name: "throttled then success", script: [serviceError("Throttling.User", 400, "R1"), "ok"], calls: 2, ok: true },
    { name: "client error fails on the first response", script: [serviceError("NoAuth", 403, "R1"), "ok"], calls: 1, ok: false, kind: "ClientError", requestId: "R1" },
    { name: "gives up with the LAST error (the service's throttle not counted toward maxAttempts)",
      script: [serviceError("Throttling", 400, "R1"), serviceError("ServerError", 500, "R2"), serviceError("ServiceUnavailable", 503, "R3"), serviceError("ServerError", 500, "R4")],
      maxAttempts: 3, calls: 4, ok: false, kind: "ServerError", requestId: "R4" },
    { name: "schema failures stop after 3", script: Array.from({ length: 5 }, () => Object.assign(new Error("bad"), { name: "ResponseValidationError", requestId: "RV" })),
      calls: 3, ok: false, kind: "InvalidResponse", requestId: "RV" },
  ];
  for (const row of table) {
    it(row.name, async () => {
      const { result, calls, clock, retries, attemptsSeen } = await run(row.script, row.maxAttempts === undefined ? {} : { maxAttempts: row.maxAttempts });
      assert.equal(calls, row.calls);
      assert.equal(retries.length, row.calls - 1);
      assert.deepEqual(attemptsSeen, Array.from({ length: row.calls }, (_, i) => i + 1), "the operation is told its attempt number");
      assert.deepEqual(retries.map((r) => r.attempts), attemptsSeen.slice(0, -1), "onRetry gets the failed attempt's number");
      assert.deepEqual(retries.map((r) => r.delayMs), clock.sleeps, "onRetry gets the wait that follows");
      assert.equal(clock.sleeps.length, row.calls - 1, "one wait per retry");
      if (row.ok) {
        assert.equal(result, "page");
        return;
      }
      assert.ok(isLiveMessageGroupsError(result));
      assert.equal(result.kind, row.kind);
      assert.equal(result.attempts, row.calls);
      assert.equal(result.requestId, row.requestId);
    });
  }

  it("waits are full jitter over the throttling base (500 ms) after throttling, the server base (100 ms) otherwise", async () => {
    // random() = 0.999: each wait is just under its ceiling, so a wrong base or exponent shows.
    const near = (): number => 0.999;
    const throttled = await run([serviceError("Throttling", 400, "R"), serviceError("Throttling", 400, "R"), "ok"], { random: near });
    assert.deepEqual(throttled.clock.sleeps, [499, 999]);
    const failing = await run([server(), server(), "ok"], { random: near });
    assert.deepEqual(failing.clock.sleeps, [99, 199]);
    assert.deepEqual(failing.retries, [{ code: "ServerError", attempts: 1, delayMs: 99 }, { code: "ServerError", attempts: 2, delayMs: 199 }]);
  });

  describe("exact boundary of the attempt limit", () => {
    const table: ReadonlyArray<{ maxAttempts: number; failures: number; calls: number; ok: boolean }> = [
      { maxAttempts: 1, failures: 1, calls: 1, ok: false },
      { maxAttempts: 2, failures: 1, calls: 2, ok: true },
      { maxAttempts: 3, failures: 2, calls: 3, ok: true },
      { maxAttempts: 3, failures: 3, calls: 3, ok: false },
      { maxAttempts: 10, failures: 9, calls: 10, ok: true },
      { maxAttempts: 10, failures: 10, calls: 10, ok: false },
    ];
    for (const row of table) {
      it(`maxAttempts ${row.maxAttempts}, ${row.failures} failure(s) -> ${row.calls} call(s), ${row.ok ? "success" : "gives up"}`, async () => {
        const script: Step[] = [...Array.from({ length: row.failures }, (_, i) => server(`R${i + 1}`)), "ok"];
        const { result, calls } = await run(script, { maxAttempts: row.maxAttempts });
        assert.equal(calls, row.calls);
        if (row.ok) {
          assert.equal(result, "page");
        } else {
          assert.ok(isLiveMessageGroupsError(result));
          assert.equal(result.attempts, row.maxAttempts);
          assert.equal(result.requestId, `R${row.maxAttempts}`);
        }
      });
    }
  });

  describe("the service's throttles count neither toward maxAttempts nor against the budget (the deadline bounds them)", () => {
    const throttle = (requestId = "T"): Error => serviceError("Throttling.User", 400, requestId);
    /** An HTTP 429 without the service's Code, as a proxy or gateway answers. */
    const bare429 = (requestId = "P"): Error => Object.assign(new Error("too many requests"), { statusCode: 429, data: { RequestId: requestId, statusCode: 429 } });

    it("15 throttles then an answer, under maxAttempts 3: 16 calls, the answer", async () => {
      const { result, calls, clock } = await run([...Array.from({ length: 15 }, (_, i) => throttle(`T${i + 1}`)), "ok"], { maxAttempts: 3 });
      assert.equal(result, "page");
      assert.equal(calls, 16);
      // Every try makes the next wait's ceiling grow (500 ms x 2^(n-1)), to at most 5 s after a throttle.
      assert.ok(clock.sleeps.every((ms, i) => ms < Math.min(5_000, 500 * 2 ** i)), clock.sleeps.join(", "));
      assert.ok(clock.sleeps.slice(4).some((ms) => ms > 4_000), `the ceiling reaches 5 s: ${clock.sleeps.join(", ")}`);
    });

    it("the tries that were not throttled count: maxAttempts 3 gives up at the third server error, throttles between them", async () => {
      const { result, calls } = await run([throttle(), server("S1"), throttle(), throttle(), server("S2"), throttle(), server("S3"), "ok"], { maxAttempts: 3 });
      assert.equal(calls, 7);
      assert.ok(isLiveMessageGroupsError(result));
      assert.deepEqual([result.kind, result.requestId, result.attempts], ["ServerError", "S3", 7], "attempts: every try, throttled ones too");
    });

    it("maxAttempts 1 still waits out a throttle: one answer after it", async () => {
      const { result, calls } = await run([throttle(), "ok"], { maxAttempts: 1 });
      assert.deepEqual([result, calls], ["page", 2]);
    });

    it("throttled until the next wait would pass the deadline: ThrottlingError saying so, with every try", async () => {
      const { result, calls, clock } = await run(Array.from({ length: 100 }, (_, i) => throttle(`T${i + 1}`)), { deadline: 1_000_000 + 60_000, maxAttempts: 3 });
      assert.ok(isLiveMessageGroupsError(result));
      assert.equal(result.kind, "Throttling");
      assert.equal(result.attempts, calls);
      assert.equal(result.requestId, `T${calls}`);
      assert.ok(calls > 3, `${calls} tries within 60 s`);
      assert.ok(clock.time < 1_000_000 + 60_000, "no wait passed the deadline");
      assert.match(result.message, /^ListLiveMessageGroupByPage was throttled until its next try would have passed the listing's deadline \(timeoutMs\): /);
      assert.match(result.message, /give the listing longer \(timeoutMs\)/);
    });

    it("100 throttles cost no budget: a budget of one retry, then the answer; the budget as it was", async () => {
      const budget = new RetryBudget(RETRY_COST);
      const { result, calls } = await run([...Array.from({ length: 100 }, () => throttle()), "ok"], { budget });
      assert.deepEqual([result, calls], ["page", 101]);
      assert.equal(budget.available, RETRY_COST);
    });

    it("an HTTP 429 without the service's code (a proxy's) counts toward maxAttempts, saying so and naming the proxy", async () => {
      const { result, calls } = await run(Array.from({ length: 10 }, (_, i) => bare429(`P${i + 1}`)), { maxAttempts: 3 });
      assert.equal(calls, 3);
      assert.ok(isLiveMessageGroupsError(result));
      assert.deepEqual([result.kind, result.code, result.httpStatus, result.requestId, result.attempts], ["Throttling", null, 429, "P3", 3]);
      assert.match(result.message, /^ListLiveMessageGroupByPage was refused as too many requests until retries ran out: .*Check the limits of the proxy or gateway/);
    });

    it("an HTTP 429 without the service's code is charged to the budget: until it ran out, saying so", async () => {
      const budget = new RetryBudget(4 * RETRY_COST);
      const { result, calls } = await run(Array.from({ length: 100 }, () => bare429()), { budget });
      assert.equal(calls, 5, "four retries, then none");
      assert.ok(isLiveMessageGroupsError(result));
      assert.match(result.message, /^ListLiveMessageGroupByPage was refused as too many requests until the listing's retry budget ran out: /);
    });

    it("an HTTP 429 whose Code is none of the known ones (a gateway's TooManyRequests) is retried as a 429, by its status, and counted", async () => {
      const gateway429 = (requestId: string): Error => serviceError("TooManyRequests", 429, requestId);
      const recovered = await run([gateway429("G1"), "ok"]);
      assert.deepEqual([recovered.result, recovered.calls], ["page", 2], "retried, not failed as a client error");
      assert.ok(recovered.clock.sleeps[0] !== undefined && recovered.clock.sleeps[0] < 500, "after the throttling backoff's first step (500 ms)");
      const { result, calls } = await run(Array.from({ length: 10 }, (_, i) => gateway429(`G${i + 1}`)), { maxAttempts: 3 });
      assert.equal(calls, 3, "counted toward maxAttempts: not the service's throttle");
      assert.ok(isLiveMessageGroupsError(result));
      assert.deepEqual([result.kind, result.code, result.httpStatus, result.requestId], ["Throttling", "TooManyRequests", 429, "G3"]);
      assert.match(result.message, /^ListLiveMessageGroupByPage was refused as too many requests until retries ran out: .*Check the limits of the proxy or gateway/);
    });

    it("a throttle between server errors refunds nothing: the charged retry's cost comes back on success", async () => {
      const budget = new RetryBudget(20);
      const { result } = await run([server(), throttle(), "ok"], { budget });
      assert.equal(result, "page");
      assert.equal(budget.available, 20, "5 charged for the server error's retry, 0 for the throttle's, 5 refunded");
    });
  });

  describe("the deadline ends the retries only when no time is left, and the error says the deadline did", () => {
    const start = 1_000_000;
    for (const seed of [1, 2, 3, 4, 5]) {
      it(`server errors throughout, maxAttempts 100, a 3 s deadline: retried until ${DEADLINE_ROOM_MS} ms before it, not a third of the way (seed ${seed})`, async () => {
        const deadline = start + 3_000;
        const random = seededRandom(seed);
        const { result, calls, clock } = await run(Array.from({ length: 100 }, (_, i) => server(`R${i + 1}`)), { deadline, maxAttempts: 100, random });
        assert.ok(isLiveMessageGroupsError(result));
        assert.equal(result.kind, "ServerError");
        assert.equal(result.attempts, calls);
        assert.ok(calls < 100, "the deadline stopped it, not the attempts");
        assert.equal(clock.time, deadline - DEADLINE_ROOM_MS, `gave up at ${clock.time - start} ms of 3,000 after ${calls} tries`);
        assert.match(result.message, /^The service failed until its next try would have passed the listing's deadline \(timeoutMs\): ServerError msg \(code ServerError, HTTP 500, RequestId R\d+, \d+ attempts\)\.$/);
        assert.doesNotMatch(result.message, /retries ran out/);
      });
    }

    it("a network failure stopped by the deadline says so too", async () => {
      const reset = (): Error => Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
      const { result } = await run(Array.from({ length: 100 }, reset), { deadline: start + 3_000, maxAttempts: 100 });
      assert.ok(isLiveMessageGroupsError(result));
      assert.match(result.message, /^Network failure talking to the endpoint until its next try would have passed the listing's deadline \(timeoutMs\): socket hang up/);
    });
  });

  describe("exact boundary of the retry budget", () => {
    it("a budget of exactly one retry's cost allows one retry, then refuses the next", async () => {
      const budget = new RetryBudget(RETRY_COST);
      const { result, calls } = await run([server("R1"), server("R2"), "ok"], { budget });
      assert.equal(calls, 2);
      assert.ok(isLiveMessageGroupsError(result));
      assert.equal(result.requestId, "R2");
      assert.equal(budget.available, 0);
    });

    it("one token short of a retry's cost: no retry at all", async () => {
      const budget = new RetryBudget(RETRY_COST);
      budget.tryAcquire(false);
      budget.recordSuccess(null);
      budget.recordSuccess(null);
      budget.recordSuccess(null);
      budget.recordSuccess(null);
      assert.equal(budget.available, RETRY_COST - 1);
      const { calls } = await run([server(), "ok"], { budget });
      assert.equal(calls, 1);
    });

    it("a success after a retry refunds exactly that retry's cost (not the first-try increment)", async () => {
      const budget = new RetryBudget(20);
      const { result } = await run([server(), "ok"], { budget });
      assert.equal(result, "page");
      assert.equal(budget.available, 20);
      budget.tryAcquire(false);
      assert.equal(budget.available, 15);
      const again = await run([server(), server(), "ok"], { budget });
      assert.equal(again.result, "page");
      assert.equal(budget.available, 15 - RETRY_COST, "two retries cost 10, the successful one refunds 5");
    });

    it("a first-try success adds one token", async () => {
      const budget = new RetryBudget(20);
      budget.tryAcquire(false);
      await run(["ok"], { budget });
      assert.equal(budget.available, 15 + NO_RETRY_INCREMENT);
    });
  });

  it("an aborted signal stops the loop with the signal's reason", async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const reason = new Error("stop");
    const promise = withRetries(async () => {
      controller.abort(reason);
      throw serviceError("ServerError", 500, "R");
    }, { policy: new RetryPolicy({ random: clock.random }), clock, signal: controller.signal, giveUp: (f, n) => describeFailure(f, n, context) });
    await assert.rejects(promise, (error) => error === reason);
  });

  it("an abort during a backoff wait ends the wait at once with the signal's reason, and no try follows", async () => {
    // Virtual time: the wait's timer fires only if run() advances to it, so a wait that ignored the
    // signal (up to 20 s, or 5 s after a throttle) would still be pending below.
    const clock = new VirtualClock();
    const controller = new AbortController();
    const reason = new Error("stop");
    let calls = 0;
    const outcome = withRetries(async () => {
      calls++;
      throw server();
    }, { policy: new RetryPolicy({ random: () => 0.999 }), clock, signal: controller.signal, giveUp: (f, n) => describeFailure(f, n, context) })
      .then(() => "resolved", (error: unknown) => error);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(clock.sleeps, [99], "waiting out its first backoff");
    controller.abort(reason);
    const stillWaiting = new Promise((resolve) => setImmediate(() => resolve("still waiting")));
    assert.equal(await Promise.race([outcome, stillWaiting]), reason);
    assert.equal(calls, 1);
    assert.equal(clock.time, 0, "no time passed");
    assert.equal(clock.pending, 0, "the wait's timer is gone");
  });
});
