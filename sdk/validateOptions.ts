import { InvalidArgumentError } from "./errors";
import { parseEndpoint, DEFAULT_ENDPOINT, type ParsedEndpoint } from "./parseEndpoint";
import { DEFAULT_REQUESTS_PER_SECOND, MIN_REQUESTS_PER_SECOND } from "./rateLimiter";
import { DEFAULT_MAX_ATTEMPTS } from "./retryPolicy";
import { systemClock } from "./systemClock";
import {
  DATA_CENTERS, GROUP_STATUSES, SORT_ORDERS,
  type Clock, type Credentials, type DataCenter, type GroupStatus, type ListLiveMessageGroupsOptions, type ListProgress,
  type SortOrder,
} from "./types";

export const DEFAULT_DATA_CENTER: DataCenter = "cn-shanghai";
export const DEFAULT_GROUP_STATUS: GroupStatus = "all";
export const DEFAULT_SORT_ORDER: SortOrder = "asc";
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 50;
/**
 * Pages in flight at most. High enough that a listing of up to 50 pages goes out within the
 * sliding window's free budget in a couple of round trips; the limiter paces the sends, and a burst
 * starts smaller (INITIAL_BURST_IN_FLIGHT) and grows with each answer.
 */
export const DEFAULT_CONCURRENCY = 50;
export const MAX_CONCURRENCY = 50;
/** Upper bound of maxAttempts: beyond it a retry loop only hides a broken service. */
export const MAX_ATTEMPTS_LIMIT = 100;
/**
 * The listing deadline before the page count is known, and its floor after (ms). Once the first
 * page reports TotalCount, the default deadline becomes
 * max(DEFAULT_TIMEOUT_MS, DEADLINE_SLACK * pages * 1000 / rate in force), capped at MAX_LISTING_TIMEOUT_MS.
 */
export const DEFAULT_TIMEOUT_MS = 300_000;
/** How many times the listing's ideal duration (pages at the rate in force) the derived default deadline allows. */
export const DEADLINE_SLACK = 3;
/** Environment variable read when the `redisUrl` option is absent. */
export const REDIS_URL_ENV = "LIVE_MESSAGE_GROUPS_REDIS_URL";
/** Environment variable read when the `quotaKey` option is absent. */
export const QUOTA_KEY_ENV = "LIVE_MESSAGE_GROUPS_QUOTA_KEY";
/** Upper bound of a whole listing's timeoutMs (one day; the longest listing, 10,000 pages at 0.5 calls/s, takes 5.6 h). */
export const MAX_LISTING_TIMEOUT_MS = 86_400_000;
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

