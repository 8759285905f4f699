/**
 * The flags shared by every command that lists groups (`list`, `snapshot`, `drift`), their
 * conversion to the sdk's {@link ListLiveMessageGroupsOptions}, and the listing they ask for,
 * with its progress on stderr, redrawn in place on one line (node:readline moves the cursor and
 * clears the line; the line is cut to the terminal's width so it never wraps): pages, groups,
 * rate, retries. Only when stderr is a terminal, not `--quiet`, and TERM is not `dumb`: a log
 * file or a CI job gets nothing extra.
 * Names, types, bounds, defaults and the allowed-value text come from the sdk's one schema of the
 * listing options (LISTING_OPTIONS_SCHEMA): a flag converts its string to the option's type, and
 * the schema judges the value, so the CLI accepts exactly what the sdk and the provider accept.
 *
 * There is deliberately no flag for an AccessKeySecret or token: argv is visible to other users
 * through `ps`, so credentials come only from the environment / the standard credential chain,
 * which the sdk reads when `credentials` is absent.
 */
import { clearLine, cursorTo } from "node:readline";
import type { Command } from "commander";
import { z } from "zod";
import type { ListLiveMessageGroupsOptions, ListProgress, LiveMessageGroupList } from "../sdk";
import {
  DATA_CENTERS, DEADLINE_SLACK, DEFAULT_TIMEOUT_MS, GROUP_STATUSES, isLiveMessageGroupsError, listLiveMessageGroups, MAX_LISTING_TIMEOUT_MS, QUOTA_KEY_ENV, REDIS_URL_ENV, SORT_ORDERS,
} from "../sdk";
import { isValidListingOption, LISTING_OPTIONS_SCHEMA, listingOption, type ListingOptionName } from "../sdk/options/listingOptionsSchema";
import { formatProgress } from "../sdk/listing/formatProgress";
import { parseEndpoint } from "../sdk/transport/parseEndpoint";
import { type CliIo, outputProblem, WorkingDirectoryError } from "./cliIo";
import { escapeControl, truncateToWidth } from "./displayText";
import { invalidValue, toNumber, UsageError, valueOption } from "./program";
import { assertProxyUsableFor } from "../sdk/transport/proxySetting";

const DURATION_UNITS_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION_EXAMPLES = "30, 45s, 1500ms, 5m or 5h";

/**
 * A duration in milliseconds: `30` (seconds), `1500ms`, `45s`, `5m`, `5h`; NaN when `raw` is not
 * one. The result may be fractional (`0.5ms`): the option's schema decides what it accepts.
 */
export function parseDurationMs(raw: string): number {
  // As written, like every other number (parseDecimal): " 5 " or "5\n" is a mistake, not 5 s.
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(raw);
  if (match === null) return Number.NaN;
  // 1.1 * 1000 is 1100.0000000000002 in binary floating point: whole at a micro-millisecond is whole.
  return Math.round(Number(match[1]) * (DURATION_UNITS_MS[match[2] ?? "s"] ?? 1000) * 1e6) / 1e6;
}

/** `lo..hi` of a numeric option, read from its schema. */
function range(name: ListingOptionName): string {
  const schema = LISTING_OPTIONS_SCHEMA.shape[name] as z.ZodNumber;
  return `${schema.minValue}..${schema.maxValue}`;
}

const fallback = (name: ListingOptionName): string => String(listingOption(name).default);
const timeoutFloor = DEFAULT_TIMEOUT_MS % 60_000 === 0 ? `${DEFAULT_TIMEOUT_MS / 60_000}m` : `${DEFAULT_TIMEOUT_MS / 1000}s`;

