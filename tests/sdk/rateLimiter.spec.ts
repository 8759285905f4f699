import assert from "node:assert/strict";
import { CUBIC_BETA, CUBIC_PLATEAU, CUBIC_SCALE, CubicRate } from "../../sdk/rate/cubicRate";
import type { QuotaLimiter } from "../../sdk/rate/rateLimiter";
import { IDLE_FORGET_MS, IDLE_FORGET_THROTTLED_MS, LimiterRegistry, limiterRegistryFor, type LeaseRequest } from "../../sdk/rate/limiterRegistry";
import {
  BURST_GAP_MS, burstGapMs, LOSS_SPAN_MS, LOSSES_BEFORE_PACING, MIN_REQUESTS_PER_SECOND, PROBE_AGAIN_MS, PROBE_MAX_PERIOD_MS, PROBE_PERIOD_MS, RAMP_ANSWER_FACTOR, RAMP_DOUBLING_MS, RAMP_INITIAL_CALLS, PACED_MARGIN, WINDOW_GUARD_MS, WINDOW_MS, WindowRateLimiter,
} from "../../sdk/rate/rateLimiter";
import type { RedisQuotaLimiter } from "../../sdk/rate/redisQuota";
import { defaultDeadlineMs } from "../../sdk/listing/openListingSession";
import { systemClock } from "../../sdk/systemClock";
import { FakeClock, VirtualClock } from "./fakeClock";
import { SimulatedService, simulateListing, simulateProcesses, type SimulatedProcesses } from "./quotaSimulation";

const GUARDED_WINDOW = WINDOW_MS + WINDOW_GUARD_MS;
/**
 * The ramp's answer cap lifted: tests that build a state by sending calls at once and answering
 * them later (or never) use it; the cap itself is tested in "window burst".
 */
const NO_ANSWER_CAP = Number.POSITIVE_INFINITY;

/** Acquires `count` calls at once and runs virtual time until they have all left (burst gaps included). */
async function acquireMany(clock: VirtualClock, limiter: WindowRateLimiter, count: number): Promise<number[]> {
  const sends = Array.from({ length: count }, () => limiter.acquire());
  await clock.run();
  return Promise.all(sends);
}

/** Asks for one more call; the function returns its send time once the limiter let it out, null before. */
function nextSend(limiter: WindowRateLimiter): () => number | null {
  let sentAt: number | null = null;
  void limiter.acquire().then((t) => { sentAt = t; });
  return () => sentAt;
}

/** Largest number of sends in any half-open window [t, t + length). */
function peakIn(sends: readonly number[], length: number): number {
  const sorted = [...sends].sort((a, b) => a - b);
  let peak = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] as number) - (sorted[start] as number) >= length) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

/** A service whose rule is `admits(at, the calls admitted so far, this call's number from 1)`. */
function serviceWhere(admits: (at: number, admitted: readonly number[], call: number) => boolean): SimulatedService {
  return new (class extends SimulatedService {
    private calls = 0;
    override call(at: number): boolean {
      if (!admits(at, this.admitted, ++this.calls)) {
        this.throttled++;
        return false;
      }
      this.admitted.push(at);
      return true;
    }
  })(50);
}

/** `limiter` as a listing sees it, recording each send with the places held then, and each throttle's time. */
function recorded(clock: VirtualClock, limiter: WindowRateLimiter): {
  quota: QuotaLimiter; sends: { at: number; places: number }[]; throttledAt: number[];
} {
  const sends: { at: number; places: number }[] = [];
  const throttledAt: number[] = [];
  const quota: QuotaLimiter = {
    acquire: async () => {
      const at = await limiter.acquire();
      sends.push({ at, places: limiter.heldPlaces });
      return at;
    },
    settle: (at, outcome) => {
      if (outcome === "throttled") throttledAt.push(clock.now());
      limiter.settle(at, outcome);
    },
    currentRate: () => limiter.currentRate(),
  };
  return { quota, sends, throttledAt };
}

