/**
 * The one definition of the listing options: names, types, bounds, defaults, the CLI flag of each,
 * and the allowed-value text every error message uses. The sdk's {@link validateOptions}, the
 * provider's argument check and the CLI's flags all derive from {@link LISTING_OPTIONS_SCHEMA}, so
 * the three layers accept and reject the same values with the same words.
 *
 * Only plain data lives here; the runtime-only options (credentials, signal, callbacks, clock) are
 * checked by validateOptions alone, since no other layer can pass them.
 */
import { z } from "zod";
import { DEFAULT_ENDPOINT, parseEndpoint } from "../transport/parseEndpoint";
import { DEFAULT_REQUESTS_PER_SECOND, MIN_REQUESTS_PER_SECOND } from "../rate/rateLimiter";
import { DEFAULT_MAX_ATTEMPTS } from "../retry/retryPolicy";
import { hasFragment, REDIS_URL_FRAGMENT_HINT, REDIS_URL_QUERY_HINT, REDIS_URL_QUERY_PARAMETERS, unsupportedRedisQueryParameter } from "../rate/redisQuota";
import { DATA_CENTERS, GROUP_STATUSES, SORT_ORDERS } from "../types";
import {
  DEFAULT_CONCURRENCY, DEFAULT_DATA_CENTER, DEFAULT_GROUP_STATUS, DEFAULT_PAGE_SIZE, DEFAULT_SORT_ORDER, MAX_ATTEMPTS_LIMIT, MAX_CONCURRENCY,
  MAX_LISTING_TIMEOUT_MS, MAX_PAGE_SIZE, MAX_QUOTA_KEY_LENGTH, MAX_REQUESTS_PER_SECOND,
} from "./listingOptionDefaults";

/** What the schema records of each option besides its type. */
export interface ListingOptionMeta {
  /** Allowed values, as every layer's error message states them, e.g. `an integer from 1 to 50`. */
  readonly allowed: string;
  /** The CLI flag (without dashes) that sets this option, when the CLI has one. */
  readonly flag?: string;
  /** The default, when the option has a fixed one (absent: none, or derived at run time). */
  readonly default?: string | number | boolean;
  /** Never echo a rejected value (it may hold a password). */
  readonly secret?: true;
  /**
   * Why a rejected value is refused, in words that never quote a secret (appended to every layer's
   * message after the allowed values); absent where the allowed values say it all.
   */
  readonly problem?: (value: unknown) => string | undefined;
}

/** The metadata of each option's schema. */
export const listingOptionMeta = z.registry<ListingOptionMeta>();

function option<T extends z.ZodType>(schema: T, meta: ListingOptionMeta): T {
  listingOptionMeta.add(schema, meta);
  return schema;
}

/** C0 and C1 control characters (newlines, tabs, escapes). */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
/** Half of a UTF-16 surrogate pair without its other half: not Unicode text, it cannot be encoded. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/**
 * A name as written, the same from every source: not empty, no control characters, no spaces
 * around it (a CRLF env file's "acct\r" or a pasted " app" would otherwise name another app or
 * another quota), and well-formed Unicode (a lone surrogate cannot be sent).
 */
export function isPlainText(value: unknown): value is string {
  return typeof value === "string" && value !== "" && value.trim() === value && !CONTROL_CHARACTER.test(value) && !LONE_SURROGATE.test(value);
}
const plainText = z.custom<string>(isPlainText);
const PLAIN_TEXT = "a non-empty string of Unicode text without control characters or surrounding spaces";

/**
 * A number written in plain decimal ("50", "0.5", ".5"), or NaN: every text source of a number (CLI
 * flags, Pulumi config, environment variables) reads it with this, so "0x10", "1e3", "Infinity",
 * "-0", "5abc", " 5 " and "" are refused everywhere alike (`Number` alone would take all but the
 * last two, and " 5 " too).
 */
export function parseDecimal(raw: string): number {
  return /^(\d+(\.\d+)?|\.\d+)$/.test(raw) ? Number(raw) : Number.NaN;
}
const oneOf = <T extends string>(values: readonly T[]) => z.custom<T>((value) => typeof value === "string" && (values as readonly string[]).includes(value));
const integerFrom = (min: number, max: number) => z.number().int().min(min).max(max);

