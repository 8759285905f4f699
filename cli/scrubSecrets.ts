/**
 * Last line of defence before anything reaches stderr: removes credential material that an
 * underlying library might have put into an error message or stack.
 *
 * The sdk already promises scrubbed errors; this also covers errors from elsewhere (the
 * credentials library, Node itself) and the `--debug` stack and cause chain.
 */

/** Environment variables whose values are secrets (never their AccessKeyId counterparts). */
export const SECRET_ENV_NAMES = [
  "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  "ALIBABA_CLOUD_SECURITY_TOKEN",
  "ALICLOUD_SECRET_KEY",
  "ALICLOUD_SECURITY_TOKEN",
] as const;

const REDACTED = "***";

/** Secrets shorter than this are not searched for: replacing "1" everywhere would garble output. */
const MIN_SECRET_LENGTH = 6;

/** The secret values present in `env`. */
export function secretsFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  return SECRET_ENV_NAMES.map((name) => env[name]).filter((value): value is string => value !== undefined && value.length >= MIN_SECRET_LENGTH);
}

const SECRET_PATTERNS: readonly RegExp[] = [
  // ACS3 Authorization header and HMAC-SHA1 query signatures.
  /(Signature[=:]\s*)[A-Za-z0-9%+/=_-]+/gi,
  /((?:AccessKeySecret|SecurityToken|x-acs-security-token)["']?\s*[=:]\s*["']?)[^"'\s&,}]+/gi,
];

/** Replaces every known secret value and every signature/token-looking field with `***`. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join(REDACTED);
  }
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, `$1${REDACTED}`);
  return out;
}
