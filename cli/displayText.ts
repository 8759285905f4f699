/**
 * Making untrusted text (group names and infos are set by app users) safe and measurable on a
 * terminal: control characters, including ESC of ANSI sequences, are shown escaped so a group
 * name cannot move the cursor or recolour the screen; display width (CJK wide characters, emoji
 * and their sequences) comes from string-width, cut by grapheme so no emoji is split.
 */
import stringWidth from "string-width";

/** Replaces C0/C1 control characters with visible escapes (`\n`, `\t`, `\x1b`). */
export function escapeControl(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) =>
    ({ "\n": "\\n", "\r": "\\r", "\t": "\\t" })[char] ?? "\\x" + char.charCodeAt(0).toString(16).padStart(2, "0"));
}

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
