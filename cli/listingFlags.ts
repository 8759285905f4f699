/**
 * The flags shared by every command that lists groups (`list`, `snapshot`, `drift`) and their
 * conversion to the sdk's {@link ListLiveMessageGroupsOptions}.
 *
 * There is deliberately no flag for an AccessKeySecret or token: argv is visible to other users
 * through `ps`, so credentials come only from the environment / the standard credential chain,
 * which the sdk reads when `credentials` is absent.
 */
import type { DataCenter, GroupStatus, ListLiveMessageGroupsOptions, SortOrder } from "../sdk";
import {
  DATA_CENTERS, DEFAULT_CONCURRENCY, DEFAULT_DATA_CENTER, DEFAULT_GROUP_STATUS, DEFAULT_MAX_ATTEMPTS, DEFAULT_PAGE_SIZE,
  DEADLINE_SLACK, DEFAULT_REQUESTS_PER_SECOND, DEFAULT_SORT_ORDER, DEFAULT_TIMEOUT_MS, GROUP_STATUSES, isLiveMessageGroupsError,
  MAX_ATTEMPTS_LIMIT, MAX_CONCURRENCY, MAX_PAGE_SIZE, MIN_REQUESTS_PER_SECOND, SORT_ORDERS,
} from "../sdk";
import { parseEndpoint as parseSdkEndpoint } from "../sdk/parseEndpoint";
import type { FlagSpec } from "./commandSpec";
import { stringFlag } from "./flagValue";
import type { FlagValues } from "./parseCommandArgs";
import { parseDurationFlag, parseEnumFlag, parseIntegerFlag, parseNumberFlag } from "./parseValues";
import { UsageError } from "./usageError";

/** Highest `--rps`: far above any account limit, only a guard against typos. */
const MAX_REQUESTS_PER_SECOND = 10_000;

// Defaults and ranges come from the sdk's own constants, so the help cannot drift from what runs.
export const LISTING_FLAGS: readonly FlagSpec[] = [
  { name: "app-id", type: "string", placeholder: "<id>", description: "Interactive-messaging app (AppId). Required." },
  { name: "data-center", type: "string", placeholder: "<dc>", description: `Data center of the app: ${DATA_CENTERS.join(" | ")}. Default ${DEFAULT_DATA_CENTER}.` },
  { name: "status", type: "string", placeholder: "<s>", description: `Groups to list: ${GROUP_STATUSES.join(" | ")}. Default ${DEFAULT_GROUP_STATUS}.` },
  { name: "order", type: "string", placeholder: "<o>", description: `By creation time: ${SORT_ORDERS.join(" | ")}. Default ${DEFAULT_SORT_ORDER}.` },
  { name: "page-size", type: "string", placeholder: "<n>", description: `Groups per request, 1..${MAX_PAGE_SIZE}. Default ${DEFAULT_PAGE_SIZE}.` },
  { name: "endpoint", type: "string", placeholder: "<url>", description: "live.aliyuncs.com (default), https://host[:port], or http://127.0.0.1:PORT." },
  { name: "rps", type: "string", placeholder: "<n>", description: `Client-side call limit per second. Default ${DEFAULT_REQUESTS_PER_SECOND} (the account limit).` },
  { name: "quota-key", type: "string", placeholder: "<key>", description: "Names the quota (e.g. the account id) that keys of one account share. Default the AccessKeyId, or $LIVE_MESSAGE_GROUPS_QUOTA_KEY." },
  { name: "redis-url", type: "string", placeholder: "<url>", description: "Share the quota with other processes and hosts through Redis (redis://host:port). Default $LIVE_MESSAGE_GROUPS_REDIS_URL, else none." },
  { name: "polite", type: "boolean", description: "Pace calls evenly instead of spending the window's free budget at once." },
  { name: "concurrency", type: "string", placeholder: "<n>", description: `Pages in flight at once, 1..${MAX_CONCURRENCY}. Default ${DEFAULT_CONCURRENCY}.` },
  { name: "max-attempts", type: "string", placeholder: "<n>", description: `Attempts per request, retries included, 1..${MAX_ATTEMPTS_LIMIT}. Default ${DEFAULT_MAX_ATTEMPTS}.` },
  { name: "timeout", type: "string", placeholder: "<dur>", description: `Deadline of the whole listing (30, 45s, 1500ms, 5m). Default: ${DEADLINE_SLACK} x pages / rate, at least ${minutesOrSeconds(DEFAULT_TIMEOUT_MS)}.` },
  { name: "quiet", type: "boolean", short: "q", description: "No progress on stderr, even on a terminal." },
  { name: "debug", type: "boolean", description: "On error, also print the (scrubbed) stack and cause chain." },
];

