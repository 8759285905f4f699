/**
 * The flags shared by every command that lists groups (`list`, `snapshot`, `drift`) and their
 * conversion to the sdk's {@link ListLiveMessageGroupsOptions}. Names, bounds, defaults and the
 * allowed-value text come from the sdk's one schema of the listing options
 * (LISTING_OPTIONS_SCHEMA): a flag converts its string to the option's type, and the schema
 * judges the value, so the CLI accepts exactly what the sdk and the provider accept.
 *
 * There is deliberately no flag for an AccessKeySecret or token: argv is visible to other users
 * through `ps`, so credentials come only from the environment / the standard credential chain,
 * which the sdk reads when `credentials` is absent.
 */
import { z } from "zod";
import type { ListLiveMessageGroupsOptions } from "../sdk";
import {
  DATA_CENTERS, DEADLINE_SLACK, DEFAULT_TIMEOUT_MS, GROUP_STATUSES, isLiveMessageGroupsError, isValidListingOption, LISTING_OPTIONS_SCHEMA,
  listingOption, MAX_LISTING_TIMEOUT_MS, SORT_ORDERS, type ListingOptionName,
} from "../sdk";
import { parseEndpoint as parseSdkEndpoint } from "../sdk/transport/parseEndpoint";
import type { FlagSpec } from "./commandSpec";
import { stringFlag } from "./flagValue";
import type { FlagValues } from "./program";
import { badSourceValue, parseDurationMs, DURATION_EXAMPLES } from "./parseValues";
import { UsageError } from "./usageError";

/** How a flag's string becomes the option's value before the schema judges it. */
type Conversion = "text" | "integer" | "number" | "duration";

interface ListingFlag {
  readonly option: ListingOptionName;
  readonly conversion: Conversion;
  readonly placeholder: string;
  readonly description: string;
  readonly choices?: readonly string[];
}

/** `lo..hi` of a numeric option, read from its schema. */
function range(name: ListingOptionName): string {
  const schema = LISTING_OPTIONS_SCHEMA.shape[name];
  /* c8 ignore next */
  if (!(schema instanceof z.ZodNumber)) throw new Error(`${name} is not numeric`);
  return `${schema.minValue}..${schema.maxValue}`;
}

const fallback = (name: ListingOptionName): string => String(listingOption(name).default);

/** `5m` for 300000, `45s` for 45000: a duration as `--timeout` accepts it. */
function minutesOrSeconds(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000}m` : `${ms / 1000}s`;
}

const OPTION_FLAGS: readonly ListingFlag[] = [
  { option: "appId", conversion: "text", placeholder: "<id>", description: "Interactive-messaging app (AppId). Required." },
  { option: "dataCenter", conversion: "text", placeholder: "<dc>", choices: DATA_CENTERS, description: `Data center of the app: ${DATA_CENTERS.join(" | ")}. Default ${fallback("dataCenter")}.` },
  { option: "groupStatus", conversion: "text", placeholder: "<s>", choices: GROUP_STATUSES, description: `Groups to list: ${GROUP_STATUSES.join(" | ")}. Default ${fallback("groupStatus")}.` },
  { option: "sortOrder", conversion: "text", placeholder: "<o>", choices: SORT_ORDERS, description: `By creation time: ${SORT_ORDERS.join(" | ")}. Default ${fallback("sortOrder")}.` },
  { option: "pageSize", conversion: "integer", placeholder: "<n>", description: `Groups per request, ${range("pageSize")}. Default ${fallback("pageSize")}.` },
  { option: "endpoint", conversion: "text", placeholder: "<url>", description: `${fallback("endpoint")} (default), https://host[:port], or http://127.0.0.1:PORT. Default $LIVE_MESSAGE_GROUPS_ENDPOINT when set.` },
  { option: "requestsPerSecond", conversion: "number", placeholder: "<n>", description: `Client-side call limit per second, ${range("requestsPerSecond")}. Default ${fallback("requestsPerSecond")} (the account limit).` },
  { option: "quotaKey", conversion: "text", placeholder: "<key>", description: "Names the quota (e.g. the account id) that keys of one account share. Default the AccessKeyId, or $LIVE_MESSAGE_GROUPS_QUOTA_KEY." },
  { option: "redisUrl", conversion: "text", placeholder: "<url>", description: "Share the quota with other processes and hosts through Redis (redis://host:port). Default $LIVE_MESSAGE_GROUPS_REDIS_URL, else none." },
  { option: "concurrency", conversion: "integer", placeholder: "<n>", description: `Pages in flight at once, ${range("concurrency")}. Default ${fallback("concurrency")}.` },
  { option: "maxAttempts", conversion: "integer", placeholder: "<n>", description: `Attempts per request, retries included, ${range("maxAttempts")}. Default ${fallback("maxAttempts")}.` },
  { option: "timeoutMs", conversion: "duration", placeholder: "<dur>", description: `Deadline of the whole listing (${DURATION_EXAMPLES}). Default: ${DEADLINE_SLACK} x pages / rate, at least ${minutesOrSeconds(DEFAULT_TIMEOUT_MS)}.` },
];

