import { isThrottlingCode, type ErrorClassification } from "./classifyError";
import { RetryBudget } from "./retryBudget";

/** Base of the exponential backoff for server, network and response errors. */
export const BASE_BACKOFF_MS = 100;
/** Base of the backoff after throttling: longer, so the account's window can drain. */
export const THROTTLING_BASE_BACKOFF_MS = 500;
/** No single wait is longer than this. */
export const MAX_BACKOFF_MS = 20_000;
/**
 * No wait after a throttle is longer than this. The service's throttles do not count toward maxAttempts, so
 * a request throttled again and again (a listing that started while others hold the account's
 * window) keeps trying until its deadline: at 20 s, it tried every 10 s on average and found a place
 * late (the real listing loop on virtual time, 10 listings of 1,000 pages, the last 20 s late, 50
 * seeds: its first page after at most 145 s, 68 s at the 90th percentile; at 5 s, 34 s and 19 s,
 * with 2.70% of all requests throttled against 2.64%). The limiter paces what is sent; this wait
 * only spreads the retries of one request.
 */
export const THROTTLING_MAX_BACKOFF_MS = 5_000;
/**
 * Attempts per request, first try included. The service's throttles do not count (see
 * {@link isQuotaThrottle}): a throttle is the account's quota being in use (by this listing, or by
 * others under the account), not a failure of the request, and the listing's deadline alone bounds
 * the wait for a place. Counted, a listing that started while others held the account's window for minutes ran
 * out of its 10 attempts on its first page after about 45 s: in 14 of 100 seeds of
 * tests/sdk/lateStartSimulation.ts (the real listing loop on virtual time, 10 listings of 1,000
 * pages, the last 20 s late), none since.
 */
export const DEFAULT_MAX_ATTEMPTS = 10;
/**
 * Time a retry needs before the deadline, ms. A wait that would end later is cut to end this long
 * before the deadline (instead of giving up while most of timeoutMs is left: with waits of up to
 * 20 s, a listing failing throughout gave up after 1.1 s of a 3 s timeoutMs); with this long or less
 * left, no retry starts, and the last service error is thrown rather than a listing timeout.
 */
export const DEADLINE_ROOM_MS = 100;
/** Attempts when the body is valid JSON but fails the schema: retrying helps only if it was transient. */
export const MAX_INVALID_RESPONSE_ATTEMPTS = 3;

/*
 * Why these defaults make a 500-page listing succeed with probability > 99.9% when 20% of all
 * requests fail with ServerError (independently):
 * - A page fails only if all maxAttempts tries fail: 0.2^10 = 1.02e-7. A listing of 500 pages
 *   (plus at most 2 count probes) fails with probability <= 502 * 1.02e-7 = 5.1e-5, so it succeeds
 *   with probability > 99.99%. (With 8 attempts it would be 502 * 2.56e-6 = 1.3e-3: not enough.)
 *   Even 10,000 pages: 10,000 * 1.02e-7 = 1.0e-3.
 * - The budget must not run dry: per page, a first-try success (p = 0.8) returns 1 token; a page
 *   that needs k >= 1 retries spends 5k and gets the last 5 back, net -5(k-1). E[k] = 0.2/0.8 =
 *   0.25 and P(k >= 1) = 0.2, so E[net] = 0.8 - 5 * (0.25 - 0.2) = +0.55 tokens per page: the
 *   bucket drifts up and stays near its cap of 500 over any number of pages. (A service failing
 *   50% of requests drifts -2 per page and is cut off after a few hundred pages: by design.)
 * - Time: waits are at most min(20 s, 100 ms * 2^(n-1)) per retry n; at 20% failures the expected
 *   wait per page is about 0.2 * 50 ms + 0.04 * 100 ms + ... < 20 ms, far inside the 5-minute timeoutMs.
 * The Monte Carlo test in tests/sdk/retryMonteCarlo.spec.ts runs this through the real loop.
 */

/** Why a failed request is not tried again. */
export type GiveUpReason = "notRetryable" | "attempts" | "budget" | "deadline";

/**
 * A throttle the service answered with its own code (`Throttling`, `Throttling.User`, ...): the
 * account's quota in use. Neither counted toward maxAttempts nor charged to the retry budget (which
 * stopped a listing throttled throughout after 100 retries, about 4 minutes, whatever its
 * deadline). An HTTP 429 without the service's throttling code (no Code, or a proxy's or gateway's
 * own) came from something in front of it: retried and counted like any failure.
 */
