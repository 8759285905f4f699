#!/usr/bin/env node
/**
 * Entry point of the `live-message-groups` command (package.json `bin`). Wires the real
 * process into {@link runCli}: streams, environment, working directory, SIGINT/SIGTERM/SIGHUP, exit code.
 */
// First: keeps DEBUG=* from making httpx and ioredis print signatures, tokens and passwords.
import "../sdk/transport/quietDebug";
import { escapeControl } from "../sdk/errors";
import { ProxySettingError, routeThroughEnvironmentProxy } from "../sdk/transport/environmentProxy";
import { type CliIo, removeTemporaries, STOP_SIGNALS, StopRequest, type StopSignal, WorkingDirectoryError } from "./cliIo";
import { runCli } from "./runCli";

/** Calls `next` once what was written to `stream` has been handed on (at once when it is closed). */
function flushed(stream: NodeJS.WriteStream, next: () => void): void {
  if (stream.writable) stream.write("", () => next());
  else next();
}

function main(): void {
  // HTTPS_PROXY / HTTP_PROXY / NO_PROXY, which the Alibaba Cloud client library ignores by itself.
  try {
    routeThroughEnvironmentProxy(process.env);
  } catch (error) {
    // A proxy value that cannot be used routes nothing: a listing whose requests would go through
    // it says so (sdk/transport/proxySetting.ts); help, the version, the emulator, the demo and listings of a
    // loopback or NO_PROXY endpoint, which send nothing through it, run as usual.
    if (!(error instanceof ProxySettingError)) {
      process.stderr.write(`live-message-groups: ${escapeControl(error instanceof Error ? error.message : String(error))}\n`);
      process.exit(1);
    }
  }
  const controller = new AbortController();
  // The first signal aborts the run: the listing stops, a partial output file is removed, the
  // emulator closes, demo removes its temporary directory, and the run exits 129 (SIGHUP: the
  // terminal or SSH session was closed), 130 (SIGINT) or 143 (SIGTERM). A second one means "now".
  const interrupt = (signal: StopSignal): void => {
    if (controller.signal.aborted) {
      removeTemporaries();
      process.exit(STOP_SIGNALS[signal][0]);
    }
    controller.abort(new StopRequest(signal));
  };
  for (const signal of Object.keys(STOP_SIGNALS) as StopSignal[]) process.on(signal, interrupt);
  // A closed pipe (`list | head`, `drift | head -50`) is not an error worth a message: the reader
  // chose to stop. The run's verdict still stands: drift exits 2 whether or not its report was read
  // to the end (exiting 0 there turned a drift into a pass under `set -o pipefail`). Any other
  // failure to write (a full disk, a closed descriptor) leaves the output cut short: say so, and
  // never exit 0 on it.
  let finished: number | null = null;
  const stdoutFailed = (error: NodeJS.ErrnoException): void => {
    if (error.code === "EPIPE") {
      if (finished !== null) process.exit(finished);
      return;
    }
    process.stderr.write(`live-message-groups: cannot write stdout: ${error.code ?? error.message}; the output is incomplete\n`, () => process.exit(1));
  };
  process.stdout.on("error", stdoutFailed);

  const io: CliIo = {
    stdout: process.stdout, stderr: process.stderr, env: process.env, signal: controller.signal, now: () => Date.now(),
    // Read when a relative path needs it, not up front: a deleted working directory made every
    // command, `--help` included, crash with an uncaught uv_cwd stack.
    get cwd(): string {
      try {
        return process.cwd();
      } catch (error) {
        throw new WorkingDirectoryError(error);
      }
    },
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      // Done: exit once what was written has gone out. Requests a deadline or a signal abandoned
      // may still hold sockets open (the client library cannot cancel one); the run does not wait
      // for them, so `--timeout` bounds the process, not only the listing.
      process.exitCode = code;
      finished = code;
      flushed(process.stdout, () => {
        // A failed write may not have been reported yet (its error event comes on a later tick).
        const failure = process.stdout.errored as NodeJS.ErrnoException | null;
        if (failure !== null) stdoutFailed(failure);
        else flushed(process.stderr, () => process.exit(code));
      });
    },
    () => {
      // runCli catches everything; this is only reachable through a bug, and must not print a stack.
      process.stderr.write("live-message-groups: internal error (run with --debug for details)\n");
      process.exitCode = 1;
    },
  );
}

main();
