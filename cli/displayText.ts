/**
 * Making untrusted text (group names and infos are set by app users) safe and measurable on a
 * terminal: control characters, including ESC of ANSI sequences, are shown escaped so a group
 * name cannot move the cursor or recolour the screen, and East Asian wide characters count as
 * two columns so tables with Chinese names stay aligned.
 */

/** Replaces C0/C1 control characters with visible escapes (`\n`, `\t`, `\x1b`). */
export function escapeControl(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => {
    if (char === "\n") return "\\n";
    if (char === "\r") return "\\r";
    if (char === "\t") return "\\t";
    return "\\x" + char.charCodeAt(0).toString(16).padStart(2, "0");
  });
}

/** Columns a code point takes on a terminal: 2 for wide CJK / fullwidth forms / emoji, else 1. */
function codePointWidth(codePoint: number): number {
  if (codePoint >= 0x0300 && codePoint <= 0x036f) return 0; // combining diacritics
  if (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1faff) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/** Terminal columns of already-escaped text. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += codePointWidth(char.codePointAt(0) ?? 0);
  return width;
}

/**
 * Cuts `text` to at most `maxWidth` columns, ending with "…" when cut. Never splits a
 * surrogate pair (iterates by code point).
 */
export function truncateToWidth(text: string, maxWidth: number): string {
  if (displayWidth(text) <= maxWidth) return text;
  let out = "";
  let width = 0;
  for (const char of text) {
    const w = codePointWidth(char.codePointAt(0) ?? 0);
    if (width + w > maxWidth - 1) break;
    out += char;
    width += w;
  }
  return out + "…";
}

/** Pads with spaces to `width` columns (by display width, not string length). */
export function padToWidth(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}
