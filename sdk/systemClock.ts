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

/** The production {@link Clock}: `Date.now()`, real (abortable) timers and `Math.random()`. */
export const systemClock: Clock = Object.freeze({
  now: () => Date.now(),
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
