import { ArrivalBound } from "./arrivalBound";
import { CubicRate } from "./cubicRate";
import type { Clock } from "../types";

/**
 * The gap a limit under one call per second needs between calls, ms (0 from 1 call/s up, where the
 * window's capacity does the limiting): a window holds at least one call, so 0.5 calls/s would
 * otherwise run at 1.
 */
export function subSecondGapMs(requestsPerSecond: number): number {
  return requestsPerSecond < 1 ? 1000 / requestsPerSecond : 0;
}

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
 * The start of a burst (the ramp): the n-th call since the first leaves no earlier than
 * {@link RAMP_DOUBLING_MS} x log2(n / RAMP_INITIAL_CALLS) ms after the first, so the calls sent
 * double every 120 ms: 2 at once, 8 by 240 ms, the window's 50 by 557 ms. The ramp follows the clock,
 * not the answers: processes that start together (a CI fleet) have sent the same number of calls
 * when their sum fills the service's window, so each holds an even share of it (a 20 ms difference
 * in start is 0.25 of a doubling). Growing per answer, they split it unevenly (answers come back
 * unevenly on a busy machine), and the process with the smallest share set the end of the run.
 * With the places held after a throttle (see {@link WindowRateLimiter}), forked processes on this
 * 2-core machine at 50 ms latency went from 0.65-0.78 of the limit to 0.76-0.84 (3 processes x
 * 150 calls, 2-4% throttled either way), and 10 x 120 from 0.66-0.77 with 8.6-10% throttled to
 * 0.70-0.88 (mean 0.76) with 2.6-11% (mean 5.8%). Those figures were taken with a doubling of 80
 * ms; see {@link RAMP_DOUBLING_MS} for why it is 120.
 */
export const RAMP_INITIAL_CALLS = 2;
/**
 * See {@link RAMP_INITIAL_CALLS}. 120 ms, not 80: the processes' ramps together send 50 x ln 2 /
 * RAMP_DOUBLING_MS calls/s when their sum fills the window (290/s, against 430/s at 80 ms), and
 * every call sent before the first throttles come back is one too many. On this 2-core machine the
 * faster ramp also starved the CPU (10 client processes and the emulator): throttles came back 100-230
 * ms late, the overflow went on meanwhile, and the shares it left were uneven (4 to 6 places, the
 * last listing ending 30 s in where 24 would do). Interleaved, 10 processes x 120 pages (test:quota's
 * setup): 0.83-0.96 of the limit (mean 0.90) with 3.2-5.1% throttled (mean 4.3%) in 7 runs, against
 * 0.67-0.80 (mean 0.74) with 3.5-7.9% (mean 6.3%) at 80 ms; 3 x 150: 0.845-0.865 with 3.2-3.4%,
 * against 0.849-0.851 with 3.4-4.3% (3 runs each). 160 ms did no better at 10 (0.83-0.93 with
 * 3.2-4.8%, 3 runs) and makes a lone 20-page listing slower than the polite mode. The cost: a lone
 * listing's first window leaves over 557 ms instead of 370 (`npm run bench -- --only small`: 1,000
 * groups in 0.474 s against 0.332, 2,500 in 0.624 against 0.443, 10,000 in 3.735 against 3.579).
 * At 200 pages each (`npm run bench -- --only shared`, README): 10 processes 0.84-0.97 of the limit
 * with 2.2-3.0% throttled in 6 runs, against 0.780 and 0.798 at 80 ms.
 */
