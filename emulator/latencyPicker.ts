import { createRandom, type Random } from "./random";

/** A fixed latency or a uniform range, ms. */
export type LatencySpec = number | { readonly min: number; readonly max: number };

/** Draws per-request added latency from its own seeded stream (so latency never shifts the faults). */
export class LatencyPicker {
  private readonly random: Random;
  private min = 0;
  private max = 0;

  constructor(seed: number, latency: LatencySpec) {
    this.random = createRandom(seed, "latency");
    this.setLatency(latency);
  }

  setLatency(latency: LatencySpec): void {
    const [min, max] = typeof latency === "number" ? [latency, latency] : [latency.min, latency.max];
    if (!(min >= 0 && max >= min && Number.isFinite(max))) throw new RangeError(`latencyMs needs 0 <= min <= max, got ${min}..${max}`);
    this.min = min;
    this.max = max;
  }

  /** Milliseconds to wait before answering this request (integer). */
  pick(): number {
    if (this.max === this.min) return Math.round(this.min);
    return Math.round(this.min + this.random.next() * (this.max - this.min));
  }
}