/** Each option with a flag, in help order (`--polite` goes after redisUrl): placeholder, description, choices. */
const OPTION_FLAGS: readonly (readonly [ListingOptionName, string, string, (readonly string[])?])[] = [
  ["appId", "<id>", "Interactive-messaging app (AppId). Required."],
  ["dataCenter", "<dc>", `Data center of the app: ${DATA_CENTERS.join(" | ")}. Default ${fallback("dataCenter")}.`, DATA_CENTERS],
  ["groupStatus", "<s>", `Groups to list: ${GROUP_STATUSES.join(" | ")}. Default ${fallback("groupStatus")}.`, GROUP_STATUSES],
  ["sortOrder", "<o>", `By creation time: ${SORT_ORDERS.join(" | ")}. Default ${fallback("sortOrder")}.`, SORT_ORDERS],
  ["pageSize", "<n>", `Groups per request, ${range("pageSize")}. Default ${fallback("pageSize")}.`],
  ["endpoint", "<url>", `${fallback("endpoint")} (default), https://host[:port], or http://127.0.0.1:PORT. Default $LIVE_MESSAGE_GROUPS_ENDPOINT when set.`],
  ["requestsPerSecond", "<n>", `Client-side call limit per second, ${range("requestsPerSecond")}. Default ${fallback("requestsPerSecond")} (the account limit).`],
  ["quotaKey", "<key>", "Names the quota (e.g. the account id) that keys of one account share. Default the AccessKeyId, or $LIVE_MESSAGE_GROUPS_QUOTA_KEY."],
  ["redisUrl", "<url>", "Share the quota with other processes and hosts through Redis (redis://host:port). Default $LIVE_MESSAGE_GROUPS_REDIS_URL, else none."],
  ["concurrency", "<n>", `Pages in flight at once, ${range("concurrency")}. Default ${fallback("concurrency")}.`],
  ["maxAttempts", "<n>", `Attempts per request, retries included, ${range("maxAttempts")}; the service's throttles do not count (--timeout bounds them). Default ${fallback("maxAttempts")}.`],
  ["timeoutMs", "<dur>", `Deadline of the whole listing (${DURATION_EXAMPLES}). Default: ${DEADLINE_SLACK} x pages / rate, at least ${timeoutFloor}.`],
];

const flagOf = (name: ListingOptionName): string => listingOption(name).flag ?? name;
/** commander's attribute name of `--some-flag`: `someFlag`. */
const attributeOf = (flag: string): string => flag.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());

/** One flag's string converted and judged by the option's schema; `source` is how the message names it. */
function listingValue(name: ListingOptionName, source: string, raw: string): unknown {
  if (name === "endpoint") return endpointValue(source, raw);
  const duration = name === "timeoutMs";
  const value = judged(name, source, raw, duration ? parseDurationMs(raw) : LISTING_OPTIONS_SCHEMA.shape[name] instanceof z.ZodNumber ? toNumber(raw) : raw);
  if (name === "redisUrl" && redisUrlHasPassword(raw)) {
    // Worded so that the output's secret scrub (which masks the word after "password:") leaves it whole.
    throw new UsageError(`${source} must not carry a password, since other users see the command line through ps. ` +
      `Put the URL in the environment variable ${REDIS_URL_ENV} instead`);
  }
  return value;
}

/** `value` (converted from `raw`) when the option's schema takes it; else a UsageError naming `source`. */
function judged(name: ListingOptionName, source: string, raw: string, value: unknown): unknown {
  if (isValidListingOption(name, value)) return value;
  const meta = listingOption(name);
  const allowed = name === "timeoutMs"
    ? `a duration such as ${DURATION_EXAMPLES} (bare numbers are seconds), from 1ms to ${MAX_LISTING_TIMEOUT_MS / 3_600_000}h in whole milliseconds`
    : meta.allowed;
  // A secret option's value is never echoed.
  throw invalidValue(source, allowed, meta.secret === true ? undefined : raw, meta.problem?.(value));
}

/** True when a Redis URL holds a password (`redis://:pw@host`, `redis://user:pw@host`, `?password=`). */
function redisUrlHasPassword(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.password !== "" || url.searchParams.has("password");
  } catch {
    return false;
  }
}

/**
 * `--endpoint` checked by the sdk's own rules (plain HTTP only to loopback hosts), so a typo or an
 * insecure URL fails here, naming the flag, rather than once the listing starts.
 */
