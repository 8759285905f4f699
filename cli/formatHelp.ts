/**
 * `--help` text of a command, generated from its {@link CommandSpec}.
 */
import type { CommandSpec } from "./commandSpec";

export const PROGRAM_NAME = "live-message-groups";

/** Column where flag descriptions start. */
const DESCRIPTION_COLUMN = 30;

export function formatHelp(spec: CommandSpec): string {
  const lines = [`Usage: ${PROGRAM_NAME} ${spec.usage}`, "", spec.summary, "", "Flags:"];
  for (const flag of spec.flags) {
    const names = (flag.short === undefined ? "    " : `-${flag.short}, `) + `--${flag.name}` +
      (flag.placeholder === undefined ? "" : ` ${flag.placeholder}`);
    const padded = `  ${names}`.padEnd(DESCRIPTION_COLUMN - 1);
    lines.push(`${padded} ${flag.description}`);
  }
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
    `Run '${PROGRAM_NAME} <command> --help' for the flags of a command.`,
    "Exit codes: 0 success, 1 error, 2 drift found (drift only), 130 interrupted.",
    "",
  ].join("\n");
}
