/**
 * A mistake on the command line (unknown flag, missing or bad value). Printed as one line
 * naming the flag, with a pointer to `--help`; never with a stack trace.
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
  /** The command the mistake was made in (`list`, `drift`...), or null at the top level. */
  readonly command: string | null;

  constructor(message: string, command: string | null = null) {
    super(message);
    this.command = command;
  }
}

/** True for a {@link UsageError}, whichever copy of this module threw it. */
export function isUsageError(error: unknown): error is UsageError {
  return error instanceof Error && error.name === "UsageError";
}