function endpointValue(source: string, raw: string): string {
  try {
    parseEndpoint(raw);
  } catch (error) {
    if (!isLiveMessageGroupsError(error) || error.kind !== "InvalidArgument") throw error;
    // The sdk's wording, which already hides any `user:password@` part of the URL.
    throw new UsageError(`invalid value for ${source}: ${error.message.replace(/^Invalid endpoint: /, "").replace(/\.$/, "")}`);
  }
  return raw;
}

/**
 * Adds the listing flags to `command`, but those in `omit` (`status`, `order`), with the
 * descriptions in `describe` where they differ for this command. `--app-id` is required unless
 * `appIdOptional` (`drift`, which falls back to the snapshot's app).
 */
export function addListingOptions(command: Command, setup: { omit?: readonly string[]; describe?: Readonly<Record<string, string>>; appIdOptional?: true } = {}): Command {
  const add = ([name, placeholder, description, choices]: (typeof OPTION_FLAGS)[number]): void => {
    const flag = flagOf(name);
    if (setup.omit?.includes(flag) === true) return;
    const option = valueOption(`--${flag} ${placeholder}`, setup.describe?.[flag] ?? description, (raw, source) => listingValue(name, source, raw));
    if (choices !== undefined) option.argChoices = [...choices];
    command.addOption(name === "appId" && setup.appIdOptional !== true ? option.makeOptionMandatory() : option);
  };
  OPTION_FLAGS.slice(0, 9).forEach(add);
  command.option("--polite", "Pace calls evenly instead of spending the window's free budget at once.");
  OPTION_FLAGS.slice(9).forEach(add);
  return command
    .option("-q, --quiet", "No progress on stderr, even on a terminal.")
    .option("--debug", "On error, also print the (scrubbed) stack and cause chain.");
}

/** The listing options a command line asks for, minus what the command adds (signal, progress). */
export type ListingRequest = Omit<ListLiveMessageGroupsOptions, "signal" | "onProgress" | "clock" | "credentials">;

/** Environment variable read when `--endpoint` is absent (the same name the Pulumi layer reads). */
export const ENDPOINT_ENV = "LIVE_MESSAGE_GROUPS_ENDPOINT";

/**
 * The listing options of parsed flags `opts` (appId "" when absent). `env` supplies
 * `$LIVE_MESSAGE_GROUPS_ENDPOINT` when `--endpoint` is absent; a bad value names the variable.
 */
export function listingRequest(opts: Readonly<Record<string, unknown>>, env: Readonly<Record<string, string | undefined>> = {}): ListingRequest & { appId: string } {
  const request: Record<string, unknown> = { appId: "" };
  for (const [name] of OPTION_FLAGS) {
    const value = opts[attributeOf(flagOf(name))];
    if (value !== undefined) request[name] = value;
  }
  const fromEnv = env[ENDPOINT_ENV];
  // Set but empty is unset, as everywhere; blank or padded is a mistake that names the variable.
  if (request["endpoint"] === undefined && fromEnv !== undefined && fromEnv !== "") {
    request["endpoint"] = endpointValue(`$${ENDPOINT_ENV}`, fromEnv);
  }
  // The sdk reads these two itself when their flags are absent. A bad value is named here, as the
  // variable and in the flags' words, like $LIVE_MESSAGE_GROUPS_ENDPOINT's (the sdk's error said
  // "InvalidArgument: Invalid LIVE_MESSAGE_GROUPS_QUOTA_KEY"). A Redis URL's password is fine here.
  for (const [name, variable] of [["quotaKey", QUOTA_KEY_ENV], ["redisUrl", REDIS_URL_ENV]] as const) {
    const raw = env[variable];
    if (request[name] === undefined && raw !== undefined && raw !== "") judged(name, `$${variable}`, raw, raw);
  }
  if (opts["polite"] === true) request["burst"] = false;
  return request as ListingRequest & { appId: string };
}