describe("WindowRateLimiter: window burst", () => {
  it("a 20-call listing ramps by the clock: the n-th call leaves RAMP_DOUBLING_MS x log2(n / RAMP_INITIAL_CALLS) ms after the first, BURST_GAP_MS apart at least", async () => {
    const clock = new VirtualClock();
    const limiter = new WindowRateLimiter(clock, 50);
    const service = new SimulatedService(50);
    const run = simulateListing(clock, limiter, service, { pages: 20, workers: 50, latencyMs: 50 });
    await clock.run();
    const { sends, finishedAt } = await run;
    const sorted = [...sends].sort((a, b) => a - b);
    // The first page alone; the others once its answer came back at 50, on the ramp from then.
    const expected = [0];
    for (let n = 2; n <= 20; n++) {
      expected.push(Math.max(50, (expected[n - 2] as number) + BURST_GAP_MS, RAMP_DOUBLING_MS * Math.log2(n / RAMP_INITIAL_CALLS)));
    }
    sorted.forEach((at, i) => assert.ok(Math.abs(at - (expected[i] as number)) < 1e-9, `send ${i + 1} at ${at}, expected ${expected[i]}`));
    assert.equal(service.throttled, 0);
    assert.ok(Math.abs(finishedAt - (RAMP_DOUBLING_MS * Math.log2(20 / RAMP_INITIAL_CALLS) + 50)) < 1e-9, `finished at ${finishedAt} ms`);
  });

  it("a ramp whose answers come back late waits for them: never more than RAMP_ANSWER_FACTOR x answered + RAMP_INITIAL_CALLS calls out", async () => {
    const clock = new VirtualClock();
    const limiter = new WindowRateLimiter(clock, 50);
    const sends: number[] = [];
    for (let i = 0; i < 40; i++) void limiter.acquire().then((at) => sends.push(at));
    await clock.run();
    assert.equal(sends.length, RAMP_INITIAL_CALLS, "nothing answered yet: the first calls only, whatever the clock allows");
    limiter.settle(sends[0] as number, "ok");
    await clock.run();
    assert.equal(sends.length, RAMP_ANSWER_FACTOR + RAMP_INITIAL_CALLS, "one answer lets RAMP_ANSWER_FACTOR more out");
    for (const at of sends.slice(1)) limiter.settle(at, "ok");
    await clock.run();
    assert.equal(sends.length, Math.min(40, RAMP_ANSWER_FACTOR * (RAMP_ANSWER_FACTOR + RAMP_INITIAL_CALLS) + RAMP_INITIAL_CALLS));
    assert.equal(limiter.heldPlaces, 0, "still ramping: nothing throttled");
  });

  it("at 50 ms round trips the ramp follows the clock, at 400 ms the answers; neither is throttled, and the cap holds at every send", async () => {
    for (const latencyMs of [50, 400]) {
      const clock = new VirtualClock();
      const limiter = new WindowRateLimiter(clock, 50);
      let answered = 0;
      const service = new SimulatedService(50);
      const quota: QuotaLimiter = {
        acquire: async () => {
          const at = await limiter.acquire();
          assert.ok(sendsSoFar < RAMP_ANSWER_FACTOR * answered + RAMP_INITIAL_CALLS, `${latencyMs} ms: send ${sendsSoFar + 1} with ${answered} answered`);
          sendsSoFar++;
          return at;
        },
        settle: (at, outcome) => {
          answered++;
          limiter.settle(at, outcome);
        },
        currentRate: () => limiter.currentRate(),
      };
      let sendsSoFar = 0;
      const run = simulateListing(clock, quota, service, { pages: 50, workers: 50, latencyMs });
      await clock.run();
      const { finishedAt } = await run;
      assert.equal(service.throttled, 0);
      assert.equal(service.admitted.length, 50);
      if (latencyMs === 50) {
        // The clock's ramp (as in the 20-call test above): the 50th call leaves 371.5 ms after the first.
        assert.ok(Math.abs(finishedAt - (RAMP_DOUBLING_MS * Math.log2(50 / RAMP_INITIAL_CALLS) + 50)) < 1e-9, `50 ms: finished at ${finishedAt}`);
      } else {
        // The first page alone, then 5 more (6 out), 20 more (26) and the rest: four round trips,
        // where the clock alone would have sent them all from the first answer on (finished at 896 ms).
        // (Each round's calls leave BURST_GAP_MS apart.)
        assert.ok(finishedAt >= 4 * latencyMs && finishedAt < 4 * latencyMs + 50 * BURST_GAP_MS, `400 ms: finished at ${finishedAt}`);
      }
    }
  });

  it("the burst gap shrinks with a raised limit, and goes below a timer's millisecond to none: a listing is not held under 500 calls/s", async () => {
    assert.deepEqual([10, 50, 100, 200, 10_000].map(burstGapMs), [BURST_GAP_MS, BURST_GAP_MS, 1, 0, 0]);
    // At 10,000 calls/s, 1,000 calls: the last leaves when the ramp says (717 ms), not 2 ms x 999
    // after the first (1,998 ms).
    const clock = new VirtualClock();
    const limiter = new WindowRateLimiter(clock, 10_000, true, undefined, NO_ANSWER_CAP);
    const sends: number[] = [];
    const done = Promise.all(Array.from({ length: 1000 }, async () => sends.push(await limiter.acquire())));
    await clock.run();
    await done;
    const last = Math.max(...sends);
    assert.ok(Math.abs(last - RAMP_DOUBLING_MS * Math.log2(1000 / RAMP_INITIAL_CALLS)) < 1e-9, `the 1,000th call left at ${last} ms`);
  });

  it("processes that start 10 ms apart hold even shares when their sum fills the service's window", async () => {
    // The ramp follows each one's clock: a 10 ms head start is an eighth of a doubling.
    const clock = new VirtualClock();
    const service = new SimulatedService(50);
    const limiters = Array.from({ length: 10 }, () => new WindowRateLimiter(clock, 50));
    const runs = limiters.map((limiter, i) => simulateListing(clock, limiter, service, { pages: 60, workers: 50, latencyMs: 50, startAt: i }));
    await clock.run();
    await Promise.all(runs);
    const places = limiters.map((limiter) => limiter.heldPlaces);
    assert.ok(Math.max(...places) - Math.min(...places) <= 1, `places ${places.join(", ")}`);
    assert.ok(places.reduce((sum, n) => sum + n, 0) <= 50, `places ${places.join(", ")}`);
  });

  it("spends the window's 50 calls at once, then waits for the oldest to leave the guarded window", async () => {
    const clock = new VirtualClock();
    const limiter = new WindowRateLimiter(clock, 50, true, 1);
    const service = new SimulatedService(50);
    const run = simulateListing(clock, limiter, service, { pages: 200, workers: 50, latencyMs: 50 });
    await clock.run();
    const { sends, finishedAt } = await run;
    assert.equal(service.throttled, 0);
    assert.equal(peakIn(sends, GUARDED_WINDOW), 50);
    const sorted = [...sends].sort((a, b) => a - b);
    // On the ramp: the 50th at RAMP_DOUBLING_MS x log2(25) = 557 ms.
    const rampMs = RAMP_DOUBLING_MS * Math.log2(50 / RAMP_INITIAL_CALLS);
    assert.ok((sorted[49] as number) < rampMs + 10, `the first 50 went out within ${sorted[49]} ms`);
    // Anchored half the fastest round trip (50 ms) before its answer: the 51st waits exactly for the
    // first to leave the window.
    assert.equal(sorted[50], (sorted[0] as number) + 50 - 25 + GUARDED_WINDOW);
    // 200 calls: three refills of the window, each half a latency plus 1005 ms after the one before,
    // the last spread over the ramp's time as the first was, and its answers.
    assert.ok(finishedAt <= 3 * (25 + GUARDED_WINDOW) + rampMs + 50 + 10, `finished at ${finishedAt} ms`);
  });

  it("under one call per second (0.5) the calls are 2,000 ms apart, not one per window; at 1 call/s one per guarded window", async () => {
    for (const [rate, gap] of [[0.5, 2000], [0.8, 1250], [1, GUARDED_WINDOW]] as const) {
      const clock = new VirtualClock();
      const limiter = new WindowRateLimiter(clock, rate, true, 1);
      const run = simulateListing(clock, limiter, new SimulatedService(50), { pages: 5, workers: 5, latencyMs: 50 });
      await clock.run();
      const sorted = [...(await run).sends].sort((a, b) => a - b);
      const gaps = sorted.slice(1).map((at, i) => at - (sorted[i] as number));
      assert.ok(gaps.every((g) => g >= gap && g < gap + 60), `${rate}/s: gaps ${gaps.join(", ")}`);
    }
  });

  it("an answer anchored before a call still in flight takes its place in order: the window opens when it leaves", async () => {
    const clock = new VirtualClock();
    const limiter = new WindowRateLimiter(clock, 2, true, 1);
    const first = await limiter.acquire();
    clock.time = 60;
    const second = await limiter.acquire();
    assert.deepEqual([first, second], [0, 60]);
    clock.time = 100;
    limiter.settle(first, "ok"); // 100 ms round trip: anchored at 50, before the second call left
    const third = nextSend(limiter);
    await clock.run();
    // The window holds the first call (until 50 + 1005) and the second, still in flight.
    assert.equal(third(), 50 + GUARDED_WINDOW);
  });

  it("calls settled here that it did not send (a Redis quota's, after falling back) teach the fastest round trip too", async () => {
    const clock = new VirtualClock();
    const limiter = new WindowRateLimiter(clock, 1, true, 1);
    clock.time = 20;
    limiter.settle(0, "ok"); // sent through Redis at 0, answered at 20
    clock.time = 100;
    const own = await limiter.acquire();
    clock.time = 200;
    limiter.settle(own, "ok"); // 100 ms, but the fastest was 20: anchored 10 ms before its answer
    const next = nextSend(limiter);
    await clock.run();
    assert.equal(next(), 190 + GUARDED_WINDOW);
  });

  it("after a stalled timer it sends what the window allows at once, then waits only for the window", async () => {
    const clock = new VirtualClock();
    const limiter = new WindowRateLimiter(clock, 50);
    const service = new SimulatedService(50);
    const run = simulateListing(clock, limiter, service, { pages: 120, workers: 50, latencyMs: 50 });
    // Let the first window fill; the limiter then asks to sleep until the oldest send leaves it.
    for (let i = 0; i < 400 && !clock.sleeps.some((ms) => ms > 300); i++) await clock.runOne();
    const windowWait = clock.sleeps.find((ms) => ms > 300) as number;
    // The ramp spent RAMP_DOUBLING_MS x log2(25) = 557 ms of the window on its 50 calls.
    const rampMs = RAMP_DOUBLING_MS * Math.log2(50 / RAMP_INITIAL_CALLS);
    assert.ok(windowWait > GUARDED_WINDOW - rampMs - 30 && windowWait <= GUARDED_WINDOW, `asked to wait ${windowWait} ms`);
    clock.lateMs(200); // that timer fires 200 ms late: a stalled event loop
    const before = clock.sleeps.length;
    await clock.runOne();
    await clock.run();
    const { sends } = await run;
    // The stall is not made up for by waiting longer, nor by sending more than the window holds.
    const after = clock.sleeps.slice(before).filter((ms) => ms !== 50 && ms !== 1);
    assert.ok(after.every((ms) => ms <= GUARDED_WINDOW), `later waits ${after.join(", ")}`);
    assert.ok(peakIn(sends, GUARDED_WINDOW) <= 50);
    assert.equal(service.throttled, 0);
  });
});

describe("WindowRateLimiter: the calls a Redis quota taking over again writes to its window (countedAges)", () => {
  it("answered calls by their anchors' age within the guarded window (one anchored exactly that long ago has left it), calls in flight as 0, a place kept unused after a throttle not at all", async () => {
    const clock = new VirtualClock();
    const limiter = new WindowRateLimiter(clock, 50, true, 1, NO_ANSWER_CAP);
    const sendAt = async (time: number): Promise<number> => {
      clock.time = time;
      const [at] = await acquireMany(clock, limiter, 1) as [number];
      assert.equal(at, time);
      return at;
    };
    // Answered at once (0 ms round trips): anchored at their send times (far enough apart for the ramp).
    for (const time of [0, 300, 305, 600]) limiter.settle(await sendAt(time), "ok");
    const inFlight = await sendAt(900);
    const now = 300 + GUARDED_WINDOW;
    assert.deepEqual(limiter.countedAges(now), [GUARDED_WINDOW - 5, now - 600, 0], "0 and 300 left the window; 305, 600 and the call in flight count");
    limiter.settle(inFlight, "ok");
    // Holding (after a first throttle), a throttle into an empty window keeps a place unused for
    // about a window: no call of its own.
    limiter.settle(await sendAt(5000), "throttled");
    limiter.settle(await sendAt(5100), "throttled");
    assert.equal(limiter.heldPlaces, 1);
    assert.deepEqual(limiter.countedAges(5100), [], "the place kept is not a call");
  });
});

