/**
 * Seeded pseudo-random streams. Every random choice of the emulator (faults, latency, request ids,
 * generated groups) draws from its own named stream, so turning one knob (say, latency) never
 * shifts the sequence another knob sees (say, the faults): same seed, same fault sequence.
 */

/** A deterministic source of uniform numbers. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

/** 32-bit FNV-1a of a string: mixes a stream name into the seed. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A mulberry32 stream derived from `seed` and a stream name.
 * Non-integer or huge seeds are folded into 32 bits, so any finite number is a valid seed.
 */
export function createRandom(seed: number, stream: string): Random {
  const folded = Math.floor(Math.abs(seed)) % 0x1_0000_0000;
  let state = (folded ^ hashString(stream) ^ Math.imul(seed < 0 ? 1 : 0, 0x9e3779b9)) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new RangeError("pick() needs a non-empty list");
      return item;
    },
  };
}
