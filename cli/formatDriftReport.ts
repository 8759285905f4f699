/**
 * The drift report: readable text for people and CI logs, or JSON for machines.
 */
import type { LiveMessageGroup } from "../sdk";
import type { Drift, DriftKind, FieldChange } from "./drift";
import { DRIFT_KINDS, driftCounts, hasDrift } from "./drift";
import { escapeControl, escapeText, formatUnixSeconds, truncateToWidth } from "./displayText";
import { toJsonText } from "./jsonText";

/** Identifies the JSON report format and its version. */
export const DRIFT_REPORT_FORMAT = "live-message-groups/drift@1";

/** Longest name or creator shown in the text report, in terminal columns (ids are never cut). */
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
  const unchanged = `${drift.unchanged} group${drift.unchanged === 1 ? "" : "s"} unchanged`;
  if (!hasDrift(drift)) return `No drift: ${scope}; ${unchanged}.\n`;
  const counts = driftCounts(drift);
  const total = DRIFT_KINDS.reduce((sum, kind) => sum + counts[kind], 0);
  const lines = [`Drift: ${scope}; ${total} change${total === 1 ? "" : "s"}, ${unchanged}.`];
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
      return drift.infoChanged.flatMap((change) => {
        const [was, now] = quotedChange(change.from, change.to, MAX_SHOWN_INFO_WIDTH);
        return [`  ~ ${shownId(change.groupId)}`, `      was ${was}`, `      now ${now}`];
      });
    case "createTimeChanged":
      return drift.createTimeChanged.map((change) =>
        `  ~ ${shownId(change.groupId)}  ${formatUnixSeconds(change.from)} -> ${formatUnixSeconds(change.to)} UTC`);
    case "adminsChanged":
      return drift.adminsChanged.map((change) =>
        `  ~ ${shownId(change.groupId)}  ${[...change.added.map((admin) => `+${quotedId(admin)}`), ...change.removed.map((admin) => `-${quotedId(admin)}`)].join(" ")}`);
    default: // renamed, creatorChanged
      return (drift[kind] as readonly FieldChange<string>[]).map((change) => {
        const [from, to] = quotedChange(change.from, change.to);
        return `  ~ ${shownId(change.groupId)}  ${from} -> ${to}`;
      });
  }
}

function describeGroup(group: LiveMessageGroup): string {
  const admins = group.adminList.length === 0 ? "no admins" : `admins ${group.adminList.map(quotedId).join(",")}`;
  return `${shownId(group.groupId)}  ${quoted(group.groupName)}  (${group.deleted ? "deleted" : "live"}, created ${formatUnixSeconds(group.createTime)} UTC, ${admins})`;
}

/**
 * A group id, whole (two ids differing past any cut must not print alike), unquoted, escaped as
 * in the table: `\` doubled, then control characters.
 */
const shownId = escapeText;

/**
 * `text` escaped for double quotes, unambiguous: `"` and `\` inside are backslash-escaped (as in
 * JSON) before control characters are shown as `\xNN`, so `{"room":6}` reads `{\"room\":6}` and
 * a literal backslash cannot pass for an escape.
 */
const escapeQuoted = (text: string): string => escapeControl(text.replace(/["\\]/g, "\\$&"));

/** `text` in double quotes, escaped (see {@link escapeQuoted}), cut at `maxWidth` columns. */
function quoted(text: string, maxWidth = MAX_SHOWN_TEXT_WIDTH): string {
  return `"${truncateToWidth(escapeQuoted(text), maxWidth)}"`;
}

/** An admin id in double quotes, escaped like a name, never cut. */
const quotedId = (text: string): string => `"${escapeQuoted(text)}"`;

/** Graphemes shown before the first difference when both sides of a change are shown from there. */
const CONTEXT_GRAPHEMES = 10;

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * Both sides of a change, quoted and cut at `maxWidth`. Where cutting at the end would make them
 * read the same (names alike for their first 60 columns), each is shown from a few graphemes
 * before their first difference instead, with "…" in front, so the change is visible.
 */
function quotedChange(from: string, to: string, maxWidth = MAX_SHOWN_TEXT_WIDTH): [string, string] {
  const [a, b] = [escapeQuoted(from), escapeQuoted(to)];
  const [cutA, cutB] = [truncateToWidth(a, maxWidth), truncateToWidth(b, maxWidth)];
  if (cutA !== cutB || a === b) return [`"${cutA}"`, `"${cutB}"`];
  let differ = 0;
  while (differ < a.length && a[differ] === b[differ]) differ++;
  // The last grapheme boundaries of `a` at or before the difference (the prefix is common to both).
  const boundaries: number[] = [];
  for (const { index } of graphemes.segment(a)) {
    if (index > differ) break;
    boundaries.push(index);
    if (boundaries.length > CONTEXT_GRAPHEMES + 1) boundaries.shift();
  }
  const start = boundaries.length > CONTEXT_GRAPHEMES ? boundaries[0] ?? 0 : 0;
  const shownFrom = (text: string): string => start === 0 ? truncateToWidth(text, maxWidth) : "…" + truncateToWidth(text.slice(start), maxWidth - 1);
  return [`"${shownFrom(a)}"`, `"${shownFrom(b)}"`];
}

/** JSON report (2-space indented, newline-terminated, invisible characters escaped: {@link toJsonText}); deterministic for the same inputs. */
export function formatDriftJson(drift: Drift, context: DriftContext): string {
  const { appId, dataCenter, groupStatus, unchanged } = drift;
  const changes = Object.fromEntries(DRIFT_KINDS.map((kind) => [kind, drift[kind]]));
  return toJsonText({
    format: DRIFT_REPORT_FORMAT, appId, dataCenter, groupStatus, snapshot: context.snapshotSource, snapshotTakenAt: context.snapshotTakenAt,
    drifted: hasDrift(drift), counts: driftCounts(drift), unchanged, changes,
  });
}