describe("WindowRateLimiter: paced (polite) mode", () => {
  it("spaces sends evenly at rate * margin and never bursts", async () => {
    const clock = new VirtualClock();
    const limiter = new WindowRateLimiter(clock, 50, false);
    const pending = Array.from({ length: 200 }, () => limiter.acquire().then((at) => {
      limiter.settle(at, "ok");
      return at;
    }));
    await clock.run();
    const sends = await Promise.all(pending);
    const gap = 1000 / (50 * PACED_MARGIN);
    for (let i = 1; i < sends.length; i++) assert.ok(Math.abs((sends[i] as number) - (sends[i - 1] as number) - gap) < 1e-6, `gap ${i}`);
    assert.ok(peakIn(sends, 1000) <= 49);
  });

  it("after a stall it waits exactly one gap from the late send: no bunching, no extra wait", async () => {
    const clock = new VirtualClock();
    const limiter = new WindowRateLimiter(clock, 10, false);
    const pending = Array.from({ length: 5 }, () => limiter.acquire());
    clock.lateMs(350); // the first send goes at once; the pump sleeps one gap and wakes 350 ms late
    await clock.run();
    const sends = await Promise.all(pending);
    const gap = 1000 / (10 * PACED_MARGIN);
    assert.deepEqual(clock.sleeps.map((ms) => Math.round(ms * 1000) / 1000), Array(4).fill(Math.round(gap * 1000) / 1000));
    assert.equal(sends[1], gap + 350);
    for (let i = 2; i < sends.length; i++) assert.ok(Math.abs((sends[i] as number) - (sends[i - 1] as number) - gap) < 1e-6);
  });

  it("an aborted wait rejects with the signal's reason, and the others still go", async () => {
    const clock = new VirtualClock();
    const limiter = new WindowRateLimiter(clock, 1, false);
    const controller = new AbortController();
    const first = limiter.acquire().then((at) => {
      limiter.settle(at, "ok");
      return at;
    });
    const aborted = limiter.acquire(controller.signal);
    const third = limiter.acquire();
    controller.abort(new Error("stop"));
    await assert.rejects(aborted, /stop/);
    await clock.run();
    const [a, c] = await Promise.all([first, third]);
    assert.equal((c as number) - (a as number), 1000 / PACED_MARGIN);
  });

  it("the last waiter aborted ends the pump's sleep: no timer is left to keep the process alive", async () => {
    const clock = new VirtualClock();
    const limiter = new WindowRateLimiter(clock, 1, false);
    limiter.settle(await limiter.acquire(), "ok");
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    await Promise.resolve();
    assert.equal(clock.pending, 1, "the pump sleeps until the next call may leave");
    controller.abort(new Error("stop"));
    await assert.rejects(waiting, /stop/);
    assert.equal(clock.pending, 0);
  });
});

