import { classifyError, type ErrorClassification } from "./classifyError";
import { isQuotaThrottle, type GiveUpReason, type RetryPolicy } from "./retryPolicy";
import type { Clock } from "../types";

export interface RetryLoopOptions {
  readonly policy: RetryPolicy;
  readonly clock: Clock;
  /** Aborts the waits; when it has fired, its reason is thrown as is. */
  readonly signal?: AbortSignal;
  /**
   * Turns the last failure into the error to throw (typed, scrubbed, with attempts: every try,
   * throttled ones included), told why no other try follows.
   */
  readonly giveUp: (failure: ErrorClassification, attempts: number, reason: GiveUpReason) => Error;
  /** Classifies a failed attempt; default {@link classifyError}. */
  readonly classify?: (error: unknown) => ErrorClassification;
  /** Called after each failed attempt that will be retried, before the wait. */
  readonly onRetry?: (failure: ErrorClassification, attempts: number, delayMs: number) => void;
}

/**
 * Runs `operation` until it succeeds, the policy refuses another attempt, or the signal fires.
 * The loop owns no policy: it classifies, asks, waits and tries again. On giving up it throws
 * `giveUp(last failure, attempts, reason)`: the last service error, typed, not the first. The
 * service's throttles are counted apart: the policy's attempt cap does not count them.
 */
export async function withRetries<T>(operation: (attempt: number) => Promise<T>, options: RetryLoopOptions): Promise<T> {
  const { policy, clock, signal } = options;
  let lastRetryCost: number | null = null;
  let throttled = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      const value = await operation(attempt);
      policy.recordSuccess(lastRetryCost);
      return value;
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const failure = (options.classify ?? classifyError)(error);
      if (isQuotaThrottle(failure)) throttled++;
      const decision = policy.decide(failure, attempt, clock.now(), throttled);
      if (!decision.retry) throw options.giveUp(failure, attempt, decision.reason);
      // A retry that cost nothing (a throttle) refunds nothing: the last one charged stays.
      if (decision.cost > 0) lastRetryCost = decision.cost;
      options.onRetry?.(failure, attempt, decision.delayMs);
      await clock.sleep(decision.delayMs, signal);
    }
  }
}
