#!/usr/bin/env node
/**
 * Entry point of the `live-message-groups` command (package.json `bin`). Wires the real
 * process into {@link runCli}: streams, environment, SIGINT/SIGTERM, exit code.
 */
import type { CliIo } from "./cliIo";
import { EXIT_INTERRUPTED } from "./exitCodes";
import { runCli } from "./runCli";

function main(): void {
  const controller = new AbortController();
  let interrupts = 0;
  const interrupt = (): void => {
    interrupts += 1;
    // A second Ctrl-C means "now": do not wait for in-flight requests to wind down.
    if (interrupts > 1) process.exit(EXIT_INTERRUPTED);
    controller.abort(new Error("interrupted"));
  };
  process.on("SIGINT", interrupt);
  process.on("SIGTERM", interrupt);
  // A closed pipe (`list | head`) is not an error worth a stack trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
  });

  const io: CliIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
    now: () => Date.now(),
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      // Interrupted: abandoned requests may still hold sockets open; do not wait for them.
      if (code === EXIT_INTERRUPTED) process.exit(code);
      process.exitCode = code;
      process.off("SIGINT", interrupt);
      process.off("SIGTERM", interrupt);
    },
    () => {
      // runCli catches everything; this is only reachable through a bug, and must not print a stack.
      process.stderr.write("live-message-groups: internal error (run with --debug for details)\n");
      process.exitCode = 1;
    },
  );
}

main();
