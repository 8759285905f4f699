import { createRandom, type Random } from "./random";
import type { EmulatorFaults } from "./types";

/** The fault kinds, in the order their probabilities are stacked on the unit interval. */
export const FAULT_KINDS = ["serverError", "serviceUnavailable", "connectionReset", "noAnswer", "truncatedBody", "htmlBadGateway"] as const;

/** One fault kind: also the name it gets in the request log and in `stats().byCode`. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Throws a RangeError unless every probability is in 0..1 and they sum to at most 1. */
export function validateFaults(faults: EmulatorFaults): void {
  let sum = 0;
  for (const kind of FAULT_KINDS) {
    const p = faults[kind] ?? 0;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`faults.${kind} must be a probability in 0..1, got ${p}`);
    sum += p;
  }
  if (sum > 1 + 1e-9) throw new RangeError(`fault probabilities sum to ${sum}, more than 1`);
}

/**
 * Draws the fault of each eligible request from its own seeded stream: exactly one draw per request
 * whose action is eligible, whatever the probabilities, so the same seed and the same sequence of
 * requests give the same faults even after `setFaults` changed the odds.
 */
export class FaultPicker {
  private readonly random: Random;
  private faults: EmulatorFaults = {};

  constructor(seed: number, faults: EmulatorFaults) {
    this.random = createRandom(seed, "faults");
    this.setFaults(faults);
  }

  setFaults(faults: EmulatorFaults): void {
    validateFaults(faults);
    this.faults = { ...faults, ...(faults.actions === undefined ? {} : { actions: [...faults.actions] }) };
  }

  /** The fault for this request, or null for a normal answer. */
  pick(action: string | null): FaultKind | null {
    const actions = this.faults.actions;
    if (actions !== undefined && (action === null || !actions.includes(action))) return null;
    const draw = this.random.next();
    let edge = 0;
    for (const kind of FAULT_KINDS) {
      edge += this.faults[kind] ?? 0;
      if (draw < edge) return kind;
    }
    return null;
  }
}
