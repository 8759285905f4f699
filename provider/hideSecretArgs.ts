import { escapeControl } from "../sdk/errors";
import { REDACTED, scrubSecrets } from "../sdk/transport/scrubSecrets";

/** Causes followed below an error when its text is scrubbed. */
const MAX_CAUSE_DEPTH = 5;

/**
 * Runs `operation`, removing the plaintext of the secret arguments (`secretKeys` of `values`) from
 * the message and stack of any error it throws, and of the errors it was caused by: a message may
 * quote an argument (the app ID the service did not find, the endpoint a request went to), and a
 * program prints the stack, which repeats the message.
 */
export async function hidingSecretArgs<T>(values: Readonly<Record<string, unknown>>, secretKeys: ReadonlySet<string>, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    // As given, and as a message may quote it: JSON-escaped, control characters escaped.
    const secrets = [...secretKeys].flatMap((key) => stringsIn(values[key]).flatMap((text) => (key === "endpoint" ? [text, ...endpointForms(text)] : [text])))
      .flatMap((text) => [text, JSON.stringify(text).slice(1, -1), escapeControl(text)]);
    if (secrets.length > 0) scrubError(error, secrets, 0);
    throw error;
  }
}

/**
 * The forms other than as written in which a message quotes an endpoint: its host with and without
 * the port (`getaddrinfo ENOTFOUND <host>`, `connect ECONNREFUSED <host>:<port>`), for an endpoint
 * written `https://host:port`, `http://host:port/` or `host:port`.
 */
function endpointForms(endpoint: string): string[] {
  const rest = endpoint.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//, "").replace(/\/+$/, "");
  const hostname = /^(.*?)(?::\d+)?$/.exec(rest)?.[1] ?? rest;
  return [...new Set([rest, hostname])].filter((form) => form !== "" && form !== endpoint);
}

/**
 * Scrubs an error and its causes. The sdk's causes are plain objects (`{category, code, httpStatus,
 * message}`, an internal error's `{name, message, stack}`), which Pulumi prints with the error
 * (util.inspect): their text is scrubbed as the error's is.
 */
function scrubError(error: unknown, secrets: readonly string[], depth: number): void {
  if (typeof error !== "object" || error === null || depth > MAX_CAUSE_DEPTH) return;
  const record = error as { message?: unknown; stack?: unknown; cause?: unknown };
  try {
    if (typeof record.message === "string") record.message = scrubAll(record.message, secrets);
    if (typeof record.stack === "string") record.stack = scrubAll(record.stack, secrets);
  } catch {
    // A frozen cause: nothing this layer can change.
  }
  scrubError(record.cause, secrets, depth + 1);
}

/**
 * scrubSecrets, and a secret argument shorter than it redacts (under 4 characters: an appId "abc")
 * wherever it stands as a word of its own ("app abc not found"), not inside longer words.
 */
function scrubAll(text: string, secrets: readonly string[]): string {
  let scrubbed = scrubSecrets(text, secrets);
  for (const secret of secrets) {
    if (secret.length === 0 || secret.length >= 4) continue;
    const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    scrubbed = scrubbed.replace(new RegExp(`(?<![\\p{L}\\p{N}_.-])${escaped}(?![\\p{L}\\p{N}_-])`, "gu"), REDACTED);
  }
  return scrubbed;
}

function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (typeof value === "number") return [String(value)];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(stringsIn);
  return [];
}
