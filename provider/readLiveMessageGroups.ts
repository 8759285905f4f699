import { ClientError, InvalidArgumentError, isLiveMessageGroupsError, VALUE_NOT_SHOWN } from "../sdk/errors";
import { NO_SOURCE_CONFIGURED } from "../sdk/transport/credentialChain";
import { buildResult } from "./buildResult";
import { hidingSecretArgs } from "./hideSecretArgs";
import { resolveCredentials } from "./resolveCredentials";
import { resolveQuotaSettings, resolveSettings } from "./resolveSettings";
import type { ListFunction } from "./sharedListing";
import { CONFIG_KEYS, type ConfigKeys, type SettingsSources } from "./settingsSources";
import type { GetLiveMessageGroupsArgs, LiveMessageGroupsResultOfAnyDetail } from "./types";
import { argumentOf, unknownArgumentMessage, validateArgs } from "./validateArgs";
import { assertOutputFileWritable, writeOutputFile } from "./writeOutputFile";

/**
 * What a Pulumi user sets when no credentials were found (in the keys the caller reads: `alicloud:*`
 * in a program, `live-message-groups:*` in the provider plugin), in Pulumi's terms (the credential
 * library's own text names its internals, not what to do).
 */
export function noCredentialsMessage(keys: ConfigKeys = CONFIG_KEYS): string {
  return `No Alibaba Cloud credentials found. Set them with \`pulumi config set ${keys.accessKey} <id>\` and ` +
    `\`pulumi config set --secret ${keys.secretKey} <secret>\` (plus ${keys.securityToken} for STS), or name a profile of ` +
    `the aliyun CLI with ${keys.profile}, or set the environment variables ALIBABA_CLOUD_ACCESS_KEY_ID and ` +
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET.";
}

/** {@link noCredentialsMessage} for a program's keys (`alicloud:*`). */
export const NO_CREDENTIALS_MESSAGE = noCredentialsMessage();

/**
 * The one read path behind the functions and the resource: validate, resolve settings and
 * credentials (run time only), list, filter, write `outputFile`.
 *
 * @param secretArgs names of the arguments that are secret: a bad one is reported without its value,
 *   and any other failure's message and stack without their values.
 * @throws InvalidArgumentError for the first bad argument or config value; otherwise whatever the
 * sdk throws (errors that never carry credentials).
 */
export async function readLiveMessageGroups(
  raw: Readonly<Record<string, unknown>>,
  sources: SettingsSources,
  list: ListFunction,
  secretArgs: ReadonlySet<string> = new Set(),
): Promise<LiveMessageGroupsResultOfAnyDetail> {
  const { args, failures } = validateArgs(raw);
  const failure = failures[0];
  if (failure !== undefined) {
    // A property that is not an argument may be a credential someone tried to pass: never echo it.
    if (failure.unknown) throw new InvalidArgumentError(failure.property, failure.allowed, undefined, unknownArgumentMessage(failure.property));
    // No args at all (not an object): said of the whole, not of a property of it.
    if (failure.property === "args") throw new InvalidArgumentError("args", failure.allowed, raw);
    // A secret argument is never quoted, in any form (escaped, cut short, a number), nor any element of it.
    const received = "received" in failure ? failure.received : raw[failure.property];
    throw new InvalidArgumentError(failure.property, failure.allowed, secretArgs.has(argumentOf(failure.property)) ? VALUE_NOT_SHOWN : received);
  }
  if (args === null) throw new InvalidArgumentError("args", "known values", "unknown");
  // A failure's text may quote an argument (the app not found, the endpoint a request went to).
  return hidingSecretArgs(raw, secretArgs, () => readValidated(args, sources, list));
}

async function readValidated(args: GetLiveMessageGroupsArgs, sources: SettingsSources, list: ListFunction): Promise<LiveMessageGroupsResultOfAnyDetail> {
  const settings = resolveSettings(args, sources);
  if (args.outputFile !== undefined) await assertOutputFileWritable(args.outputFile);
  const credentials = await resolveCredentials(sources);
  const quota = resolveQuotaSettings(sources);
  let listing;
  try {
    // `detail` shapes the result (buildResult), not the listing: the sdk refuses a key that is no option.
    const { detail: _detail, ...listingSettings } = settings;
    listing = await list({ ...listingSettings, ...quota, ...credentials });
  } catch (error) {
    if (isLiveMessageGroupsError(error) && error.code === "CredentialsNotFound") {
      // The chain's own account of a source that is configured but failed (a credentials URI that
      // does not answer, a profile file that does not parse), already scrubbed by the sdk.
      const said = error.cause instanceof Error && error.cause.message !== NO_SOURCE_CONFIGURED ? ` The credential chain said: ${error.cause.message}` : "";
      // A profile set in config that gave none: what to fix is that profile (or its source), not which keys to set.
      if (credentials !== undefined && "credentialsProfile" in credentials) {
        const keys = sources.keys ?? CONFIG_KEYS;
        throw new ClientError(`The profile ${credentials.credentialsProfile} that ${keys.profile} names gave no Alibaba Cloud credentials.${said}`, { code: "CredentialsNotFound" });
      }
      throw new ClientError(noCredentialsMessage(sources.keys) + said, { code: "CredentialsNotFound" });
    }
    throw error;
  }
  const result = buildResult(args, settings, listing);
  if (args.outputFile !== undefined) await writeOutputFile(args.outputFile, result);
  return result;
}
