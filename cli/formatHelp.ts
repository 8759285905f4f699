/**
 * `--help` text of a command, generated from its {@link CommandSpec}.
 */
import type { CommandSpec } from "./commandSpec";

export const PROGRAM_NAME = "live-message-groups";

/** Spaces between the widest flag column and the descriptions. */
const COLUMN_GAP = 2;

export function formatHelp(spec: CommandSpec): string {
  const lines = [`Usage: ${PROGRAM_NAME} ${spec.usage}`, "", spec.summary, "", "Flags:"];
  const rows = spec.flags.map((flag) => ({
    names: `  ${flag.short === undefined ? "    " : `-${flag.short}, `}--${flag.name}${flag.placeholder === undefined ? "" : ` ${flag.placeholder}`}`,
    description: flag.description,
  }));
  // The description column follows the longest flag of this command, so no row breaks alignment.
  const width = Math.max(0, ...rows.map((row) => row.names.length)) + COLUMN_GAP;
  for (const row of rows) lines.push(row.names.padEnd(width) + row.description);
  for (const note of spec.notes ?? []) lines.push("", note);
  return lines.join("\n") + "\n";
}

/** Top-level help: the commands and where to read more. */
export function formatTopLevelHelp(commands: readonly CommandSpec[]): string {
  const width = Math.max(...commands.map((command) => command.name.length)) + 2;
  return [
    `Usage: ${PROGRAM_NAME} <command> [flags]`,
    "",
    "Read the interactive-messaging groups of an ApsaraVideo Live app, snapshot them, and check",
    "them for drift in CI. Credentials come from the environment (ALIBABA_CLOUD_ACCESS_KEY_ID /",
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY) or the standard",
    "Alibaba Cloud credential chain; never from the command line.",
    "",
    "Commands:",
    ...commands.map((command) => `  ${command.name.padEnd(width)}${command.summary}`),
    "",
    `Run '${PROGRAM_NAME} <command> --help' (or '${PROGRAM_NAME} help <command>') for the flags of a command.`,
    "Exit codes: 0 success, 1 error, 2 drift found (drift only), 130 interrupted.",
    "",
  ].join("\n");
}
