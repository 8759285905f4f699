import assert from "node:assert/strict";
import { LimiterRegistry, limiterRegistryFor } from "../../sdk/limiterRegistry";
import {
  AdaptiveRateLimiter, MIN_GAP_MARGIN, MIN_REQUESTS_PER_SECOND, RATE_SAFETY_MARGIN, RECOVERY_FRACTION_PER_SECOND, THROTTLE_DECREASE_FACTOR,
} from "../../sdk/rateLimiter";
import { systemClock } from "../../sdk/systemClock";
import { FakeClock, VirtualClock } from "./fakeClock";

/** Largest number of slots in any half-open window [t, t + 1000). */
function peakPerSecond(slots: readonly number[]): number {
  let peak = 0;
  let start = 0;
  for (let end = 0; end < slots.length; end++) {
    while ((slots[end] as number) - (slots[start] as number) >= 1000) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

describe("AdaptiveRateLimiter", () => {
  it("spaces concurrent acquirers evenly at rate * margin, never bursting", async () => {
    const clock = new VirtualClock();
    const limiter = new AdaptiveRateLimiter(clock, 50);
    const pending = Array.from({ length: 500 }, () => limiter.acquire());
    await clock.run();
    const sends = await Promise.all(pending);
    const gap = 1000 / (50 * RATE_SAFETY_MARGIN);
    for (let i = 1; i < sends.length; i++) assert.ok(Math.abs((sends[i] as number) - (sends[i - 1] as number) - gap) < 1e-6);
    assert.ok(peakPerSecond(sends) <= 50 && peakPerSecond(sends) >= 45);
  });

  it("after a stalled timer the overdue sends keep the minimum gap instead of bursting", async () => {
    const clock = new VirtualClock();
    const limiter = new AdaptiveRateLimiter(clock, 50);
    const pending = Array.from({ length: 300 }, () => limiter.acquire());
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    clock.lateMs(200); // the event loop stalls: ten slots are overdue at once
    await clock.run();
    const sends = await Promise.all(pending);
    const minGap = 1000 / (50 * MIN_GAP_MARGIN);
    for (let i = 1; i < sends.length; i++) assert.ok((sends[i] as number) - (sends[i - 1] as number) >= minGap - 1e-6, `gap ${i}`);
    assert.ok(peakPerSecond(sends) <= 50);
  });

  it("does not bank idle time: after a pause the next sends are spaced again", async () => {
    const clock = new VirtualClock();
    const limiter = new AdaptiveRateLimiter(clock, 10);
    const first = limiter.acquire();
    await clock.run();
    await first;
    clock.time += 60_000;
    const start = clock.time;
    const pending = Array.from({ length: 3 }, () => limiter.acquire());
    await clock.run();
    const sends = await Promise.all(pending);
    const gap = 1000 / (10 * RATE_SAFETY_MARGIN);
    sends.forEach((send, i) => assert.ok(Math.abs(send - start - i * gap) < 1e-6, `send ${i}`));
  });

  it("halves on throttling once per burst, then recovers linearly to the configured rate", () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveRateLimiter(clock, 50);
    const sentAt = clock.time;
    clock.time += 10;
    limiter.recordThrottle(sentAt);
    assert.equal(limiter.currentRate(), 50 * THROTTLE_DECREASE_FACTOR);
    limiter.recordThrottle(sentAt); // same burst: sent before the decrease
    assert.equal(limiter.currentRate(), 25);
    clock.time += 1000;
    assert.equal(limiter.currentRate(), 25 + 50 * RECOVERY_FRACTION_PER_SECOND);
    limiter.recordThrottle(clock.time); // a new throttle after the decrease counts
    assert.equal(limiter.currentRate(), 15);
    clock.time += 60_000;
    assert.equal(limiter.currentRate(), 50);
  });

  it("never drops below the minimum rate", () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveRateLimiter(clock, 2);
    for (let i = 0; i < 20; i++) {
      clock.time += 1;
      limiter.recordThrottle(clock.time);
    }
    assert.equal(limiter.currentRate(), MIN_REQUESTS_PER_SECOND);
  });

  it("an aborted wait rejects with the signal's reason", async () => {
    const clock = new FakeClock({ advanceOnSleep: false });
    const limiter = new AdaptiveRateLimiter(clock, 1);
    await limiter.acquire();
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await assert.rejects(limiter.acquire(controller.signal), /stop/);
  });
});

describe("LimiterRegistry", () => {
  it("shares one limiter per AccessKeyId, separate per key", () => {
    const registry = new LimiterRegistry(new FakeClock());
    const a = registry.lease("AK1", 50);
    const b = registry.lease("AK1", 50);
    const c = registry.lease("AK2", 50);
    assert.equal(a.limiter, b.limiter);
    assert.notEqual(a.limiter, c.limiter);
  });

  it("two listings on one key together stay under the limit", async () => {
    const clock = new VirtualClock();
    const registry = new LimiterRegistry(clock);
    const one = registry.lease("AK", 50);
    const two = registry.lease("AK", 50);
    const pending = Array.from({ length: 300 }, (_, i) => (i % 2 === 0 ? one : two).limiter.acquire());
    await clock.run();
    const slots = await Promise.all(pending);
    assert.ok(peakPerSecond(slots.sort((x, y) => x - y)) <= 50);
  });

  it("the lowest requestsPerSecond among active listings wins, and is lifted on release", () => {
    const registry = new LimiterRegistry(new FakeClock());
    const fast = registry.lease("AK", 50);
    const slow = registry.lease("AK", 5);
    assert.equal(fast.limiter.maxRequestsPerSecond, 5);
    slow.release();
    slow.release(); // idempotent
    assert.equal(fast.limiter.maxRequestsPerSecond, 50);
  });

  it("the system-clock registry lives on globalThis under a Symbol.for key (shared by package copies)", () => {
    const registry = limiterRegistryFor(systemClock);
    const holder = globalThis as Record<symbol, unknown>;
    assert.equal(holder[Symbol.for("pulumi-alicloud-live-message-groups/limiter-registry/v1")], registry);
    const clock = new FakeClock();
    assert.notEqual(limiterRegistryFor(clock), registry);
    assert.equal(limiterRegistryFor(clock), limiterRegistryFor(clock));
  });
});
