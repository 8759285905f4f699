/**
 * Dispatches `live-message-groups <command> [flags]` (parsed by commander, see program.ts) and
 * maps every outcome to an exit code: 0 success, 2 drift, 1 any error (printed as a few scrubbed
 * lines), 130 interrupted (SIGINT), 143 terminated (SIGTERM).
 */
import { isLiveMessageGroupsError } from "../sdk";
import type { CliIo } from "./cliIo";
import type { CommandSpec } from "./commandSpec";
import { demoCommand, DEMO_SPEC } from "./commands/demoCommand";
import { driftCommand, DRIFT_SPEC } from "./commands/driftCommand";
import { emulatorCommand, EMULATOR_SPEC } from "./commands/emulatorCommand";
import { listCommand, LIST_SPEC } from "./commands/listCommand";
import { snapshotCommand, SNAPSHOT_SPEC } from "./commands/snapshotCommand";
import { EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, exitCodeForStop } from "./exitCodes";
import { formatCliError } from "./formatCliError";
import { buildProgram, commandHelp, helpText, isHelpOrVersion, PROGRAM_NAME, usageErrorFrom, type FlagValues } from "./program";
import { secretsFromEnv } from "./secretsFromEnv";
import { UsageError } from "./usageError";

interface Command {
  readonly spec: CommandSpec;
  readonly run: (io: CliIo, values: FlagValues) => Promise<number>;
}

const COMMANDS: readonly Command[] = [
  { spec: LIST_SPEC, run: listCommand },
  { spec: SNAPSHOT_SPEC, run: snapshotCommand },
  { spec: DRIFT_SPEC, run: driftCommand },
  { spec: EMULATOR_SPEC, run: emulatorCommand },
  { spec: DEMO_SPEC, run: demoCommand },
];
const SPECS = COMMANDS.map((command) => command.spec);

/** Runs the command line `args` (without node and the script path); resolves to the exit code. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = args;
  const secrets = secretsFromEnv(io.env);
  const fail = (error: unknown, command: string | null, debug = false): number => {
    io.stderr.write(formatCliError(error, { debug, secrets, command }));
    return EXIT_ERROR;
  };
  let code = EXIT_OK;
  const program = buildProgram(SPECS, io, async (spec, values) => {
    const command = COMMANDS.find((candidate) => candidate.spec === spec) as Command;
    code = await command.run(io, values);
  });
  if (name === "help" && rest.length > 0) {
    // `help list` is `list --help`; an unknown name is the same error as `frobnicate --help`.
    const topic = SPECS.find((spec) => spec.name === rest[0]);
    if (topic !== undefined && rest.length === 1) {
      io.stdout.write(commandHelp(topic));
      return EXIT_OK;
    }
    return fail(new UsageError(rest.length > 1 ? "help takes one command name" : unknownCommand(rest[0] ?? "")), null);
  }
  if (name === undefined || name === "help") {
    // Without a command it is a usage error: the help goes to stderr so a pipeline sees no output.
    (name === undefined ? io.stderr : io.stdout).write(helpText(program));
    return name === undefined ? EXIT_ERROR : EXIT_OK;
  }
  if (name.startsWith("-") && !["-h", "--help", "-V", "--version"].includes(name)) {
    return fail(new UsageError(`expected a command before ${name.split("=")[0] ?? name}`), null);
  }
  const spec = SPECS.find((candidate) => candidate.name === name) ?? null;
  const debug = rest.includes("--debug");
  try {
    await program.parseAsync([...args], { from: "user" });
    // A command that stops on the signal (the emulator) ends in the signal's code too.
    return io.signal.aborted ? exitCodeForStop(io.signal.reason) : code;
  } catch (error) {
    if (isHelpOrVersion(error)) return EXIT_OK;
    if (io.signal.aborted && (!isLiveMessageGroupsError(error) || error.kind === "Aborted")) {
      const stopped = exitCodeForStop(io.signal.reason);
      io.stderr.write(`${PROGRAM_NAME} ${name}: ${stopped === EXIT_INTERRUPTED ? "interrupted" : "terminated"}\n`);
      return stopped;
    }
    return fail(usageErrorFrom(error, spec, SPECS), spec?.name ?? null, debug);
  }
}

function unknownCommand(name: string): string {
  return `unknown command "${name.slice(0, 32)}" (commands: ${SPECS.map((spec) => spec.name).join(", ")})`;
}
