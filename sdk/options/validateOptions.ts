import { escapeControl, InvalidArgumentError } from "../errors";
import { CREDENTIAL_TEXT, isCredentialText, rejectedAccessKeyId } from "../transport/credentialText";
import { parseEndpoint, DEFAULT_ENDPOINT, type ParsedEndpoint } from "../transport/parseEndpoint";
import {
  DEFAULT_CONCURRENCY, DEFAULT_DATA_CENTER, DEFAULT_GROUP_STATUS, DEFAULT_PAGE_SIZE, DEFAULT_SORT_ORDER, DEFAULT_TIMEOUT_MS,
  MAX_ATTEMPTS_LIMIT, MAX_CONCURRENCY, MAX_LISTING_TIMEOUT_MS, MAX_PAGE_SIZE,
} from "./listingOptionDefaults";
import { isPlainText, isValidListingOption, listingOption, type ListingOptionName, type ListingOptionValues } from "./listingOptionsSchema";
import { DEFAULT_REQUESTS_PER_SECOND } from "../rate/rateLimiter";
import { DEFAULT_MAX_ATTEMPTS } from "../retry/retryPolicy";
import { systemClock } from "../systemClock";
import type { Clock, Credentials, DataCenter, GroupStatus, ListLiveMessageGroupsOptions, ListProgress, SortOrder } from "../types";

// Re-exported from their one definition, where the sdk has always exported them.
export {
  DEFAULT_CONCURRENCY, DEFAULT_DATA_CENTER, DEFAULT_GROUP_STATUS, DEFAULT_PAGE_SIZE, DEFAULT_SORT_ORDER, DEFAULT_TIMEOUT_MS,
  MAX_ATTEMPTS_LIMIT, MAX_CONCURRENCY, MAX_LISTING_TIMEOUT_MS, MAX_PAGE_SIZE,
};

/** How many times the listing's ideal duration (pages at the rate in force) the derived default deadline allows. */
export const DEADLINE_SLACK = 3;
/** Environment variable read when the `redisUrl` option is absent. */
export const REDIS_URL_ENV = "LIVE_MESSAGE_GROUPS_REDIS_URL";
/** Environment variable read when the `quotaKey` option is absent. */
export const QUOTA_KEY_ENV = "LIVE_MESSAGE_GROUPS_QUOTA_KEY";
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/**
 * Longest delay Node's timers can hold (2^31 - 1 ms, ~24.8 days): a longer setTimeout fires after
 * 1 ms instead, so a larger timeoutMs / requestTimeoutMs would expire at once.
 */
export const MAX_TIMER_MS = 2_147_483_647;

/** Options after validation, with every default filled in. */
export interface ResolvedOptions {
  readonly appId: string;
  readonly dataCenter: DataCenter;
  readonly groupStatus: GroupStatus;
  readonly sortOrder: SortOrder;
  readonly pageSize: number;
  readonly endpoint: ParsedEndpoint;
  readonly credentials: Credentials | null;
  readonly credentialsProfile: string | null;
  readonly requestsPerSecond: number;
  readonly concurrency: number;
  readonly maxAttempts: number;
  /** The explicit deadline, or null: derived from the page count and the rate in force. */
  readonly timeoutMs: number | null;
  /** The explicit quota key, or null: the AccessKeyId. */
  readonly quotaKey: string | null;
  readonly burst: boolean;
  readonly redisUrl: string | null;
  readonly onWarning: (message: string) => void;
  readonly requestTimeoutMs: number;
  readonly signal: AbortSignal | null;
  readonly onProgress: ((progress: ListProgress) => void) | null;
  readonly clock: Clock;
}

/**
 * Every property of {@link ListLiveMessageGroupsOptions}, the listing options and the runtime-only
 * ones alike (typed so that an option added to the interface must be added here).
 */
const OPTION_NAMES: Readonly<Record<keyof ListLiveMessageGroupsOptions, true>> = {
  appId: true, dataCenter: true, groupStatus: true, sortOrder: true, pageSize: true, endpoint: true, credentials: true,
  credentialsProfile: true, requestsPerSecond: true, quotaKey: true, burst: true, redisUrl: true, onWarning: true,
  concurrency: true, maxAttempts: true, timeoutMs: true, requestTimeoutMs: true, signal: true, onProgress: true, clock: true,
};
/** The option names, in the interface's order. */
export const OPTION_KEYS = Object.keys(OPTION_NAMES) as ReadonlyArray<keyof ListLiveMessageGroupsOptions>;
/** Longest part of an unknown key a message quotes, characters. */
const MAX_QUOTED_KEY = 60;

/**
 * Validates every option before any request; throws InvalidArgumentError naming the option. A key
 * that is no option (`groupstatus`, `order`) is refused, naming the closest option when one is
 * close: ignored, it would list with the default instead (every group, ascending).
 */
