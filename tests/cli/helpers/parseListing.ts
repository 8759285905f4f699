/**
 * Parses `list` flags as the real program does, without running anything: the listing request the
 * command would send to the sdk, or the UsageError it would print.
 */
import { buildProgram } from "../../../cli/runCli";
import { listingRequest } from "../../../cli/listingFlags";
import { usageErrorFrom } from "../../../cli/program";
import { memoryIo } from "./memoryIo";

/** The `list` command of a fresh program, and its parsed flags after `parse`. */
export function listCommandOf() {
  const program = buildProgram(memoryIo());
  const command = program.commands.find((candidate) => candidate.name() === "list");
  if (command === undefined) throw new Error("no list command");
  return command;
}

export function parseListing(args: readonly string[], env: Readonly<Record<string, string | undefined>> = {}) {
  const command = listCommandOf();
  command.action(() => undefined);
  try {
    command.parse([...args], { from: "user" });
  } catch (error) {
    throw usageErrorFrom(error, command);
  }
  return listingRequest(command.opts(), env);
}
