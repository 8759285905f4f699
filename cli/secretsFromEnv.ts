/**
 * The secret values the CLI must never print: those of the credential environment variables.
 * Every text the CLI writes to stderr is scrubbed of them (with the sdk's scrubSecrets) as a last
 * line of defence, covering errors from elsewhere (the credentials library, Node itself) and the
 * `--debug` stack and cause chain.
 */

/** Environment variables whose values are secrets (never their AccessKeyId counterparts). */
export const SECRET_ENV_NAMES = [
  "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  "ALIBABA_CLOUD_SECURITY_TOKEN",
  "ALICLOUD_SECRET_KEY",
  "ALICLOUD_SECURITY_TOKEN",
] as const;

/** The secret values present in `env` (scrubSecrets itself skips values too short to be secrets). */
export function secretsFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  return SECRET_ENV_NAMES.map((name) => env[name]).filter((value): value is string => value !== undefined && value !== "");
}
