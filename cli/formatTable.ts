/**
 * A plain-text table of groups for people: aligned columns, long fields cut with "…" so one
 * row stays one line, control characters escaped, times in UTC.
 */
import type { LiveMessageGroup } from "../sdk";
import { displayWidth, escapeControl, padToWidth, truncateToWidth } from "./displayText";

interface Column {
  readonly title: string;
  /** Widest the column may get, in terminal columns. */
  readonly maxWidth: number;
  readonly value: (group: LiveMessageGroup) => string;
}

const COLUMNS: readonly Column[] = [
  { title: "GROUP ID", maxWidth: 36, value: (g) => g.groupId },
  { title: "NAME", maxWidth: 28, value: (g) => g.groupName },
  { title: "CREATED (UTC)", maxWidth: 19, value: (g) => formatUnixSeconds(g.createTime) },
  { title: "STATUS", maxWidth: 7, value: (g) => (g.deleted ? "deleted" : "live") },
  { title: "CREATOR", maxWidth: 16, value: (g) => g.creatorId },
  { title: "ADMINS", maxWidth: 30, value: (g) => g.adminList.join(",") },
  { title: "INFO", maxWidth: 40, value: (g) => g.groupInfo },
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
  const cells = groups.map((group) => COLUMNS.map((column) => truncateToWidth(escapeControl(column.value(group)), column.maxWidth)));
  const widths = COLUMNS.map((column, index) =>
    Math.max(displayWidth(column.title), ...cells.map((row) => displayWidth(row[index] ?? ""))),
  );
  if (terminalWidth !== undefined) {
    const fixed = widths.slice(0, -1).reduce((sum, width) => sum + width + GAP.length, 0);
    const last = widths.length - 1;
    const room = Math.max(displayWidth(COLUMNS[last]?.title ?? ""), terminalWidth - fixed);
    widths[last] = Math.min(widths[last] ?? 0, room);
  }
  const render = (row: readonly string[]): string =>
    row.map((cell, index) => {
      const width = widths[index] ?? 0;
      const cut = truncateToWidth(cell, width);
      return index === row.length - 1 ? cut : padToWidth(cut, width);
    }).join(GAP).trimEnd();
  const lines = [render(COLUMNS.map((column) => column.title)), ...cells.map(render)];
  return lines.join("\n") + "\n";
}
