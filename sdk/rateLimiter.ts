import type { Clock } from "./types";

/** Default client-side limit: the service's documented 50 calls per second per account. */
export const DEFAULT_REQUESTS_PER_SECOND = 50;
/**
 * Fraction of the configured rate actually used. The service (and the emulator) count calls in a
 * sliding 1000 ms window at arrival; sends spaced exactly 1000/50 ms apart would put the 51st call
 * at 1000 ms, where any network or event-loop jitter tips it into the window. At 0.96, 50 gaps
 * span 1041 ms: 41 ms of jitter tolerance for 4% of throughput.
 */
export const RATE_SAFETY_MARGIN = 0.96;
/**
 * Fraction of the rate used for the minimum gap between ACTUAL sends. The schedule above runs at
 * RATE_SAFETY_MARGIN, but a stalled event loop fires overdue timers together; without this floor
 * those sends would bunch and put 51 calls into one window. At 0.97, 50 gaps span at least
 * 1031 ms whatever the timers do (31 ms for jitter on the way and at the server), and a limiter
 * that fell behind its schedule catches up only slowly (0.2 ms per send), instead of sending at
 * the bare limit while behind.
 */
export const MIN_GAP_MARGIN = 0.97;
/** Multiplicative decrease of the send rate when the service throttles us. */
export const THROTTLE_DECREASE_FACTOR = 0.5;
/** Recovery: fraction of the configured rate regained per second without throttling (linear). */
export const RECOVERY_FRACTION_PER_SECOND = 0.1;
/** The rate never drops below this many calls per second, so a listing always progresses. */
export const MIN_REQUESTS_PER_SECOND = 0.5;

/**
 * Paces sends by minimum spacing (not a bursty token bucket): each caller reserves the next free
 * slot, at least 1000 / (rate * margin) ms after the previous one. On throttling the rate halves
 * (once per burst: only throttles of requests sent after the last decrease count) and then grows
 * back linearly to the configured rate, so several processes sharing one account settle under the
 * limit instead of storming it.
 */
export class AdaptiveRateLimiter {
  private maxRate: number;
  private rateAfterDecrease: number;
  private lastDecreaseAt = Number.NEGATIVE_INFINITY;
  private nextSlot = Number.NEGATIVE_INFINITY;
  private lastSend = Number.NEGATIVE_INFINITY;

  constructor(private readonly clock: Clock, maxRequestsPerSecond: number = DEFAULT_REQUESTS_PER_SECOND) {
    this.maxRate = maxRequestsPerSecond;
    this.rateAfterDecrease = maxRequestsPerSecond;
  }

  /** The configured ceiling, in calls per second. */
  get maxRequestsPerSecond(): number {
    return this.maxRate;
  }

  /** Changes the ceiling (the registry passes the lowest rate among active listings). */
  setMaxRequestsPerSecond(requestsPerSecond: number): void {
    this.maxRate = requestsPerSecond;
  }

  /** The rate in force at `now`: the ceiling, or less while recovering from throttling. */
  currentRate(now: number = this.clock.now()): number {
    const recovered = this.rateAfterDecrease +
      (this.maxRate * RECOVERY_FRACTION_PER_SECOND * (now - this.lastDecreaseAt)) / 1000;
    return Math.max(MIN_REQUESTS_PER_SECOND, Math.min(this.maxRate, recovered));
  }

  /**
   * Waits for the next send slot and returns the send time. The slot is reserved synchronously
   * (concurrent callers get distinct slots); on waking, the send also keeps the minimum gap after
   * the previous actual send (one extra wait at most: real timers never fire much early).
   */
  async acquire(signal?: AbortSignal): Promise<number> {
    const now = this.clock.now();
    const slot = Math.max(now, this.nextSlot);
    const rate = this.currentRate(slot);
    this.nextSlot = slot + 1000 / (rate * RATE_SAFETY_MARGIN);
    if (slot > now) await this.clock.sleep(slot - now, signal);
    const woke = this.clock.now();
    const earliest = this.lastSend + 1000 / (rate * MIN_GAP_MARGIN);
    if (woke < earliest) {
      this.lastSend = earliest;
      await this.clock.sleep(earliest - woke, signal);
      return earliest;
    }
    this.lastSend = woke;
    return woke;
  }

  /** The service throttled a request sent at `sentAt` (the slot `acquire` returned). */
  recordThrottle(sentAt: number): void {
    if (sentAt < this.lastDecreaseAt) return;
    const now = this.clock.now();
    this.rateAfterDecrease = Math.max(MIN_REQUESTS_PER_SECOND, this.currentRate(now) * THROTTLE_DECREASE_FACTOR);
    this.lastDecreaseAt = now;
  }
}