describe("WindowRateLimiter: throttling", () => {
  it("a throttle ends the ramp: the client keeps the places it holds, and each echo of that throttle takes one away", async () => {
    const clock = new VirtualClock();
    const limiter = new WindowRateLimiter(clock, 50, true, undefined, NO_ANSWER_CAP);
    const sent = await acquireMany(clock, limiter, 8);
    assert.equal(limiter.heldPlaces, 0, "no places before a throttle");
    clock.time = 200;
    limiter.settle(sent[0] as number, "throttled");
    // 8 in flight, 1 of them throttled: 7 places, and no pacing.
    assert.equal(limiter.heldPlaces, 7);
    assert.equal(limiter.currentRate(), 7);
    assert.equal(limiter.isBursting, true);
    // Sent before that throttle's answer: its echo. Each gives up its place, none counts as a loss.
    for (const [i, at] of sent.slice(1, 1 + LOSSES_BEFORE_PACING).entries()) {
      limiter.settle(at, "throttled");
      assert.equal(limiter.heldPlaces, 6 - i);
    }
    assert.equal(limiter.isBursting, true, "echoes are not places lost: still not paced");
  });

  it("holding, a call leaves when a place of its own leaves the window", async () => {
    const clock = new VirtualClock();
    const limiter = new WindowRateLimiter(clock, 50, true, 1, NO_ANSWER_CAP);
    const [a, b, c] = await acquireMany(clock, limiter, 3) as [number, number, number];
    assert.deepEqual([a, b], [0, BURST_GAP_MS]);
    clock.time = 50;
    limiter.settle(a, "ok"); // anchored at 25
    clock.time = 52;
    limiter.settle(b, "ok"); // anchored at 27
    clock.time = 60;
    limiter.settle(c, "throttled");
    assert.equal(limiter.heldPlaces, 2);
    const first = nextSend(limiter);
    const second = nextSend(limiter);
    await clock.run();
    // Not paced: each takes the place of the call that left, as soon as it left.
    assert.equal(first(), 25 + GUARDED_WINDOW);
    assert.equal(second(), 27 + GUARDED_WINDOW);
  });

  it("its own throttles teach the way to the service's count: answers are anchored the fastest answer less half the fastest throttle before them", async () => {
    const clock = new VirtualClock();
    const limiter = new WindowRateLimiter(clock, 50, true, 1, NO_ANSWER_CAP);
    const [a, b, c] = await acquireMany(clock, limiter, 3) as [number, number, number];
    clock.time = 50;
    limiter.settle(a, "ok"); // 50 ms: anchored at 25 (half of it)
    clock.time = b + 4;
    limiter.settle(b, "throttled"); // its own throttle, 4 ms: the count is at most 2 ms after a send
    clock.time = c + 60;
    limiter.settle(c, "ok"); // anchored 50 - 4 / 2 = 48 ms before its answer
    assert.equal(limiter.heldPlaces, 2);
    const first = nextSend(limiter);
    const second = nextSend(limiter);
    await clock.run();
    assert.equal(first(), 25 + GUARDED_WINDOW, "anchored before the throttle taught anything");
    assert.equal(second(), c + 60 - 48 + GUARDED_WINDOW);
  });

  it("a place lost costs one place, also when fewer of its calls than its places are in the window at that instant", async () => {
    const clock = new VirtualClock();
    const limiter = new WindowRateLimiter(clock, 50, true, 1, NO_ANSWER_CAP);
    const [a, b, , d] = await acquireMany(clock, limiter, 4) as [number, number, number, number];
    clock.time = 60;
    limiter.settle(a, "ok");
    limiter.settle(b, "ok");
    limiter.settle(d, "throttled"); // the window is full: it holds a's place, b's, and c's (in flight)
    assert.equal(limiter.heldPlaces, 3);
    clock.time = 1100; // a and b left the window, c is still in flight; the listing asks for one call
    const e = nextSend(limiter);
    await clock.run();
    assert.equal(e(), 1100);
    clock.time = 1110;
    // Another client took that place: one lost, though only c is in the window now.
    limiter.settle(e() as number, "throttled");
    assert.equal(limiter.heldPlaces, 2);
    assert.equal(limiter.isBursting, true);
  });

  it("the places held at a throttle are the calls in the guarded window: one anchored exactly that long ago has left it", async () => {
    const clock = new VirtualClock();
    const limiter = new WindowRateLimiter(clock, 50, true, 1, NO_ANSWER_CAP);
    const [a, b, c, d] = await acquireMany(clock, limiter, 4) as [number, number, number, number];
    clock.time = a + 50;
    limiter.settle(a, "ok"); // anchored at 25
    clock.time = b + 50;
    limiter.settle(b, "ok");
    clock.time = c + 50;
    limiter.settle(c, "ok");
    clock.time = 25 + GUARDED_WINDOW;
    limiter.settle(d, "throttled");
    assert.equal(limiter.heldPlaces, 2);
  });

  it("holding, it probes for one more place after a while, in the middle of the widest gap between its own calls; room found makes the next probe come soon and twice as large", async () => {
    const clock = new VirtualClock({ seed: 7 });
    // 10 calls a second until 3 s, then 50: the others sharing the quota ended.
    const service = serviceWhere((at, admitted) => admitted.filter((t) => t > at - 1000).length < (at < 3000 ? 10 : 50));
    const limiter = new WindowRateLimiter(clock, 50, true, 1);
    const { quota: recording, sends } = recorded(clock, limiter);
    const run = simulateListing(clock, recording, service, { pages: 400, workers: 50, latencyMs: 50 });
    await clock.run();
    await run;
    const holding = sends.filter((s) => s.places > 0);
    const held = (holding[0] as { places: number }).places;
    assert.ok(held >= 8 && held <= 10, `held ${held} places after the ramp`);
    const probe = holding.find((s) => s.places > held) as { at: number; places: number };
    // The first probe after PROBE_PERIOD_MS x 50 / places, within +-25%.
    const period = (PROBE_PERIOD_MS * 50) / held;
    const holdAt = (holding[0] as { at: number }).at;
    assert.ok(probe.at >= 0.75 * period && probe.at <= holdAt + 1.25 * period + GUARDED_WINDOW, `first probe at ${probe.at} ms (period ${period})`);
    // Between its own calls: none of the last second's within 100 ms of it.
    const near = sends.filter((s) => s.at < probe.at && s.at > probe.at - 1000 && Math.abs(((probe.at - s.at) % 1005) - 502) > 402);
    assert.deepEqual(near.map((s) => s.at), [], `the probe at ${probe.at} ms`);
    // Then 1, 2, 4, 8, 16 more places, PROBE_AGAIN_MS or so apart, up to the limit.
    const steps = [...new Set(holding.map((s) => s.places))];
    assert.deepEqual(steps, [held, held + 1, held + 3, held + 7, held + 15, Math.min(50, held + 31), 50].filter((n, i, all) => all.indexOf(n) === i));
    const full = holding.find((s) => s.places === 50) as { at: number };
    assert.ok(full.at - probe.at < 10 * PROBE_AGAIN_MS, `50 places ${full.at - probe.at} ms after the first probe`);
    assert.equal(service.admitted.length, 400);
  });

  it("the first probe is due 1 s x 50 / places after the throttle (here x 1.0: random() = 0.5), and leaves at the first middle of the widest gap between its own calls from then", async () => {
    const clock = new VirtualClock();
    Object.defineProperty(clock, "random", { value: () => 0.5 });
    // Admits everything but the 3rd call: the limiter then holds the 2 places it had.
    const service = serviceWhere((_at, _admitted, call) => call !== 3);
    const limiter = new WindowRateLimiter(clock, 50, true, 1);
    const { quota: recording, sends, throttledAt: throttles } = recorded(clock, limiter);
    const run = simulateListing(clock, recording, service, { pages: 40, workers: 50, latencyMs: 50 });
    await clock.run();
    await run;
    const probe = sends.find((s) => s.places === 3) as { at: number };
    assert.equal(throttles.length, 1);
    const throttledAt = throttles[0] as number;
    // 1 s x 50 / 2 places, capped.
    const due = throttledAt + Math.min(PROBE_MAX_PERIOD_MS, (PROBE_PERIOD_MS * 50) / 2);
    assert.equal(due, throttledAt + 10_000);
    // Its own calls in the window then: answered 50 ms after they left, and anchored 50 - 1 / 2 ms
    // before that (the throttle came back in 1 ms), so 0.5 ms after they left.
    const anchors = sends.filter((s) => s.at < probe.at && s.at + 0.5 > probe.at - GUARDED_WINDOW).map((s) => s.at + 0.5);
    assert.equal(anchors.length, 2, `own calls ${anchors.join(", ")}`);
    const [first, second] = anchors as [number, number];
    // The widest gap runs from the later one round to the earlier one a guarded window on.
    const middle = second + (first + GUARDED_WINDOW - second) / 2;
    const expected = middle + Math.ceil(Math.max(0, due - middle) / GUARDED_WINDOW) * GUARDED_WINDOW;
    assert.ok(Math.abs(probe.at - expected) < 1e-6, `probe at ${probe.at}, expected ${expected} (due ${due})`);
    assert.ok(probe.at >= due && probe.at < due + GUARDED_WINDOW);
  });

  it("holding, a call in flight for longer than a window keeps its place, and is not idleness; a place behind it that left the window is free", async () => {
    const clock = new VirtualClock();
    const limiter = new WindowRateLimiter(clock, 50, true, 1, NO_ANSWER_CAP);
    const [a, , c] = await acquireMany(clock, limiter, 3) as [number, number, number];
    clock.time = 100;
    limiter.settle(a, "ok"); // anchored at 50
    limiter.settle(c, "throttled"); // holds a's place and b's (b in flight, sent before a's anchor)
    assert.equal(limiter.heldPlaces, 2);
    clock.time = 3000; // b still unanswered; a left the window at 50 + 1005
    const next = nextSend(limiter);
    await clock.run();
    assert.equal(next(), 3000, "a's place is free");
    assert.equal(limiter.heldPlaces, 2, "still holding: no new ramp");
    const another = nextSend(limiter);
    await clock.run();
    // b, in flight, still holds its place and the call just sent the other: only a probe, 0.75 x
    // 10 s after the throttle at the earliest, lets it out.
    assert.ok((another() as number) >= 100 + 0.75 * PROBE_MAX_PERIOD_MS, `sent at ${another()}`);
    assert.equal(limiter.heldPlaces, 3);
    // The probe finds no room: the places are those still held, b's and the call's sent at 3000,
    // however long both have been in flight.
    clock.time = (another() as number) + 1;
    limiter.settle(another() as number, "throttled");
    assert.equal(limiter.heldPlaces, 2);
  });

  /**
   * A holding limiter with a probe out: 3 places held by d and e (in flight, never answered here)
   * and a free one, then a probe g sent at 20,000 (4 places). e was sent after the last throttle.
   */
  async function probingWithTwoInFlight(): Promise<{ limiter: WindowRateLimiter; e: number; g: number }> {
    const clock = new VirtualClock();
    const limiter = new WindowRateLimiter(clock, 50, true, 1, NO_ANSWER_CAP);
    const [a, b, c] = await acquireMany(clock, limiter, 4) as [number, number, number, number];
    clock.time = 100;
    limiter.settle(a, "ok");
    limiter.settle(b, "ok");
    limiter.settle(c, "throttled"); // holds a's place, b's and d's
    assert.equal(limiter.heldPlaces, 3);
    clock.time = 3000; // a and b left the window: two places free
    const [e, f] = await acquireMany(clock, limiter, 2) as [number, number];
    assert.deepEqual([e, f], [3000, 3000 + BURST_GAP_MS]);
    clock.time = 3050;
    limiter.settle(f, "ok"); // e stays in flight
    clock.time = 20_000; // f left the window; the first probe was due by 100 + 1.25 x 10 s
    const g = nextSend(limiter);
    await clock.run();
    assert.equal(g(), 20_000);
    assert.equal(limiter.heldPlaces, 4, "g is a probe");
    clock.time = 20_010;
    return { limiter, e, g: g() as number };
  }

  it("a probe that finds no room leaves the places still held, here fewer than before the probe", async () => {
    const { limiter, g } = await probingWithTwoInFlight();
    limiter.settle(g, "throttled");
    // d and e: 2, not the 3 held before the probe (one of them was free when it went).
    assert.equal(limiter.heldPlaces, 2);
  });

  it("a place lost while a probe is out is a place lost, not the probe's answer: it costs one place", async () => {
    const { limiter, e } = await probingWithTwoInFlight();
    // e, sent before the probe and after the last throttle, is throttled now: another client took
    // its place. One place fewer, 3, and not the places in the window at this instant (d and g,
    // 2), which is what a probe that found no room would leave.
    limiter.settle(e, "throttled");
    assert.equal(limiter.heldPlaces, 3);
  });

  /**
   * A holding limiter with 7 places, 3 of them held by calls in flight (never answered here), and
   * a function that loses one place at `at`: a call sent then, throttled 10 ms later.
   */
  async function holdingSeven(): Promise<{ limiter: WindowRateLimiter; loseAt: (at: number) => Promise<void> }> {
    const clock = new VirtualClock();
    const limiter = new WindowRateLimiter(clock, 50, true, 1, NO_ANSWER_CAP);
    const sent = await acquireMany(clock, limiter, 8);
    clock.time = 100;
    for (const at of sent.slice(0, 4)) limiter.settle(at, "ok");
    limiter.settle(sent[4] as number, "throttled");
    assert.equal(limiter.heldPlaces, 7);
    const loseAt = async (at: number): Promise<void> => {
      clock.time = at;
      const next = nextSend(limiter);
      await clock.run();
      assert.equal(next(), at, "a free place");
      clock.time = at + 10;
      limiter.settle(at, "throttled");
    };
    return { limiter, loseAt };
  }

  it(`the ${LOSSES_BEFORE_PACING}th place lost within ${LOSS_SPAN_MS} ms makes the key paced, its rate cut to CUBIC_BETA x its share of the last second`, async () => {
    const { limiter, loseAt } = await holdingSeven();
    // Each call leaves the instant the previous throttle came back: sent after it, so not its echo.
    for (const [i, at] of [1200, 1210, 1220].entries()) {
      await loseAt(at);
      assert.equal(limiter.heldPlaces, 6 - i);
      assert.equal(limiter.isBursting, true, `${i + 1} lost: still holding`);
    }
    await loseAt(1230);
    assert.equal(limiter.isBursting, false, "paced");
    // Its share of the last second: the 3 calls in flight (the 4 answered at 100 left it).
    assert.ok(Math.abs(limiter.currentRate() - 3 * CUBIC_BETA) < 1e-9, `rate ${limiter.currentRate()}`);
  });

  it(`places lost count toward pacing for ${LOSS_SPAN_MS} ms: one lost exactly that long before no longer does`, async () => {
    const { limiter, loseAt } = await holdingSeven();
    for (const at of [1200, 1300, 1400]) await loseAt(at);
    // Answered at 1210 + LOSS_SPAN_MS: the first loss (answered at 1210) has left the span.
    await loseAt(1200 + LOSS_SPAN_MS);
    assert.equal(limiter.isBursting, true, "3 lost within the span: still holding");
    assert.equal(limiter.heldPlaces, 3);
  });

  it("a probe into a full window costs one throttled call: the places stay, and the next probe waits a whole period again", async () => {
    const clock = new VirtualClock({ seed: 3 });
    const service = new SimulatedService(10);
    const limiter = new WindowRateLimiter(clock, 50, true, 1);
    const { quota: recording, throttledAt } = recorded(clock, limiter);
    const run = simulateListing(clock, recording, service, { pages: 300, workers: 50, latencyMs: 50 });
    await clock.run();
    const { finishedAt } = await run;
    assert.equal(service.admitted.length, 300);
    const afterRamp = throttledAt.filter((at) => at > 1000);
    // 30 s at 10 places: a probe every 5 s +-25% at most, each one throttled call.
    assert.ok(afterRamp.length >= 3 && afterRamp.length <= Math.ceil(finishedAt / (0.75 * 5000)), `${afterRamp.length} throttled after the ramp in ${finishedAt} ms`);
    for (let i = 1; i < afterRamp.length; i++) assert.ok((afterRamp[i] as number) - (afterRamp[i - 1] as number) >= 0.75 * 5000 - 1, `probes at ${afterRamp.join(", ")}`);
    assert.equal(limiter.heldPlaces, 10);
    assert.equal(limiter.isBursting, true);
  });

  it(`a service that keeps throttling the places held (${LOSSES_BEFORE_PACING} lost within 3 windows) makes the key paced, and the listing stays exact`, async () => {
    // A token bucket: 50 calls/s on average, but at most 10 at once. It throttles bursts that a
    // sliding window admits; evenly paced calls go through.
    let tokens = 10;
    let last = 0;
    const service = serviceWhere((at) => {
      tokens = Math.min(10, tokens + ((at - last) * 50) / 1000);
      last = at;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    });
    const clock = new VirtualClock({ seed: 5 });
    const limiter = new WindowRateLimiter(clock, 50);
    const run = simulateListing(clock, limiter, service, { pages: 400, workers: 50, latencyMs: 50 });
    await clock.run();
    await run;
    assert.equal(service.admitted.length, 400);
    assert.equal(limiter.isBursting, false, "paced");
    assert.ok(service.throttled / (400 + service.throttled) < 0.15, `${service.throttled} throttled`);
  });

  it("holding and idle for a whole window, it ramps again: what it held tells nothing of the others now", async () => {
    const clock = new VirtualClock();
    const limiter = new WindowRateLimiter(clock, 50, true, 1, NO_ANSWER_CAP);
    const [a, b, c] = await acquireMany(clock, limiter, 3) as [number, number, number];
    clock.time = 100;
    limiter.settle(a, "ok");
    limiter.settle(b, "ok");
    limiter.settle(c, "throttled");
    assert.equal(limiter.heldPlaces, 2);
    clock.time = 5000;
    const sends = await acquireMany(clock, limiter, 10);
    assert.equal(limiter.heldPlaces, 0);
    assert.ok(Math.abs((sends[9] as number) - 5000 - RAMP_DOUBLING_MS * Math.log2(10 / RAMP_INITIAL_CALLS)) < 1e-9, `10th call at ${sends[9]}`);
  });

  it("holding one place and asking for more all along is not idleness: the call goes when that place comes back, and no ramp starts", async () => {
    const clock = new VirtualClock();
    const limiter = new WindowRateLimiter(clock, 50, true, 1);
    const [a, b] = await acquireMany(clock, limiter, 2) as [number, number];
    clock.time = 50;
    limiter.settle(a, "ok"); // anchored at 25
    limiter.settle(b, "throttled");
    assert.equal(limiter.heldPlaces, 1);
    clock.time = 60;
    // Asked for at 60, 58 ms after the last send; a's place comes back at 25 + 1005, more than a
    // window after that send.
    const next = [nextSend(limiter), nextSend(limiter), nextSend(limiter)];
    await clock.run();
    assert.equal(next[0]?.(), 25 + GUARDED_WINDOW);
    // Then nothing but a probe (never answered here), not a ramp's 2 calls at once.
    assert.ok((next[1]?.() as number) >= 50 + 0.75 * PROBE_MAX_PERIOD_MS, `the second at ${next[1]?.()}`);
    assert.equal(next[2]?.(), null);
    assert.equal(limiter.heldPlaces, 2, "holding its place, and the probe's");
  });

  it("a place lost with no call of its own left in the window stays unused half a window to a window and a half: no call goes at once into the full window", async () => {
    for (const [random, after] of [[0.5, GUARDED_WINDOW], [0, GUARDED_WINDOW / 2], [0.99, 1.49 * GUARDED_WINDOW]] as const) {
      const clock = new VirtualClock();
      Object.defineProperty(clock, "random", { value: () => random });
      const limiter = new WindowRateLimiter(clock, 50, true, 1);
      const [a, b] = await acquireMany(clock, limiter, 2) as [number, number];
      clock.time = 50;
      limiter.settle(a, "ok"); // anchored at 25
      limiter.settle(b, "throttled");
      clock.time = 60;
      const c = nextSend(limiter);
      await clock.run();
      assert.equal(c(), 25 + GUARDED_WINDOW, "a's place");
      clock.time = 1034;
      const d = nextSend(limiter); // asked for while c is in flight: not idle
      limiter.settle(c() as number, "throttled"); // another client took the place: lost
      assert.equal(limiter.heldPlaces, 1);
      await clock.run();
      assert.ok(Math.abs((d() as number) - (1034 + after)) < 1e-9, `random ${random}: sent at ${d()}, expected ${1034 + after}`);
      assert.equal(limiter.isBursting, true);
    }
  });

  it("a client holding a single place that keeps losing it never paces for good: its losses are others' doing", async () => {
    const clock = new VirtualClock();
    Object.defineProperty(clock, "random", { value: () => 0 }); // each lost place unused half a window
    const limiter = new WindowRateLimiter(clock, 50, true, 1);
    const [a, b] = await acquireMany(clock, limiter, 2) as [number, number];
    clock.time = 50;
    limiter.settle(a, "ok");
    limiter.settle(b, "throttled");
    assert.equal(limiter.heldPlaces, 1);
    const sent: number[] = [];
    for (let i = 0; i < 2 * LOSSES_BEFORE_PACING; i++) {
      const next = nextSend(limiter);
      await clock.run();
      sent.push(next() as number);
      clock.time = (next() as number) + 4;
      limiter.settle(next() as number, "throttled"); // lost, each time
    }
    // 8 places lost within 3.5 s, about half a window apart: still holding its one place.
    assert.ok((sent.at(-1) as number) - (sent[0] as number) < LOSS_SPAN_MS + WINDOW_MS, `sent at ${sent.join(", ")}`);
    assert.equal(limiter.isBursting, true);
    assert.equal(limiter.heldPlaces, 1);
  });

  /** A paced limiter that sent `count` calls, the first three answered at `answeredAt`. */
  async function pacedWithThreeAnswered(count: number, answeredAt: number): Promise<{ clock: VirtualClock; limiter: WindowRateLimiter; sent: number[] }> {
    const clock = new VirtualClock();
    const limiter = new WindowRateLimiter(clock, 50, false);
    const sent = await acquireMany(clock, limiter, count);
    clock.time = answeredAt;
    for (const at of sent.slice(0, 3)) limiter.settle(at, "ok");
    return { clock, limiter, sent };
  }

  it("paced, a throttle cuts the rate to CUBIC_BETA x the share measured over the last second, once per congestion event", async () => {
    const { limiter, sent } = await pacedWithThreeAnswered(8, 200);
    limiter.settle(sent[3] as number, "throttled");
    // 8 sent in the last second, 3 answered, 4 still in flight, 1 throttled: this client's share
    // of the full window was 7.
    assert.ok(Math.abs(limiter.currentRate() - 7 * CUBIC_BETA) < 1e-9, `rate ${limiter.currentRate()}`);
    limiter.settle(sent[4] as number, "throttled"); // sent before the decrease: the same event
    assert.ok(Math.abs(limiter.currentRate() - 7 * CUBIC_BETA) < 1e-9);
  });

  it("paced, the share measured at a throttle is the calls answered in the last second only (exclusive bound)", async () => {
    const { clock, limiter, sent } = await pacedWithThreeAnswered(4, 100);
    // Exactly one window later those three answers have left it: the share was nothing, so the
    // rate drops to the floor (counting them, it would be CUBIC_BETA x 3).
    clock.time = 100 + WINDOW_MS;
    limiter.settle(sent[3] as number, "throttled");
    assert.equal(limiter.currentRate(), MIN_REQUESTS_PER_SECOND);
  });

  it("a window full of calls still in flight lets nothing out until one is answered", async () => {
    const clock = new VirtualClock();
    const limiter = new WindowRateLimiter(clock, 2, true, 1);
    clock.time = 4000;
    const [first, second] = await acquireMany(clock, limiter, 2) as [number, number];
    const third = nextSend(limiter);
    clock.time = 4050;
    await clock.run();
    assert.equal(third(), null, "sent while both calls of the window were in flight");
    limiter.settle(first, "ok");
    await clock.run();
    assert.equal(third(), null, "the window still holds the other call, in flight");
    clock.time = 4100;
    limiter.settle(second, "ok");
    await clock.run();
    // Anchored half the fastest round trip (50 ms) before their answers: 4025 and 4075. The first
    // leaves the window at 4025 + 1005.
    assert.equal(third(), 4025 + GUARDED_WINDOW);
  });

  it("a call in flight for longer than the window still holds its place until its answer", async () => {
    const clock = new VirtualClock();
    const limiter = new WindowRateLimiter(clock, 1, true, 1);
    const first = await limiter.acquire();
    clock.time = 1200; // sent 1,200 ms ago, no answer yet: the service may count it whenever it arrives
    const second = nextSend(limiter);
    await clock.run();
    assert.equal(second(), null, "sent while the window's only call was in flight");
    clock.time = 1800;
    limiter.settle(first, "ok"); // a 1,800 ms round trip, the fastest: anchored at 900
    await clock.run();
    assert.equal(second(), 900 + GUARDED_WINDOW);
  });

  it("the polite mode is kept while any listing of the key asks for it", () => {
    const limiter = new WindowRateLimiter(new FakeClock(), 50);
    limiter.setBurst(false);
    assert.equal(limiter.isBursting, false);
    limiter.setBurst(true);
    assert.equal(limiter.isBursting, true);
  });
});

