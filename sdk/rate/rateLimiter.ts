import { ArrivalBound } from "./arrivalBound";
import { CubicRate } from "./cubicRate";
import type { Clock } from "../types";

/** Default client-side limit: the service's documented 50 calls per second per account. */
export const DEFAULT_REQUESTS_PER_SECOND = 50;
/** The rate never drops below this many calls per second, so a listing always progresses. */
export const MIN_REQUESTS_PER_SECOND = 0.5;
/** The service counts calls in a sliding window of this length, ms. */
export const WINDOW_MS = 1000;
/**
 * Extra length of the window this client keeps its calls in, ms (clock granularity: the window
 * itself is anchored safely, see {@link WindowRateLimiter}).
 */
export const WINDOW_GUARD_MS = 5;
/** Paced sends are spaced 1000 / (rate * PACED_MARGIN) ms apart: 50 gaps span 1031 ms at 50 calls/s. */
export const PACED_MARGIN = 0.97;
/**
 * A burst starts with this many calls in flight and grows by {@link BURST_GROWTH} per call answered
 * without throttling (slow start), so a small listing goes out in a few round trips while processes
 * that start together do not all fire the whole window at once.
 */
export const INITIAL_BURST_IN_FLIGHT = 8;
/**
 * Calls in flight added per call answered during a burst: x1.5 per round trip. When processes that
 * start together fill the service's window, the calls each has in flight at that moment are
 * throttled; growing by 1 (doubling) made that overshoot about as large as the window itself
 * (simulated, 3 processes: 56 throttled calls against 27 at 0.5).
 */
export const BURST_GROWTH = 0.5;

/**
 * While bursting, consecutive calls leave at least this many ms apart (at most 500 calls/s). A
 * throttle's answer comes back at once, so a burst into a window that other processes have filled
 * stops after a call or two instead of after every call the burst allows in flight: simulated, 3
 * processes starting together had 39 calls throttled in their first burst without it, 3 with it
 * (10 processes: 102 and 10). It costs a 20-page listing about 20 ms.
 */
export const BURST_GAP_MS = 2;

/** What a listing holds to pace its calls: the local limiter below, or the Redis-shared quota. */
export interface QuotaLimiter {
  /** Waits until a call may be sent; returns the send time (clock ms), to hand back to `settle`. */
  acquire(signal?: AbortSignal): Promise<number>;
  /** The call sent at `sentAt` ended: answered, throttled by the service, or failed otherwise. */
  settle(sentAt: number, outcome: CallOutcome): void;
  /** The rate in force, calls per second (the listing deadline is derived from it). */
  currentRate(): number;
}

/** How a paced call ended. */
export type CallOutcome = "ok" | "throttled" | "failed";

/** A call of this client that may still count in the service's window. */
interface WindowCall {
  /** The send time while in flight; once answered, the latest time the service can have counted it. */
  at: number;
  /** When the answer came back; undefined while the call is in flight. */
  answeredAt?: number;
}