export const RAMP_DOUBLING_MS = 120;
/**
 * The ramp never has more calls out than this many times the calls answered since it started, plus
 * {@link RAMP_INITIAL_CALLS}: when answers come back late (a loaded service, or a busy machine), it
 * waits for them instead of sending on into a window that may be full already, since the throttles
 * that would say so are among the late answers. At 50 ms round trips the clock sends 1.3 times the
 * calls answered, so the cap does not bind; it binds beyond 240 ms (2^(240 / 120) = 4), where the ramp
 * follows the answers. Measured with a doubling of 80 ms, where it bound beyond 160 ms (10 processes
 * x 120 pages, test:quota's setup on this 2-core machine, where the emulator answered the first
 * throttles 120-210 ms after the window filled):
 * the places the processes held when the service first pushed back summed to 52-57 in 6 runs,
 * against 57-111 without the cap, and the runs reached 0.89-0.97 of the limit with 2.4-3.4%
 * throttled, against 0.71-0.97 with 2.8-7.1% (5 of 6 runs at least 0.85 with at most 3%, against 2
 * of 6). At 200 pages each it showed no gain: 0.81-0.98 with 2.2-5.2% in 9 runs, against 0.81-0.98
 * with 2.2-3.8% in 4; the ramps still overshot in 4 of 8 logged runs there (sums of 74-84). A
 * factor of 2 bound at 50 ms on a busy machine (answers came back unevenly, and so did the shares:
 * simulated, 10 x 120 calls reached 0.77 of the limit, against 0.96).
 */
export const RAMP_ANSWER_FACTOR = 4;

/**
 * While bursting at the service's default limit, consecutive calls leave at least this many ms
 * apart. A throttle's answer comes back at once, so a burst into a window that other processes have
 * filled stops after a call or two instead of after every call the burst allows: simulated, 3
 * processes starting together had 39 calls throttled in their first burst without it, 3 with it
 * (10 processes: 102 and 10). A higher `requestsPerSecond` (an account granted more) shortens it in
 * proportion ({@link burstGapMs}): a fixed 2 ms capped every listing at 500 calls/s.
 */
export const BURST_GAP_MS = 2;

/**
 * The gap between burst calls at a limit of `requestsPerSecond`: {@link BURST_GAP_MS} at 50 calls/s
 * and under, less above, and none under 1 ms (a timer waits at least a whole millisecond: a gap of
 * 0.01 ms at 10,000 calls/s paced every call 1 ms apart).
 */
export function burstGapMs(requestsPerSecond: number): number {
  const gap = (BURST_GAP_MS * DEFAULT_REQUESTS_PER_SECOND) / Math.max(DEFAULT_REQUESTS_PER_SECOND, requestsPerSecond);
  return gap < 1 ? 0 : gap;
}

/**
 * After a throttle, a client that holds `share` of the window's `limit` places tries one more (a
 * probe) after PROBE_PERIOD_MS x limit / share on average: each process probes at a pace in
 * proportion to its share, so N processes together probe about once a second whatever N is (a
 * probe into a full window costs one throttled call). A probe that finds room makes the next one
 * come {@link PROBE_AGAIN_MS} later and twice as large (up to {@link PROBE_MAX_STEP} places).
 */
export const PROBE_PERIOD_MS = 1000;
/**
 * The longest wait for a probe, ms: a client left with few places (the last listing of a fleet,
 * whose share came out smallest) finds the room the others left within this.
 */
export const PROBE_MAX_PERIOD_MS = 10_000;
/** See {@link PROBE_PERIOD_MS}. */
export const PROBE_AGAIN_MS = 100;
/** See {@link PROBE_PERIOD_MS}. */
export const PROBE_MAX_STEP = 16;

/**
 * The reason the pump's sleep is cut short with (an answer came, or a waiter left): a constant, since
 * `abort()` without one builds a DOMException with a stack each time, one per answer.
 */
const WAKE_PUMP = Symbol("wake the pump");

/** What a listing holds to pace its calls: the local limiter below, or the Redis-shared quota. */
export interface QuotaLimiter {
  /** Waits until a call may be sent; returns the send time (clock ms), to hand back to `settle`. */
  acquire(signal?: AbortSignal): Promise<number>;
  /**
   * The call sent at `sentAt` ended: answered, throttled by the service, or failed otherwise.
   * `waitedMs`: how long its request waited for its connection before it could leave (a new
   * connection's set-up), not part of its round trip (see ArrivalBound); 0 when not known.
   */
  settle(sentAt: number, outcome: CallOutcome, waitedMs?: number): void;
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
  /**
   * Not a call the service counted: a place a throttle showed taken, kept unused for half a window
   * to a window and a half by a client left with no call in its window (see the hold of
   * {@link WindowRateLimiter}). It counts toward the window's capacity, not toward the places held.
   */
  reserved?: true;
}

