/**
 * Multiplicative decrease on throttling: the rate drops to this fraction of the rate measured when
 * the service pushed back. The AWS SDKs' adaptive retry mode uses 0.7 of the rate it was SENDING;
 * the share measured here counts only calls the service admitted (answered in the last second, or
 * still in flight), so the shares of all clients sum to the limit at most, and a small cut is
 * enough to drain the window. Simulated (3 and 10 processes starting together, 150 and 120 calls
 * each, spaced bursts): this and a plateau of 0.95 reached 0.84 and 0.87 of the limit, where 0.7 and
 * 0.9 reached 0.74 and 0.82, with 1.3% and 4.0% of the calls throttled (1.1% and 3.2%).
 */
export const CUBIC_BETA = 0.9;
/**
 * The plateau of the curve, as a fraction of the rate that proved too much: the rate climbs back to
 * just under where the service pushed back, not to it. Several clients each plateauing at the share
 * they had when the window overflowed would sum to exactly the limit, and any jitter would throttle
 * them again; at 0.95 they linger just under it and probe beyond only after K seconds.
 */
export const CUBIC_PLATEAU = 0.95;
/**
 * Growth of the cubic curve, in calls/s per s^3, for a client whose share was the whole ceiling; a
 * client with a smaller share grows proportionally slower (its `scale` is this x share / ceiling).
 * So K, the time from a throttle to probing beyond the plateau, is the same for every share
 * (cbrt(ceiling x (CUBIC_PLATEAU - CUBIC_BETA) / CUBIC_SCALE): 2.3 s at 50 calls/s), and N clients
 * sharing one quota together grow like one client alone rather than N times as fast. Simulated (10
 * clients, 400 calls each, on virtual time): an unscaled 0.03 throttled 7.3% of the calls, this 4.9-5.9%.
 */
export const CUBIC_SCALE = 0.2;

/**
 * The send rate of one client that shares a quota with clients it cannot see, after CUBIC (RFC 8312)
 * as the AWS SDKs' adaptive retry mode applies it to request rates:
 * - On throttling, take the rate that was too much (the lower of the rate in force and the rate
 *   actually measured), drop to `CUBIC_BETA` x it, and set the plateau `lastMax` to `CUBIC_PLATEAU` x it.
 * - Then follow `scale * (t - K)^3 + lastMax`, with K chosen so the curve starts at the dropped
 *   rate: it climbs fast at first, flattens out at `lastMax` (just under where the last trouble was,
 *   so clients linger under the shared limit instead of storming it) and only probes beyond it after
 *   K seconds without throttling. `scale` is proportional to the share (see {@link CUBIC_SCALE}).
 * Compared with halving and linear recovery, the plateau keeps several clients near the limit
 * together, and the smaller drop loses less throughput per throttle.
 * Pure and clock-free: callers pass `now` (ms), so tests step time.
 */
export class CubicRate {
  private lastMax: number;
  private lastThrottleAt: number | null = null;
  private kSeconds = 0;
  private scale = CUBIC_SCALE;

  /** `ceiling` and `floor` in calls per second; the rate never leaves [floor, ceiling]. */
  constructor(private ceiling: number, private readonly floor: number) {
    this.lastMax = ceiling;
  }

  /** The configured maximum, calls per second. */
  get maxRate(): number {
    return this.ceiling;
  }

  setCeiling(ceiling: number): void {
    this.ceiling = ceiling;
  }

  /** True once the service has throttled this client. */
  get throttled(): boolean {
    return this.lastThrottleAt !== null;
  }

  /** The rate in force at `now` (ms), calls per second. */
  rate(now: number): number {
    if (this.lastThrottleAt === null) return this.ceiling;
    const t = Math.max(0, now - this.lastThrottleAt) / 1000;
    const cubic = this.scale * (t - this.kSeconds) ** 3 + this.lastMax;
    return Math.max(this.floor, Math.min(this.ceiling, cubic));
  }

  /**
   * The service throttled at `now`; `measuredRate` is what this client actually sent over the last
   * second (calls/s). The lower of that and the rate in force is what proved too much.
   */
  onThrottle(now: number, measuredRate: number): void {
    const tooMuch = Math.max(this.floor, Math.min(this.rate(now), measuredRate));
    this.lastMax = Math.max(this.floor, CUBIC_PLATEAU * tooMuch);
    this.scale = (CUBIC_SCALE * tooMuch) / this.ceiling;
    // The curve starts at BETA x tooMuch (or at the floor, when the plateau itself is there).
    this.kSeconds = Math.cbrt((this.lastMax - Math.max(this.floor, CUBIC_BETA * tooMuch)) / this.scale);
    this.lastThrottleAt = now;
  }
}
