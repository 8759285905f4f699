/**
 * Converters from flag strings to typed values. Each throws a {@link UsageError} naming the
 * flag, what it accepts, and what it received, so the user sees one actionable line.
 */
import { MAX_LISTING_TIMEOUT_MS } from "../sdk";
import { UsageError } from "./usageError";

const MAX_SHOWN_CHARS = 40;

function shown(raw: string): string {
  return JSON.stringify(raw.length > MAX_SHOWN_CHARS ? raw.slice(0, MAX_SHOWN_CHARS) + "..." : raw);
}

/** Error for `--flag` receiving `raw` when it accepts `allowed`. */
export function badValue(flag: string, allowed: string, raw: string): UsageError {
  return new UsageError(`invalid value for --${flag}: expected ${allowed}, received ${shown(raw)}`);
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

const DURATION_UNITS_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000 };

/**
 * A duration in milliseconds: `30` (seconds), `1500ms`, `45s`, `5m`. At least 1 ms, at most
 * one day (the sdk's MAX_LISTING_TIMEOUT_MS).
 */
export function parseDurationFlag(flag: string, raw: string): number {
  const allowed = "a duration such as 30, 45s, 1500ms or 5m (bare numbers are seconds)";
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(raw.trim());
  if (match === null) throw badValue(flag, allowed, raw);
  const unitMs = DURATION_UNITS_MS[match[2] ?? "s"] ?? 1000;
  const ms = Math.round(Number(match[1]) * unitMs);
  if (!Number.isFinite(ms) || ms < 1 || ms > MAX_LISTING_TIMEOUT_MS) throw badValue(flag, allowed, raw);
  return ms;
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