export function validateOptions(options: ListLiveMessageGroupsOptions): ResolvedOptions {
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError("options", "an object with at least appId", options);
  }
  const o = options as unknown as Record<string, unknown>;
  rejectUnknownKeys(o);
  if (!isValidListingOption("appId", o.appId)) throw new InvalidArgumentError("appId", listingOption("appId").allowed, o.appId);
  // null: explicitly none, whatever the environment says (the demo and the bench list their own
  // emulator and must not take places in the quota of the account the environment names).
  const quotaKey = o.quotaKey === null ? undefined : o.quotaKey ?? emptyAsUndefined(process.env[QUOTA_KEY_ENV]);
  const redisUrl = o.redisUrl === null ? undefined : o.redisUrl ?? emptyAsUndefined(process.env[REDIS_URL_ENV]);
  return {
    appId: o.appId,
    dataCenter: checked("dataCenter", o.dataCenter) ?? DEFAULT_DATA_CENTER,
    groupStatus: checked("groupStatus", o.groupStatus) ?? DEFAULT_GROUP_STATUS,
    sortOrder: checked("sortOrder", o.sortOrder) ?? DEFAULT_SORT_ORDER,
    pageSize: checked("pageSize", o.pageSize) ?? DEFAULT_PAGE_SIZE,
    // parseEndpoint's own message names what is wrong and hides any user:password@ part.
    // Only an absent endpoint is the service's: a null one (an emulator URL that came back null) is refused.
    endpoint: parseEndpoint(o.endpoint === undefined ? DEFAULT_ENDPOINT : o.endpoint),
    credentials: o.credentials === undefined ? null : validateCredentials(o.credentials),
    credentialsProfile: optionalOf("credentialsProfile", o.credentialsProfile, isPlainText, listingOption("appId").allowed) ?? null,
    requestsPerSecond: checked("requestsPerSecond", o.requestsPerSecond) ?? DEFAULT_REQUESTS_PER_SECOND,
    concurrency: checked("concurrency", o.concurrency) ?? DEFAULT_CONCURRENCY,
    maxAttempts: checked("maxAttempts", o.maxAttempts) ?? DEFAULT_MAX_ATTEMPTS,
    timeoutMs: checked("timeoutMs", o.timeoutMs) ?? null,
    quotaKey: checked("quotaKey", quotaKey, o.quotaKey == null ? QUOTA_KEY_ENV : "quotaKey") ?? null,
    burst: checked("burst", o.burst) ?? true,
    redisUrl: checked("redisUrl", redisUrl, o.redisUrl == null ? REDIS_URL_ENV : "redisUrl") ?? null,
    onWarning: neverThrowing(optionalOf("onWarning", o.onWarning, isWarningFunction, "a function")),
    requestTimeoutMs: bounded("requestTimeoutMs", o.requestTimeoutMs, 0, MAX_TIMER_MS, DEFAULT_REQUEST_TIMEOUT_MS),
    signal: optionalOf("signal", o.signal, isAbortSignal, "an AbortSignal"),
    onProgress: optionalOf("onProgress", o.onProgress, isFunction, "a function"),
    clock: optionalOf("clock", o.clock, isClock, "a Clock {now, sleep, random, optional timer}") ?? systemClock,
  };
}

/**
 * Throws for the first own key of `options` that is no option, with its value never shown (a
 * misplaced `accessKeySecret` would be a secret). Keys whose value is undefined count too.
 */
function rejectUnknownKeys(options: Record<string, unknown>): void {
  const unknown = Object.keys(options).find((key) => !Object.hasOwn(OPTION_NAMES, key));
  if (unknown === undefined) return;
  const cut = unknown.length > MAX_QUOTED_KEY ? `${unknown.slice(0, MAX_QUOTED_KEY)}...` : unknown;
  const shown = JSON.stringify(cut);
  const closest = closestOption(unknown);
  const allowed = `one of the options ${OPTION_KEYS.join(", ")}`;
  throw new InvalidArgumentError(escapeControl(cut), allowed, undefined,
    `Unknown option ${shown}: ${closest === undefined ? "" : `did you mean ${closest}? `}Expected ${allowed}.`);
}

/**
 * The option a misspelt `key` most likely meant: the nearest by edit distance, case aside, when at
 * most 2 edits (or a third of the name) away, or the one name that holds it or that it holds
 * (`order`: sortOrder, `timeout`: timeoutMs); undefined when none is close.
 */
