/**
 * The drift report: readable text for people and CI logs, or JSON for machines.
 */
import type { LiveMessageGroup } from "../sdk";
import type { Drift, DriftKind, FieldChange } from "./drift";
import { DRIFT_KINDS, driftCounts, hasDrift } from "./drift";
import { escapeControl, formatUnixSeconds, truncateToWidth } from "./displayText";

/** Identifies the JSON report format and its version. */
export const DRIFT_REPORT_FORMAT = "live-message-groups/drift@1";

/** Longest name or id shown in the text report, in terminal columns. */
const MAX_SHOWN_TEXT_WIDTH = 60;
/** Longest info value shown (each on its own line), in terminal columns; JSON reports carry it whole. */
const MAX_SHOWN_INFO_WIDTH = 200;

/** Each section's title, and the mark before a group added, removed, deleted or restored. */
const SECTIONS: Readonly<Record<DriftKind, readonly [title: string, mark?: string]>> = {
  added: ["Added", "+"],
  removed: ["Removed (no longer listed at all)", "-"],
  deleted: ["Newly deleted (still listed, flagged deleted)", "x"],
  restored: ["Restored (deleted in the snapshot, live now)", "^"],
  renamed: ["Renamed"],
  infoChanged: ["Info changed"],
  adminsChanged: ["Admins changed"],
  creatorChanged: ["Creator changed"],
  createTimeChanged: ["Re-created (creation time changed)"],
};

/** Where the snapshot came from, for the report's first line. */
export interface DriftContext {
  readonly snapshotSource: string;
  readonly snapshotTakenAt: string | null;
}

/** Text report; ends with a newline. Empty sections are left out. */
export function formatDriftText(drift: Drift, context: DriftContext): string {
  const taken = context.snapshotTakenAt === null ? "" : ` taken ${escapeControl(context.snapshotTakenAt)}`;
  const scope = `app ${escapeControl(drift.appId)} (${drift.dataCenter}, ${drift.groupStatus} groups) against ${escapeControl(context.snapshotSource)}${taken}`;
  if (!hasDrift(drift)) return `No drift: ${scope}; ${drift.unchanged} groups unchanged.\n`;
  const counts = driftCounts(drift);
  const total = DRIFT_KINDS.reduce((sum, kind) => sum + counts[kind], 0);
  const lines = [`Drift: ${scope}; ${total} change${total === 1 ? "" : "s"}, ${drift.unchanged} groups unchanged.`];
  for (const kind of DRIFT_KINDS) {
    if (counts[kind] === 0) continue;
    lines.push("", `${SECTIONS[kind][0]} (${counts[kind]}):`);
    // One push per line: push(...section) spreads one argument per entry and overflowed the call
    // stack (RangeError, exit 1 instead of 2) past about 125,000 entries of one kind.
    for (const line of sectionLines(drift, kind)) lines.push(line);
  }
  return lines.join("\n") + "\n";
}

function sectionLines(drift: Drift, kind: DriftKind): string[] {
  const mark = SECTIONS[kind][1];
  if (mark !== undefined) return (drift[kind] as readonly LiveMessageGroup[]).map((group) => `  ${mark} ${describeGroup(group)}`);
  switch (kind) {
    case "infoChanged":
      // Infos are often JSON full of quotes and long: old and new each get a line of their own.
      return drift.infoChanged.flatMap((change) => [
        `  ~ ${shown(change.groupId)}`,
        `      was ${quoted(change.from, MAX_SHOWN_INFO_WIDTH)}`,
        `      now ${quoted(change.to, MAX_SHOWN_INFO_WIDTH)}`,
      ]);
    case "createTimeChanged":
      return drift.createTimeChanged.map((change) =>
        `  ~ ${shown(change.groupId)}  ${formatUnixSeconds(change.from)} -> ${formatUnixSeconds(change.to)} UTC`);
    case "adminsChanged":
      return drift.adminsChanged.map((change) =>
        `  ~ ${shown(change.groupId)}  ${[...change.added.map((admin) => `+${shown(admin)}`), ...change.removed.map((admin) => `-${shown(admin)}`)].join(" ")}`);
    default: // renamed, creatorChanged
      return (drift[kind] as readonly FieldChange<string>[]).map((change) => `  ~ ${shown(change.groupId)}  ${quoted(change.from)} -> ${quoted(change.to)}`);
  }
}

function describeGroup(group: LiveMessageGroup): string {
  const admins = group.adminList.length === 0 ? "no admins" : `admins ${group.adminList.map(shown).join(",")}`;
  return `${shown(group.groupId)}  ${quoted(group.groupName)}  (${group.deleted ? "deleted" : "live"}, created ${formatUnixSeconds(group.createTime)} UTC, ${admins})`;
}

const shown = (text: string): string => truncateToWidth(escapeControl(text), MAX_SHOWN_TEXT_WIDTH);

/**
 * `text` in double quotes, unambiguous: `"` and `\` inside are backslash-escaped (as in JSON)
 * before control characters are shown as `\xNN`, so `{"room":6}` reads `"{\"room\":6}"` and
 * a literal backslash cannot pass for an escape.
 */
function quoted(text: string, maxWidth = MAX_SHOWN_TEXT_WIDTH): string {
  return `"${truncateToWidth(escapeControl(text.replace(/["\\]/g, "\\$&")), maxWidth)}"`;
}

/** JSON report (2-space indented, newline-terminated); deterministic for the same inputs. */
export function formatDriftJson(drift: Drift, context: DriftContext): string {
  const { appId, dataCenter, groupStatus, unchanged } = drift;
  const changes = Object.fromEntries(DRIFT_KINDS.map((kind) => [kind, drift[kind]]));
  return JSON.stringify({
    format: DRIFT_REPORT_FORMAT, appId, dataCenter, groupStatus, snapshot: context.snapshotSource, snapshotTakenAt: context.snapshotTakenAt,
    drifted: hasDrift(drift), counts: driftCounts(drift), unchanged, changes,
  }, null, 2) + "\n";
}