describe("CubicRate", () => {
  it("drops to beta x the rate that proved too much, climbs back to the plateau after K seconds, then probes beyond", () => {
    const rate = new CubicRate(50, MIN_REQUESTS_PER_SECOND);
    assert.equal(rate.rate(0), 50);
    rate.onThrottle(1000, 20);
    // K does not depend on the share: cbrt(ceiling x (plateau - beta) / CUBIC_SCALE).
    const k = Math.cbrt((50 * (CUBIC_PLATEAU - CUBIC_BETA)) / CUBIC_SCALE);
    assert.ok(Math.abs(rate.rate(1000) - 20 * CUBIC_BETA) < 1e-9, `starts at beta x 20: ${rate.rate(1000)}`);
    assert.ok(Math.abs(rate.rate(1000 + k * 1000) - 20 * CUBIC_PLATEAU) < 1e-9, "at the plateau after K");
    assert.ok(rate.rate(1000 + (k * 1000) / 2) > 20 * CUBIC_PLATEAU - 0.2 * (20 * (CUBIC_PLATEAU - CUBIC_BETA)), "most of the way back in half of K (concave)");
    assert.ok(rate.rate(1000 + k * 2000) > 20 * CUBIC_PLATEAU, "probing beyond the plateau later");
    assert.equal(rate.rate(1000 + 60_000), 50, "never above the ceiling");
  });

  it("a smaller share climbs proportionally slower: the same K, the curve scaled by share / ceiling", () => {
    const small = new CubicRate(50, MIN_REQUESTS_PER_SECOND);
    const large = new CubicRate(50, MIN_REQUESTS_PER_SECOND);
    small.onThrottle(0, 5);
    large.onThrottle(0, 25);
    for (const t of [0, 1000, 2500, 4000, 6000]) {
      assert.ok(Math.abs(small.rate(t) * 5 - large.rate(t)) < 1e-9, `at ${t} ms: ${small.rate(t)} vs ${large.rate(t)}`);
    }
  });

  it("never drops below the floor", () => {
    const rate = new CubicRate(2, MIN_REQUESTS_PER_SECOND);
    for (let i = 0; i < 20; i++) rate.onThrottle(i, 0);
    assert.ok(rate.rate(19) >= MIN_REQUESTS_PER_SECOND);
    assert.ok(rate.rate(20) - MIN_REQUESTS_PER_SECOND < 1e-6, `${rate.rate(20)}`);
  });
});

