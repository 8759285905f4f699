/**
 * A plain-text table of groups for people: aligned columns, long fields cut with "…" so one
 * row stays one line, control characters escaped, times in UTC.
 */
import type { LiveMessageGroup } from "../sdk";
import { displayWidth, escapeControl, padToWidth, truncateToWidth } from "./displayText";

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
  return new Date(seconds * 1000).toISOString().slice(0, 19).replace("T", " ");
}

/**
 * Renders the table. `terminalWidth`, when known (stdout is a terminal), shrinks the last
 * column so rows do not wrap; below that the table keeps its per-column maximums.
 */
export function formatTable(groups: readonly LiveMessageGroup[], terminalWidth?: number): string {
  const titles = COLUMNS.map(([title]) => title);
  const cells = groups.map((group) => COLUMNS.map(([, maxWidth, value]) => truncateToWidth(escapeControl(value(group)), maxWidth)));
  const widths = titles.map((title, index) => Math.max(displayWidth(title), ...cells.map((row) => displayWidth(row[index] ?? ""))));
  const last = widths.length - 1;
  if (terminalWidth !== undefined) {
    const fixed = widths.slice(0, -1).reduce((sum, width) => sum + width + GAP.length, 0);
    widths[last] = Math.min(widths[last] ?? 0, Math.max(displayWidth(titles[last] ?? ""), terminalWidth - fixed));
  }
  const render = (row: readonly string[]): string =>
    row.map((cell, index) => (index === last ? truncateToWidth(cell, widths[index] ?? 0) : padToWidth(cell, widths[index] ?? 0))).join(GAP).trimEnd();
  return [titles, ...cells].map(render).join("\n") + "\n";
}