/** Validates every option before any request; throws InvalidArgumentError naming the option. Unknown keys are ignored. */
export function validateOptions(options: ListLiveMessageGroupsOptions): ResolvedOptions {
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError("options", "an object with at least appId", options);
  }
  const o = options as unknown as Record<string, unknown>;
  if (typeof o.appId !== "string" || o.appId.trim().length === 0) {
    throw new InvalidArgumentError("appId", "a non-empty string", o.appId);
  }
  return {
    appId: o.appId,
    dataCenter: oneOf("dataCenter", o.dataCenter, DATA_CENTERS, DEFAULT_DATA_CENTER),
    groupStatus: oneOf("groupStatus", o.groupStatus, GROUP_STATUSES, DEFAULT_GROUP_STATUS),
    sortOrder: oneOf("sortOrder", o.sortOrder, SORT_ORDERS, DEFAULT_SORT_ORDER),
    pageSize: integer("pageSize", o.pageSize, 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
    endpoint: parseEndpoint(o.endpoint ?? DEFAULT_ENDPOINT),
    credentials: o.credentials === undefined ? null : validateCredentials(o.credentials),
    requestsPerSecond: bounded("requestsPerSecond", o.requestsPerSecond, MIN_REQUESTS_PER_SECOND, Number.POSITIVE_INFINITY,
      DEFAULT_REQUESTS_PER_SECOND),
    concurrency: integer("concurrency", o.concurrency, 1, MAX_CONCURRENCY, DEFAULT_CONCURRENCY),
    maxAttempts: integer("maxAttempts", o.maxAttempts, 1, MAX_ATTEMPTS_LIMIT, DEFAULT_MAX_ATTEMPTS),
    timeoutMs: o.timeoutMs === undefined ? null : bounded("timeoutMs", o.timeoutMs, 0, MAX_LISTING_TIMEOUT_MS, DEFAULT_TIMEOUT_MS),
    quotaKey: nonEmpty("quotaKey", o.quotaKey ?? emptyAsUndefined(process.env[QUOTA_KEY_ENV])),
    burst: optionalOf("burst", o.burst, isBoolean, "true or false") ?? true,
    redisUrl: redisUrl(o.redisUrl ?? emptyAsUndefined(process.env[REDIS_URL_ENV]), o.redisUrl === undefined ? REDIS_URL_ENV : "redisUrl"),
    onWarning: optionalOf("onWarning", o.onWarning, isWarningFunction, "a function") ?? warnOnStderr,
    requestTimeoutMs: bounded("requestTimeoutMs", o.requestTimeoutMs, 0, MAX_TIMER_MS, DEFAULT_REQUEST_TIMEOUT_MS),
    signal: optionalOf("signal", o.signal, isAbortSignal, "an AbortSignal"),
    onProgress: optionalOf("onProgress", o.onProgress, isFunction, "a function"),
    clock: optionalOf("clock", o.clock, isClock, "a Clock {now, sleep, random}") ?? systemClock,
  };
}

function emptyAsUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

function nonEmpty(name: string, value: unknown): string | null {
  if (value === undefined) return null;
  if (typeof value === "string" && value.trim().length > 0 && value.length <= 256) return value;
  throw new InvalidArgumentError(name, "a non-empty string of at most 256 characters", value);
}

/** A redis:// or rediss:// URL; a rejected value is never echoed, since it may hold a password. */
function redisUrl(value: unknown, name: string): string | null {
  if (value === undefined) return null;
  const allowed = "a redis://[user:password@]host[:port][/db] or rediss:// URL";
  if (typeof value !== "string") throw new InvalidArgumentError(name, allowed, redact(value));
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new InvalidArgumentError(name, allowed, "<unparseable string>");
  }
  if ((parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") || parsed.hostname === "") {
    throw new InvalidArgumentError(name, allowed, `<a ${parsed.protocol} URL>`);
  }
  return value;
}

/** The default warning sink: one line on stderr. */
function warnOnStderr(message: string): void {
  process.stderr.write(`${message}\n`);
}

function isBoolean(value: unknown): value is boolean {
  return typeof value === "boolean";
}

function isWarningFunction(value: unknown): value is (message: string) => void {
  return typeof value === "function";
}

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  throw new InvalidArgumentError(name, `one of ${allowed.map((a) => `"${a}"`).join(", ")}`, value);
}

function integer(name: string, value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) return value;
  throw new InvalidArgumentError(name, `an integer from ${min} to ${max}`, value);
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
  if (typeof c.accessKeyId !== "string" || c.accessKeyId.trim().length === 0) {
    throw new InvalidArgumentError("credentials.accessKeyId", "a non-empty string", c.accessKeyId);
  }
  if (typeof c.accessKeySecret !== "string" || c.accessKeySecret.length === 0) {
    throw new InvalidArgumentError("credentials.accessKeySecret", "a non-empty string", redact(c.accessKeySecret));
  }
  if (c.securityToken !== undefined && (typeof c.securityToken !== "string" || c.securityToken.length === 0)) {
    throw new InvalidArgumentError("credentials.securityToken", "a non-empty string or absent", redact(c.securityToken));
  }
  const base = { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret };
  return c.securityToken === undefined ? base : { ...base, securityToken: c.securityToken };
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
    typeof c.random === "function";
}
