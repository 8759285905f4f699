import { InvalidArgumentError, VALUE_NOT_SHOWN } from "../sdk/errors";
import { isPlainText, listingOption } from "../sdk/options/listingOptionsSchema";
import { cliProfilesDisabled, readCliConfig } from "../sdk/transport/credentialChain";
import { assertCredentialText, CREDENTIAL_TEXT, isCredentialText } from "../sdk/transport/credentialText";
import type { Credentials } from "../sdk/types";
import { CONFIG_KEYS, type ConfigKeys, type SettingsSources } from "./settingsSources";

/** The credentials a listing gets from Pulumi config: a key pair, or a profile the sdk reads (and refreshes). */
export type ListingCredentials = { readonly credentials: Credentials } | { readonly credentialsProfile: string };

/**
 * Credentials from Pulumi config, or `undefined` to let the sdk use the environment and then the
 * Alibaba Cloud credential chain (which is exactly the remaining precedence).
 *
 * Order: `alicloud:accessKey` + `alicloud:secretKey` (+ `alicloud:securityToken`), then
 * `alicloud:profile` (a profile of the Alibaba Cloud CLI configuration), which the listing reads
 * itself so that its credentials refresh while it runs (RamRoleArn, EcsRamRole, External). Called
 * at run time only; the result is never stored or returned to a program.
 */
export async function resolveCredentials(sources: SettingsSources): Promise<ListingCredentials | undefined> {
  const keys = sources.keys ?? CONFIG_KEYS;
  const pair = configuredKeyPair(sources);
  if (pair !== undefined) return { credentials: pair };
  const profile = nonEmpty(sources.config(keys.profile));
  if (profile !== undefined) {
    await assertProfileExists(profile, keys); // a missing profile is named by its config key; the listing reads its credentials
    return { credentialsProfile: profile };
  }
  return undefined;
}

/**
 * The key pair set in config, if any. Throws (naming only the key, never a value) when one half of
 * the pair is missing. Synchronous, so a provider can check its configuration without reading files.
 */
export function configuredKeyPair({ config, keys = CONFIG_KEYS }: SettingsSources): Credentials | undefined {
  const accessKeyId = nonEmpty(config(keys.accessKey));
  const accessKeySecret = nonEmpty(config(keys.secretKey));
  const securityToken = nonEmpty(config(keys.securityToken));
  if (accessKeyId === undefined && accessKeySecret === undefined) {
    // A token alone was ignored: the environment's or the chain's keys signed without it.
    if (securityToken !== undefined) throw new InvalidArgumentError(keys.securityToken, `a value set only together with ${keys.accessKey} and ${keys.secretKey}`, VALUE_NOT_SHOWN);
    return undefined;
  }
  // Never echo the value: only say which key is missing.
  if (accessKeyId === undefined) throw new InvalidArgumentError(keys.accessKey, `a value set together with ${keys.secretKey}`, undefined);
  if (accessKeySecret === undefined) throw new InvalidArgumentError(keys.secretKey, `a value set together with ${keys.accessKey}`, undefined);
  const pair = securityToken === undefined ? { accessKeyId, accessKeySecret } : { accessKeyId, accessKeySecret, securityToken };
  // Not even the AccessKeyId is echoed here (the sdk echoes it from the environment): a stack sets it
  // with `pulumi config set --secret`, and the plugin's schema marks its accessKey secret.
  if (!isCredentialText(accessKeyId)) throw new InvalidArgumentError(keys.accessKey, CREDENTIAL_TEXT, VALUE_NOT_SHOWN);
  assertCredentialText(pair, { accessKeyId: keys.accessKey, accessKeySecret: keys.secretKey, securityToken: keys.securityToken });
  return pair;
}

/** What a configured profile must be: a profile of the aliyun CLI configuration, named as written. */
export const PROFILE_ALLOWED = `a profile of the Alibaba Cloud CLI configuration (~/.aliyun/config.json): ${listingOption("appId").allowed}`;

/**
 * Refuses, naming its config key, a profile that no listing could use: a name that is not plain text
 * (" dev", "dev\r" from a CRLF file: the sdk refuses it), or any profile while
 * `ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true`. Synchronous and reads no file, so the provider plugin's
 * CheckConfig runs it as the listings do, with the same message. Whether the profile exists is only
 * known by reading it (at run time).
 *
 * @param received what the message quotes: the profile, or `VALUE_NOT_SHOWN` when it was set secret.
 */
export function assertProfileUsable(profile: string, keys: ConfigKeys = CONFIG_KEYS, received: unknown = profile): void {
  if (!isPlainText(profile)) throw new InvalidArgumentError(keys.profile, PROFILE_ALLOWED, received);
  // The library refuses every profile then: say so, rather than that this one does not exist.
  if (cliProfilesDisabled()) {
    throw new InvalidArgumentError(keys.profile, "a profile of the Alibaba Cloud CLI configuration (~/.aliyun/config.json), read only while ALIBABA_CLOUD_CLI_PROFILE_DISABLED is not true", received);
  }
}

/**
 * Refuses a profile the aliyun CLI configuration does not hold (or a configuration that cannot be
 * read), naming its config key. Reads the file only: obtaining the profile's credentials here would
 * ask its source (an STS AssumeRole, an External helper, the metadata service) once more than the
 * listing does, and would report a source that fails as a profile that is not there.
 */
async function assertProfileExists(profile: string, keys: ConfigKeys): Promise<void> {
  assertProfileUsable(profile, keys);
  // Why the profile is not there, said after the usual message: a file that is not JSON read as a
  // misspelled profile name.
  const read = await readCliConfig();
  const names = "config" in read ? read.config.profiles.map((entry) => entry?.name) : [];
  const reason = "problem" in read ? read.problem : "the file holds no profile of that name";
  if (!names.includes(profile)) throw new InvalidArgumentError(keys.profile, "a profile of the Alibaba Cloud CLI configuration (~/.aliyun/config.json)", profile, undefined, reason);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
