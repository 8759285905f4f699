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
    const secrets = [...secretKeys].flatMap((key) => stringsIn(values[key]))
      .flatMap((text) => [text, JSON.stringify(text).slice(1, -1), escapeControl(text)]);
    if (secrets.length > 0) scrubError(error, secrets, 0);
    throw error;
  }
}

function scrubError(error: unknown, secrets: readonly string[], depth: number): void {
  if (!(error instanceof Error) || depth > MAX_CAUSE_DEPTH) return;
  error.message = scrubAll(error.message, secrets);
  if (typeof error.stack === "string") error.stack = scrubAll(error.stack, secrets);
  scrubError(error.cause, secrets, depth + 1);
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