describe("uncoordinated processes sharing one 50 calls/s quota (simulated on virtual time)", () => {
  // Deterministic (seeded, virtual time). The bounds are what this controller reaches here, with a
  // little margin: 3 x 120 0.846 of the limit with 1.91% throttled, 10 x 120 0.979 / 2.44%, 3 x 800
  // 0.947 / 1.72%, 10 x 240 0.987 / 2.04%, 3 x 800 37 ms apart 0.954 / 1.56% (anchoring answers at
  // half the round trip, before its own throttles taught the way to the count: 0.831, 0.960, 0.925,
  // 0.966, 0.908, as many throttled). "together": every process starts at the same instant, as
  // test:quota's do. With the per-answer slow start and CUBIC after every throttle (before the ramp
  // and the hold): 0.80 / 1.6%, 0.87 / 4.0%, 0.92 / 1.4%, 0.89 / 4.0%. Real processes on 2 cores do
  // worse at 10 (see the busy machine below).
  const cases = [
    { processes: 3, pages: 120, stagger: 0, minFraction: 0.82, maxThrottled: 0.025 },
    { processes: 10, pages: 120, stagger: 0, minFraction: 0.95, maxThrottled: 0.03 },
    { processes: 3, pages: 800, stagger: 0, minFraction: 0.93, maxThrottled: 0.02 },
    { processes: 10, pages: 240, stagger: 0, minFraction: 0.96, maxThrottled: 0.03 },
    { processes: 3, pages: 800, stagger: 37, minFraction: 0.93, maxThrottled: 0.02 },
  ];
  for (const { processes, pages, stagger, minFraction, maxThrottled } of cases) {
    const start = stagger === 0 ? "together" : `${stagger} ms apart`;
    it(`${processes} limiters x ${pages} calls, started ${start}: >= ${minFraction} of the limit, <= ${maxThrottled * 100}% throttled, each call once`, async function () {
      this.timeout(60_000);
      const clock = new VirtualClock();
      const run = await simulateProcesses(clock, () => new WindowRateLimiter(clock, 50), { processes, pages, startAt: (i) => i * stagger });
      assert.equal(run.admitted, processes * pages, "every page admitted exactly once");
      const throttledShare = run.throttled / run.sent;
      assert.ok(run.fraction >= minFraction, `fraction of the limit ${run.fraction.toFixed(3)}`);
      assert.ok(throttledShare <= maxThrottled, `throttled ${(100 * throttledShare).toFixed(2)}% (${run.throttled} of ${run.sent})`);
      assert.ok(run.peak <= 50);
    });
  }
});

/**
 * `simulate` run with seeds 1 to `seeds`, each run's pages admitted exactly once (`pages` in all)
 * and never more than 50 in a second: the fraction of the limit of each run, and the means.
 */
async function overSeeds(seeds: number, pages: number, simulate: (clock: VirtualClock) => Promise<SimulatedProcesses>): Promise<{
  fractions: number[]; fraction: number; throttledShare: number;
}> {
  const fractions: number[] = [];
  let throttledShares = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const run = await simulate(new VirtualClock({ seed }));
    assert.equal(run.admitted, pages, `seed ${seed}: every page admitted exactly once`);
    assert.ok(run.peak <= 50);
    fractions.push(run.fraction);
    throttledShares += run.throttled / run.sent;
  }
  return { fractions, fraction: fractions.reduce((sum, f) => sum + f, 0) / seeds, throttledShare: throttledShares / seeds };
}

describe("uncoordinated processes on a busy machine (simulated: 20 ms of jitter, 12 seeds per case)", () => {
  // Answers and throttles come back late and unevenly here, and processes start up to 20 ms apart.
  // Means over the seeds: 3 x 150 0.839 of the limit with 2.75% throttled, 10 x 120 0.959 with 2.52%,
  // 10 x 240 0.942 with 2.29% (anchoring answers at half the round trip: 0.826 / 2.75%, 0.929 /
  // 2.62%, 0.912 / 2.40%; with the per-answer slow start and CUBIC after every throttle: 0.736 /
  // 3.47%, 0.736 / 6.33%, 0.833 / 5.31%). Real processes (test:quota's setup, 2 cores): 3 x 150
  // 0.85-0.87, close to this; 10 x 120 0.76-0.97, mean 0.90, with about 3.25%, further from it: there
  // the emulator answers throttles up to 135 ms late and the ramps' timers fire late, the shares come
  // out a place apart, a probe that lands where another's place has just left takes it, and the
  // process holding the fewest trails (it finds the room the others left only at its next probe, up
  // to 10 s later). The bounds guard these means.
  const cases = [
    { processes: 3, pages: 150, minFraction: 0.82, maxThrottled: 0.035 },
    { processes: 10, pages: 120, minFraction: 0.93, maxThrottled: 0.03 },
    { processes: 10, pages: 240, minFraction: 0.91, maxThrottled: 0.03 },
  ];
  for (const { processes, pages, minFraction, maxThrottled } of cases) {
    it(`${processes} limiters x ${pages} calls: mean >= ${minFraction} of the limit, <= ${Math.round(maxThrottled * 100)}% throttled, each call once`, async function () {
      this.timeout(60_000);
      const { fractions, fraction, throttledShare } = await overSeeds(12, processes * pages, (clock) =>
        simulateProcesses(clock, () => new WindowRateLimiter(clock, 50), { processes, pages, startAt: () => Math.floor(clock.random() * 20), jitterMs: 20 }));
      assert.ok(new Set(fractions).size > 1, "the seeds give different runs");
      assert.ok(fraction >= minFraction, `mean fraction of the limit ${fraction.toFixed(3)}`);
      assert.ok(throttledShare <= maxThrottled, `mean throttled ${(100 * throttledShare).toFixed(2)}%`);
    });
  }
});