interface Waiter {
  readonly resolve: (sentAt: number) => void;
  readonly reject: (reason: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
  /** When it asked (clock ms): a client is idle only while nobody waits. */
  readonly since: number;
}

/**
 * How a {@link WindowRateLimiter} lets calls out:
 * - `ramp`: a burst's start, doubling every {@link RAMP_DOUBLING_MS} up to the window's limit;
 * - `hold`: after the service throttled it, it keeps the places of the window it holds (its share)
 *   and takes more only by probing;
 * - `paced`: sends spaced evenly at an adaptive rate (the polite mode, and for good once the
 *   service keeps throttling the places held, as a service that counts more strictly would).
 */
type Mode = "ramp" | "hold" | "paced";

/**
 * Places lost (throttled, not a probe) within {@link LOSS_SPAN_MS} that make a holding client pace;
 * only those lost while it held more than one place count.
 */
export const LOSSES_BEFORE_PACING = 4;
/** See {@link LOSSES_BEFORE_PACING}: three windows. */
export const LOSS_SPAN_MS = 3 * WINDOW_MS;

/**
 * One process's limiter for one quota key, with no coordination beyond the service's answers.
 *
 * The window: the service admits `limit` calls in any sliding second, so while this client's last
 * second holds fewer calls than its allowance, a call goes at once; when it is full, the next call
 * waits until the oldest call leaves it. An answered call is anchored in the window at the latest
 * time the service can have counted it ({@link ArrivalBound}: its answer minus half the fastest
 * round trip, or, once this client's own throttles showed how fast the way to the count is, minus
 * the fastest round trip less half the fastest throttle), not when it was sent: the service counts
 * it when it arrives, which is somewhere in between, and a burst queues at the service, so the last
 * calls of a burst arrive well after they were sent (measured against the emulator: 30 ms of guard
 * on send times was not enough). The answer itself would cost a whole latency per window (50 calls
 * per 1,050 ms at 50 ms latency); half the round trip costs half of that, and the bound from
 * throttles almost nothing against the emulator (a place turns over in about 1,013 ms). A call still
 * in flight counts as in the window. Throttled calls leave it at once, since the service did not
 * count them.
 *
 * Ramp (default): the allowance is the whole limit, and the calls leave on a clock-driven ramp
 * ({@link RAMP_INITIAL_CALLS}) {@link BURST_GAP_MS} apart: a lone 20-page listing is out in about
 * 0.3 s, and processes that start together fill the service's window in even shares. It stays
 * within a few times the calls answered ({@link RAMP_ANSWER_FACTOR}), so answers that come back late
 * slow it down rather than let it overshoot a window that filled.
 *
 * Hold, from the first throttle: the allowance is the places this client held in the window when
 * the service pushed back, and each call reuses the place of the call that left the window, so
 * processes that share the quota keep their shares and stop throttling each other (a rate that
 * climbs back and cuts again, CUBIC, made the shares drift apart: simulated, 10 processes x 120
 * calls ended between 13.9 and 35.0 s). An echo of the first throttle, or a probe that found no
 * room, sets the allowance to the places still held; a place lost (any other throttle) costs one.
 * To find room that others left (a listing that ended), the client probes for one more place after
 * a while ({@link PROBE_PERIOD_MS}); a probe that finds it probes again soon, twice as large. A
 * client left with no call in the window when a place is lost (one place held) keeps it unused for
 * half a window to a window and a half instead of sending again at once into the full window. A
 * probe leaves in the middle of the widest gap between this client's own places: processes that
 * ramped together hold places close together in the second, and a probe sent into one of the
 * short gaps where another's place has just left the window but not yet come back would take that
 * place, and throttle its owner, instead of finding room that is free.
 *
 * Paced (the polite mode, and for good once {@link LOSSES_BEFORE_PACING} places were lost within
 * {@link LOSS_SPAN_MS} by a client holding more than one: a service that counts more strictly than a
 * sliding window would throttle the places it holds over and over, but one call a second passes any
 * such count): sends are also spaced evenly at the rate in force, which
 * {@link CubicRate} lowers on throttling and regrows.
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
  private mode: Mode;
  private lastSend = Number.NEGATIVE_INFINITY;
  /** Ramp: when its first call left, and how many calls left since. */
  private rampStart = Number.NEGATIVE_INFINITY;
  private rampSent = 0;
  /** Ramp: its calls answered since it started (throttled or not), see {@link RAMP_ANSWER_FACTOR}. */
  private rampAnswered = 0;
  /** Hold: the places of the window this client keeps. */
  private places = 0;
  /** Hold: no probe before this time (Infinity while a probe is out). */
  private probeAfter = Number.POSITIVE_INFINITY;
  /** Hold: the send time of a probe's first call while its answer is awaited. */
  private probeFrom: number | null = null;
  private probeStep = 1;
  /** Answers of places lost while holding (throttled, neither a probe nor an echo). */
  private losses: number[] = [];
  private lastThrottleAt = Number.NEGATIVE_INFINITY;
  private lastDecreaseAt = Number.NEGATIVE_INFINITY;
  /** Paced: no call leaves before this time (the window a throttle revealed full has not rolled over). */
  private holdUntil = Number.NEGATIVE_INFINITY;

