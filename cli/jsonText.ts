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
  return escapeHidden(JSON.stringify(value, null, 2)) + "\n";
}

/** JSON text with the characters of {@link ESCAPED_IN_JSON} written as `\uXXXX`. */
function escapeHidden(json: string): string {
  return json.replace(ESCAPED_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Items rendered into one chunk of a large output: small enough to be transient, large enough to be cheap. */
export const CHUNK_ITEMS = 1000;

/** `text` with every line after the first indented by `indent` (JSON's own newlines: a string's are escaped). */
function indented(text: string, indent: string): string {
  return text.replace(/\n/g, "\n" + indent);
}

/**
 * The text of {@link toJsonText}`(items)`, in chunks of {@link CHUNK_ITEMS} items, rendered as
 * they are asked for: the whole text is never one string (nor the string and its UTF-8 copy).
 */
export function* toJsonArrayChunks(items: readonly unknown[]): Generator<string, void, undefined> {
  yield* itemChunks("[", items, "  ", "\n]\n");
}

/**
 * The text of {@link toJsonText}`({...head, [key]: items})`, `key` last, in chunks of
 * {@link CHUNK_ITEMS} items rendered as they are asked for (see {@link toJsonArrayChunks}).
 */
export function* toJsonObjectChunks(head: Readonly<Record<string, unknown>>, key: string, items: readonly unknown[]): Generator<string, void, undefined> {
  if (Object.hasOwn(head, key)) throw new TypeError(`toJsonObjectChunks: ${key} must be left out of the head`);
  const empty = toJsonText({ ...head, [key]: [] });
  // `..."key": []\n}\n`: the list's items go between its brackets, at the second level.
  const close = "]\n}\n";
  if (items.length === 0 || !empty.endsWith(`[${close}`)) {
    yield toJsonText({ ...head, [key]: items });
    return;
  }
  yield* itemChunks(empty.slice(0, -close.length), items, "    ", "\n  ]\n}\n");
}

/** `open`, the items (each on its own lines at `indent`, comma-separated), then `end`; as toJsonText would write them. */
function* itemChunks(open: string, items: readonly unknown[], indent: string, end: string): Generator<string, void, undefined> {
  if (items.length === 0) {
    yield open + end.trimStart();
    return;
  }
  for (let start = 0; start < items.length; start += CHUNK_ITEMS) {
    const parts: string[] = [];
    for (let i = start; i < Math.min(items.length, start + CHUNK_ITEMS); i++) {
      // In an array, what JSON.stringify leaves out of an object (undefined, a function) is null.
      parts.push((i === 0 ? open + "\n" : ",\n") + indent + indented(JSON.stringify(items[i], null, 2) ?? "null", indent));
    }
    if (start + CHUNK_ITEMS >= items.length) parts.push(end);
    yield escapeHidden(parts.join(""));
  }
}
