/**
 * Making untrusted text (group names and infos are set by app users) safe and measurable on a
 * terminal: control characters, including ESC of ANSI sequences, are shown escaped so a group
 * name cannot move the cursor or recolour the screen; display width (CJK wide characters, emoji
 * and their sequences) comes from string-width, cut by grapheme so no emoji is split. And the
 * table of groups for people built on it: aligned columns, long fields cut with "…" so one row
 * stays one line, control characters (and `\`) escaped, times in UTC.
 */
import stringWidth from "string-width";
import type { LiveMessageGroup } from "../sdk";
import { escapeControl } from "../sdk/errors";

/** Replaces C0/C1 control characters with visible escapes (`\n`, `\t`, `\x1b`); the sdk's errors use the same. */
export { escapeControl };

/**
 * Untrusted text shown as it is, unquoted (the table's cells, `--ids-only`, ids in the drift
 * report): `\` doubled first, then control characters escaped, so a literal `\x1b` (shown
 * `\\x1b`) cannot pass for an ESC (shown `\x1b`), as in the drift report's quoted values.
 */
export function escapeText(text: string): string {
  return escapeControl(text.replace(/\\/g, "\\\\"));
}

/** Printable ASCII only: one column per character, no need to measure. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Terminal columns of already-escaped text. Printable ASCII (most ids, and most names) is
 * counted by length: string-width segments and tests every grapheme, and measuring each cell of a
 * 100,000-group table that way took 20 s.
 */