/** The CLI flag of an option (the schema names it). */
function flagOf(option: ListingOptionName): string {
  const flag = listingOption(option).flag;
  /* c8 ignore next */
  if (flag === undefined) throw new Error(`listing option ${option} has no CLI flag`);
  return flag;
}

const POLITE_FLAG: FlagSpec = { name: "polite", type: "boolean", description: "Pace calls evenly instead of spending the window's free budget at once." };

export const LISTING_FLAGS: readonly FlagSpec[] = [
  ...OPTION_FLAGS.slice(0, 9).map(toFlagSpec),
  POLITE_FLAG,
  ...OPTION_FLAGS.slice(9).map(toFlagSpec),
  { name: "quiet", type: "boolean", short: "q", description: "No progress on stderr, even on a terminal." },
  { name: "debug", type: "boolean", description: "On error, also print the (scrubbed) stack and cause chain." },
];

function toFlagSpec(flag: ListingFlag): FlagSpec {
  const spec: FlagSpec = { name: flagOf(flag.option), type: "string", placeholder: flag.placeholder, description: flag.description };
  return flag.choices === undefined ? spec : { ...spec, choices: flag.choices };
}

/** The listing options a command line asks for, minus what the command adds (signal, progress). */
export type ListingRequest = Omit<ListLiveMessageGroupsOptions, "signal" | "onProgress" | "clock" | "credentials">;

/** Environment variable read when `--endpoint` is absent (the same name the Pulumi layer reads). */
export const ENDPOINT_ENV = "LIVE_MESSAGE_GROUPS_ENDPOINT";

/**
 * Validates the listing flags. `requireAppId` is false for `drift`, which falls back to the
 * snapshot's app. `env` supplies `$LIVE_MESSAGE_GROUPS_ENDPOINT` when `--endpoint` is absent.
 * Throws {@link UsageError} naming the first bad flag (or the variable).
 */
export function listingRequestFromFlags(
  values: FlagValues, requireAppId: boolean, env: Readonly<Record<string, string | undefined>> = {},
): ListingRequest & { appId: string } {
  const appId = stringFlag(values, "app-id");
  if (appId !== undefined && appId.trim() === "") throw new UsageError("--app-id must not be empty");
  if (appId === undefined && requireAppId) throw new UsageError("missing required flag --app-id");
  const request: Record<string, unknown> = { appId: appId ?? "" };
  for (const flag of OPTION_FLAGS) {
    if (flag.option === "appId") continue;
    const name = flagOf(flag.option);
    const raw = stringFlag(values, name);
    if (raw === undefined) continue;
    request[flag.option] = flagValue(flag, `--${name}`, raw);
  }
  const fromEnv = env[ENDPOINT_ENV];
  if (request["endpoint"] === undefined && fromEnv !== undefined && fromEnv.trim() !== "") {
    request["endpoint"] = flagValue(OPTION_FLAGS.find((f) => f.option === "endpoint") as ListingFlag, `$${ENDPOINT_ENV}`, fromEnv);
  }
  if (values["polite"] === true) request["burst"] = false;
  return request as ListingRequest & { appId: string };
}

/** One flag's string converted and judged by the option's schema; `source` is how the message names it. */
function flagValue(flag: ListingFlag, source: string, raw: string): unknown {
  const meta = listingOption(flag.option);
  if (flag.option === "endpoint") return endpointValue(source, raw);
  const value = convert(flag.conversion, raw);
  if (isValidListingOption(flag.option, value)) return value;
  if (meta.secret === true) throw new UsageError(`invalid value for ${source}: expected ${meta.allowed}`);
  const allowed = flag.conversion === "duration"
    ? `a duration such as ${DURATION_EXAMPLES} (bare numbers are seconds), from 1ms to ${MAX_LISTING_TIMEOUT_MS / 3_600_000}h in whole milliseconds`
    : meta.allowed;
  throw badSourceValue(source, allowed, raw);
}

function convert(conversion: Conversion, raw: string): unknown {
  const trimmed = raw.trim();
  switch (conversion) {
    case "text": return raw;
    case "integer": return /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
    case "number": return /^\d+(\.\d+)?$|^\.\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
    case "duration": return parseDurationMs(trimmed);
  }
}

/**
 * `--endpoint` checked by the sdk's own rules (plain HTTP only to loopback hosts), so a typo or an
 * insecure URL fails here, naming the flag, rather than once the listing starts.
 */
function endpointValue(source: string, raw: string): string {
  const trimmed = raw.trim();
  try {
    parseSdkEndpoint(trimmed);
  } catch (error) {
    if (!isLiveMessageGroupsError(error) || error.kind !== "InvalidArgument") throw error;
    // The sdk's wording, which already hides any `user:password@` part of the URL.
    throw new UsageError(`invalid value for ${source}: ${error.message.replace(/^Invalid endpoint: /, "").replace(/\.$/, "")}`);
  }
  return trimmed;
}
