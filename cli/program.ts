/**
 * The command line on commander. Each option that takes a value takes it once and converts it as
 * it is parsed, throwing a one-line {@link UsageError} that names the flag, what it accepts and
 * what it received. commander's own errors become UsageErrors too, never echoing a value that may
 * be a pasted secret (an unknown `--flag=value` is reported as `--flag`).
 */
import { Command, CommanderError, Option } from "commander";
import { escapeControl } from "../sdk/errors";
import { parseDecimal } from "../sdk/options/listingOptionsSchema";

export const PROGRAM_NAME = "live-message-groups";

type Output = { write(text: string): unknown };

/** A mistake on the command line: printed as one line with a pointer to `--help`, never a stack. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  /** `command`: where the mistake was made (`list`...), or null at the top level. */
  constructor(message: string, readonly command: string | null = null) {
    super(message);
  }
}

/** True for a {@link UsageError}, whichever copy of this module threw it. */
export function isUsageError(error: unknown): error is UsageError {
  return error instanceof Error && error.name === "UsageError";
}

/** `source` (`--flag` or `$VARIABLE`) received `raw` (cut at 40 characters; left out when secret), and what is wrong with it when known. */
export function invalidValue(source: string, allowed: string, raw?: string, reason?: string): UsageError {
  const received = raw === undefined ? "" : `, received ${JSON.stringify(raw.length > 40 ? raw.slice(0, 40) + "..." : raw)}`;
  return new UsageError(`invalid value for ${source}: expected ${allowed}${received}${reason === undefined ? "" : `: ${reason}`}`);
}

/** An option taking one value, once, converted by `parse` (which throws a UsageError to reject it). */
export function valueOption(flags: string, description: string, parse: (raw: string, flag: string) => unknown = (raw) => raw): Option {
  const option = new Option(flags, description);
  // A value flag named `--no-answer` is not the negation of an `--answer`.
  option.negate = false;
  const flag = option.long ?? flags;
  return option.argParser((raw: string, previous: unknown) => {
    if (previous !== undefined) throw new UsageError(`flag ${flag} was given more than once (it takes one value)`);
    return parse(raw, flag);
  });
}

/** A parser accepting what `check` returns a value for, else rejecting the value with `allowed`. */
export const checked = <T>(allowed: string, check: (raw: string) => T | undefined) =>
  (raw: string, flag: string): T => {
    const value = check(raw);
    if (value === undefined) throw invalidValue(flag, allowed, raw);
    return value;
  };

/** A plain decimal number (no sign, exponent or junk), else NaN. */
export const toNumber = parseDecimal;

/** A number from `min` to `max`; with `integer`, a whole one ("1.5", "1e3", "" and trailing junk are not). */
export function numberOption(flags: string, description: string, min: number, max: number, integer = false): Option {
  return valueOption(flags, description, checked(`${integer ? "an integer" : "a number"} from ${min} to ${max}`, (raw) => {
    const value = integer && !/^\d+$/.test(raw) ? Number.NaN : toNumber(raw);
    return value >= min && value <= max ? value : undefined;
  }));
}

/** One of `choices` (case-sensitive, as the API's own values are); the help lists them. */
export function choiceOption<T extends string>(flags: string, description: string, choices: readonly T[]): Option {
  const option = valueOption(flags, description, checked(`one of ${choices.join(", ")}`, (raw) => choices.find((choice) => choice === raw)));
  option.argChoices = [...choices];
  return option;
}

/**
 * The settings every command shares: help on stdout (on stderr when it answers a mistake), errors
 * thrown rather than printed, suggestions, no operands.
 */
export function configure(command: Command, io: { stdout: Output; stderr: Output }): Command {
  return command
    .exitOverride()
    .configureOutput({ writeOut: (text) => void io.stdout.write(text), writeErr: (text) => void io.stderr.write(text), outputError: () => undefined })
    .showSuggestionAfterError(true)
    .allowExcessArguments(false)
    .helpOption("-h, --help", "Show this help and exit.");
}

/** True for commander's "help or version was printed" (exit 0). */
export function isHelpOrVersion(error: unknown): boolean {
  return error instanceof CommanderError && ["commander.helpDisplayed", "commander.help", "commander.version"].includes(error.code);
}