describe("a fleet of listings of different lengths (simulated, busy machine, 12 seeds per case)", () => {
  // The long listing ends alone: it finds the room the short ones left only by probing, so this
  // guards how soon a probe comes. Means over the seeds: 800 + 200 + 200 calls 0.908 of the limit
  // with 1.20% throttled, 1,500 + 300 0.938 with 0.73%. Tried: each probe in a row that found no
  // room doubling the wait for the next (up to 10 s) cut the throttles (0.89% and 0.48%) but left
  // the room free longer (0.783 and 0.904); a factor of 1.25 still gave 0.883 and 0.930.
  const cases = [
    { pages: [800, 200, 200], minFraction: 0.88, maxThrottled: 0.02 },
    { pages: [1500, 300], minFraction: 0.92, maxThrottled: 0.015 },
  ];
  for (const { pages, minFraction, maxThrottled } of cases) {
    it(`${pages.join(" + ")} calls: mean >= ${minFraction} of the limit, <= ${maxThrottled * 100}% throttled, each call once`, async function () {
      this.timeout(60_000);
      const { fraction, throttledShare } = await overSeeds(12, pages.reduce((sum, n) => sum + n, 0), (clock) =>
        simulateProcesses(clock, () => new WindowRateLimiter(clock, 50),
          { processes: pages.length, pages: (i) => pages[i] as number, startAt: () => Math.floor(clock.random() * 20), jitterMs: 20 }));
      assert.ok(fraction >= minFraction, `mean fraction of the limit ${fraction.toFixed(3)}`);
      assert.ok(throttledShare <= maxThrottled, `mean throttled ${(100 * throttledShare).toFixed(2)}%`);
    });
  }
});

describe("a listing that starts while others fill the window (simulated, busy machine)", () => {
  // 10 limiters x 300 calls, the last started 5 s after the others, 8 seeds: mean 0.886 of the
  // limit with 3.01% throttled, the worst seed 0.829. Before a client left with no call in its
  // window kept a lost place unused, and stopped counting a single place's losses toward pacing:
  // 0.823 / 2.86%, the late listing re-ramping each time its one place came back and pacing for good
  // after four places lost at once; with only the first of those, 0.737 in one seed (paced for good
  // after losses about a second apart).
  it("10 limiters, the last 5 s late: mean >= 0.86 of the limit, <= 3.5% throttled, each call once", async function () {
    this.timeout(60_000);
    const { fraction, throttledShare } = await overSeeds(8, 10 * 300, (clock) => simulateProcesses(clock, () => new WindowRateLimiter(clock, 50),
      { processes: 10, pages: 300, startAt: (i) => (i === 9 ? 5000 : Math.floor(clock.random() * 20)), jitterMs: 20 }));
    assert.ok(fraction >= 0.86, `mean fraction of the limit ${fraction.toFixed(3)}`);
    assert.ok(throttledShare <= 0.035, `mean throttled ${(100 * throttledShare).toFixed(2)}%`);
  });
});

