/**
 * `drift`: compares an app now against a snapshot. Exit 0 when nothing drifted, 2 on drift,
 * 1 when the check could not run, so a CI job can gate on it.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import type { CliIo } from "../cliIo";
import type { CommandSpec } from "../commandSpec";
import { HELP_FLAG } from "../commandSpec";
import { computeDrift, hasDrift } from "../drift";
import { EXIT_DRIFT, EXIT_OK } from "../exitCodes";
import { booleanFlag, stringFlag } from "../flagValue";
import { fetchGroups } from "../fetchGroups";
import { formatDriftJson, formatDriftText } from "../formatDriftReport";
import { LISTING_FLAGS, listingRequestFromFlags } from "../listingFlags";
import type { FlagValues } from "../program";
import { parseEnumFlag } from "../parseValues";
import { parseSnapshot, SnapshotError } from "../snapshot";
import type { Snapshot } from "../snapshot";
import { UsageError } from "../usageError";
import { writeOutput } from "../writeOutput";

export const DRIFT_FORMATS = ["text", "json"] as const;

export const DRIFT_SPEC: CommandSpec = {
  name: "drift",
  summary: "Compare an app now against a snapshot; exit 0 no drift, 2 drift, 1 error.",
  usage: "drift --snapshot <file> [flags]",
  // Scope and order come from the snapshot: drift always lists every group (deleted ones too),
  // so a group deleted since the snapshot is reported as deleted, not as gone.
  flags: [
    { name: "snapshot", type: "string", placeholder: "<file>", description: "Snapshot written by 'snapshot'. Required ('-' reads stdin)." },
    ...LISTING_FLAGS.filter((flag) => flag.name !== "status" && flag.name !== "order").map((flag) =>
      flag.name === "app-id" ? { ...flag, description: "App to check. Default: the snapshot's; must match it when given." }
        : flag.name === "data-center" ? { ...flag, description: "Default: the snapshot's; must match it when given." } : flag),
    { name: "format", type: "string", placeholder: "<f>", choices: DRIFT_FORMATS, description: "text (default, readable report) | json." },
    { name: "output", type: "string", short: "o", placeholder: "<file>", description: "Write the report to this file instead of stdout." },
    HELP_FLAG,
  ],
  notes: [
    "Reports: added, removed (no longer listed at all), newly deleted (still listed, flagged deleted),\n" +
      "restored, renamed, info changed, admins changed (as sets), creator changed, re-created.",
    "Exit codes: 0 no drift, 2 drift found, 1 error (bad flags, unreadable snapshot, service failure).",
    "CI: live-message-groups drift --snapshot groups.snapshot.json || exit $?",
  ],
};

export async function driftCommand(io: CliIo, values: FlagValues): Promise<number> {
  const snapshotPath = stringFlag(values, "snapshot");
  if (snapshotPath === undefined || snapshotPath === "") throw new UsageError("missing required flag --snapshot", "drift");
  let format: (typeof DRIFT_FORMATS)[number] = "text";
  const rawFormat = stringFlag(values, "format");
  if (rawFormat !== undefined) format = parseEnumFlag("format", rawFormat, DRIFT_FORMATS);
  const request = listingRequestFromFlags(values, false, io.env);
  const snapshot = await readSnapshot(io, snapshotPath);
  if (request.appId !== "" && request.appId !== snapshot.appId) {
    throw new UsageError(`--app-id ${request.appId} does not match the snapshot's app ${snapshot.appId}`, "drift");
  }
  if (request.dataCenter !== undefined && request.dataCenter !== snapshot.dataCenter) {
    throw new UsageError(`--data-center ${request.dataCenter} does not match the snapshot's ${snapshot.dataCenter}`, "drift");
  }
  const list = await fetchGroups(
    io,
    { ...request, appId: snapshot.appId, dataCenter: snapshot.dataCenter, groupStatus: "all" },
    { quiet: booleanFlag(values, "quiet") },
  );
  const drift = computeDrift(snapshot, list.groups);
  const context = { snapshotSource: snapshotPath === "-" ? "stdin" : snapshotPath, snapshotTakenAt: snapshot.takenAt ?? null };
  const report = format === "json" ? formatDriftJson(drift, context) : formatDriftText(drift, context);
  await writeOutput(io, report, stringFlag(values, "output"));
  return hasDrift(drift) ? EXIT_DRIFT : EXIT_OK;
}

async function readSnapshot(io: CliIo, snapshotPath: string): Promise<Snapshot> {
  let text: string;
  try {
    text = snapshotPath === "-" ? await readStdin() : await fs.readFile(path.resolve(io.cwd, snapshotPath), "utf8");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new SnapshotError(`cannot read snapshot ${snapshotPath}: ${typeof code === "string" ? code : (error as Error).message}`);
  }
  return parseSnapshot(text, snapshotPath === "-" ? "stdin" : snapshotPath);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString("utf8");
}
