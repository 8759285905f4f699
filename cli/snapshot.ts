/**
 * The snapshot file: a versioned, deterministic JSON record of an app's groups, taken by
 * `snapshot` and read back by `drift`.
 *
 * Deterministic apart from the optional `takenAt`: groups are sorted by groupId and every
 * field is always written in the same order, so a snapshot committed to a repository only
 * shows a diff when the app changed.
 */
import { z } from "zod";
import type { DataCenter, GroupStatus, LiveMessageGroup } from "../sdk";
import { DATA_CENTERS, GROUP_STATUSES } from "../sdk";
import { escapeControl } from "../sdk/errors";
import { isPlainText, listingOption } from "../sdk/options/listingOptionsSchema";
import { toJsonObjectChunks, toJsonText } from "./jsonText";

/** Identifies the format and its version; a future incompatible change bumps `@1`. */
export const SNAPSHOT_FORMAT = "live-message-groups/snapshot@1";

/**
 * A snapshot: its `groupStatus` is the scope (`drift` reports new groups only within it), `takenAt`
 * the ISO 8601 UTC time the listing finished (absent with `--no-timestamp`), and `groups` are
 * sorted by groupId (code-unit order, locale-independent).
 */
export type Snapshot = Readonly<z.infer<typeof snapshotSchema>>;

/**
 * Builds a snapshot through the schema that reads it back: groups sorted by groupId, each group's
 * fields in the schema's order, anything else (a listing's totalCount...) left out.
 */
export function createSnapshot(input: Pick<Snapshot, "appId" | "dataCenter" | "groupStatus"> & { readonly groups: readonly LiveMessageGroup[]; readonly takenAt?: Date }): Snapshot {
  const groups = [...input.groups].sort((a, b) => compareIds(a.groupId, b.groupId));
  const takenAt = input.takenAt === undefined ? {} : { takenAt: input.takenAt.toISOString() };
  return snapshotSchema.parse({ format: SNAPSHOT_FORMAT, appId: input.appId, dataCenter: input.dataCenter, groupStatus: input.groupStatus, ...takenAt, groups });
}

/**
 * Two-space indented JSON with a trailing newline (friendly to diffs and editors), invisible and
 * bidirectional characters escaped ({@link toJsonText}): a snapshot's diff is reviewed in pull requests.
 */
export function serializeSnapshot(snapshot: Snapshot): string {
  return toJsonText(snapshot);
}

/** The text of {@link serializeSnapshot}, in chunks rendered as they are asked for ({@link toJsonObjectChunks}). */
export function serializeSnapshotChunks(snapshot: Snapshot): Iterable<string> {
  const { groups, ...head } = snapshot;
  return toJsonObjectChunks(head, "groups", groups);
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const groupSchema = z.object({
  groupId: z.string().min(1),
  groupName: z.string(),
  groupInfo: z.string(),
  creatorId: z.string(),
  adminList: z.array(z.string()),
  createTime: z.number().int().nonnegative(),
  deleted: z.boolean(),
});

const snapshotSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  // The sdk's rule for an app ID: one a listing would refuse is the file's fault, not a flag's.
  appId: z.custom<string>(isPlainText, { message: `expected ${listingOption("appId").allowed}` }),
  dataCenter: z.enum(DATA_CENTERS as [DataCenter, ...DataCenter[]]),
  groupStatus: z.enum(GROUP_STATUSES as [GroupStatus, ...GroupStatus[]]),
  takenAt: z.string().refine(isUtcTime, { message: "expected an ISO 8601 UTC time such as 2024-05-01T12:00:00.000Z" }).optional(),
  groups: z.array(groupSchema),
});

/** `2024-05-01T12:00:00.000Z` (as `takenAt` is written), a real moment. */
function isUtcTime(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(text)) return false;
  const at = new Date(text);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 19) === text.slice(0, 19);
}

/** Thrown when a snapshot file cannot be used; the message says where and why, in one line. */
export class SnapshotError extends Error {
  override readonly name = "SnapshotError";
}

/**
 * Parses and validates snapshot text. `source` names the file in error messages. Rejects
 * other formats/versions, missing fields and duplicate groupIds.
 */
export function parseSnapshot(text: string, source: string): Snapshot {
  // Escaped here, not cut at a newline later: an error is printed as its first line, and a newline
  // in the file name or in the file's text that JSON.parse quotes (`..."deleted": flase\n }"... is
  // not valid JSON`) cut the message short, losing what was wrong and where.
  const file = escapeControl(source);
  let raw: unknown;
  try {
    // A byte order mark first (Notepad and PowerShell 5 save UTF-8 with one) is not part of the JSON:
    // JSON.parse refused such a hand-edited snapshot as "Unexpected token".
    raw = JSON.parse(text.startsWith("\ufeff") ? text.slice(1) : text);
  } catch (error) {
    throw new SnapshotError(`${file} is not valid JSON (${escapeControl((error as Error).message)})`);
  }
  const format = (raw as { format?: unknown } | null)?.format;
  if (typeof raw === "object" && raw !== null && format !== SNAPSHOT_FORMAT) {
    throw new SnapshotError(`${file} is not a ${SNAPSHOT_FORMAT} snapshot (format: ${JSON.stringify(format ?? null)})`);
  }
  const parsed = snapshotSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? "" : ` at ${issue.path.join(".")}`;
    throw new SnapshotError(`${file} is not a valid snapshot${where}: ${issue?.message ?? "invalid"}`);
  }
  const seen = new Set<string>();
  for (const group of parsed.data.groups) {
    if (seen.has(group.groupId)) throw new SnapshotError(`${file} lists group ${JSON.stringify(group.groupId)} twice`);
    seen.add(group.groupId);
  }
  return parsed.data;
}
