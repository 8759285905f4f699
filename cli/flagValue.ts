/**
 * Typed reads of parsed flag values (parseArgs returns a loose record).
 */
import type { FlagValues } from "./program";

/** The string value of `--name`, or undefined when absent. */
export function stringFlag(values: FlagValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

/** True when boolean `--name` was given. */
export function booleanFlag(values: FlagValues, name: string): boolean {
  return values[name] === true;
}
