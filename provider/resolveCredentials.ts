import { InvalidArgumentError } from "../sdk/errors";
import type { Credentials } from "../sdk/types";
import { CONFIG_KEYS, type SettingsSources } from "./settingsSources";

/**
 * Credentials from Pulumi config, or `undefined` to let the sdk use the environment and then the
 * Alibaba Cloud credential chain (which is exactly the remaining precedence).
 *
 * Order: `alicloud:accessKey` + `alicloud:secretKey` (+ `alicloud:securityToken`), then
 * `alicloud:profile` (a profile of the Alibaba Cloud CLI configuration). Called at run time only;
 * the result is never stored or returned to a program.
 */
export async function resolveCredentials({ config }: SettingsSources): Promise<Credentials | undefined> {
  const accessKeyId = nonEmpty(config(CONFIG_KEYS.accessKey));
  const accessKeySecret = nonEmpty(config(CONFIG_KEYS.secretKey));
  const securityToken = nonEmpty(config(CONFIG_KEYS.securityToken));
  if (accessKeyId !== undefined || accessKeySecret !== undefined) {
    // Never echo the value: only say which key is missing.
    if (accessKeyId === undefined) throw new InvalidArgumentError(CONFIG_KEYS.accessKey, `a value set together with ${CONFIG_KEYS.secretKey}`, undefined);
    if (accessKeySecret === undefined) throw new InvalidArgumentError(CONFIG_KEYS.secretKey, `a value set together with ${CONFIG_KEYS.accessKey}`, undefined);
    return securityToken === undefined ? { accessKeyId, accessKeySecret } : { accessKeyId, accessKeySecret, securityToken };
  }
  const profile = nonEmpty(config(CONFIG_KEYS.profile));
  if (profile !== undefined) return profileCredentials(profile);
  return undefined;
}

async function profileCredentials(profile: string): Promise<Credentials> {
  const { CLIProfileCredentialsProvider } = require("@alicloud/credentials") as typeof import("@alicloud/credentials");
  let found: { accessKeyId: string; accessKeySecret: string; securityToken: string };
  try {
    found = await CLIProfileCredentialsProvider.builder().withProfileName(profile).build().getCredentials();
  } catch {
    // The library's message may quote file contents; report only the key and the profile name.
    throw new InvalidArgumentError(CONFIG_KEYS.profile, "a profile of the Alibaba Cloud CLI configuration (~/.aliyun/config.json)", profile);
  }
  return found.securityToken
    ? { accessKeyId: found.accessKeyId, accessKeySecret: found.accessKeySecret, securityToken: found.securityToken }
    : { accessKeyId: found.accessKeyId, accessKeySecret: found.accessKeySecret };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
