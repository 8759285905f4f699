/**
 * The command line on commander: subcommands, `--help`, `--version`, allowed values, a suggestion
 * for an unknown flag or command, and a repeated single-value flag rejected. The commands stay
 * declarative ({@link CommandSpec}); this file turns them into commander commands and turns
 * commander's errors into one-line {@link UsageError}s that name the flag and never echo a value
 * that may be a pasted secret (an unknown `--flag=value` is reported as `--flag`).
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import type { CommandSpec, FlagSpec } from "./commandSpec";
import { badValue } from "./parseValues";
import { UsageError } from "./usageError";

export const PROGRAM_NAME = "live-message-groups";

/** Parsed flag values by long name (`app-id`): strings, booleans, absent when not given. */
export type FlagValues = Readonly<Record<string, string | boolean | undefined>>;

/** Where commander's own output goes (help and version); its error text is never printed as is. */
export interface ProgramOutput {
  readonly stdout: { write(text: string): unknown };
}

const TOP_LEVEL_DESCRIPTION = [
  "Read the interactive-messaging groups of an ApsaraVideo Live app, snapshot them, and check",
  "them for drift in CI. Credentials come from the environment (ALIBABA_CLOUD_ACCESS_KEY_ID /",
  "ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY) or the standard",
  "Alibaba Cloud credential chain; never from the command line.",
].join("\n");

const TOP_LEVEL_NOTES = [
  "",
  `Run '${PROGRAM_NAME} <command> --help' (or '${PROGRAM_NAME} help <command>') for the flags of a command.`,
  "Exit codes: 0 success, 1 error, 2 drift found (drift only), 130 interrupted (SIGINT), 143 terminated (SIGTERM).",
].join("\n");

/** Marks a message our own argument parsers composed (commander prefixes it with its own words). */
const OUR_MESSAGE = "\u0000";

/** The package's version (dist/cli/program.js -> package.json at the package root). */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, "../../package.json"), "utf8")) as { version?: unknown };
  return typeof manifest.version === "string" ? manifest.version : "0.0.0";
}

/** A commander option for one flag: a string flag takes one value, once, from its choices when it has them. */
function toOption(flag: FlagSpec): Option {
  const names = `${flag.short === undefined ? "" : `-${flag.short}, `}--${flag.name}`;
  if (flag.type === "boolean") return new Option(names, flag.description);
  const option = new Option(`${names} ${flag.placeholder ?? "<value>"}`, flag.description);
  // choices() records the values for the help; the parser below checks them itself, since
  // choices() would replace any other parser.
  if (flag.choices !== undefined) option.choices(flag.choices);
  return option.argParser((value: string, previous: unknown) => {
    if (previous !== undefined) throw new InvalidArgumentError(`${OUR_MESSAGE}flag --${flag.name} was given more than once (it takes one value)`);
    if (flag.choices !== undefined && !flag.choices.includes(value)) {
      throw new InvalidArgumentError(OUR_MESSAGE + badValue(flag.name, `one of ${flag.choices.join(", ")}`, value).message);
    }
    return value;
  });
}

/** The values of a parsed command, keyed by long flag name (`--no-timestamp` is true when given). */
function valuesOf(command: Command): FlagValues {
  const opts = command.opts<Record<string, string | boolean | undefined>>();
  const values: Record<string, string | boolean | undefined> = {};
  for (const option of command.options) {
    const name = (option.long ?? "").replace(/^--/, "");
    const value = opts[option.attributeName()];
    if (option.negate) values[name] = value === false ? true : undefined;
    else if (value !== undefined) values[name] = value;
  }
  return values;
}

/** Applies the settings every command shares: output, errors thrown (not printed), suggestions. */
function configure(command: Command, output: ProgramOutput): Command {
  return command
    .exitOverride()
    .configureOutput({ writeOut: (text) => void output.stdout.write(text), writeErr: () => undefined, outputError: () => undefined })
    .showSuggestionAfterError(true)
    .allowExcessArguments(false)
    .helpOption("-h, --help", "Show this help and exit.");
}