/**
 * `unknown command "x" (commands: ...)`; a name longer than {@link MAX_ECHOED_ARGUMENT} is
 * described by its length only (`unknown command of 30 characters, ...`): it may be a pasted secret.
 */
export function unknownCommand(name: string, commands: readonly string[]): string {
  return `unknown command ${describeArgument(name)} (commands: ${commands.join(", ")})`;
}

/**
 * The flag of a command line word, as a message may show it: `--flag` of `--flag=value`, and `-x`
 * of `-xValue` (a short flag with text glued to it, which may be a pasted secret).
 */
export function flagOnly(word: string): string {
  if (/^-[^-]/.test(word)) return word.slice(0, 2);
  return word.split("=")[0] ?? word;
}

/**
 * commander's error as one line in our words, naming the flag. `command` is the command being
 * parsed (null at the top level). Anything else is returned as it is.
 */
export function usageErrorFrom(error: unknown, command: Command | null, commands: readonly string[] = []): unknown {
  if (!(error instanceof CommanderError)) return error;
  const name = command?.name() ?? null;
  const message = error.message.replace(/^error: /, "");
  const suggestion = /\(Did you mean ([^?]+)\?\)/.exec(message)?.[1];
  const hint = suggestion === undefined ? "" : ` (did you mean ${suggestion}?)`;
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? "";
  // `--flag=value`, `-xValue`, `-o, --output <file>`: the (last) flag only; a value may be a pasted secret.
  const flag = flagOnly(quoted.split(/[ ,]+/).filter((part) => part.startsWith("-")).pop() ?? quoted);
  switch (error.code) {
    case "commander.unknownOption": // `--quiet=yes` is unknown to commander: a known flag that takes no value
      return new UsageError(command?.options.find((option) => option.long === flag)?.isBoolean() === true
        ? `flag ${flag} does not take a value` : `unknown flag ${flag}${hint}`, name);
    case "commander.optionMissingArgument":
      return new UsageError(`flag ${flag} needs a value`, name);
    case "commander.missingMandatoryOptionValue": {
      // commander checks required flags before unknown ones, so a misspelt required flag
      // (`--appid x`, `--appId=x`) would read "missing required flag --app-id": name it instead.
      const unknown = command === null ? undefined : unknownFlagError(command);
      return unknown === undefined ? new UsageError(`missing required flag ${flag}`, name) : usageErrorFrom(unknown, command, commands);
    }
    case "commander.excessArguments":
      return new UsageError(`unexpected argument ${describeArgument(command?.args[command.registeredArguments.length])} (this command takes flags only)`, name);
    case "commander.unknownCommand":
      // The whole name, a quote in it included: cut at its first quote, a long one would be echoed in part.
      return new UsageError(unknownCommand(/'(.*)'/.exec(message.split("\n")[0] ?? "")?.[1] ?? quoted, commands) + hint, null);
    default:
      return new UsageError((message.split("\n")[0] ?? "").trim(), name);
  }
}

/**
 * commander's own error for the first unknown flag left on `command`'s line, with its suggestion
 * (`(Did you mean --app-id?)`, also for `--appId=value`), or undefined when there is none.
 */
function unknownFlagError(command: Command): unknown {
  const word = command.args.find((arg) => arg.length > 1 && arg.startsWith("-"));
  if (word === undefined) return undefined;
  try {
    // Not in commander's typings, but public: what it calls itself for an unknown flag (it throws under exitOverride).
    (command as unknown as { unknownOption(flag: string): void }).unknownOption(flagOnly(word));
  } catch (error) {
    return error;
  }
  return undefined;
}

/**
 * Longest stray argument or command name echoed: an AccessKeyId is 24 characters, an
 * AccessKeySecret 30, a token far more.
 */
const MAX_ECHOED_ARGUMENT = 24;

/**
 * A stray argument (`app` of `list --app-id my app`) or an unknown command name, quoted and escaped
 * (`"app"`), so the mistake can be found. A longer one is described by its length only: it may be
 * a pasted secret.
 */
function describeArgument(argument: string | undefined): string {
  if (argument === undefined) return "";
  if (argument.length > MAX_ECHOED_ARGUMENT) return `of ${argument.length} characters, not shown as it may be a secret`;
  return `"${escapeControl(argument.replace(/["\\]/g, "\\$&"))}"`;
}
