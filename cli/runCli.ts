/**
 * Dispatches `live-message-groups <command> [flags]` (parsed by commander) and maps every outcome
 * to an exit code: 0 success, 2 drift, 1 any error (printed as a few scrubbed lines), 129
 * hung up (SIGHUP), 130 interrupted (SIGINT), 143 terminated (SIGTERM).
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { Command } from "commander";
import { isLiveMessageGroupsError } from "../sdk";
import { environmentProxy, type EnvironmentProxy } from "../sdk/transport/environmentProxy";
import { defineDemo, demoCommand } from "./commands/demoCommand";
import { defineDrift, driftCommand } from "./commands/driftCommand";
import { defineEmulator, emulatorCommand } from "./commands/emulatorCommand";
import { defineList, listCommand } from "./commands/listCommand";
import { defineSnapshot, snapshotCommand } from "./commands/snapshotCommand";
import { type CliIo, EXIT_ERROR, EXIT_OK, exitCodeForStop, stopWord } from "./cliIo";
import { formatCliError } from "./formatCliError";
import { configure, flagOnly, isHelpOrVersion, PROGRAM_NAME, unknownCommand, usageErrorFrom, UsageError } from "./program";
import { secretsFromEnv } from "./envCredentials";

/** Each command: its definition (flags and help) and what it runs with the parsed flags. */
const COMMANDS: readonly (readonly [(program: Command) => Command, (io: CliIo, flags: never) => Promise<number>])[] = [
  [defineList, listCommand],
  [defineSnapshot, snapshotCommand],
  [defineDrift, driftCommand],
  [defineEmulator, emulatorCommand],
  [defineDemo, demoCommand],
];

// One paragraph: commander wraps it to the terminal's width (hard line breaks were wrapped again).
const DESCRIPTION = "Read the interactive-messaging groups of an ApsaraVideo Live app, snapshot them, and check " +
  "them for drift in CI. Credentials come from the environment (ALIBABA_CLOUD_ACCESS_KEY_ID / " +
  "ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY) or the standard " +
  "Alibaba Cloud credential chain; never from the command line.";

const NOTES = `
Run '${PROGRAM_NAME} <command> --help' (or '${PROGRAM_NAME} help <command>') for the flags of a command.
Exit codes: 0 success, 1 error, 2 drift found (drift only), 129 hung up (SIGHUP), 130 interrupted (SIGINT), 143 terminated (SIGTERM).`;

/** The whole program; a command's action stores its exit code with `setCode`. */
export function buildProgram(io: CliIo, setCode: (code: number) => void = () => undefined): Command {
  // dist/cli/runCli.js -> package.json at the package root.
  const { version } = JSON.parse(readFileSync(path.join(__dirname, "../../package.json"), "utf8")) as { version: string };
  const program = configure(new Command(PROGRAM_NAME), io)
    .description(DESCRIPTION)
    .usage("<command> [flags]")
    .version(version, "-V, --version", "Print the version and exit.")
    .helpCommand(false)
    .addHelpText("after", NOTES);
  for (const [define, run] of COMMANDS) {
    define(program).action(async (_flags: unknown, command: Command) => setCode(await run(io, command.opts() as never)));
  }
  return program;
}

/** The proxies of the environment, for a message (null when none, or when a value cannot be used: nothing went through it). */
function proxyOf(env: NodeJS.ProcessEnv): EnvironmentProxy | null {
  try {
    return environmentProxy(env);
  } catch {
    return null;
  }
}

/** Runs the command line `args` (without node and the script path); resolves to the exit code. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = args;
  const secrets = secretsFromEnv(io.env);
  const fail = (error: unknown, command: string | null, debug = false): number => {
    io.stderr.write(formatCliError(error, { debug, secrets, command, proxy: proxyOf(io.env) }));
    return EXIT_ERROR;
  };
  let code = EXIT_OK;
  const program = buildProgram(io, (result) => (code = result));
  const names = program.commands.map((command) => command.name());
  if (name === "help" && rest.length > 0) {
    // `help list` is `list --help`; an unknown name is the same error as `frobnicate --help`.
    if (rest.length === 1 && names.includes(rest[0] ?? "")) return runCli([rest[0] ?? "", "--help"], io);
    return fail(new UsageError(rest.length > 1 ? "help takes one command name" : unknownCommand(rest[0] ?? "", names)), null);
  }
  if (name === undefined || name === "help") {
    // Without a command it is a usage error: the help goes to stderr so a pipeline sees no output.
    program.outputHelp({ error: name === undefined });
    return name === undefined ? EXIT_ERROR : EXIT_OK;
  }
  if (name.startsWith("-") && !["-h", "--help", "-V", "--version"].includes(name)) {
    return fail(new UsageError(`expected a command before ${flagOnly(name)}`), null);
  }
  const command = program.commands.find((candidate) => candidate.name() === name) ?? null;
  try {
    await program.parseAsync([...args], { from: "user" });
    // A command that stops on the signal (the emulator) ends in the signal's code too.
    return io.signal.aborted ? exitCodeForStop(io.signal.reason) : code;
  } catch (error) {
    if (isHelpOrVersion(error)) return EXIT_OK;
    if (io.signal.aborted && (!isLiveMessageGroupsError(error) || error.kind === "Aborted")) {
      const stopped = exitCodeForStop(io.signal.reason);
      io.stderr.write(`${PROGRAM_NAME} ${name}: ${stopWord(io.signal.reason)}\n`);
      return stopped;
    }
    return fail(usageErrorFrom(error, command, names), command?.name() ?? null, rest.includes("--debug"));
  }
}
