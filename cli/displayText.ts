/**
 * Making untrusted text (group names and infos are set by app users) safe and measurable on a
 * terminal: control characters, including ESC of ANSI sequences, are shown escaped so a group
 * name cannot move the cursor or recolour the screen; display width (CJK wide characters, emoji
 * and their sequences) comes from string-width, cut by grapheme so no emoji is split. And the
 * table of groups for people built on it: aligned columns, long fields cut with "…" so one row
 * stays one line, control characters escaped, times in UTC.
 */
import stringWidth from "string-width";
import type { LiveMessageGroup } from "../sdk";
import { escapeControl } from "../sdk/errors";

/** Replaces C0/C1 control characters with visible escapes (`\n`, `\t`, `\x1b`); the sdk's errors use the same. */
export { escapeControl };

/** Terminal columns of already-escaped text. */
export const displayWidth: (text: string) => number = stringWidth;

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Cuts `text` to at most `maxWidth` columns, ending with "…" when cut; never inside a grapheme (an emoji sequence). */
export function truncateToWidth(text: string, maxWidth: number): string {
  if (stringWidth(text) <= maxWidth) return text;
  let out = "";
  let width = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = stringWidth(segment);
    if (width + w > maxWidth - 1) break;
    out += segment;
    width += w;
  }
  return out + "…";
}

/** Pads with spaces to `width` columns (by display width, not string length). */
export function padToWidth(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - stringWidth(text)));
}

/** Each column: title, widest it may get in terminal columns, value. */
const COLUMNS: readonly (readonly [string, number, (group: LiveMessageGroup) => string])[] = [
  ["GROUP ID", 36, (g) => g.groupId],
  ["NAME", 28, (g) => g.groupName],
  ["CREATED (UTC)", 19, (g) => formatUnixSeconds(g.createTime)],
  ["STATUS", 7, (g) => (g.deleted ? "deleted" : "live")],
  ["CREATOR", 16, (g) => g.creatorId],
  ["ADMINS", 30, (g) => g.adminList.join(",")],
  ["INFO", 40, (g) => g.groupInfo],
];

const GAP = "  ";

/** `2024-05-01 12:00:00`; unix seconds in, UTC out. */
export function formatUnixSeconds(seconds: number): string {
  const date = new Date(seconds * 1000);
  // Past what a Date holds (the service and a snapshot may say anything): the number itself.
  if (Number.isNaN(date.getTime())) return `unix ${seconds}`;
  return date.toISOString().slice(0, 19).replace("T", " ");
}

/**
 * Renders the table. `terminalWidth`, when known (stdout is a terminal), shrinks the last
 * column so rows do not wrap; below that the table keeps its per-column maximums.
 */
export function formatTable(groups: readonly LiveMessageGroup[], terminalWidth?: number): string {
  const titles = COLUMNS.map(([title]) => title);
  const cells = groups.map((group) => COLUMNS.map(([, maxWidth, value]) => truncateToWidth(escapeControl(value(group)), maxWidth)));
  // A loop, not Math.max(...column): spreading one argument per row overflowed the call stack
  // (RangeError) past about 126,000 groups.
  const widths = titles.map((title) => displayWidth(title));
  for (const row of cells) row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, displayWidth(cell))));
  const last = widths.length - 1;
  if (terminalWidth !== undefined) {
    const fixed = widths.slice(0, -1).reduce((sum, width) => sum + width + GAP.length, 0);
    widths[last] = Math.min(widths[last] ?? 0, Math.max(displayWidth(titles[last] ?? ""), terminalWidth - fixed));
  }
  const render = (row: readonly string[]): string =>
    row.map((cell, index) => (index === last ? truncateToWidth(cell, widths[index] ?? 0) : padToWidth(cell, widths[index] ?? 0))).join(GAP).trimEnd();
  return [titles, ...cells].map(render).join("\n") + "\n";
}