function isEndpoint(value: unknown): boolean {
  try {
    parseEndpoint(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Why `value` is not an accepted Redis URL, in words that quote nothing of it but the name of a
 * query parameter that has a value (cut to 40 characters): undefined when it is one. Accepted: a
 * redis:// or rediss:// URL with a host, as written (the URL parser would forgive spaces ioredis
 * does not), and no query parameter but {@link REDIS_URL_QUERY_PARAMETERS} (ioredis would let any
 * other override the client options the fallback depends on). The URL itself may hold a password,
 * so messages give this instead of it.
 */
export function redisUrlProblem(value: unknown): string | undefined {
  if (typeof value !== "string") return "it is not a string";
  if (!isPlainText(value) || /\s/.test(value)) return value === "" ? "it is empty" : "it contains spaces, control characters or broken Unicode";
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return "it is not a URL";
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") return "it does not start with redis:// or rediss://";
  try {
    // What ioredis would choke on only when it connects: a user or password that is not valid
    // percent-encoding, a database that is not a number.
    decodeURIComponent(parsed.username);
    decodeURIComponent(parsed.password);
  } catch {
    return "its user or password is not valid percent-encoding";
  }
  if (parsed.hostname === "") return "it names no host";
  if (!/^\/?\d*$/.test(parsed.pathname)) return "its path is not a database number";
  if (hasFragment(value)) return `it has a fragment (${REDIS_URL_FRAGMENT_HINT})`;
  const unsupported = unsupportedRedisQueryParameter(parsed);
  if (unsupported === undefined) return undefined;
  // A name without a value may be a password pasted without its `password=`: not quoted.
  if (parsed.searchParams.getAll(unsupported).every((v) => v === "")) return "it has a query parameter without a value, which is not taken";
  return REDIS_URL_QUERY_PARAMETERS.includes(unsupported)
    ? `its query parameter ${quoted(unsupported)} is given more than once`
    : `its query parameter ${quoted(unsupported)} is not taken`;
}

/** A name from a rejected value, quoted with its control characters escaped, cut to 40 characters. */
function quoted(name: string): string {
  return JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}...` : name);
}

function isRedisUrl(value: unknown): boolean {
  return redisUrlProblem(value) === undefined;
}

/**
 * Every plain-data listing option with its type, bounds, default, CLI flag and allowed-value text.
 * Each field validates one value; absence (undefined) is handled by the callers, which apply
 * {@link ListingOptionMeta.default}.
 */
export const LISTING_OPTIONS_SCHEMA = z.object({
  appId: option(plainText, { allowed: PLAIN_TEXT, flag: "app-id" }),
  dataCenter: option(oneOf(DATA_CENTERS), { allowed: `one of ${DATA_CENTERS.join(", ")}`, flag: "data-center", default: DEFAULT_DATA_CENTER }),
  groupStatus: option(oneOf(GROUP_STATUSES), { allowed: `one of ${GROUP_STATUSES.join(", ")}`, flag: "status", default: DEFAULT_GROUP_STATUS }),
  sortOrder: option(oneOf(SORT_ORDERS), { allowed: `one of ${SORT_ORDERS.join(", ")}`, flag: "order", default: DEFAULT_SORT_ORDER }),
  pageSize: option(integerFrom(1, MAX_PAGE_SIZE), { allowed: `an integer from 1 to ${MAX_PAGE_SIZE}`, flag: "page-size", default: DEFAULT_PAGE_SIZE }),
  endpoint: option(z.custom<string>(isEndpoint), {
    allowed: "a host[:port] (HTTPS), https://host[:port], or http://host:port for a loopback host (127.0.0.0/8, localhost, [::1])",
    flag: "endpoint",
    default: DEFAULT_ENDPOINT,
  }),
  requestsPerSecond: option(z.number().min(MIN_REQUESTS_PER_SECOND).max(MAX_REQUESTS_PER_SECOND), {
    allowed: `a number from ${MIN_REQUESTS_PER_SECOND} to ${MAX_REQUESTS_PER_SECOND}`,
    flag: "rps",
    default: DEFAULT_REQUESTS_PER_SECOND,
  }),
  concurrency: option(integerFrom(1, MAX_CONCURRENCY), { allowed: `an integer from 1 to ${MAX_CONCURRENCY}`, flag: "concurrency", default: DEFAULT_CONCURRENCY }),
  maxAttempts: option(integerFrom(1, MAX_ATTEMPTS_LIMIT), { allowed: `an integer from 1 to ${MAX_ATTEMPTS_LIMIT}`, flag: "max-attempts", default: DEFAULT_MAX_ATTEMPTS }),
  timeoutMs: option(integerFrom(1, MAX_LISTING_TIMEOUT_MS), {
    allowed: `an integer number of milliseconds from 1 to ${MAX_LISTING_TIMEOUT_MS}`,
    flag: "timeout",
  }),
  quotaKey: option(plainText.refine((value) => value.length <= MAX_QUOTA_KEY_LENGTH), {
    allowed: `${PLAIN_TEXT}, at most ${MAX_QUOTA_KEY_LENGTH} characters`,
    flag: "quota-key",
  }),
  redisUrl: option(z.custom<string>(isRedisUrl), {
    allowed: "a redis:// or rediss:// URL: a host, then optionally a port and a database number (a user and password go before the host); " +
      `${REDIS_URL_QUERY_HINT} (timeouts, no reconnection)`,
    flag: "redis-url",
    secret: true,
    problem: redisUrlProblem,
  }),
  burst: option(z.boolean(), { allowed: "true or false", default: true }),
});

/** The plain-data listing options, as the schema types them. */
export type ListingOptionValues = z.infer<typeof LISTING_OPTIONS_SCHEMA>;
/** Names of the plain-data listing options. */
export type ListingOptionName = keyof ListingOptionValues;
/** Every listing option name, in the schema's order. */
export const LISTING_OPTION_NAMES = Object.keys(LISTING_OPTIONS_SCHEMA.shape) as readonly ListingOptionName[];

/** The metadata of one option. */
export function listingOption(name: ListingOptionName): ListingOptionMeta {
  const meta = listingOptionMeta.get(LISTING_OPTIONS_SCHEMA.shape[name]);
  /* c8 ignore next */
  if (meta === undefined) throw new Error(`listing option ${name} has no metadata`);
  return meta;
}

/** True when `value` (not undefined) is an accepted value of option `name`. */
export function isValidListingOption<K extends ListingOptionName>(name: K, value: unknown): value is ListingOptionValues[K] {
  return LISTING_OPTIONS_SCHEMA.shape[name].safeParse(value).success;
}
