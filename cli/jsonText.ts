import { HIDDEN_CHARACTERS } from "../sdk/errors";

/**
 * JSON as the CLI writes it (`--format json`, snapshots): two-space indented, newline-terminated,
 * and with no character that a terminal, an editor or a code review would act on or hide. JSON.stringify
 * escapes the C0 controls but writes the rest raw: DEL and the C1 controls (U+0080-U+009F, which
 * some terminals read as escape sequences), the bidirectional controls that reorder what a reader
 * sees (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C), the line and paragraph separators
 * (U+2028, U+2029) and the invisible ones (U+200B, U+2060-U+2064, U+FEFF, U+00AD, U+034F, U+17B4,
 * U+17B5, U+180E, the Hangul fillers U+115F, U+1160, U+3164, U+FFA0). Those are written as
 * `\uXXXX` escapes, which every JSON reader decodes back to the same strings.
 */

/** The characters written as `\uXXXX`: the invisible and control ones that JSON.stringify leaves raw. */
const ESCAPED_IN_JSON = new RegExp(HIDDEN_CHARACTERS, "g");

/**
 * `value` as two-space indented JSON with a trailing newline, the characters of
 * {@link ESCAPED_IN_JSON} escaped (`JSON.parse` gives back the same value).
 */
export function toJsonText(value: unknown): string {
  // The raw characters can only stand inside string literals, where `\uXXXX` means the same.
  return JSON.stringify(value, null, 2).replace(ESCAPED_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`) + "\n";
}
