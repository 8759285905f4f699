import { escapeControl } from "../sdk/errors";
import { scrubSecrets } from "../sdk/transport/scrubSecrets";

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
  error.message = scrubSecrets(error.message, secrets);
  if (typeof error.stack === "string") error.stack = scrubSecrets(error.stack, secrets);
  scrubError(error.cause, secrets, depth + 1);
}

function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (typeof value === "number") return [String(value)];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(stringsIn);
  return [];
}