interface Waiter {
  readonly resolve: (sentAt: number) => void;
  readonly reject: (reason: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

/**
 * One process's limiter for one quota key, with no coordination beyond the service's answers.
 *
 * Window burst (default): the service admits `limit` calls in any sliding second, so while this
 * client's last second holds fewer calls than that, a call goes at once (a 20-page listing is out in
 * two round trips); when the window is full, the next call waits until the oldest call leaves it.
 * An answered call is anchored in the window at the latest time the service can have counted it
 * ({@link ArrivalBound}: its answer minus half the fastest round trip), not when it was sent: the
 * service counts it when it arrives, which is somewhere in between, and a burst queues at the
 * service, so the last calls of a burst arrive well after they were sent (measured against the
 * emulator: 30 ms of guard on send times was not enough). The answer itself, the anchor once the
 * service has throttled this key, costs a whole latency per window (50 calls per 1,050 ms at 50 ms
 * latency); the estimate half of it. A call still in flight counts as in the window. Throttled
 * calls leave it at once, since the service did not count them.
 * The calls in flight during a burst grow by slow start from {@link INITIAL_BURST_IN_FLIGHT}, and
 * leave {@link BURST_GAP_MS} apart.
 *
 * Paced (the polite mode, and for good once the service throttled this key): sends are also spaced
 * evenly at the rate in force, which {@link CubicRate} lowers on throttling and regrows, so several
 * uncoordinated processes settle near the shared limit.
 *
 * Sends are released in arrival order by one pump, and each is recorded at the time it really left,
 * so a stalled event loop cannot squeeze extra calls into a window.
 */
export class WindowRateLimiter implements QuotaLimiter {
  private readonly rate: CubicRate;
  private readonly arrivalBound: ArrivalBound;
  /**
   * This client's calls that may still count in the service's window, ascending by `at`: the send
   * time while in flight, the anchor once answered.
   */
  private readonly calls: WindowCall[] = [];
  private readonly queue: Waiter[] = [];
  private pumping = false;
  private pumpSleep: AbortController | null = null;
  private bursting: boolean;
  private burstAllowed: boolean;
  private inFlight = 0;
  private burstInFlight = INITIAL_BURST_IN_FLIGHT;
  private lastSend = Number.NEGATIVE_INFINITY;
  private lastDecreaseAt = Number.NEGATIVE_INFINITY;
  /** No call leaves before this time: the window a throttle revealed full has not rolled over yet. */
  private holdUntil = Number.NEGATIVE_INFINITY;

  /** `arrivalRampCalls`: see {@link ArrivalBound} (tests pass 1 to see the estimate in full at once). */
  constructor(private readonly clock: Clock, maxRequestsPerSecond: number = DEFAULT_REQUESTS_PER_SECOND, burst = true,
    arrivalRampCalls?: number) {
    this.arrivalBound = new ArrivalBound(arrivalRampCalls);
    this.rate = new CubicRate(maxRequestsPerSecond, MIN_REQUESTS_PER_SECOND);
    this.burstAllowed = burst;
    this.bursting = burst;
  }

  /** The configured ceiling, in calls per second. */
  get maxRequestsPerSecond(): number {
    return this.rate.maxRate;
  }

  /** True while the limiter spends the window's budget at once (false: paced). */
  get isBursting(): boolean {
    return this.bursting;
  }

  /** Changes the ceiling (the registry passes the lowest rate among active listings). */
  setMaxRequestsPerSecond(requestsPerSecond: number): void {
    this.rate.setCeiling(requestsPerSecond);
  }

  /** Allows or forbids bursts (the registry forbids them while any active listing asked for the polite mode). */
  setBurst(burst: boolean): void {
    this.burstAllowed = burst;
    if (!burst) this.bursting = false;
    else if (!this.rate.throttled) this.bursting = true;
  }

  currentRate(now: number = this.clock.now()): number {
    return this.rate.rate(now);
  }

  acquire(signal?: AbortSignal): Promise<number> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<number>((resolve, reject) => {
      const waiter: Waiter = {
        resolve, reject, signal,
        onAbort: () => {
          const index = this.queue.indexOf(waiter);
          if (index >= 0) this.queue.splice(index, 1);
          // Nobody left to wake: end the pump's timer so it keeps no process alive.
          if (this.queue.length === 0) this.pumpSleep?.abort();
          reject(signal?.reason);
        },
      };
      signal?.addEventListener("abort", waiter.onAbort, { once: true });
      this.queue.push(waiter);
      void this.pump();
    });
  }

  settle(sentAt: number, outcome: CallOutcome): void {
    // Clamped: calls acquired elsewhere (a Redis quota that fell back to this limiter) settle here too.
    this.inFlight = Math.max(0, this.inFlight - 1);
    const now = this.clock.now();
    const index = this.calls.findIndex((call) => call.answeredAt === undefined && call.at === sentAt);
    if (index >= 0) {
      this.calls.splice(index, 1);
      if (outcome !== "throttled") this.insertAnswered(now - this.arrivalBound.backMs(sentAt, now, outcome), now);
    } else {
      this.arrivalBound.backMs(sentAt, now, outcome);
    }
    if (outcome === "ok" && this.bursting) this.burstInFlight += BURST_GROWTH;
    if (outcome === "throttled" && sentAt >= this.lastDecreaseAt) {
      // Once per congestion event: throttles of calls sent before the last decrease are its echo.
      this.rate.onThrottle(now, this.measuredRate(now));
      this.lastDecreaseAt = now;
      this.bursting = false;
      // The service's window is full now. It frees no earlier than this client's own oldest call in
      // it leaves (the others' calls are not known; after a burst they are as old as ours): sends
      // before that would only be throttled too, and each would cut the rate again. While paced,
      // the oldest call is about a second old, so this holds for a few ms at most. From its answer,
      // not its anchor: the others' calls may have been counted as late as that.
      const oldest = this.calls.find((call) => call.answeredAt !== undefined)?.answeredAt;
      this.holdUntil = oldest === undefined ? now : oldest + WINDOW_MS + WINDOW_GUARD_MS;
    }
    // A pump that stopped at the burst's in-flight cap resumes; a sleeping one needs no early wake
    // (a settle never makes the next send earlier, except through that cap).
    void this.pump();
  }

  /** Places an answered call in `calls` by its anchor time, keeping the ascending order. */
  private insertAnswered(at: number, answeredAt: number): void {
    let position = this.calls.length;
    while (position > 0 && (this.calls[position - 1] as WindowCall).at > at) position--;
    this.calls.splice(position, 0, { at, answeredAt });
  }

  /**
   * Calls answered in the last second (or still in flight) that the service did not throttle: this client's share of the
   * service's full window when it pushed back. Every client cutting to a fraction of its own share
   * cuts the total to that fraction of the limit, whatever the number of clients.
   */
  private measuredRate(now: number): number {
    const from = now - WINDOW_MS;
    let count = 0;
    // Throttled calls already left `calls`: what is left is what the service admitted (or may have).
    for (const { answeredAt } of this.calls) if (answeredAt === undefined || answeredAt > from) count++;
    return count;
  }

  /**
   * The earliest time the next call may leave, or Infinity until an answer comes back (the burst's
   * calls in flight are at their cap, or the window is full of calls still in flight).
   */
  private earliest(now: number): number {
    const window = WINDOW_MS + WINDOW_GUARD_MS;
    let drop = 0;
    while (drop < this.calls.length && (this.calls[drop] as WindowCall).answeredAt !== undefined &&
      (this.calls[drop] as { at: number }).at <= now - window) drop++;
    if (drop > 0) this.calls.splice(0, drop);
    const rate = this.rate.rate(now);
    // The window holds the configured limit; the adaptive rate works through the pacing gap (a
    // window cap at a small adaptive rate, floored, would lose up to half of it).
    const capacity = Math.max(1, Math.floor(this.rate.maxRate));
    let at = now;
    if (this.calls.length >= capacity) {
      const oldest = this.calls[this.calls.length - capacity] as WindowCall;
      if (oldest.answeredAt === undefined) return Number.POSITIVE_INFINITY;
      at = Math.max(at, oldest.at + window);
    }
    at = Math.max(at, this.holdUntil);
    if (!this.bursting) at = Math.max(at, this.lastSend + 1000 / (rate * PACED_MARGIN));
    else if (this.inFlight >= this.burstInFlight) return Number.POSITIVE_INFINITY;
    else at = Math.max(at, this.lastSend + BURST_GAP_MS);
    return at;
  }

  /** Releases waiters in order; only one pump runs at a time. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        const now = this.clock.now();
        const at = this.earliest(now);
        if (at === Number.POSITIVE_INFINITY) return; // settle() pumps again
        if (at <= now) {
          const waiter = this.queue.shift() as Waiter;
          waiter.signal?.removeEventListener("abort", waiter.onAbort);
          this.calls.push({ at: now });
          this.lastSend = now;
          this.inFlight++;
          waiter.resolve(now);
          continue;
        }
        this.pumpSleep = new AbortController();
        try {
          await this.clock.sleep(at - now, this.pumpSleep.signal);
        } catch {
          // Woken early by a settle or an abort: look again.
        } finally {
          this.pumpSleep = null;
        }
      }
    } finally {
      this.pumping = false;
    }
  }
}