/** One command's commander form; `action` receives its flag values. */
function toCommand(spec: CommandSpec, output: ProgramOutput, action: (values: FlagValues) => Promise<void>): Command {
  const command = configure(new Command(spec.name), output).description(spec.summary).usage(spec.usage.replace(/^\S+\s*/, ""));
  for (const flag of spec.flags) if (flag.name !== "help") command.addOption(toOption(flag));
  if (spec.notes !== undefined && spec.notes.length > 0) command.addHelpText("after", `\n${spec.notes.join("\n\n")}`);
  return command.action(async (_options: unknown, self: Command) => action(valuesOf(self)));
}

/** The whole program: every command, `--version`, top-level help. */
export function buildProgram(
  specs: readonly CommandSpec[], output: ProgramOutput, run: (spec: CommandSpec, values: FlagValues) => Promise<void>,
): Command {
  const program = configure(new Command(PROGRAM_NAME), output)
    .description(TOP_LEVEL_DESCRIPTION)
    .usage("<command> [flags]")
    .version(packageVersion(), "-V, --version", "Print the version and exit.")
    .helpCommand(false)
    .addHelpText("after", TOP_LEVEL_NOTES);
  for (const spec of specs) program.addCommand(toCommand(spec, output, (values) => run(spec, values)));
  return program;
}

/** The whole help of `command` (with the text added before and after it), as `--help` prints it. */
export function helpText(command: Command): string {
  let text = "";
  const saved = command.configureOutput();
  command.configureOutput({ ...saved, writeOut: (chunk) => void (text += chunk) });
  command.outputHelp();
  command.configureOutput(saved);
  return text;
}

/** The `--help` text of one command. */
export function commandHelp(spec: CommandSpec): string {
  const command = toCommand(spec, { stdout: { write: () => undefined } }, async () => undefined);
  return helpText(command).replace(/^Usage: /, `Usage: ${PROGRAM_NAME} `);
}

/** Parses `args` as flags of `spec` alone (tests, and anything that needs the values without running). */
export function parseFlags(spec: CommandSpec, args: readonly string[]): FlagValues {
  let parsed: FlagValues = {};
  const command = toCommand(spec, { stdout: { write: () => undefined } }, async (values) => {
    parsed = values;
  });
  try {
    command.parse([...args], { from: "user" });
  } catch (error) {
    throw usageErrorFrom(error, spec);
  }
  return parsed;
}

/** True for commander's "help or version was printed" (exit 0). */
export function isHelpOrVersion(error: unknown): boolean {
  return error instanceof CommanderError && ["commander.helpDisplayed", "commander.help", "commander.version"].includes(error.code);
}

/**
 * commander's error as one line in our words, naming the flag. `spec` is the command being parsed
 * (null at the top level). Anything else is returned as it is.
 */
export function usageErrorFrom(error: unknown, spec: CommandSpec | null, specs: readonly CommandSpec[] = []): unknown {
  if (!(error instanceof CommanderError)) return error;
  const command = spec?.name ?? null;
  const message = error.message.replace(/^error: /, "");
  const suggestion = /\(Did you mean ([^?]+)\?\)/.exec(message)?.[1];
  const hint = suggestion === undefined ? "" : ` (did you mean ${suggestion}?)`;
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? "";
  switch (error.code) {
    case "commander.invalidArgument": {
      const ours = message.indexOf(OUR_MESSAGE);
      return new UsageError(ours >= 0 ? message.slice(ours + 1) : firstLine(message), command);
    }
    case "commander.unknownOption": {
      // `--flag=value`: report `--flag` only; the value may be a pasted secret.
      const flag = quoted.split("=")[0] ?? quoted;
      const known = spec?.flags.find((candidate) => `--${candidate.name}` === flag);
      if (known !== undefined && known.type === "boolean") return new UsageError(`flag ${flag} does not take a value`, command);
      return new UsageError(`unknown flag ${flag}${hint}`, command);
    }
    case "commander.optionMissingArgument": {
      const flag = quoted.split(/[ ,]+/).filter((part) => part.startsWith("--")).pop() ?? quoted;
      return new UsageError(`flag ${flag} needs a value`, command);
    }
    case "commander.excessArguments":
      return new UsageError("unexpected argument (this command takes flags only)", command);
    case "commander.unknownCommand":
      return new UsageError(`unknown command "${quoted.slice(0, 32)}" (commands: ${specs.map((s) => s.name).join(", ")})${hint}`, null);
    default:
      return new UsageError(firstLine(message), command);
  }
}

function firstLine(text: string): string {
  return (text.split("\n")[0] ?? "").trim();
}
