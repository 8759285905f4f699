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
 * Only answered calls teach the fastest round trip (a throttle or an error returns early); it only
 * falls over time, so anchors move later when the route slows down. A throttle it is told of means
 * the service counts more strictly than this: from then on, calls are anchored at their answers.
 * The Redis quota tells it of every throttle (none is expected there); the local limiter only of
 * throttles of calls it did not send itself, since its own come from the unseen clients it shares
 * the quota with, and a service that counts more strictly makes it pace (see WindowRateLimiter).
 */
export class ArrivalBound {
  private fastestMs = Number.POSITIVE_INFINITY;
  private trusted = true;
  private answered = 0;

  /**
   * @param rampCalls the estimate applies in proportion to the answers seen, in full from this many
   *   on: the fastest of a few round trips may still hold a cold service's queue before the count,
   *   which half of it does not cover when the service answers fast after counting (measured: an
   *   unwarmed emulator at 1-15 ms latency throttled one call of two listings sharing a limiter).
   */
  constructor(private readonly rampCalls: number = ARRIVAL_RAMP_CALLS) {}

  /**
   * Learns from a call that left the limiter at `sentAt` and ended at `now` (ms) with `outcome`,
   * and returns how many ms before `now` it may be anchored (0: at its answer).
   */
  backMs(sentAt: number, now: number, outcome: CallOutcome): number {
    if (outcome === "throttled") this.trusted = false;
    if (outcome !== "ok") return 0;
    const roundTripMs = now - sentAt;
    if (roundTripMs >= 0 && roundTripMs < this.fastestMs) this.fastestMs = roundTripMs;
    this.answered++;
    const share = Math.min(1, this.answered / this.rampCalls);
    return this.trusted && Number.isFinite(this.fastestMs) ? (this.fastestMs / 2) * share : 0;
  }
}
