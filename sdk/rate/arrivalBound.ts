import type { CallOutcome } from "./rateLimiter";

/** Answers after which {@link ArrivalBound}'s estimate applies in full (one window's worth). */
export const ARRIVAL_RAMP_CALLS = 50;

/**
 * How early before its answer an answered call may be anchored in the window: the latest time the
 * service can have counted it.
 *
 * The service counts a call when it arrives, somewhere between the send and the answer. The answer
 * itself is always a safe anchor, but it costs a whole round trip per window (50 calls per 1,050 ms
 * at 50 ms latency). A round trip splits into the way to the count (`f`: the client's own work, the
 * network, the service's queue) and the rest (`q`: processing, the way back, reading the answer),
 * each no shorter than its own minimum. On a symmetric route the way back is no faster than the way
 * there, so `q_min >= f_min` and at least half of the fastest round trip lies after the count, for
 * every call: the anchor is the answer minus half the fastest round trip seen. A new call is then
 * compared by its send time, which needs only `f >= 0`, so a host nearer the service than the one
 * that sent the old call (a Redis-shared quota) is covered too. A call that queued anywhere took
 * longer, so its anchor is later by just that much.
 *
 * Not the whole fastest round trip (which would need the new call's `f` no shorter than the fastest
 * call's): measured, a 200-page listing then had one call throttled by the emulator.
 *
 * A throttle of a call this client sent itself (the local limiter's, whose throttles come from the
 * unseen clients it shares the quota with) narrows the estimate: the service refuses a call at its
 * count and answers at once, so a throttle's round trip is the way to the count and back, without
 * the processing. On a symmetric route the way to the count then takes at most half of the fastest
 * throttle's round trip, and an answered call spends at least the fastest round trip less that
 * after its count: the anchor is the answer minus (fastest answer - fastest throttle / 2). Against
 * the emulator at 50 ms latency (which counts a call before its latency) that is 51 ms instead of
 * 26, and a place of the window turns over in about 1,013 ms instead of 1,035 (median). Measured with
 * forked processes (test:quota's setup, 2 cores): 3 x 150 calls went from 0.838-0.839 of the limit
 * to 0.854-0.872 (3 runs each), 10 x 120 from 0.73-0.95 (mean 0.864, 4.0% throttled, 12 runs) to
 * 0.83-0.97 (mean 0.888, 2.9%, 14 runs). A Redis quota sees no throttles, so it keeps half.
 *
 * A round trip ends when the listing has the page (read, parsed and validated), not when the answer's
 * headers arrived: measured from the headers (Node's HTTP diagnostics channel), it was 0.4 ms shorter
 * (median; 0.65 mean), and 3 processes x 200 pages sharing Redis were no faster (0.939-0.943 of the
 * limit against 0.938-0.942, 3 runs each).
 *
 * A round trip starts when the request can leave: a call that opened its connection first spent
 * the connection's set-up (a TCP and a TLS handshake; behind a proxy, its tunnel too), all of it
 * before the count, which the symmetric route does not cover. Counted in, half of such a round trip
 * could lie before the count, and anchor the call before the service counted it. Measured: a
 * process behind a proxy (global-agent opens a connection for every call) and a direct one sharing
 * a quota through Redis, against the emulator (20 ms each way, 10 ms processing) behind a TLS front
 * whose handshakes took 80 or 200 ms, had 3-7 of about 300 calls throttled, all the direct
 * process's, in 4 of 9 runs that started together and in each of 3 where the direct one joined
 * 1.5 s later; none in 10 runs once the wait was taken off. The page client reports the wait
 * (`ConnectionWait`, createPageClient.ts).
 *
 * Only answered calls teach the fastest round trip (a throttle or an error returns early); it only
 * falls over time, so anchors move later when the route slows down. A throttle it is told of through
 * {@link backMs} means the service counts more strictly than this: from then on, calls are anchored
 * at their answers. The Redis quota tells it of every throttle that way (none is expected there),
 * and so does the local limiter of throttles of calls it did not send itself; a service that keeps
 * throttling the local limiter's own places makes it pace (see WindowRateLimiter).
 */
export class ArrivalBound {
  private fastestMs = Number.POSITIVE_INFINITY;
  private trusted = true;
  private answered = 0;
  private fastestThrottleMs = Number.POSITIVE_INFINITY;

  /**
   * @param rampCalls the estimate applies in proportion to the answers seen, in full from this many
   *   on: the fastest of a few round trips may still hold a cold service's queue before the count,
   *   which half of it does not cover when the service answers fast after counting (measured: an
   *   unwarmed emulator at 1-15 ms latency throttled one call of two listings sharing a limiter).
   */
  constructor(private readonly rampCalls: number = ARRIVAL_RAMP_CALLS) {}

  /**
   * Learns from a call that left the limiter at `sentAt` and ended at `now` (ms) with `outcome`,
   * and returns how many ms before `now` it may be anchored (0: at its answer). `waitedMs`: how long
   * the call waited for its connection before its request could leave (see the class).
   */
  backMs(sentAt: number, now: number, outcome: CallOutcome, waitedMs = 0): number {
    if (outcome === "throttled") this.trusted = false;
    if (outcome !== "ok") return 0;
    const roundTripMs = now - sentAt - waitedMs;
    if (roundTripMs >= 0 && roundTripMs < this.fastestMs) this.fastestMs = roundTripMs;
    this.answered++;
    const share = Math.min(1, this.answered / this.rampCalls);
    if (!this.trusted || !Number.isFinite(this.fastestMs)) return 0;
    // A throttle faster than every answer bounds the way to the count more tightly than half of it.
    const afterCount = this.fastestThrottleMs < this.fastestMs ? this.fastestMs - this.fastestThrottleMs / 2 : this.fastestMs / 2;
    return afterCount * share;
  }

  /**
   * Learns from a call of this client's own that left at `sentAt` and was throttled at `now` (ms):
   * its round trip, from when its request could leave (`waitedMs` after `sentAt`), bounds the way
   * to the service's count (see the class). Does not distrust the estimate, unlike a throttle told
   * through {@link backMs}.
   */
  ownThrottle(sentAt: number, now: number, waitedMs = 0): void {
    const roundTripMs = now - sentAt - waitedMs;
    if (roundTripMs >= 0 && roundTripMs < this.fastestThrottleMs) this.fastestThrottleMs = roundTripMs;
  }
}