export function isQuotaThrottle(failure: ErrorClassification): boolean {
  return failure.category === "throttling" && isThrottlingCode(failure.code);
}

export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number; readonly cost: number }
  | { readonly retry: false; readonly reason: GiveUpReason };

export interface RetryPolicyOptions {
  /** Attempts per request, first try included, the service's throttles not counted. Default {@link DEFAULT_MAX_ATTEMPTS}. */
  readonly maxAttempts?: number;
  /** Uniform in [0, 1): the jitter source. */
  readonly random: () => number;
  /** Shared by every request of one listing. Default: a fresh full budget. */
  readonly budget?: RetryBudget;
  /** Absolute time (clock ms) before which every retry starts, {@link DEADLINE_ROOM_MS} ahead of it. Default: none. */
  readonly deadline?: number | null;
}

/**
 * Decides whether a failed attempt is retried and how long to wait first. Holds no per-request
 * state: the loop passes the attempt number. Backoff is full jitter, random(0, min(cap, base * 2^(n-1))),
 * the cap 20 s, or 5 s after a throttle.
 */
export class RetryPolicy {
  readonly maxAttempts: number;
  readonly budget: RetryBudget;
  private readonly random: () => number;
  private deadline: number | null;

  constructor(options: RetryPolicyOptions) {
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.random = options.random;
    this.budget = options.budget ?? new RetryBudget();
    this.deadline = options.deadline ?? null;
  }

  /** Moves the deadline (a listing's default deadline grows once its page count is known). */
  setDeadline(deadline: number | null): void {
    this.deadline = deadline;
  }

  /**
   * `attempts` tries have been made, `throttled` of them throttled by the service
   * ({@link isQuotaThrottle}), and the last one failed as `failure`; `now` is clock time. The
   * attempt cap counts the other tries; a throttle by the service is stopped by the deadline only
   * (cost 0: not charged to the budget). The backoff grows with every try; a wait that would end
   * within {@link DEADLINE_ROOM_MS} of the deadline (or past it) is cut to end that long before it,
   * and with no more than that left the request gives up (reason `deadline`).
   */
  decide(failure: ErrorClassification, attempts: number, now: number, throttled = 0): RetryDecision {
    if (!failure.retryable) return { retry: false, reason: "notRetryable" };
    const quotaThrottle = isQuotaThrottle(failure);
    const cap = failure.category === "invalidResponse"
      ? Math.min(this.maxAttempts, MAX_INVALID_RESPONSE_ATTEMPTS)
      : this.maxAttempts;
    if (!quotaThrottle && attempts - throttled >= cap) return { retry: false, reason: "attempts" };
    const backoffMs = this.backoffMs(failure, attempts);
    // Close to the deadline the wait shortens to what is left, less the room for one more try.
    const leftMs = this.deadline === null ? Number.POSITIVE_INFINITY : this.deadline - now;
    if (leftMs <= DEADLINE_ROOM_MS) return { retry: false, reason: "deadline" };
    const delayMs = Math.min(backoffMs, leftMs - DEADLINE_ROOM_MS);
    if (quotaThrottle) return { retry: true, delayMs, cost: 0 };
    const cost = this.budget.tryAcquire(failure.category === "timeout");
    if (cost === null) return { retry: false, reason: "budget" };
    return { retry: true, delayMs, cost };
  }

  /** Full-jitter wait before retry number `retry` (1 for the first retry). */
  backoffMs(failure: ErrorClassification, retry: number): number {
    const throttled = failure.category === "throttling";
    const base = throttled ? THROTTLING_BASE_BACKOFF_MS : BASE_BACKOFF_MS;
    const ceiling = Math.min(throttled ? THROTTLING_MAX_BACKOFF_MS : MAX_BACKOFF_MS, base * 2 ** Math.min(retry - 1, 30));
    return Math.floor(this.random() * ceiling);
  }

  /** A request succeeded; `lastRetryCost` as returned in the decision that led to it, or null. */
  recordSuccess(lastRetryCost: number | null): void {
    this.budget.recordSuccess(lastRetryCost);
  }
}