describe("LimiterRegistry", () => {
  const request = (quotaKey: string, requestsPerSecond = 50, burst = true): LeaseRequest =>
    ({ quotaKey, requestsPerSecond, burst, redisUrl: null, warn: () => undefined });

  it("a Redis fallback's warning goes to the listings running when it happens, not to the first, which has ended", async () => {
    const registry = new LimiterRegistry(new FakeClock({ realTime: true, advanceOnSleep: false }));
    const told: string[] = [];
    // Port 1 on loopback: nothing listens, so the first call falls back.
    const lease = (name: string) => registry.lease({ ...request("AK-redis"), redisUrl: "redis://127.0.0.1:1", warn: () => told.push(name) });
    const first = lease("first");
    const second = lease("second");
    first.release();
    const third = lease("third");
    await second.limiter.acquire();
    assert.deepEqual(told.sort(), ["second", "third"]);
    second.release();
    third.release();
  });

  it("a quota's local limiter that learnt nothing is forgotten IDLE_FORGET_MS after its last listing ended, not kept for every key ever used", async () => {
    const clock = new FakeClock();
    const registry = new LimiterRegistry(clock);
    const kept = registry.lease(request("AK-busy"));
    for (let i = 0; i < 100; i++) registry.lease(request(`STS.assumed${i}`)).release();
    assert.equal(registry.size, 101);
    clock.time += IDLE_FORGET_MS - 1;
    const again = registry.lease(request("STS.assumed0"));
    assert.equal(registry.size, 101, "not yet");
    again.release();
    clock.time += 1;
    registry.lease(request("AK-other")).release();
    assert.equal(registry.size, 3, "the busy key's, the one used again and the new one");
    assert.equal(registry.lease(request("AK-busy")).limiter, kept.limiter, "a key in use is kept");
    // A limiter the service throttled is kept: its share and paced mode still hold for the key.
    const throttled = registry.lease(request("AK-throttled"));
    const sentAt = await throttled.limiter.acquire();
    throttled.limiter.settle(sentAt, "throttled");
    throttled.release();
    clock.time += 10 * IDLE_FORGET_MS;
    registry.lease(request("AK-other2")).release();
    const again2 = registry.lease(request("AK-throttled"));
    assert.equal(again2.limiter, throttled.limiter);
    again2.release();
    // ... for a while, not for good: a process listing under a new key now and then (an STS
    // AccessKeyId per role session) kept ~1 KB for every key ever throttled.
    clock.time += IDLE_FORGET_THROTTLED_MS;
    registry.lease(request("AK-other3")).release();
    assert.notEqual(registry.lease(request("AK-throttled")).limiter, throttled.limiter, "forgotten IDLE_FORGET_THROTTLED_MS after its last listing");
  });

  it("a listing idle between pages after Redis failed under it joins the limiter of a listing of its quota that started meanwhile, not its own fallen-back one", async () => {
    const registry = new LimiterRegistry(new FakeClock({ realTime: true, advanceOnSleep: false }));
    // Port 1 on loopback: nothing listens, so the first call falls back.
    const idle: LeaseRequest = { ...request("AK-redis-idle"), redisUrl: "redis://127.0.0.1:1" };
    const first = registry.lease(idle);
    first.limiter.settle(await first.limiter.acquire(), "ok");
    assert.equal((first.limiter as RedisQuotaLimiter).fellBack, true);
    first.release(); // idle between pages: no listing of the quota runs, so the entry goes
    const other = registry.lease({ ...idle }); // another listing of the quota: Redis again
    assert.notEqual(other.limiter, first.limiter);
    // Taking back its fallen-back limiter now would make two limiters of one quota in this
    // process, neither seeing the other's calls: together up to twice the limit.
    const again = registry.lease(idle);
    assert.equal(again.limiter, other.limiter);
    assert.equal(registry.size, 1);
    again.release();
    other.release();
  });

  it("a listing that joined a fallen-back quota is told once, also when it lets go of its lease between pages and takes it again", async () => {
    const registry = new LimiterRegistry(new FakeClock({ realTime: true, advanceOnSleep: false }));
    const told: string[] = [];
    // Port 1 on loopback: nothing listens, so the first call falls back.
    const running = registry.lease({ ...request("AK-redis-told"), redisUrl: "redis://127.0.0.1:1", warn: (message) => told.push(`running: ${message}`) });
    running.limiter.settle(await running.limiter.acquire(), "ok");
    const pages: LeaseRequest = { ...request("AK-redis-told"), redisUrl: "redis://127.0.0.1:1", warn: (message) => told.push(`pages: ${message}`) };
    for (let page = 0; page < 3; page++) registry.lease(pages).release(); // a paginate, idle between pages
    assert.equal(told.length, 2, told.join("\n"));
    assert.match(told[1] as string, /^pages: .*failed while other listings of this quota ran in this process/);
    running.release();
  });

  it("the warning to a listing that joins a fallen-back quota masks the Redis URL's password", async () => {
    const registry = new LimiterRegistry(new FakeClock({ realTime: true, advanceOnSleep: false }));
    const told: string[] = [];
    // Port 1 on loopback: nothing listens, so the first call falls back.
    const redisUrl = "redis://quota-user:hunter2@127.0.0.1:1";
    const running = registry.lease({ ...request("AK-redis-masked"), redisUrl, warn: (message) => told.push(message) });
    running.limiter.settle(await running.limiter.acquire(), "ok");
    const joining = registry.lease({ ...request("AK-redis-masked"), redisUrl, warn: (message) => told.push(message) });
    assert.equal(told.length, 2, told.join("\n"));
    assert.match(told[1] as string, /the Redis quota at redis:\/\/\*\*\*:\*\*\*@127\.0\.0\.1:1 failed while other listings/);
    for (const message of told) assert.doesNotMatch(message, /hunter2|quota-user/);
    joining.release();
    running.release();
  });

  it("a quota's limiter idle for a while and then used again is not forgotten while in use: the next listing of the key shares it", () => {
    const clock = new FakeClock();
    const registry = new LimiterRegistry(clock);
    registry.lease(request("AK-back")).release();
    clock.time += 1_000;
    const running = registry.lease(request("AK-back")); // a long listing
    clock.time += IDLE_FORGET_THROTTLED_MS;
    const next = registry.lease(request("AK-back"));
    assert.equal(next.limiter, running.limiter, "one limiter per quota key: two would each spend the whole limit");
    next.release();
    running.release();
  });

  it("a Redis quota takes the lowest requestsPerSecond of its active listings too, and lifts it on release", () => {
    const registry = new LimiterRegistry(new FakeClock());
    // Nothing connects before a call: the rate in force is the quota's limit over its one holder.
    const fast = registry.lease({ ...request("AK-redis-rate", 50), redisUrl: "redis://127.0.0.1:1" });
    assert.equal(fast.limiter.currentRate(), 50);
    const slow = registry.lease({ ...request("AK-redis-rate", 10), redisUrl: "redis://127.0.0.1:1" });
    assert.equal(slow.limiter, fast.limiter);
    assert.equal(fast.limiter.currentRate(), 10, "a listing that asked for 10 calls/s gets at most that, through Redis too");
    slow.release();
    assert.equal(fast.limiter.currentRate(), 50);
    fast.release();
  });

  it("shares one limiter per quota key, separate per key", () => {
    const registry = new LimiterRegistry(new FakeClock());
    const a = registry.lease(request("AK1"));
    const b = registry.lease(request("AK1"));
    const c = registry.lease(request("AK2"));
    assert.equal(a.limiter, b.limiter);
    assert.notEqual(a.limiter, c.limiter);
  });

  it("two listings on one key together stay under the limit", async () => {
    const clock = new VirtualClock();
    const registry = new LimiterRegistry(clock);
    const one = registry.lease(request("AK"));
    const two = registry.lease(request("AK"));
    const service = new SimulatedService(50);
    const runs = [one, two].map((lease) => simulateListing(clock, lease.limiter, service, { pages: 150, workers: 50, latencyMs: 20 }));
    await clock.run();
    const sends = (await Promise.all(runs)).flatMap((r) => r.sends);
    assert.equal(service.throttled, 0);
    assert.ok(peakIn(sends, GUARDED_WINDOW) <= 50);
  });

  it("the lowest requestsPerSecond and the polite mode of any active listing win, and are lifted on release", () => {
    const registry = new LimiterRegistry(new FakeClock());
    const fast = registry.lease(request("AK"));
    const slow = registry.lease(request("AK", 5, false));
    const limiter = fast.limiter as WindowRateLimiter;
    assert.equal(limiter.maxRequestsPerSecond, 5);
    assert.equal(limiter.isBursting, false);
    slow.release();
    slow.release(); // idempotent
    assert.equal(limiter.maxRequestsPerSecond, 50);
    assert.equal(limiter.isBursting, true);
  });

  it("a second release of one lease changes nothing (it does not drop another listing's lease)", () => {
    const registry = new LimiterRegistry(new FakeClock());
    const fast = registry.lease(request("AK"));
    const slow = registry.lease(request("AK", 5));
    registry.lease(request("AK", 20));
    const limiter = fast.limiter as WindowRateLimiter;
    slow.release();
    assert.equal(limiter.maxRequestsPerSecond, 20);
    slow.release();
    assert.equal(limiter.maxRequestsPerSecond, 20, "the 20 calls/s listing still holds its lease");
  });

  it("a local limiter keeps its settings after its last listing ends (what it learnt still holds)", () => {
    const registry = new LimiterRegistry(new FakeClock());
    const only = registry.lease(request("AK", 20, false));
    const limiter = only.limiter as WindowRateLimiter;
    only.release();
    assert.equal(limiter.maxRequestsPerSecond, 20);
    assert.equal(limiter.isBursting, false);
    assert.equal(registry.lease(request("AK")).limiter, limiter, "the same limiter serves the key's next listing");
  });

  it("one limiter per quota key and Redis URL: another URL, or none, is another quota", () => {
    const registry = new LimiterRegistry(new FakeClock());
    const viaA = registry.lease({ ...request("AK"), redisUrl: "redis://127.0.0.1:1/0" });
    const viaB = registry.lease({ ...request("AK"), redisUrl: "redis://127.0.0.1:1/1" });
    const local = registry.lease(request("AK"));
    assert.notEqual(viaA.limiter, viaB.limiter);
    assert.notEqual(viaA.limiter, local.limiter);
    assert.notEqual(viaB.limiter, local.limiter);
    assert.equal(registry.lease({ ...request("AK"), redisUrl: "redis://127.0.0.1:1/0" }).limiter, viaA.limiter);
  });

  it("the last listing of a Redis quota closes its limiter (no connection, no warning after) and forgets it", async () => {
    const warnings: string[] = [];
    const registry = new LimiterRegistry(new FakeClock());
    // Port 1 on loopback refuses at once: an open limiter would warn and fall back.
    const shared = { ...request("AK"), redisUrl: "redis://127.0.0.1:1", warn: (message: string) => { warnings.push(message); } };
    const first = registry.lease(shared);
    first.release();
    const second = registry.lease(shared);
    assert.notEqual(second.limiter, first.limiter, "a new listing gets a new limiter");
    second.release();
    await first.limiter.acquire();
    assert.deepEqual(warnings, [], "a closed limiter neither connects nor warns");
  });

  it("once throttled while paced, allowing bursts again keeps the limiter paced", async () => {
    const limiter = new WindowRateLimiter(new FakeClock(), 50, false);
    const sentAt = await limiter.acquire();
    limiter.settle(sentAt, "throttled");
    limiter.setBurst(true);
    assert.equal(limiter.isBursting, false, "the service pushed back: no more bursts for this key");
    const fresh = new WindowRateLimiter(new FakeClock(), 50, false);
    fresh.setBurst(true);
    assert.equal(fresh.isBursting, true, "never throttled: bursts allowed again");
  });

  it("throttled at the end of its ramp (holding), then made polite and allowed bursts again, the limiter stays paced", async () => {
    const clock = new VirtualClock();
    const limiter = new WindowRateLimiter(clock, 50, true, 1, NO_ANSWER_CAP);
    const [a, , c] = await acquireMany(clock, limiter, 3) as [number, number, number];
    clock.time = 100;
    limiter.settle(a, "ok");
    limiter.settle(c, "throttled");
    assert.equal(limiter.heldPlaces, 2);
    limiter.setBurst(false); // a polite listing joined the key
    assert.equal(limiter.isBursting, false);
    limiter.setBurst(true); // and ended
    assert.equal(limiter.isBursting, false, "the service pushed back at the ramp's end: no new ramp for this key");
  });

  it("the system-clock registry lives on globalThis under a Symbol.for key (shared by package copies)", () => {
    const registry = limiterRegistryFor(systemClock);
    const holder = globalThis as Record<symbol, unknown>;
    assert.equal(holder[Symbol.for("pulumi-alicloud-live-message-groups/limiter-registry/v2")], registry);
    assert.equal(limiterRegistryFor(systemClock), registry, "made once, then reused");
    const clock = new FakeClock();
    assert.notEqual(limiterRegistryFor(clock), registry);
    assert.equal(limiterRegistryFor(clock), limiterRegistryFor(clock));
  });
});

describe("defaultDeadlineMs", () => {
  it("is max(5 minutes, 3 x pages / rate), at most one day", () => {
    assert.equal(defaultDeadlineMs(20, 50), 300_000);
    assert.equal(defaultDeadlineMs(10_000, 50), 600_000);
    assert.equal(defaultDeadlineMs(10_000, 10), 3_000_000);
    assert.equal(defaultDeadlineMs(10_000, 0.5), 60_000_000);
    assert.equal(defaultDeadlineMs(20_000, 0.5), 86_400_000);
  });
});
