/**
 * `snapshot`: writes the app's groups as a versioned JSON snapshot for later `drift` checks.
 */
import type { Command } from "commander";
import { type CliIo, writeOutput, EXIT_OK } from "../cliIo";
import { escapeControl } from "../displayText";
import { addListingOptions, fetchGroups, listingRequest, requireWritableOutput } from "../listingFlags";
import { valueOption } from "../program";
import { createSnapshot, serializeSnapshotChunks, SNAPSHOT_FORMAT } from "../snapshot";

export function defineSnapshot(program: Command): Command {
  const command = program.command("snapshot")
    .description("Write a JSON snapshot of an app's groups (to a file or stdout) for later drift checks.")
    .usage("--app-id <id> [-o <file>] [flags]");
  // The order of the listing does not matter: the snapshot is sorted by groupId.
  return addListingOptions(command, { omit: ["order"] })
    .addOption(valueOption("-o, --output <file>", "Write the snapshot to this file (atomically). Default stdout."))
    .option("--no-timestamp", "Leave out takenAt, so unchanged groups give a byte-identical file.")
    .addHelpText("after", `
Format: {format: "${SNAPSHOT_FORMAT}", appId, dataCenter, groupStatus, takenAt?, groups sorted by groupId}.

--status sets the snapshot's scope (default all): drift then reports new groups only within it.

Example: live-message-groups snapshot --app-id my-app -o groups.snapshot.json`);
}

export async function snapshotCommand(io: CliIo, flags: { output?: string; timestamp: boolean; quiet?: boolean }): Promise<number> {
  const request = listingRequest(flags, io.env);
  await requireWritableOutput(io, flags.output, "snapshot");
  const list = await fetchGroups(io, request, flags.quiet === true);
  const snapshot = createSnapshot({ ...list, ...(flags.timestamp ? { takenAt: new Date(io.now()) } : {}) });
  await writeOutput(io, serializeSnapshotChunks(snapshot), flags.output);
  if (flags.output !== undefined && flags.output !== "-" && flags.quiet !== true && io.stderr.isTTY === true) {
    io.stderr.write(escapeControl(`wrote ${snapshot.groups.length} groups of ${snapshot.appId} to ${flags.output}`) + "\n");
  }
  return EXIT_OK;
}
