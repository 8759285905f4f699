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
  // Secret fields by name, in the service's, the SDKs' and the aliyun CLI's spellings
  // (`AccessKeySecret`, `access_key_secret`, `sts_token`, ...): a credential library's error may
  // quote a whole profile file.
  /((?:access[_-]?key[_-]?secret|security[_-]?token|sts[_-]?token|bearer[_-]?token|private[_-]?key)["']?\s*[=:]\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^"'\s&,}]+)/gi,
];

export const REDACTED = "***";

/** Returns `text` with every secret in `secrets` and every signature/token fragment redacted. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let scrubbed = text;
  for (const secret of secrets) {
    // Very short values would redact unrelated text and are not plausible secrets.
    if (secret.length >= 4) scrubbed = scrubbed.split(secret).join(REDACTED);
  }
  // A quoted value keeps its quotes (the text stays valid JSON when it was).
  for (const pattern of PATTERNS) {
    scrubbed = scrubbed.replace(pattern, (_match, name: string, value: unknown) => {
      // (A pattern with one group gets the match's offset here.)
      const quote = typeof value === "string" && (value.startsWith('"') || value.startsWith("'")) ? value.charAt(0) : "";
      return `${name}${quote}${REDACTED}${quote}`;
    });
  }
  return scrubbed;
}