/** Throws a UsageError naming `--output` when it cannot be written: checked before any request. */
export async function requireWritableOutput(io: CliIo, outputPath: string | undefined, command: string): Promise<void> {
  const problem = await outputProblem(io, outputPath).catch((error: unknown) => {
    if (error instanceof WorkingDirectoryError) return error.message;
    throw error;
  });
  // Quoted once: escaped control characters read \x1b, as in every other message (not \\x1b).
  if (problem !== null) throw new UsageError(`--output "${escapeControl(outputPath ?? "").replace(/"/g, '\\"')}": ${problem}`, command);
}

/**
 * Runs one listing through the sdk, wiring progress to stderr (unless `quiet`, or stderr is no
 * terminal) and interruption to the listing's AbortSignal. Throws the environment's proxy setting
 * error first when it cannot be used and the endpoint is not reached directly.
 */
export async function fetchGroups(io: CliIo, request: ListingRequest, quiet: boolean): Promise<LiveMessageGroupList> {
  // A proxy setting that cannot be used fails the listing only when its requests would go through that proxy.
  assertProxyUsableFor(io.env, request.endpoint);
  const label = `listing ${escapeControl(request.appId)}`;
  // TERM=dumb: a terminal that does not understand the escape codes of the redraw (they would show as text).
  const enabled = io.stderr.isTTY === true && !quiet && io.env["TERM"] !== "dumb";
  const reporter = createProgressReporter({ stream: io.stderr, enabled, label, now: () => io.now() });
  try {
    return await listLiveMessageGroups({ ...request, signal: io.signal, onProgress: reporter.onProgress, onWarning: reporter.warn });
  } finally {
    reporter.finish();
  }
}

export { formatProgress };

/** Minimum time between redraws, in ms: redrawing per page at 50 pages/s would flicker. */
export const PROGRESS_REDRAW_INTERVAL_MS = 100;

/**
 * A reporter that draws on `stream` (a terminal), or does nothing when `enabled` is false: feed
 * `onProgress` to the sdk's, and call `finish` to erase the line before printing anything else.
 */
export function createProgressReporter(options: {
  /** `columns`: the terminal's width, when known (read at each draw: the terminal may be resized). */
  readonly stream: { write(text: string): unknown; readonly columns?: number };
  readonly enabled: boolean;
  readonly label: string;
  readonly now: () => number;
}): { readonly onProgress: (progress: ListProgress) => void; readonly warn: (message: string) => void; finish(): void } {
  // A warning (a Redis quota that fell back) is a line of its own, never glued to the progress line.
  if (!options.enabled) return { onProgress: () => undefined, warn: (message) => void options.stream.write(`${message}\n`), finish: () => undefined };
  // readline types the stream as a whole Writable but only ever calls its write().
  const stream = options.stream as NodeJS.WritableStream;
  const clear = (): void => void (cursorTo(stream, 0), clearLine(stream, 0));
  const startedAt = options.now();
  let lastDrawAt = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    onProgress(progress) {
      const now = options.now();
      const lastPage = progress.pagesTotal !== null && progress.pagesDone >= progress.pagesTotal;
      if (now - lastDrawAt < PROGRESS_REDRAW_INTERVAL_MS && !lastPage) return;
      [lastDrawAt, drawn] = [now, true];
      clear();
      // Cut to one column less than the terminal: a line that wraps is cleared only in its last
      // row, and each redraw left the rows above behind (a 40-column pane, or a long app id).
      const line = formatProgress(options.label, progress, now - startedAt);
      const columns = options.stream.columns;
      stream.write(columns !== undefined && columns > 1 ? truncateToWidth(line, columns - 1) : line);
    },
    warn(message) {
      if (drawn) clear();
      stream.write(`${message}\n`);
      // Drawn again below it on the next page.
      [lastDrawAt, drawn] = [Number.NEGATIVE_INFINITY, false];
    },
    finish() {
      if (drawn) clear();
      drawn = false;
    },
  };
}
