import { InvalidArgumentError } from "../sdk/errors";
import { DATA_CENTERS, type DataCenter } from "../sdk/types";
import { DEFAULT_DATA_CENTER, DEFAULT_GROUP_STATUS, DEFAULT_SORT_ORDER } from "../sdk/options/validateOptions";
import { CONFIG_KEYS, ENV_KEYS, type SettingsSources } from "./settingsSources";
import { DEFAULT_FUNCTION_DETAIL, type GetLiveMessageGroupsSummaryResult, type GetLiveMessageGroupsArgs } from "./types";
import { ARGUMENTS } from "./validateArgs";
import { parseEndpoint } from "../sdk/transport/parseEndpoint";
import { isValidListingOption, listingOption, parseDecimal } from "../sdk/options/listingOptionsSchema";

/** An endpoint from config or the environment, checked as the argument is but named by its key. */
function configuredEndpoint(found: { key: string; value: string } | undefined): string | undefined {
  if (found === undefined) return undefined;
  try {
    parseEndpoint(found.value);
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    throw new InvalidArgumentError(found.key, error.allowed, found.value, error.message.replace(/^Invalid endpoint:/, `Invalid ${found.key}:`));
  }
  return found.value;
}

/** Listing settings after defaults: explicit argument, then Pulumi config, then environment. */
export type ResolvedSettings = Pick<
  GetLiveMessageGroupsSummaryResult,
  "appId" | "dataCenter" | "groupStatus" | "sortOrder" | "detail" | "pageSize" | "endpoint" | "requestsPerSecond" | "maxAttempts" | "timeoutMs"
>;


/**
 * Applies the precedence explicit args > Pulumi config > environment to every non-credential
 * setting. Settings left unset fall through to the sdk's own defaults. A malformed config or
 * environment value throws an InvalidArgumentError naming the key.
 */
export function resolveSettings(args: GetLiveMessageGroupsArgs, sources: SettingsSources): ResolvedSettings {
  const { config, env } = sources;
  const keys = sources.keys ?? CONFIG_KEYS;
  const fromConfigOrEnv = (configKey: string, envKey: string): { key: string; value: string } | undefined => {
    const fromConfig = config(configKey);
    if (fromConfig !== undefined && fromConfig !== "") return { key: configKey, value: fromConfig };
    const fromEnv = env[envKey];
    if (fromEnv !== undefined && fromEnv !== "") return { key: envKey, value: fromEnv };
    return undefined;
  };
  // Config and environment values pass the same check as the argument of the same name, so the
  // accepted range never depends on where a setting comes from.
  const number = (name: "requestsPerSecond" | "maxAttempts" | "timeoutMs"): number | undefined => {
    if (args[name] !== undefined) return args[name];
    const found = fromConfigOrEnv(keys[name], ENV_KEYS[name]);
    if (found === undefined) return undefined;
    const value = parseDecimal(found.value);
    if (!ARGUMENTS[name].check(value)) throw new InvalidArgumentError(found.key, ARGUMENTS[name].allowed, found.value);
    return value;
  };
  const endpoint = args.endpoint ?? configuredEndpoint(fromConfigOrEnv(keys.endpoint, ENV_KEYS.endpoint));
  const requestsPerSecond = number("requestsPerSecond");
  const maxAttempts = number("maxAttempts");
  const timeoutMs = number("timeoutMs");
  return {
    appId: args.appId,
    dataCenter: args.dataCenter ?? defaultDataCenter(sources),
    groupStatus: args.groupStatus ?? DEFAULT_GROUP_STATUS,
    sortOrder: args.sortOrder ?? DEFAULT_SORT_ORDER,
    // The resource's check fills its own default ("summary") into its inputs before this runs.
    detail: args.detail ?? DEFAULT_FUNCTION_DETAIL,
    ...(args.pageSize === undefined ? {} : { pageSize: args.pageSize }),
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(requestsPerSecond === undefined ? {} : { requestsPerSecond }),
    ...(maxAttempts === undefined ? {} : { maxAttempts }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  };
}

/** Quota sharing settings: deployment-wide, so config only (never arguments, never in state). */
export interface QuotaSettings {
  readonly redisUrl?: string;
  readonly quotaKey?: string;
}

/**
 * `live-message-groups:redisUrl` and `:quotaKey` from the stack config. Unset: the sdk reads
 * `LIVE_MESSAGE_GROUPS_REDIS_URL` / `LIVE_MESSAGE_GROUPS_QUOTA_KEY`, else shares nothing and keys
 * the quota by AccessKeyId. The URL is never echoed: it may hold a password.
 */
export function resolveQuotaSettings({ config, keys = CONFIG_KEYS }: SettingsSources): QuotaSettings {
  const redisUrl = config(keys.redisUrl);
  const quotaKey = config(keys.quotaKey);
  // The sdk's own rules, checked here so that the message names the config key.
  if (redisUrl !== undefined && redisUrl !== "" && !isValidListingOption("redisUrl", redisUrl)) {
    const meta = listingOption("redisUrl");
    throw new InvalidArgumentError(keys.redisUrl, meta.allowed, "<redacted>", undefined, meta.problem?.(redisUrl));
  }
  if (quotaKey !== undefined && quotaKey !== "" && !isValidListingOption("quotaKey", quotaKey)) {
    throw new InvalidArgumentError(keys.quotaKey, listingOption("quotaKey").allowed, quotaKey);
  }
  return {
    ...(redisUrl === undefined || redisUrl === "" ? {} : { redisUrl }),
    ...(quotaKey === undefined || quotaKey === "" ? {} : { quotaKey }),
  };
}

/**
 * The data center when no argument names one. An explicit `live-message-groups:dataCenter` must be
 * valid; region names (`alicloud:region`, `ALIBABA_CLOUD_REGION`) count only when they happen to be
 * a data center, since most regions are not.
 */
export function defaultDataCenter({ config, env, keys = CONFIG_KEYS }: SettingsSources): DataCenter {
  const isDataCenter = (v: string | undefined): v is DataCenter => v !== undefined && (DATA_CENTERS as readonly string[]).includes(v);
  const explicit = (key: string, value: string | undefined): DataCenter | undefined => {
    if (value === undefined || value === "") return undefined;
    if (!isDataCenter(value)) throw new InvalidArgumentError(key, `one of ${DATA_CENTERS.join(", ")}`, value);
    return value;
  };
  const fromConfig = explicit(keys.dataCenter, config(keys.dataCenter));
  if (fromConfig) return fromConfig;
  const region = keys.region === undefined ? undefined : config(keys.region);
  if (isDataCenter(region)) return region;
  const fromEnv = explicit(ENV_KEYS.dataCenter, env[ENV_KEYS.dataCenter]);
  if (fromEnv) return fromEnv;
  for (const name of ENV_KEYS.regions) {
    const value = env[name];
    if (isDataCenter(value)) return value;
  }
  return DEFAULT_DATA_CENTER;
}
