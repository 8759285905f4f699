/**
 * An in-memory {@link CliIo} for running `runCli` in the test process: captured stdout and
 * stderr, a fixed environment, a never-aborted signal and a fixed clock.
 */
import * as os from "node:os";
import type { CliIo } from "../../../cli/cliIo";

export interface MemoryIo extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
}

export function memoryIo(env: Readonly<Record<string, string>> = {}): MemoryIo {
  let out = "";
  let err = "";
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    env,
    cwd: os.tmpdir(),
    signal: new AbortController().signal,
    now: () => 1_700_000_000_000,
    out: () => out,
    err: () => err,
  };
}
