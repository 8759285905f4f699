/**
 * `drift`: compares an app now against a snapshot. Exit 0 when nothing drifted, 2 on drift,
 * 1 when the check could not run, so a CI job can gate on it.
 */
import { constants, openSync, promises as fs } from "node:fs";
import { Socket } from "node:net";
import { text as readAll } from "node:stream/consumers";
import type { Command } from "commander";
import { type CliIo, EXIT_DRIFT, EXIT_OK, fileFailure, resolvePath, writeOutput } from "../cliIo";
import { computeDrift, hasDrift } from "../drift";
import { formatDriftJson, formatDriftText } from "../formatDriftReport";
import { addListingOptions, fetchGroups, listingRequest, requireWritableOutput } from "../listingFlags";
import { choiceOption, UsageError, valueOption } from "../program";
import { parseSnapshot, SnapshotError } from "../snapshot";
import { untilAborted } from "../../sdk/untilAborted";
import { escapeControl, isLiveMessageGroupsError } from "../../sdk/errors";
import type { GroupStatus, LiveMessageGroup, LiveMessageGroupList } from "../../sdk/types";

export const DRIFT_FORMATS = ["text", "json"] as const;

export function defineDrift(program: Command): Command {
  const command = program.command("drift")
    .description("Compare an app now against a snapshot; exit 0 no drift, 2 drift, 1 error.")
    .usage("--snapshot <file> [flags]")
    .addOption(valueOption("--snapshot <file>", "Snapshot written by 'snapshot'. Required ('-' reads stdin).").makeOptionMandatory());
  // Scope and order come from the snapshot: drift always lists every group (deleted ones too),
  // so a group deleted since the snapshot is reported as deleted, not as gone (groupsForDrift).
  return addListingOptions(command, {
    appIdOptional: true,
    omit: ["status", "order"],
    describe: { "app-id": "App to check. Default: the snapshot's; must match it when given.", "data-center": "Default: the snapshot's; must match it when given." },
  })
    .addOption(choiceOption("--format <f>", "text (default, readable report) | json.", DRIFT_FORMATS))
    .addOption(valueOption("-o, --output <file>", "Write the report to this file instead of stdout."))
    .addHelpText("after", `
Reports: added, removed (no longer listed at all), newly deleted (still listed, flagged deleted),
restored, renamed, info changed, admins changed (as sets), creator changed, re-created.

Exit codes: 0 no drift, 2 drift found, 1 error (bad flags, unreadable snapshot, service failure).

CI: live-message-groups drift --snapshot groups.snapshot.json || exit $?`);
}

export async function driftCommand(
  io: CliIo, flags: { snapshot: string; format?: (typeof DRIFT_FORMATS)[number]; output?: string; quiet?: boolean },
): Promise<number> {
  if (flags.snapshot === "") throw new UsageError("missing required flag --snapshot", "drift");
  const request = listingRequest(flags, io.env);
  await requireWritableOutput(io, flags.output, "drift");
  const source = flags.snapshot === "-" ? "stdin" : flags.snapshot;
  const snapshot = parseSnapshot(await readSnapshot(io, flags.snapshot), source);
  if (request.appId !== "" && request.appId !== snapshot.appId) {
    throw new UsageError(`--app-id ${request.appId} does not match the snapshot's app ${snapshot.appId}`, "drift");
  }
  if (request.dataCenter !== undefined && request.dataCenter !== snapshot.dataCenter) {
    throw new UsageError(`--data-center ${request.dataCenter} does not match the snapshot's ${snapshot.dataCenter}`, "drift");
  }
  // --timeout bounds the whole check: listings after the first get what is left of it.
  const startedAt = io.now();
  const fetchStatus = (groupStatus: GroupStatus): Promise<LiveMessageGroupList> => {
    const left = request.timeoutMs === undefined || request.timeoutMs === null ? undefined : Math.max(1, request.timeoutMs - (io.now() - startedAt));
    return fetchGroups(io, { ...request, appId: snapshot.appId, dataCenter: snapshot.dataCenter, groupStatus, ...(left === undefined ? {} : { timeoutMs: left }) }, flags.quiet === true);
  };
  const drift = computeDrift(snapshot, await groupsForDrift(fetchStatus));
  const context = { snapshotSource: source, snapshotTakenAt: snapshot.takenAt ?? null };
  await writeOutput(io, (flags.format === "json" ? formatDriftJson : formatDriftText)(drift, context), flags.output);
  return hasDrift(drift) ? EXIT_DRIFT : EXIT_OK;
}

/**
 * Every group of the app, deleted ones too (a group deleted since the snapshot is then reported as
 * deleted, not as gone). Deleted groups are never purged, so an app's all-status count only grows:
 * past what one listing may page through (500,000 groups at pageSize 50) while each status alone
 * stays under it, the two statuses are listed one after the other, existing first, and a group
 * found in both (deleted in between) is taken as deleted. A group created between the two is in
 * neither, and shows as added on the next check.
 */
export async function groupsForDrift(fetchStatus: (groupStatus: GroupStatus) => Promise<LiveMessageGroupList>): Promise<readonly LiveMessageGroup[]> {
  try {
    return (await fetchStatus("all")).groups;
  } catch (error) {
    if (!isLiveMessageGroupsError(error) || error.code !== "TooManyPages") throw error;
  }
  const byId = new Map<string, LiveMessageGroup>();
  for (const status of ["existing", "deleted"] as const) {
    for (const group of (await fetchStatus(status)).groups) byId.set(group.groupId, group);
  }
  return [...byId.values()];
}

/**
 * The text of a FIFO (`mkfifo`, or a process substitution `--snapshot <(git show main:s.json)`),
 * read so that a stop signal ends the wait. fs.readFile opened and read it in libuv's thread pool,
 * where open() waits for a writer and read() for its data: the run could not be stopped (a signal
 * only aborts what listens to it), and process.exit, waiting for that thread to end, hung too, so a
 * second Ctrl-C did nothing either and only SIGKILL ended it. Opened non-blocking (open() returns
 * at once) and read as a pipe through the event loop, which still waits for a writer and its data.
 */
async function readFifo(file: string, signal: AbortSignal): Promise<string> {
  const pipe = new Socket({ fd: openSync(file, constants.O_RDONLY | constants.O_NONBLOCK), readable: true, writable: false });
  try {
    return await untilAborted(readAll(pipe), signal);
  } finally {
    pipe.destroy();
  }
}

/** The text of the snapshot at `snapshotPath` (`-`: stdin). */
async function readSnapshot(io: CliIo, snapshotPath: string): Promise<string> {
  try {
    if (snapshotPath === "-") return await untilAborted(readAll(io.stdin ?? process.stdin), io.signal);
    const file = resolvePath(io, snapshotPath);
    return (await fs.stat(file)).isFIFO() ? await readFifo(file, io.signal) : await fs.readFile(file, "utf8");
  } catch (error) {
    if (io.signal.aborted) throw io.signal.reason;
    // The path escaped: a newline in it would cut the one-line message before the error's code.
    throw new SnapshotError(fileFailure(`cannot read snapshot ${escapeControl(snapshotPath)}`, error));
  }
}
