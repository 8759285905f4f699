import type { Clock } from "../../sdk/types";

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A Clock for tests: virtual time, sleeps that resolve at once (optionally advancing time) and
 * record their durations, seeded randomness. Never waits.
 */
export class FakeClock implements Clock {
  time: number;
  readonly sleeps: number[] = [];
  readonly random: () => number;

  constructor(options: { start?: number; seed?: number; advanceOnSleep?: boolean; realTime?: boolean } = {}) {
    this.time = options.start ?? 1_000_000;
    this.random = seededRandom(options.seed ?? 42);
    this.advanceOnSleep = options.advanceOnSleep ?? true;
    if (options.realTime === true) this.now = () => Date.now();
  }

  private readonly advanceOnSleep: boolean;

  now = (): number => this.time;

  sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
    if (signal?.aborted) throw signal.reason;
    this.sleeps.push(ms);
    if (this.advanceOnSleep) this.time += ms;
    await Promise.resolve();
  };
}
