/**
 * Everything a command touches outside itself: output streams, environment, working
 * directory, interruption and time. `main.ts` wires the real process; unit tests pass fakes.
 */

/** A writable text stream; `isTTY` and `columns` as on process.stdout. */
export interface CliOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface CliIo {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Base of relative `--output` / `--snapshot` paths. */
  readonly cwd: string;
  /** Aborted on SIGINT/SIGTERM: listings stop, the emulator shuts down. */
  readonly signal: AbortSignal;
  /** Milliseconds (Date.now in production). */
  now(): number;
}
