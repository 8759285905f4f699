/**
 * Removes secrets from text that came from elsewhere (a service message, a socket error) before
 * it goes into one of our errors. Known secrets of the listing are replaced wherever they appear;
 * signature-shaped fragments are replaced even when the secret is unknown, because the old v2
 * signing puts `Signature=` into URLs that Node echoes in network error messages.
 */
const PATTERNS: readonly RegExp[] = [
  // HMAC-SHA1 query signatures (`Signature=`) and the ACS3 Authorization header (`Signature=`), and
  // any `Signature: value` a library prints.
  /(Signature[=:]\s*)[^&\s,"'}]+/gi,
  /((?:AccessKeySecret|SecurityToken|x-acs-security-token)["']?\s*[=:]\s*["']?)[^"'\s&,}]+/gi,
];

export const REDACTED = "***";

/** Returns `text` with every secret in `secrets` and every signature/token fragment redacted. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let scrubbed = text;
  for (const secret of secrets) {
    // Very short values would redact unrelated text and are not plausible secrets.
    if (secret.length >= 4) scrubbed = scrubbed.split(secret).join(REDACTED);
  }
  for (const pattern of PATTERNS) scrubbed = scrubbed.replace(pattern, `$1${REDACTED}`);
  return scrubbed;
}