/** The listing options a command line asks for, minus what the command adds (signal, progress). */
export type ListingRequest = Omit<ListLiveMessageGroupsOptions, "signal" | "onProgress" | "clock" | "credentials">;

/**
 * Validates the listing flags. `requireAppId` is false for `drift`, which falls back to the
 * snapshot's app. Throws {@link UsageError} naming the first bad flag.
 */
export function listingRequestFromFlags(values: FlagValues, requireAppId: boolean): ListingRequest & { appId: string } {
  const text = (name: string): string | undefined => stringFlag(values, name);
  const appId = text("app-id");
  if (appId !== undefined && appId.trim() === "") throw new UsageError("--app-id must not be empty");
  if (appId === undefined && requireAppId) throw new UsageError("missing required flag --app-id");
  const request: { -readonly [K in keyof ListingRequest]: ListingRequest[K] } = { appId: appId ?? "" };
  const dataCenter = text("data-center");
  if (dataCenter !== undefined) request.dataCenter = parseEnumFlag<DataCenter>("data-center", dataCenter, DATA_CENTERS);
  const status = text("status");
  if (status !== undefined) request.groupStatus = parseEnumFlag<GroupStatus>("status", status, GROUP_STATUSES);
  const order = text("order");
  if (order !== undefined) request.sortOrder = parseEnumFlag<SortOrder>("order", order, SORT_ORDERS);
  const pageSize = text("page-size");
  if (pageSize !== undefined) request.pageSize = parseIntegerFlag("page-size", pageSize, 1, MAX_PAGE_SIZE);
  const endpoint = text("endpoint");
  if (endpoint !== undefined) request.endpoint = parseEndpoint(endpoint);
  const rps = text("rps");
  if (rps !== undefined) request.requestsPerSecond = parseNumberFlag("rps", rps, MIN_REQUESTS_PER_SECOND, MAX_REQUESTS_PER_SECOND);
  const quotaKey = text("quota-key");
  if (quotaKey !== undefined) {
    if (quotaKey.trim() === "") throw new UsageError("--quota-key must not be empty");
    request.quotaKey = quotaKey;
  }
  const redisUrl = text("redis-url");
  if (redisUrl !== undefined) {
    if (!/^rediss?:\/\/\S+$/.test(redisUrl.trim())) throw new UsageError("invalid value for --redis-url: expected redis://[user:password@]host[:port][/db] or rediss://...");
    request.redisUrl = redisUrl.trim();
  }
  if (values["polite"] === true) request.burst = false;
  const concurrency = text("concurrency");
  if (concurrency !== undefined) request.concurrency = parseIntegerFlag("concurrency", concurrency, 1, MAX_CONCURRENCY);
  const maxAttempts = text("max-attempts");
  if (maxAttempts !== undefined) request.maxAttempts = parseIntegerFlag("max-attempts", maxAttempts, 1, MAX_ATTEMPTS_LIMIT);
  const timeout = text("timeout");
  if (timeout !== undefined) request.timeoutMs = parseDurationFlag("timeout", timeout);
  return request as ListingRequest & { appId: string };
}

/** `5m` for 300000, `45s` for 45000: a duration as `--timeout` accepts it. */
function minutesOrSeconds(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000}m` : `${ms / 1000}s`;
}

/**
 * `--endpoint` checked by the sdk's own rules (plain HTTP only to loopback hosts), so a typo or an
 * insecure URL fails here, naming the flag, rather than once the listing starts.
 */
function parseEndpoint(raw: string): string {
  const trimmed = raw.trim();
  try {
    parseSdkEndpoint(trimmed);
  } catch (error) {
    if (!isLiveMessageGroupsError(error) || error.kind !== "InvalidArgument") throw error;
    // The sdk's wording, which already hides any `user:password@` part of the URL.
    throw new UsageError(`invalid value for --endpoint: ${error.message.replace(/^Invalid endpoint: /, "").replace(/\.$/, "")}`);
  }
  return trimmed;
}
