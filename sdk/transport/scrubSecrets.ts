/**
 * Removes secrets from text that came from elsewhere (a service message, a socket error) before
 * it goes into one of our errors. Known secrets of the listing are replaced wherever they appear;
 * secret-named fields, the user information and query of URLs, and signature-shaped fragments are
 * replaced even when the secret is unknown, because the old v2
 * signing puts `Signature=` into URLs that Node echoes in network error messages.
 */
const PATTERNS: readonly RegExp[] = [
  // HMAC-SHA1 query signatures (`Signature=`) and the ACS3 Authorization header (`Signature=`), and
  // any `Signature: value` a library prints.
  /(Signature[=:]\s*)[^&\s,"'}]+/gi,
  // Secret fields by name, in the service's, the SDKs', the aliyun CLI's and OAuth's spellings
  // (`AccessKeySecret`, `access_key_secret`, `sts_token`, `oauth_refresh_token`, ...): a credential
  // library's error may quote a whole profile file. A name must start a word (`x-acs-security-token`
  // and `oauth_access_token` do), so a code such as `MissingSecurityToken: SecurityToken is
  // mandatory` keeps its message.
  /((?<![A-Za-z0-9])(?:access[_-]?key[_-]?secret|security[_-]?token|sts[_-]?token|bearer[_-]?token|access[_-]?token|refresh[_-]?token|id[_-]?token|client[_-]?secret|private[_-]?key|process[_-]?command|password|passwd|secret|token)["']?\s*[=:]\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^"'\s&,}]+)/gi,
];

/**
 * The user information (`user:password@`) and the query of URLs: a credentials URI can carry a token
 * in either, and Node's socket errors quote the URL a request went to.
 */
const URL_PARTS: readonly (readonly [RegExp, string])[] = [
  [/\b([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/\s@"'?#]*@/g, "$1***@"],
  [/\b((?:https?|wss?|redis|rediss):\/\/[^\s?#"']*)\?[^\s"'#]*/gi, "$1?***"],
];

export const REDACTED = "***";

/**
 * Returns `text` with every value in `secrets` redacted, as written and percent-encoded (an STS
 * token's `+`, `/` and `=` in a query or form that a library or a server quotes), and nothing else
 * changed.
 */
export function redactKnownSecrets(text: string, secrets: readonly string[]): string {
  let scrubbed = text;
  for (const secret of secrets) {
    // Very short values would redact unrelated text and are not plausible secrets.
    if (secret.length < 4) continue;
    scrubbed = scrubbed.split(secret).join(REDACTED);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) {
      scrubbed = scrubbed.split(encoded).join(REDACTED);
      // Lower-case hex (`%2b`), as some encoders write it.
      scrubbed = scrubbed.split(encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())).join(REDACTED);
    }
  }
  return scrubbed;
}

/** Returns `text` with every secret in `secrets` and every signature/token fragment redacted. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let scrubbed = redactKnownSecrets(text, secrets);
  for (const [pattern, replacement] of URL_PARTS) scrubbed = scrubbed.replace(pattern, replacement);
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