export function displayWidth(text: string): number {
  return PRINTABLE_ASCII.test(text) ? text.length : stringWidth(text);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Columns of one grapheme: a printable ASCII character is one. */
function graphemeWidth(segment: string): number {
  if (segment.length === 1) {
    const code = segment.charCodeAt(0);
    if (code >= 0x20 && code <= 0x7e) return 1;
  }
  return stringWidth(segment);
}

/**
 * Cuts already-escaped `text` to at most `maxWidth` columns, ending with "…" when cut; never
 * inside a grapheme (an emoji sequence). Reads no further into `text` than the cut: a 100,000-
 * character info is not measured whole to show 40 columns of it.
 */
export function truncateToWidth(text: string, maxWidth: number): string {
  if (PRINTABLE_ASCII.test(text)) return text.length <= maxWidth ? text : text.slice(0, Math.max(0, maxWidth - 1)) + "…";
  let width = 0;
  // Where the text is cut if it does not fit: the longest prefix leaving a column for "…".
  let cut = -1;
  for (const { segment, index } of graphemes.segment(text)) {
    width += graphemeWidth(segment);
    if (cut < 0 && width > maxWidth - 1) cut = index;
    if (width > maxWidth) return text.slice(0, cut) + "…";
  }
  return text;
}

/** Pads with spaces to `width` columns (by display width, not string length). */
export function padToWidth(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

/**
 * One admin ID in the comma-separated ADMINS cell: as it is, or quoted CSV-style (`"a,b"`, a quote
 * doubled) when it is empty, holds a comma or a quote, or starts or ends with a space, so that
 * `a,b` + `c` and `a` + `b,c` do not read the same.
 */
function adminCell(id: string): string {
  return /^$|[,"]|^\s|\s$/.test(id) ? `"${id.replace(/"/g, '""')}"` : id;
}

/** Each column: title, widest it may get in terminal columns, value. */
const COLUMNS: readonly (readonly [string, number, (group: LiveMessageGroup) => string])[] = [
  ["GROUP ID", 36, (g) => g.groupId],
  ["NAME", 28, (g) => g.groupName],
  ["CREATED (UTC)", 19, (g) => formatUnixSeconds(g.createTime)],
  ["STATUS", 7, (g) => (g.deleted ? "deleted" : "live")],
  ["CREATOR", 16, (g) => g.creatorId],
  ["ADMINS", 30, (g) => g.adminList.map(adminCell).join(",")],
  ["INFO", 40, (g) => g.groupInfo],
];

const GAP = "  ";

/** 0000-01-01 00:00:00 UTC and 10000-01-01 00:00:00 UTC, in unix seconds: the years of four digits. */
const FIRST_SHOWN_SECOND = -62_167_219_200;
const PAST_SHOWN_SECOND = 253_402_300_800;

/** `2024-05-01 12:00:00`; unix seconds in, UTC out. */
export function formatUnixSeconds(seconds: number): string {
  // Outside years 0000-9999 (milliseconds sent as seconds; the service and a snapshot may say
  // anything), where toISOString writes a signed six-digit year: the number itself.
  if (!(seconds >= FIRST_SHOWN_SECOND && seconds < PAST_SHOWN_SECOND)) return `unix ${seconds}`;
  return new Date(seconds * 1000).toISOString().slice(0, 19).replace("T", " ");
}

/**
 * Renders the table. `terminalWidth`, when known (stdout is a terminal), shrinks the last
 * column so rows do not wrap; below that the table keeps its per-column maximums.
 */
export function formatTable(groups: readonly LiveMessageGroup[], terminalWidth?: number): string {
  return [...formatTableChunks(groups, terminalWidth)].join("");
}

/** Rows of the table in one chunk of {@link formatTableChunks}. */
const CHUNK_ROWS = 1000;

/**
 * The text of {@link formatTable}, in chunks of {@link CHUNK_ROWS} rows rendered as they are asked
 * for. The columns' widths need every row first: the cells are measured once for them and made
 * again for each chunk, as holding every row's cells (seven objects and their strings a row) took
 * more memory than the listing itself, and the whole table as one string was copied again to be written.
 */
export function* formatTableChunks(groups: readonly LiveMessageGroup[], terminalWidth?: number): Generator<string, void, undefined> {
  const titles = COLUMNS.map(([title]) => title);
  // Each cell measured once per pass, after escaping and cutting; padding and the last column reuse it.
  const cell = (text: string): Cell => ({ text, width: displayWidth(text) });
  const cells = (group: LiveMessageGroup): Cell[] => COLUMNS.map(([, maxWidth, value]) => cell(truncateToWidth(escapeText(value(group)), maxWidth)));
  // A loop, not Math.max(...column): spreading one argument per row overflowed the call stack
  // (RangeError) past about 126,000 groups.
  const widths = titles.map((title) => displayWidth(title));
  // Only the widths here: printable ASCII (most cells) is counted without being cut ("…" is one column).
  for (const group of groups) {
    COLUMNS.forEach(([, maxWidth, value], index) => {
      const text = escapeText(value(group));
      const width = PRINTABLE_ASCII.test(text) ? Math.min(text.length, maxWidth) : displayWidth(truncateToWidth(text, maxWidth));
      widths[index] = Math.max(widths[index] ?? 0, width);
    });
  }
  const last = widths.length - 1;
  if (terminalWidth !== undefined) {
    const fixed = widths.slice(0, -1).reduce((sum, width) => sum + width + GAP.length, 0);
    widths[last] = Math.min(widths[last] ?? 0, Math.max(displayWidth(titles[last] ?? ""), terminalWidth - fixed));
  }
  const render = (row: readonly Cell[]): string =>
    row.map(({ text, width }, index) => {
      const columnWidth = widths[index] ?? 0;
      if (index === last) return width <= columnWidth ? text : truncateToWidth(text, columnWidth);
      return text + " ".repeat(Math.max(0, columnWidth - width));
    }).join(GAP).trimEnd();
  let chunk = render(titles.map(cell)) + "\n";
  for (let start = 0; start < groups.length; start += CHUNK_ROWS) {
    const lines = [chunk];
    for (let i = start; i < Math.min(groups.length, start + CHUNK_ROWS); i++) lines.push(render(cells(groups[i] as LiveMessageGroup)) + "\n");
    yield lines.join("");
    chunk = "";
  }
  if (chunk !== "") yield chunk;
}

/** A cell's text and its width in terminal columns. */
interface Cell {
  readonly text: string;
  readonly width: number;
}