export function closestOption(key: string): string | undefined {
  const wanted = key.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of OPTION_KEYS) {
    const lower = name.toLowerCase();
    const distance = editDistance(wanted, lower);
    const close = distance <= Math.max(2, Math.floor(lower.length / 3)) ||
      (wanted.length >= 4 && (lower.includes(wanted) || wanted.includes(lower)));
    if (close && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * `value` checked against the schema of option `name`: undefined when absent, the value when
 * accepted, else an InvalidArgumentError naming `reportedAs` (default the option) and the schema's
 * allowed values. A secret option's rejected value is described, never echoed.
 */
function checked<K extends ListingOptionName>(name: K, value: unknown, reportedAs: string = name): ListingOptionValues[K] | undefined {
  if (value === undefined) return undefined;
  if (isValidListingOption(name, value)) return value;
  const meta = listingOption(name);
  throw new InvalidArgumentError(reportedAs, meta.allowed, meta.secret === true ? redactUrl(value) : value, undefined, meta.problem?.(value));
}

/** An environment variable set to "" is unset, as everywhere; a blank or padded one is judged (and refused). */
function emptyAsUndefined(value: string | undefined): string | undefined {
  return value === "" ? undefined : value;
}

/**
 * The caller's warning callback, or stderr. A callback that throws does not stop the listing: the
 * warning comes from the limiter at moments no caller awaits (a Redis connection that ended), where
 * an exception would crash the process or cut short the limiter's take-over of the calls in flight;
 * the warning and what the callback threw go to stderr instead.
 */
function neverThrowing(onWarning: ((message: string) => void) | null): (message: string) => void {
  if (onWarning === null) return warnOnStderr;
  return (message) => {
    try {
      onWarning(message);
    } catch (error) {
      warnOnStderr(`${message} (onWarning threw: ${escapeControl(error instanceof Error ? error.message : String(error)).slice(0, 200)})`);
    }
  };
}

/** The default warning sink: one line on stderr. */
function warnOnStderr(message: string): void {
  process.stderr.write(`${message}\n`);
}

function isWarningFunction(value: unknown): value is (message: string) => void {
  return typeof value === "function";
}

/** A finite number; `min` 0 means "> 0" (exclusive), any other `min` is inclusive; `max` is inclusive. */
function bounded(name: string, value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === "number" && Number.isFinite(value) && (min === 0 ? value > 0 : value >= min) && value <= max) return value;
  const low = min === 0 ? "> 0" : `>= ${min}`;
  throw new InvalidArgumentError(name, max === Number.POSITIVE_INFINITY ? `a finite number ${low}` : `a number ${low} and <= ${max}`, value);
}

function optionalOf<T>(name: string, value: unknown, check: (v: unknown) => v is T, allowed: string): T | null {
  if (value === undefined) return null;
  if (check(value)) return value;
  throw new InvalidArgumentError(name, allowed, value);
}

/**
 * Checks the shape of explicit credentials. Only the AccessKeyId may be echoed: a rejected
 * `credentials` value (e.g. the string "AK:SECRET") or secret field is reported by its type.
 */
function validateCredentials(value: unknown): Credentials {
  if (typeof value !== "object" || value === null) {
    throw new InvalidArgumentError("credentials", "an object {accessKeyId, accessKeySecret, securityToken?}", redact(value));
  }
  const c = value as Record<string, unknown>;
  if (!isCredentialText(c.accessKeyId)) throw new InvalidArgumentError("credentials.accessKeyId", CREDENTIAL_TEXT, rejectedAccessKeyId(c.accessKeyId));
  if (!isCredentialText(c.accessKeySecret)) throw new InvalidArgumentError("credentials.accessKeySecret", CREDENTIAL_TEXT, redact(c.accessKeySecret));
  if (c.securityToken !== undefined && !isCredentialText(c.securityToken)) {
    throw new InvalidArgumentError("credentials.securityToken", `${CREDENTIAL_TEXT}, or absent`, redact(c.securityToken));
  }
  const base = { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret };
  return c.securityToken === undefined ? base : { ...base, securityToken: c.securityToken };
}

/** What a rejected URL that may hold a password is reported as: whether it parses and its scheme, never its text. */
function redactUrl(value: unknown): unknown {
  if (typeof value !== "string") return redact(value);
  try {
    return `<a ${new URL(value).protocol} URL>`;
  } catch {
    return "<unparseable string>";
  }
}

/** What a rejected field that may hold a secret is reported as: its type, never its value. */
function redact(value: unknown): unknown {
  return value === undefined || value === null || value === "" ? value : `<${typeof value}>`;
}

function isAbortSignal(value: unknown): value is AbortSignal {
  return typeof value === "object" && value !== null && typeof (value as AbortSignal).aborted === "boolean" &&
    typeof (value as AbortSignal).addEventListener === "function";
}

function isFunction(value: unknown): value is (progress: ListProgress) => void {
  return typeof value === "function";
}

function isClock(value: unknown): value is Clock {
  const c = value as Partial<Clock> | null;
  return typeof c === "object" && c !== null && typeof c.now === "function" && typeof c.sleep === "function" &&
    typeof c.random === "function" && (c.timer === undefined || typeof c.timer === "function");
}
