/**
 * Defaults of the emulator's options, in one place: the emulator applies them, and the CLI's
 * `emulator` command shows and applies the same values.
 */
export const EMULATOR_DEFAULTS = {
  /** Data center of a seeded or created app. */
  dataCenter: "cn-shanghai",
  /** Fraction of generated groups marked deleted. */
  deletedFraction: 0.1,
  /** Seed of every random choice (data, faults, latency, the generated key pair). */
  seed: 1,
  /** Calls per second per account, as the service allows. */
  callsPerSecond: 50,
  /** Added latency per request, ms. */
  latencyMs: 0,
} as const;