  /**
   * `arrivalRampCalls`: see {@link ArrivalBound} (tests pass 1 to see the estimate in full at once).
   * `rampAnswerFactor`: see {@link RAMP_ANSWER_FACTOR} (tests that send calls and answer them later,
   * or never, to build a state lift it with Infinity).
   */
  constructor(private readonly clock: Clock, maxRequestsPerSecond: number = DEFAULT_REQUESTS_PER_SECOND, burst = true,
    arrivalRampCalls?: number, private readonly rampAnswerFactor: number = RAMP_ANSWER_FACTOR) {
    this.arrivalBound = new ArrivalBound(arrivalRampCalls);
    this.rate = new CubicRate(maxRequestsPerSecond, MIN_REQUESTS_PER_SECOND);
    this.mode = burst ? "ramp" : "paced";
  }

  /** The configured ceiling, in calls per second. */
  get maxRequestsPerSecond(): number {
    return this.rate.maxRate;
  }

  /** True once the service has throttled a call of this limiter (it has learnt something of the key). */
  get throttledEver(): boolean {
    return this.rate.throttled;
  }

  /** True unless the limiter paces its sends (the polite mode, or a service that keeps throttling). */
  get isBursting(): boolean {
    return this.mode !== "paced";
  }

  /** The places of the window this client holds after a throttle (0 before the first one). */
  get heldPlaces(): number {
    return this.mode === "hold" ? this.places : 0;
  }

  /** Changes the ceiling (the registry passes the lowest rate among active listings). */
  setMaxRequestsPerSecond(requestsPerSecond: number): void {
    this.rate.setCeiling(requestsPerSecond);
  }

  /** Allows or forbids bursts (the registry forbids them while any active listing asked for the polite mode). */
  setBurst(burst: boolean): void {
    if (!burst) this.mode = "paced";
    else if (this.mode === "paced" && !this.rate.throttled) this.startRamp();
  }

  currentRate(now: number = this.clock.now()): number {
    if (this.mode === "hold") return Math.min(this.rate.maxRate, this.places);
    return this.mode === "ramp" ? this.rate.maxRate : this.rate.rate(now);
  }

