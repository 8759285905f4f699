import type { CallOutcome, QuotaLimiter } from "../../sdk/rate/rateLimiter";
import type { VirtualClock } from "./fakeClock";

/** The service's throttle as @alicloud/openapi-client raises it (HTTP 400, Code Throttling.User). */
export function serviceThrottle(): Error {
  return Object.assign(new Error("Throttling.User: Request was denied due to user flow control."), {
    code: "Throttling.User", statusCode: 400,
    data: { Code: "Throttling.User", Message: "Request was denied due to user flow control.", RequestId: "T-1", statusCode: 400 },
  });
}

/**
 * A service's sliding-window limit on virtual time: a call at `t` is admitted when fewer than
 * `limit` admitted calls fall in (t - 1000, t], as the service (and the emulator) count at arrival.
 */
export class SimulatedService {
  readonly admitted: number[] = [];
  throttled = 0;

  constructor(private readonly limit: number) {}

  call(at: number): boolean {
    let inWindow = 0;
    for (let i = this.admitted.length - 1; i >= 0 && (this.admitted[i] as number) > at - 1000; i--) inWindow++;
    if (inWindow >= this.limit) {
      this.throttled++;
      return false;
    }
    this.admitted.push(at);
    return true;
  }

  /** Most admitted calls in any window (t - 1000, t]. */
  peak(): number {
    let peak = 0;
    let start = 0;
    for (let end = 0; end < this.admitted.length; end++) {
      while ((this.admitted[end] as number) - (this.admitted[start] as number) >= 1000) start++;
      peak = Math.max(peak, end - start + 1);
    }
    return peak;
  }
}

/** One simulated listing's figures. */
export interface SimulatedListing {
  readonly sends: number[];
  readonly throttled: number;
  readonly finishedAt: number;
}

/**
 * A listing of `pages` calls through `limiter` against `service`, with `workers` calls in flight at
 * most, `latencyMs` per admitted call (throttled answers come back at once, as the emulator's do),
 * and a throttled call retried after full-jitter backoff (base 500 ms), as the sdk's retry policy does.
 * `jitterMs` > 0 models a busy machine, as test:quota's processes share 2 cores with the emulator:
 * each call reaches the service 1-3 ms after it left, an admitted call's answer takes up to
 * `jitterMs` longer than `latencyMs`, and a throttle's answer 1 to `jitterMs` ms (all uniform, from
 * the clock's seeded randomness). The deterministic model lets every process start in lockstep and
 * share the first window evenly; real processes do not, and the unequal shares persist.
 */
export async function simulateListing(
  clock: VirtualClock, limiter: QuotaLimiter, service: SimulatedService,
  { pages, workers, latencyMs, startAt = 0, jitterMs = 0 }: { pages: number; workers: number; latencyMs: number; startAt?: number; jitterMs?: number },
): Promise<SimulatedListing> {
  if (startAt > 0) await clock.sleep(startAt);
  const sends: number[] = [];
  let throttled = 0;
  let next = 0;
  const worker = async (upTo: number): Promise<void> => {
    while (next < upTo) {
      next++;
      for (let attempt = 1; ; attempt++) {
        const sentAt = await limiter.acquire();
        sends.push(sentAt);
        if (jitterMs > 0) await clock.sleep(1 + Math.floor(clock.random() * 3));
        const ok = service.call(clock.now());
        const extraMs = jitterMs > 0 ? Math.floor(clock.random() * jitterMs) : 0;
        await clock.sleep(ok ? latencyMs + extraMs : 1 + extraMs);
        const outcome: CallOutcome = ok ? "ok" : "throttled";
        limiter.settle(sentAt, outcome);
        if (ok) break;
        throttled++;
        await clock.sleep(clock.random() * Math.min(20_000, 500 * 2 ** (attempt - 1)));
      }
    }
  };
  // The first page alone (a listing learns its page count from it), then the rest concurrently.
  await worker(1);
  await Promise.all(Array.from({ length: Math.min(workers, pages) }, () => worker(pages)));
  return { sends, throttled, finishedAt: clock.now() };
}

/** What {@link simulateProcesses} measured over all its listings. */
export interface SimulatedProcesses {
  /** Calls the service admitted. */
  readonly admitted: number;
  /** Calls sent, retries included. */
  readonly sent: number;
  readonly throttled: number;
  /** (admitted - the first window's free 50) / (50 x span): the first window is free in a sliding window. */
  readonly fraction: number;
  /** Most admitted calls in any second. */
  readonly peak: number;
}

/**
 * `processes` listings of `pages` calls each (or `pages(i)` for listing i), one fresh limiter each
 * (from `limiter`), sharing one 50 calls/s service at 50 ms latency; `startAt(i)` delays listing i.
 * See {@link simulateListing}.
 */
export async function simulateProcesses(
  clock: VirtualClock, limiter: () => QuotaLimiter,
  { processes, pages, startAt, jitterMs = 0 }: {
    processes: number; pages: number | ((i: number) => number); startAt: (i: number) => number; jitterMs?: number;
  },
): Promise<SimulatedProcesses> {
  const service = new SimulatedService(50);
  const pagesOf = typeof pages === "number" ? () => pages : pages;
  const runs = Array.from({ length: processes }, (_, i) =>
    simulateListing(clock, limiter(), service, { pages: pagesOf(i), workers: 50, latencyMs: 50, startAt: startAt(i), jitterMs }));
  await clock.run();
  const results = await Promise.all(runs);
  const end = Math.max(...results.map((r) => r.finishedAt));
  return {
    admitted: service.admitted.length,
    sent: results.reduce((sum, r) => sum + r.sends.length, 0),
    throttled: service.throttled,
    fraction: (service.admitted.length - 50) / (50 * (end / 1000)),
    peak: service.peak(),
  };
}
