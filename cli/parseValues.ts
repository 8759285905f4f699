/**
 * Converters from flag strings to typed values. Each throws a {@link UsageError} naming the
 * flag, what it accepts, and what it received, so the user sees one actionable line.
 */
import { UsageError } from "./usageError";

const MAX_SHOWN_CHARS = 40;

function shown(raw: string): string {
  return JSON.stringify(raw.length > MAX_SHOWN_CHARS ? raw.slice(0, MAX_SHOWN_CHARS) + "..." : raw);
}

/** Error for `--flag` receiving `raw` when it accepts `allowed`. */
export function badValue(flag: string, allowed: string, raw: string): UsageError {
  return badSourceValue(`--${flag}`, allowed, raw);
}

/** Error for `source` (`--flag`, or `$VARIABLE`) receiving `raw` when it accepts `allowed`. */
export function badSourceValue(source: string, allowed: string, raw: string): UsageError {
  return new UsageError(`invalid value for ${source}: expected ${allowed}, received ${shown(raw)}`);
}

/** An integer in [min, max]; rejects "1.5", "1e3", "" and trailing junk. */
export function parseIntegerFlag(flag: string, raw: string, min: number, max: number): number {
  const allowed = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
  if (!/^-?\d+$/.test(raw.trim())) throw badValue(flag, allowed, raw);
  const value = Number(raw.trim());
  if (!Number.isSafeInteger(value) || value < min || value > max) throw badValue(flag, allowed, raw);
  return value;
}

/** A finite decimal number in [min, max]. */
export function parseNumberFlag(flag: string, raw: string, min: number, max: number): number {
  const allowed = `a number from ${min} to ${max}`;
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(raw.trim())) throw badValue(flag, allowed, raw);
  const value = Number(raw.trim());
  if (!Number.isFinite(value) || value < min || value > max) throw badValue(flag, allowed, raw);
  return value;
}

/** One of a fixed set of strings (case-sensitive, as the API's own values are). */
export function parseEnumFlag<T extends string>(flag: string, raw: string, allowed: readonly T[]): T {
  const found = allowed.find((candidate) => candidate === raw);
  if (found === undefined) throw badValue(flag, `one of ${allowed.join(", ")}`, raw);
  return found;
}

const DURATION_UNITS_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Examples of what a duration flag accepts. */
export const DURATION_EXAMPLES = "30, 45s, 1500ms, 5m or 5h";

/**
 * A duration in milliseconds: `30` (seconds), `1500ms`, `45s`, `5m`, `5h`; NaN when `raw` is not
 * one. The result may be fractional (`0.5ms`): the option's schema decides what it accepts.
 */
export function parseDurationMs(raw: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(raw.trim());
  if (match === null) return Number.NaN;
  const ms = Number(match[1]) * (DURATION_UNITS_MS[match[2] ?? "s"] ?? 1000);
  // 1.1 * 1000 is 1100.0000000000002 in binary floating point: whole at a micro-millisecond is whole.
  return Math.round(ms * 1e6) / 1e6;
}

/** A latency: `50` (fixed ms) or `20-80` (uniform range in ms). */
export function parseLatencyFlag(flag: string, raw: string): number | { min: number; max: number } {
  const allowed = "milliseconds, fixed (50) or a range (20-80)";
  const match = /^(\d+)(?:-(\d+))?$/.exec(raw.trim());
  if (match === null) throw badValue(flag, allowed, raw);
  const min = Number(match[1]);
  if (match[2] === undefined) return min;
  const max = Number(match[2]);
  if (max < min) throw badValue(flag, allowed, raw);
  return { min, max };
}
