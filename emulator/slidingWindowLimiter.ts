/** Length of the throttling window, ms. */
export const WINDOW_MS = 1000;

/** The verdict on one call. */
export type Admission = { readonly admitted: true } | { readonly admitted: false; readonly retryAfterMs: number };

/** Admitted-call times of one account (or lone AccessKeyId) inside the current window (a queue with a moving head). */
interface KeyWindow {
  times: number[];
  head: number;
  /** Most calls this key had admitted inside one window since the last reset. */
  peak: number;
  /** Calls admitted in all; and how many of them were admitted before the last reset. */
  admitted: number;
  admittedBeforeReset: number;
}

/**
 * Per-account call limit (the caller maps keys to accounts, and keeps each action apart) over a sliding window of the last {@link WINDOW_MS}: a call at `t` counts
 * against the calls admitted in `(t - 1000, t]`, at arrival time. A throttled call is not admitted and
 * does not count, so a client that backs off as told (`retryAfterMs`) gets in. A limit of 0 admits
 * everything but still measures the peak.
 */
export class SlidingWindowLimiter {
  private readonly windows = new Map<string, KeyWindow>();
  private peakEver = 0;

  constructor(private limit: number) {
    this.setLimit(limit);
  }

  setLimit(limit: number): void {
    if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`callsPerSecond must be a non-negative integer, got ${limit}`);
    this.limit = limit;
  }

  admit(account: string, nowMs: number): Admission {
    let window = this.windows.get(account);
    if (window === undefined) {
      window = { times: [], head: 0, peak: 0, admitted: 0, admittedBeforeReset: 0 };
      this.windows.set(account, window);
    }
    const times = window.times;
    while (window.head < times.length && (times[window.head] ?? 0) <= nowMs - WINDOW_MS) window.head++;
    if (window.head > 1024 && window.head * 2 > times.length) {
      times.splice(0, window.head);
      window.head = 0;
    }
    const inWindow = times.length - window.head;
    if (this.limit > 0 && inWindow >= this.limit) {
      // Admissible once enough of the oldest calls have left the window to go below the limit.
      const oldest = times[window.head + inWindow - this.limit] ?? nowMs;
      return { admitted: false, retryAfterMs: Math.max(1, oldest + WINDOW_MS - nowMs) };
    }
    times.push(nowMs);
    window.admitted++;
    // The window holds the latest calls: those admitted since the reset are the last of them.
    window.peak = Math.max(window.peak, Math.min(inWindow + 1, window.admitted - window.admittedBeforeReset));
    this.peakEver = Math.max(this.peakEver, window.peak);
    return { admitted: true };
  }

  /** Highest number of calls admitted for one key in any window since the last reset. */
  peakCallsPerSecond(): number {
    return this.peakEver;
  }

  /**
   * Forgets the peaks: from now on a peak counts only calls admitted after this reset (the calls
   * still inside the window keep being enforced).
   */
  resetPeak(): void {
    this.peakEver = 0;
    for (const window of this.windows.values()) {
      window.peak = 0;
      window.admittedBeforeReset = window.admitted;
    }
  }
}
