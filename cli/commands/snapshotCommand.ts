/**
 * `snapshot`: writes the app's groups as a versioned JSON snapshot for later `drift` checks.
 */
import type { CliIo } from "../cliIo";
import type { CommandSpec } from "../commandSpec";
import { HELP_FLAG } from "../commandSpec";
import { escapeControl } from "../displayText";
import { EXIT_OK } from "../exitCodes";
import { booleanFlag, stringFlag } from "../flagValue";
import { fetchGroups } from "../fetchGroups";
import { LISTING_FLAGS, listingRequestFromFlags } from "../listingFlags";
import type { FlagValues } from "../program";
import { createSnapshot, serializeSnapshot, SNAPSHOT_FORMAT } from "../snapshot";
import { writeOutput } from "../writeOutput";

export const SNAPSHOT_SPEC: CommandSpec = {
  name: "snapshot",
  summary: "Write a JSON snapshot of an app's groups (to a file or stdout) for later drift checks.",
  usage: "snapshot --app-id <id> [-o <file>] [flags]",
  // The order of the listing does not matter: the snapshot is sorted by groupId.
  flags: [
    ...LISTING_FLAGS.filter((flag) => flag.name !== "order"),
    { name: "output", type: "string", short: "o", placeholder: "<file>", description: "Write the snapshot to this file (atomically). Default stdout." },
    { name: "no-timestamp", type: "boolean", description: "Leave out takenAt, so unchanged groups give a byte-identical file." },
    HELP_FLAG,
  ],
  notes: [
    `Format: {format: "${SNAPSHOT_FORMAT}", appId, dataCenter, groupStatus, takenAt?, groups sorted by groupId}.`,
    "--status sets the snapshot's scope (default all): drift then reports new groups only within it.",
    "Example: live-message-groups snapshot --app-id my-app -o groups.snapshot.json",
  ],
};

export async function snapshotCommand(io: CliIo, values: FlagValues): Promise<number> {
  const request = listingRequestFromFlags(values, true, io.env);
  const list = await fetchGroups(io, request, { quiet: booleanFlag(values, "quiet") });
  const snapshot = createSnapshot({
    appId: list.appId,
    dataCenter: list.dataCenter,
    groupStatus: list.groupStatus,
    groups: list.groups,
    ...(booleanFlag(values, "no-timestamp") ? {} : { takenAt: new Date(io.now()) }),
  });
  const output = stringFlag(values, "output");
  await writeOutput(io, serializeSnapshot(snapshot), output);
  if (output !== undefined && output !== "-" && !booleanFlag(values, "quiet") && io.stderr.isTTY === true) {
    io.stderr.write(escapeControl(`wrote ${snapshot.groups.length} groups of ${snapshot.appId} to ${output}`) + "\n");
  }
  return EXIT_OK;
}
