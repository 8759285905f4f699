/**
 * The credential variables of the environment, as the sdk's credential chain reads them first
 * (`ALIBABA_CLOUD_*`, then the legacy `ALICLOUD_*` names): the secret values the CLI must never
 * print, and the key pair `emulator` accepts so that a shell which already exports keys can use
 * it without any new secret being printed. Else `emulator` makes a fresh pair per run.
 */
import { randomInt } from "node:crypto";
import type { EmulatorKeyPair } from "../emulator";

type Env = Readonly<Record<string, string | undefined>>;

const VARIABLES = [
  { id: "ALIBABA_CLOUD_ACCESS_KEY_ID", secret: "ALIBABA_CLOUD_ACCESS_KEY_SECRET", token: "ALIBABA_CLOUD_SECURITY_TOKEN" },
  { id: "ALICLOUD_ACCESS_KEY", secret: "ALICLOUD_SECRET_KEY", token: "ALICLOUD_SECURITY_TOKEN" },
] as const;

/**
 * The secret values present in `env` (never the AccessKeyIds). Every text the CLI writes to stderr
 * is scrubbed of them (with the sdk's scrubSecrets, which skips values too short to be secrets) as
 * a last line of defence, covering errors from elsewhere and the `--debug` stack and cause chain.
 */
export function secretsFromEnv(env: Env): string[] {
  return VARIABLES.flatMap((names) => [env[names.secret], env[names.token]]).filter((value): value is string => value !== undefined && value !== "");
}

/**
 * The key pair of the environment that listings sign with, with `source` naming its variables (never
 * the values); null when they would sign with none of it. As in the sdk (resolveCredentialSource),
 * the legacy names count only while `ALIBABA_CLOUD_ACCESS_KEY_ID` is unset: with it set and its secret
 * missing, a listing fails rather than fall back, so no pair is taken from the environment then.
 */
export function envKeyPair(env: Env): (EmulatorKeyPair & { readonly source: string }) | null {
  for (const names of VARIABLES) {
    const [accessKeyId, accessKeySecret, securityToken] = [env[names.id], env[names.secret], env[names.token]];
    if (accessKeyId === undefined || accessKeyId === "") continue;
    if (accessKeySecret === undefined || accessKeySecret === "") return null;
    const token = securityToken === undefined || securityToken === "" ? {} : { securityToken };
    return { accessKeyId, accessKeySecret, ...token, source: `${names.id} / ${names.secret}` };
  }
  return null;
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const randomText = (length: number): string => Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");

/**
 * A new pair from the system's random source, shaped like the service's (`LTAI` + 20 characters,
 * a 30-character secret). The emulator's own default pair is derived from its seed, the same on
 * every run and machine: anyone who saw it once could call any emulator started that way.
 */
export function randomKeyPair(): EmulatorKeyPair {
  return { accessKeyId: `LTAI${randomText(20)}`, accessKeySecret: randomText(30) };
}