  acquire(signal?: AbortSignal): Promise<number> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<number>((resolve, reject) => {
      const waiter: Waiter = {
        resolve, reject, signal, since: this.clock.now(),
        onAbort: () => {
          const index = this.queue.indexOf(waiter);
          if (index >= 0) this.queue.splice(index, 1);
          // Nobody left to wake: end the pump's timer so it keeps no process alive.
          if (this.queue.length === 0) this.pumpSleep?.abort(WAKE_PUMP);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener("abort", waiter.onAbort, { once: true });
      this.queue.push(waiter);
      void this.pump();
    });
  }

  settle(sentAt: number, outcome: CallOutcome, waitedMs = 0): void {
    const now = this.clock.now();
    const index = this.calls.findIndex((call) => call.answeredAt === undefined && call.at === sentAt);
    if (index >= 0) {
      if (this.mode === "ramp") this.rampAnswered++;
      this.calls.splice(index, 1);
      if (outcome !== "throttled") this.insertCall({ at: now - this.arrivalBound.backMs(sentAt, now, outcome, waitedMs), answeredAt: now });
      else this.arrivalBound.ownThrottle(sentAt, now, waitedMs);
    } else {
      // Acquired elsewhere (a Redis quota that fell back to this limiter): it still teaches the round trip.
      this.arrivalBound.backMs(sentAt, now, outcome, waitedMs);
    }
    if (outcome === "throttled") this.onThrottled(sentAt, now);
    else if (outcome === "ok" && this.mode === "hold" && this.probeFrom !== null && sentAt >= this.probeFrom) {
      // The probe found room: probe again soon, twice as large.
      this.probeFrom = null;
      this.probeStep = Math.min(PROBE_MAX_STEP, this.probeStep * 2);
      this.probeAfter = now + PROBE_AGAIN_MS;
    }
    // An answer can open the window, or end a probe, before the time the pump sleeps to.
    this.pumpSleep?.abort(WAKE_PUMP);
    void this.pump();
  }

  private onThrottled(sentAt: number, now: number): void {
    const previous = this.lastThrottleAt;
    this.lastThrottleAt = now;
    if (this.mode === "ramp") {
      // The window is full: keep what this client holds of it.
      this.rate.onThrottle(now, this.measuredRate(now));
      this.lastDecreaseAt = now;
      this.mode = "hold";
      this.places = Math.max(1, this.held(now));
      this.scheduleProbe(now);
      return;
    }
    if (this.mode === "hold") {
      const probe = this.probeFrom !== null && sentAt >= this.probeFrom;
      // A call sent before the last throttle's answer came back is that congestion's echo.
      const lost = !probe && sentAt >= previous;
      // A client holding a single place is never throttled by a service that counts more strictly
      // (one call a second passes a token bucket): its lost place is another client's doing, and
      // pacing would leave it half a call a second, most of them throttled, while the others run.
      if (lost && this.places > 1) {
        this.losses = this.losses.filter((at) => at > now - LOSS_SPAN_MS);
        this.losses.push(now);
        if (this.losses.length >= LOSSES_BEFORE_PACING) {
          this.mode = "paced";
          this.decrease(now);
          return;
        }
      }
      // A place lost is one place: another client took it. The places this client holds at this
      // instant can be fewer (one whose call left the window and whose next has not gone yet, a
      // page waiting out a retry), and cutting to those cut victims by two or three places. An echo
      // or a probe that found no room leaves the places still held.
      this.places = Math.max(1, lost ? this.places - 1 : Math.min(this.places, this.held(now)));
      // The service's window is full. A client left with no call in its own (its only place lost,
      // the floor of one place keeping it) would send again at once, into that full window, and lose
      // a place per call until it paced for good: measured, a listing that started while 9 others
      // held the window did, and got 4 calls through in 21 s (another run, none in 14 s). The place
      // stays unused for half a window to a window and a half (back at the same instant of the next
      // second, it would meet the call that took the place again).
      if (this.windowEmpty(now)) {
        const window = WINDOW_MS + WINDOW_GUARD_MS;
        this.insertCall({ at: now - window * (0.5 - this.clock.random()), answeredAt: now, reserved: true });
      }
      this.scheduleProbe(now);
      return;
    }
    // Paced: once per congestion event (throttles of calls sent before the last decrease are its echo).
    if (sentAt >= this.lastDecreaseAt) this.decrease(now);
  }

  /** Cuts the paced rate, and holds every send until the window the throttle revealed full rolls over. */
  private decrease(now: number): void {
    this.rate.onThrottle(now, this.measuredRate(now));
    this.lastDecreaseAt = now;
    // The service's window is full now. It frees no earlier than this client's own oldest call in
    // it leaves (the others' calls are not known; after a burst they are as old as ours): sends
    // before that would only be throttled too, and each would cut the rate again. While paced,
    // the oldest call is about a second old, so this holds for a few ms at most. From its answer,
    // not its anchor: the others' calls may have been counted as late as that.
    const oldest = this.calls.find((call) => call.answeredAt !== undefined)?.answeredAt;
    this.holdUntil = oldest === undefined ? now : oldest + WINDOW_MS + WINDOW_GUARD_MS;
  }

  /** The next probe: after PROBE_PERIOD_MS x limit / places, +-25% so that processes spread out. */
  private scheduleProbe(now: number): void {
    this.probeFrom = null;
    this.probeStep = 1;
    const period = Math.min(PROBE_MAX_PERIOD_MS, (PROBE_PERIOD_MS * this.rate.maxRate) / Math.max(1, this.places));
    this.probeAfter = now + period * (0.75 + 0.5 * this.clock.random());
  }

  private startRamp(): void {
    this.mode = "ramp";
    this.rampSent = 0;
    this.rampAnswered = 0;
    this.losses = [];
    this.probeAfter = Number.POSITIVE_INFINITY;
    this.probeFrom = null;
  }

  /**
   * Takes over calls this process made through another limiter (a Redis quota that failed): those
   * still in flight, by send time (settled here later), and those answered within the window, by
   * anchor. They count at the service, so they count in this window.
   */
  adopt(inFlight: readonly number[], answered: readonly { readonly at: number; readonly answeredAt: number }[]): void {
    for (const sentAt of inFlight) {
      this.insertCall({ at: sentAt });
      this.lastSend = Math.max(this.lastSend, sentAt);
    }
    for (const call of answered) this.insertCall({ at: call.at, answeredAt: call.answeredAt });
    this.pumpSleep?.abort(WAKE_PUMP);
    void this.pump();
  }

  /**
   * The calls of this limiter that may still count at the service, as ms before `now`: an answered
   * call by its anchor (within the guarded window), a call in flight as 0 (the service counts it
   * when it arrives, about now). Places kept unused after a throttle are not calls. A Redis quota
   * taking over again from this limiter writes them into the shared window.
   */
  countedAges(now: number = this.clock.now()): number[] {
    const from = now - WINDOW_MS - WINDOW_GUARD_MS;
    const ages: number[] = [];
    for (const { at, answeredAt, reserved } of this.calls) {
      if (reserved === true) continue;
      if (answeredAt === undefined) ages.push(0);
      else if (at > from) ages.push(Math.max(0, now - at));
    }
    return ages;
  }

  /** Places a call in `calls` by its `at` (its anchor once answered), keeping the ascending order. */
  private insertCall(call: WindowCall): void {
    let position = this.calls.length;
    while (position > 0 && (this.calls[position - 1] as WindowCall).at > call.at) position--;
    this.calls.splice(position, 0, call);
  }

  /** This client's calls in its window now (in flight, or anchored less than the guarded window ago). */
  private held(now: number): number {
    const from = now - WINDOW_MS - WINDOW_GUARD_MS;
    let count = 0;
    for (const { at, answeredAt, reserved } of this.calls) if (reserved !== true && (answeredAt === undefined || at > from)) count++;
    return count;
  }

  /** True when its window holds nothing now: no call {@link held}, no place kept unused after a throttle. */
  private windowEmpty(now: number): boolean {
    const from = now - WINDOW_MS - WINDOW_GUARD_MS;
    return this.calls.every(({ at, answeredAt }) => answeredAt !== undefined && at <= from);
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
    for (const { answeredAt, reserved } of this.calls) if (reserved !== true && (answeredAt === undefined || answeredAt > from)) count++;
    return count;
  }

  /**
   * When the next probe may leave: the middle of the widest gap between this client's places in
   * its window, at or after `probeAfter` (a place comes back about one guarded window later).
   */
  private probeTime(): number {
    if (this.calls.length === 0 || !Number.isFinite(this.probeAfter)) return this.probeAfter;
    const cycle = WINDOW_MS + WINDOW_GUARD_MS;
    let widest = 0;
    let from = this.probeAfter;
    for (let i = 0; i < this.calls.length; i++) {
      const at = (this.calls[i] as WindowCall).at;
      const gap = (i + 1 < this.calls.length ? (this.calls[i + 1] as WindowCall).at : (this.calls[0] as WindowCall).at + cycle) - at;
      if (gap > widest) {
        widest = gap;
        from = at;
      }
    }
    let probeAt = from + widest / 2;
    if (probeAt < this.probeAfter) probeAt += Math.ceil((this.probeAfter - probeAt) / cycle) * cycle;
    return probeAt;
  }

  /**
   * The earliest time the next call may leave, or Infinity until an answer comes back (the window
   * is full of calls still in flight).
   */
  private earliest(now: number): number {
    const window = WINDOW_MS + WINDOW_GUARD_MS;
    // Answered calls that left the window leave `calls`, also from behind a call still in flight
    // that was sent before them (it keeps its own place until its answer).
    let kept = 0;
    for (const call of this.calls) if (call.answeredAt === undefined || call.at > now - window) this.calls[kept++] = call;
    this.calls.length = kept;
    // Idle for a whole window while holding (nothing sent, nothing asked for): what it held tells
    // nothing of the others now. A client waiting for its only place to come back is not idle: its
    // last call left the window a whole window after it was sent too.
    const asked = (this.queue[0] as Waiter | undefined)?.since ?? now;
    if (this.mode === "hold" && this.calls.length === 0 && asked - this.lastSend > window) this.startRamp();
    let probeAt = Number.POSITIVE_INFINITY;
    if (this.mode === "hold" && this.probeFrom === null && this.places < Math.floor(this.rate.maxRate)) {
      // After a probe that found room, the next goes as soon as it is due: room is free now.
      probeAt = this.probeStep > 1 ? this.probeAfter : this.probeTime();
      if (probeAt <= now) {
        this.places = Math.min(Math.floor(this.rate.maxRate), this.places + this.probeStep);
        this.probeFrom = now;
        this.probeAfter = probeAt = Number.POSITIVE_INFINITY;
      }
    }
    // The window holds the configured limit while ramping and pacing (the adaptive rate works
    // through the pacing gap); the places kept while holding.
    const capacity = this.mode === "hold" ? Math.min(this.places, Math.max(1, Math.floor(this.rate.maxRate)))
      : Math.max(1, Math.floor(this.rate.maxRate));
    let at = now;
    if (this.calls.length >= capacity) {
      const oldest = this.calls[this.calls.length - capacity] as WindowCall;
      at = oldest.answeredAt === undefined ? Number.POSITIVE_INFINITY : Math.max(at, oldest.at + window);
    }
    if (this.mode === "paced") {
      at = Math.max(at, this.holdUntil, this.lastSend + 1000 / (this.rate.rate(now) * PACED_MARGIN));
    } else {
      // Under one call per second a window holds a single call: the limit itself spaces them.
      at = Math.max(at, this.lastSend + Math.max(burstGapMs(this.rate.maxRate), subSecondGapMs(this.rate.maxRate)));
      if (this.mode === "ramp" && this.rampSent > 0) {
        at = Math.max(at, this.rampStart + RAMP_DOUBLING_MS * Math.log2((this.rampSent + 1) / RAMP_INITIAL_CALLS));
        // Too far ahead of the answers: settle() pumps again when the next comes back.
        if (this.rampSent >= this.rampAnswerFactor * this.rampAnswered + RAMP_INITIAL_CALLS) at = Number.POSITIVE_INFINITY;
      }
    }
    return Math.min(at, probeAt);
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
          // In order: a place kept unused after a lost one may be anchored up to half a window ahead.
          this.insertCall({ at: now });
          this.lastSend = now;
          if (this.mode === "ramp" && this.rampSent++ === 0) this.rampStart = now;
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
