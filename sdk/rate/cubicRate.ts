/**
 * Multiplicative decrease on throttling: the rate drops to this fraction of the rate measured when
 * the service pushed back (the AWS SDKs' adaptive retry mode uses the same 0.7).
 */
export const CUBIC_BETA = 0.7;
/**
 * Growth of the cubic curve, in calls/s per s^3. The AWS SDKs use 0.4 for a client's whole rate;
 * here a client's rate is its share of one 50 calls/s account, and with 0.4 the shares of 3 to 10
 * clients probed past the limit every second or two (simulated: 10-11% throttled at 10 clients).
 * 0.03 keeps the same shape over longer periods (simulated: 3.3% at 3 clients, 6.7% at 10).
 */
export const CUBIC_SCALE = 0.03;

/**
 * The send rate of one client that shares a quota with clients it cannot see, after CUBIC (RFC 8312)
 * as the AWS SDKs' adaptive retry mode applies it to request rates:
 * - On throttling, remember the rate that was too much (`lastMax`, the lower of the rate in force and
 *   the rate actually measured) and drop to `CUBIC_BETA * lastMax`.
 * - Then follow `CUBIC_SCALE * (t - K)^3 + lastMax`, with K chosen so the curve starts at the
 *   dropped rate: it climbs fast at first, flattens out near `lastMax` (where the last trouble was,
 *   so clients linger just under the shared limit instead of storming it) and only probes beyond it
 *   after K seconds without throttling.
 * Compared with halving and linear recovery, the plateau keeps several clients near the limit
 * together, and the smaller drop loses less throughput per throttle.
 * Pure and clock-free: callers pass `now` (ms), so tests step time.
 */
export class CubicRate {
  private lastMax: number;
  private lastThrottleAt: number | null = null;
  private kSeconds = 0;

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
    const cubic = CUBIC_SCALE * (t - this.kSeconds) ** 3 + this.lastMax;
    return Math.max(this.floor, Math.min(this.ceiling, cubic));
  }

  /**
   * The service throttled at `now`; `measuredRate` is what this client actually sent over the last
   * second (calls/s). The lower of that and the rate in force is what proved too much.
   */
  onThrottle(now: number, measuredRate: number): void {
    this.lastMax = Math.max(this.floor, Math.min(this.rate(now), measuredRate));
    this.kSeconds = Math.cbrt((this.lastMax * (1 - CUBIC_BETA)) / CUBIC_SCALE);
    this.lastThrottleAt = now;
  }
}
