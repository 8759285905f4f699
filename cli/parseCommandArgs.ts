/**
 * Parses a command's arguments with node:util parseArgs (strict: unknown flags and
 * positionals are errors) and turns its multi-line messages into one-line {@link UsageError}s
 * that name the flag.
 */
import { parseArgs } from "node:util";
import type { CommandSpec } from "./commandSpec";
import { UsageError } from "./usageError";

/** Parsed flag values: strings for string flags, booleans for boolean flags, absent when not given. */
export type FlagValues = Readonly<Record<string, string | boolean | undefined>>;

/** Longest positional argument echoed back in an error: a pasted secret must not be printed whole. */
const MAX_ECHOED_POSITIONAL_CHARS = 16;

export function parseCommandArgs(spec: CommandSpec, args: readonly string[]): FlagValues {
  const options: Record<string, { type: "string" | "boolean"; short?: string }> = {};
  for (const flag of spec.flags) {
    options[flag.name] = flag.short === undefined ? { type: flag.type } : { type: flag.type, short: flag.short };
  }
  try {
    const { values } = parseArgs({ args: [...args], options, strict: true, allowPositionals: false });
    return values as FlagValues;
  } catch (error) {
    throw toUsageError(spec.name, error);
  }
}

function toUsageError(command: string, error: unknown): UsageError {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  // parseArgs quotes the offending token first: '--foo', '-q, --quiet', 'value'.
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? "";
  const flag = quoted.split(/[ ,]+/).filter((part) => part.startsWith("-")).pop() ?? quoted;
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return new UsageError(`unknown flag ${flag}`, command);
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return /does not take an argument/.test(message)
        ? new UsageError(`flag ${flag} does not take a value`, command)
        : new UsageError(`flag ${flag} needs a value`, command);
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL": {
      const shown = quoted.length > MAX_ECHOED_POSITIONAL_CHARS ? quoted.slice(0, MAX_ECHOED_POSITIONAL_CHARS) + "..." : quoted;
      return new UsageError(`unexpected argument "${shown}" (this command takes flags only)`, command);
    }
    default:
      return new UsageError(message.split("\n")[0] ?? "invalid arguments", command);
  }
}
