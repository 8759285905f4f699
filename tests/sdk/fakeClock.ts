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

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly resolve: () => void;
}

/**
 * Virtual time with a timer queue: sleeps resolve only when `run()` advances time to them, in
 * time order, so concurrent waiters behave as with real timers. `lateMs(n)` makes the next timer
 * fire n ms late, as a stalled event loop would.
 */
export class VirtualClock implements Clock {
  time = 0;
  private seq = 0;
  private late = 0;
  private readonly timers: Timer[] = [];
  readonly random: () => number;
  /** Every sleep requested, in ms, in order (what a limiter asked to wait, not what time did). */
  readonly sleeps: number[] = [];

  /** `seed`: of `random` (1 unless given). */
  constructor(options: { seed?: number } = {}) {
    this.random = seededRandom(options.seed ?? 1);
  }

  now = (): number => this.time;

  sleep = (ms: number, signal?: AbortSignal): Promise<void> => {
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.sleeps.push(ms);
    return new Promise((resolve, reject) => {
      // Removed when the sleep ends, as the system clock's is: a listing's signal outlives many sleeps.
      const onAbort = (): void => {
        const index = this.timers.indexOf(timer);
        if (index >= 0) this.timers.splice(index, 1);
        reject(signal?.reason);
      };
      const timer: Timer = { at: this.time + ms, seq: this.seq++, resolve: () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      } };
      this.timers.push(timer);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  };

  /** The listing deadline's timer, on this virtual time (fired by `run()` like a sleep; not recorded in `sleeps`). */
  timer = (ms: number, fire: () => void): (() => void) => {
    const timer: Timer = { at: this.time + ms, seq: this.seq++, resolve: fire };
    this.timers.push(timer);
    return () => {
      const index = this.timers.indexOf(timer);
      if (index >= 0) this.timers.splice(index, 1);
    };
  };

  /** Timers and sleeps not fired or cancelled yet (what would still refer to their owners). */
  get pending(): number {
    return this.timers.length;
  }

  lateMs(ms: number): void {
    this.late = ms;
  }

  /** Fires timers in order until none is left, letting each waiter's continuation run. */
  async run(): Promise<void> {
    while (await this.runOne());
  }

  /** Lets pending continuations run, then fires the earliest timer; false when none was left. */
  async runOne(): Promise<boolean> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.timers.length === 0) return false;
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const timer = this.timers.shift() as Timer;
    this.time = Math.max(this.time, timer.at + this.late);
    this.late = 0;
    timer.resolve();
    return true;
  }
}
