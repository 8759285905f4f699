/**
 * Declarative description of a command and its flags: program.ts builds the commander command
 * (parsing and `--help`) from it, so the two cannot disagree.
 */

/** One flag of a command. */
export interface FlagSpec {
  /** Long name without dashes, e.g. `app-id`. */
  readonly name: string;
  readonly type: "string" | "boolean";
  /** One-letter alias, e.g. `o` for `--output`. */
  readonly short?: string;
  /** Placeholder shown in help, e.g. `<id>`. */
  readonly placeholder?: string;
  /** One line of help; mention the default here. */
  readonly description: string;
  /** The only values a string flag accepts (shown in the help, checked when parsing). */
  readonly choices?: readonly string[];
}

/** One sub-command (`list`, `snapshot`...). */
export interface CommandSpec {
  readonly name: string;
  /** One line shown in the top-level help. */
  readonly summary: string;
  /** Usage line after the program name, e.g. `list --app-id <id> [flags]`. */
  readonly usage: string;
  /** Extra paragraphs shown after the flags (exit codes, examples). */
  readonly notes?: readonly string[];
  readonly flags: readonly FlagSpec[];
}

/** Flags every command accepts. */
export const HELP_FLAG: FlagSpec = { name: "help", type: "boolean", short: "h", description: "Show this help and exit." };
