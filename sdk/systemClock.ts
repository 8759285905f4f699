import type { Clock } from "./types";

/**
 * Resolves after `ms` milliseconds, or rejects with `signal.reason` as soon as the signal aborts.
 * The timer is removed on abort so an abandoned listing leaves nothing keeping the process alive.
 */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Milliseconds since the epoch as of this process's start, advanced by a monotonic clock: the wall
 * clock stepped back or forward during a listing (NTP, a laptop or VM resuming) moves nothing. With
 * `Date.now()`, a step back of 30 s stalled a listing for 30 s (the limiter saw its window as
 * still full) and one of 10 minutes failed it at its deadline; a step forward let the limiter burst
 * into calls the service still counted and put every retry past its deadline, so the first throttle
 * ended the listing. Only the request signatures need the wall clock, and they read it themselves.
 */
export function monotonicNow(): number {
  return performance.timeOrigin + performance.now();
}

/** The production {@link Clock}: {@link monotonicNow}, real (abortable) timers and `Math.random()`. */
export const systemClock: Clock = Object.freeze({
  now: monotonicNow,
  sleep: abortableSleep,
  random: () => Math.random(),
  timer: realTimer,
});

/** A real timer that keeps no process alive; returns its cancel function. */
export function realTimer(ms: number, fire: () => void): () => void {
  const handle = setTimeout(fire, Math.max(0, ms));
  handle.unref();
  return () => clearTimeout(handle);
}
