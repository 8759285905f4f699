/**
 * Retry budget, as in the AWS SDK v3 standard retry strategy: a bucket of tokens that every
 * retry spends and every success refills, so a service that keeps failing stops being retried
 * (fail fast) instead of being hammered by every attempt of every page.
 */

/** Tokens in a full bucket. */
export const INITIAL_RETRY_TOKENS = 500;
/** Tokens a retry costs. */
export const RETRY_COST = 5;
/** Tokens a retry after a timeout costs: a timeout ties up a slot for requestTimeoutMs. */
export const TIMEOUT_RETRY_COST = 10;
/** Tokens a first-try success returns. */
export const NO_RETRY_INCREMENT = 1;

export class RetryBudget {
  private tokens: number;

  constructor(private readonly capacity: number = INITIAL_RETRY_TOKENS) {
    this.tokens = capacity;
  }

  /** Tokens left. */
  get available(): number {
    return this.tokens;
  }

  /** Takes the cost of one retry; returns the cost taken, or null when the budget is spent. */
  tryAcquire(isTimeout: boolean): number | null {
    const cost = isTimeout ? TIMEOUT_RETRY_COST : RETRY_COST;
    if (this.tokens < cost) return null;
    this.tokens -= cost;
    return cost;
  }

  /**
   * A request succeeded. `lastRetryCost` is the cost of the retry that succeeded (refunded), or
   * null when it succeeded on its first try (adds {@link NO_RETRY_INCREMENT}).
   */
  recordSuccess(lastRetryCost: number | null): void {
    this.tokens = Math.min(this.capacity, this.tokens + (lastRetryCost ?? NO_RETRY_INCREMENT));
  }
}
