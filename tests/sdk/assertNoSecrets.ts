import assert from "node:assert/strict";
import { inspect } from "node:util";

/** Asserts `error` shows none of `secrets`, nor any signature, however it is serialized. Shared by the sdk specs. */
export function assertNoSecrets(error: unknown, secrets: readonly string[]): void {
  const renderings = [JSON.stringify(error), inspect(error, { depth: 10, showHidden: true }), String(error),
    JSON.stringify((error as { cause?: unknown }).cause ?? null)];
  for (const text of renderings) {
    for (const secret of secrets) assert.ok(!text.includes(secret), `secret leaked in: ${text.slice(0, 300)}`);
    assert.doesNotMatch(text, /Signature=|ACS3-HMAC-SHA256 Credential|x-acs-security-token/i);
  }
}
