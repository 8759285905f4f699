/**
 * Dispatches `live-message-groups <command> [flags]` and maps every outcome to an exit code:
 * 0 success, 2 drift, 1 any error (printed as a few scrubbed lines), 130 interrupted (SIGINT),
 * 143 terminated (SIGTERM).
 */
import { isLiveMessageGroupsError } from "../sdk";
import type { CliIo } from "./cliIo";
import type { CommandSpec } from "./commandSpec";
import { demoCommand, DEMO_SPEC } from "./commands/demoCommand";
import { driftCommand, DRIFT_SPEC } from "./commands/driftCommand";
import { emulatorCommand, EMULATOR_SPEC } from "./commands/emulatorCommand";
import { listCommand, LIST_SPEC } from "./commands/listCommand";
import { snapshotCommand, SNAPSHOT_SPEC } from "./commands/snapshotCommand";
import { EXIT_ERROR, EXIT_INTERRUPTED as EXIT_INTERRUPTED_CODE, EXIT_OK, exitCodeForStop } from "./exitCodes";
import { booleanFlag } from "./flagValue";
import { formatCliError } from "./formatCliError";
import { formatHelp, formatTopLevelHelp, PROGRAM_NAME } from "./formatHelp";
import type { FlagValues } from "./parseCommandArgs";
import { parseCommandArgs } from "./parseCommandArgs";
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

/** Runs the command line `args` (without node and the script path); resolves to the exit code. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = args;
  const secrets = secretsFromEnv(io.env);
  if (name === "help" && rest.length > 0) {
    // `help list` is `list --help`; an unknown name is the same error as `frobnicate --help`.
    const topic = COMMANDS.find((candidate) => candidate.spec.name === rest[0]);
    if (topic !== undefined && rest.length === 1) {
      io.stdout.write(formatHelp(topic.spec));
      return EXIT_OK;
    }
    const error = new UsageError(rest.length > 1 ? "help takes one command name" : `unknown command "${(rest[0] ?? "").slice(0, 32)}" (commands: ${COMMANDS.map((c) => c.spec.name).join(", ")})`);
    io.stderr.write(formatCliError(error, { debug: false, secrets, command: null }));
    return EXIT_ERROR;
  }
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    // Without a command it is a usage error: the help goes to stderr so a pipeline sees no output.
    (name === undefined ? io.stderr : io.stdout).write(formatTopLevelHelp(COMMANDS.map((command) => command.spec)));
    return name === undefined ? EXIT_ERROR : EXIT_OK;
  }
  const command = COMMANDS.find((candidate) => candidate.spec.name === name);
  if (command === undefined) {
    const error = name.startsWith("-")
      ? new UsageError(`expected a command before ${name.split("=")[0] ?? name}`)
      : new UsageError(`unknown command "${name.slice(0, 32)}" (commands: ${COMMANDS.map((c) => c.spec.name).join(", ")})`);
    io.stderr.write(formatCliError(error, { debug: false, secrets, command: null }));
    return EXIT_ERROR;
  }
  let debug = rest.includes("--debug");
  try {
    const values = parseCommandArgs(command.spec, rest);
    debug = booleanFlag(values, "debug");
    if (booleanFlag(values, "help")) {
      io.stdout.write(formatHelp(command.spec));
      return EXIT_OK;
    }
    const code = await command.run(io, values);
    // A command that stops on the signal (the emulator) ends in the signal's code too.
    return io.signal.aborted ? exitCodeForStop(io.signal.reason) : code;
  } catch (error) {
    if (io.signal.aborted && (!isLiveMessageGroupsError(error) || error.kind === "Aborted")) {
      const code = exitCodeForStop(io.signal.reason);
      io.stderr.write(`${PROGRAM_NAME} ${name}: ${code === EXIT_INTERRUPTED_CODE ? "interrupted" : "terminated"}\n`);
      return code;
    }
    io.stderr.write(formatCliError(error, { debug, secrets, command: name }));
    return EXIT_ERROR;
  }
}
