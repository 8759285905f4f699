import { getEventListeners, getMaxListeners, setMaxListeners } from "node:events";
import { classifyError, ENDPOINT_WITHOUT_TLS, type ErrorClassification } from "../retry/classifyError";
import { createPageClient, type ConnectionWait, type PageClient, type PageRequest } from "../transport/createPageClient";
import { describeFailure, type FailureContext } from "../retry/describeFailure";
import { AbortedError, TimeoutError } from "../errors";
import { limiterRegistryFor, type LimiterLease } from "../rate/limiterRegistry";
import { REDIS_TIMEOUT_MS } from "../rate/redisQuota";
import { resolveCredentialSource } from "../transport/resolveCredentials";
import { isLoopbackHost, type ParsedEndpoint } from "../transport/parseEndpoint";
import { scrubSecrets } from "../transport/scrubSecrets";
import { RetryPolicy } from "../retry/retryPolicy";
import type { ListLiveMessageGroupsOptions, ListProgress, LiveMessageGroupPage } from "../types";
import { DEADLINE_SLACK, DEFAULT_TIMEOUT_MS, MAX_LISTING_TIMEOUT_MS, validateOptions, type ResolvedOptions } from "../options/validateOptions";
import { withRetries } from "../retry/withRetries";
import { monotonicNow, realTimer } from "../systemClock";
import { untilAborted } from "../untilAborted";

/** Counters behind onProgress and the result's `requests` / `retries`. */
export interface ListingCounters {
  pagesDone: number;
  pagesTotal: number | null;
  groups: number;
  requests: number;
  retries: number;
}

/**
 * Everything one listing shares: validated options, credentials, one openapi client, the
 * AccessKeyId's limiter, one retry budget, counters, and a signal that fires on the caller's
 * abort or the listing deadline. Close it when done.
 */
export interface ListingSession {
  readonly options: ResolvedOptions;
  readonly signal: AbortSignal;
  readonly counters: ListingCounters;
  readonly startedAt: number;
  /**
   * The earliest `Createtime` (unix seconds) a group created while this listing runs can have: the
   * service refuses a request dated more than 15 minutes off its clock, so when the listing's
   * first request was served its clock read no earlier than this host's wall clock at the start
   * less 15 minutes ({@link CREATED_DURING_MARGIN_MS} allows 5 more for the wall clock being
   * stepped back meanwhile). A listing whose groups are all older than this saw none created
   * during it (see sdk/CONSISTENCY.md).
   */
  readonly createdDuringFrom: number;
  /** One page through limiter + retries; `signal` (default: the session's) abandons it. */
  fetchPage(request: PageRequest, signal?: AbortSignal): Promise<LiveMessageGroupPage>;
  /** Calls onProgress with a snapshot of the counters. */
  reportProgress(): void;
  /**
   * Nothing is in flight and the consumer has the listing (a paginate between pages): unless the
   * next page is asked for within {@link IDLE_RELEASE_MS}, the session lets go of its limiter lease
   * (its rate stops applying to other listings, a Redis connection can close) and of the caller's
   * signal, and takes them again on the next page. A consumer that drops the listing without
   * closing it leaves nothing behind.
   */
  idle(): void;
  close(): void;
}

/** See {@link ListingSession.createdDuringFrom}: the service's 15 minutes of date skew, and 5 more. */
export const CREATED_DURING_MARGIN_MS = 20 * 60_000;

/** How long an idle session keeps its limiter lease, ms (see {@link ListingSession.idle}). */
export const IDLE_RELEASE_MS = 1000;

/** Validates (throwing before any request), resolves credentials and sets up a listing. */
export async function openListingSession(rawOptions: ListLiveMessageGroupsOptions): Promise<ListingSession> {
  const options = validateOptions(rawOptions);
  if (options.signal?.aborted) {
    throw new AbortedError("The listing was aborted before it started.", { cause: summarizeReason(options.signal.reason, []) });
  }
  // The deadline and the caller's signal hold from here: resolving credentials may wait on the
  // network (a credentials URI, OIDC, the ECS metadata service).
  const openedAt = monotonicNow();
  const credentials = await whileResolving(resolveCredentialSource(options.credentials, process.env, options.credentialsProfile), options);
  // The AccessKeyId a message names is the one requests sign with now (a credentials server may rotate it).
  return createSession(options, createPageClient({ ...options, credentials }), {
    appId: options.appId, dataCenter: options.dataCenter, get accessKeyId() { return credentials.accessKeyId; }, secrets: credentials.secrets,
    endpoint: endpointOrigin(options.endpoint),
  }, openedAt);
}

/**
 * Settles with the credential resolution, or rejects as soon as the caller aborts or the deadline
 * runs out (a source that never answers is abandoned; its late answer is ignored).
 */
async function whileResolving<T>(promise: Promise<T>, options: ResolvedOptions): Promise<T> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = AbortSignal.timeout(timeoutMs);
  // The caller's signal through a listener removed afterwards (see listenForAbort), not AbortSignal.any.
  const caller = new AbortController();
  const onAbort = (): void => caller.abort(options.signal?.reason);
  if (options.signal?.aborted === true) onAbort();
  else if (options.signal !== null) listenForAbort(options.signal, onAbort);
  try {
    return await untilAborted(promise, AbortSignal.any([caller.signal, deadline]));
  } catch (error) {
    if (options.signal?.aborted === true) {
      const cause = summarizeReason(options.signal.reason, []);
      throw new AbortedError(abortedMessage(cause), { cause });
    }
    if (!deadline.aborted) throw error;
    const within = options.timeoutMs === null ? `the default deadline (${timeoutMs} ms; set timeoutMs to change it)` : `timeoutMs (${timeoutMs} ms)`;
    throw new TimeoutError(`The listing did not finish within ${within}: ${CREDENTIALS_STILL_RESOLVING}.`, { code: "ListingTimeout" });
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }
}

/**
 * Builds a session around any PageClient (tests use in-memory ones). `wallStart`: this host's wall
 * clock (ms since the epoch) before the first request, which the service compares request dates with.
 */
export function createSession(options: ResolvedOptions, client: PageClient, context: FailureContext, realStart = monotonicNow(), wallStart = Date.now()): ListingSession {
  const { clock } = options;
  const controller = new AbortController();
  const onCallerAbort = (): void => {
    const cause = summarizeReason(options.signal?.reason, context.secrets);
    controller.abort(new AbortedError(abortedMessage(cause), { cause }));
  };
  const callerSignal = options.signal;
  if (callerSignal?.aborted === true) onCallerAbort();
  else if (callerSignal !== null) listenForAbort(callerSignal, onCallerAbort);
  // The last failed attempt, so a listing deadline can say what was going wrong (usually the reason it ran out).
  let lastFailure: ErrorClassification | null = null;
  // Whether the endpoint ever answered (a page, or a failure with a status or a RequestId): a
  // deadline reached without one is no service error, and a later deadline would not help.
  let answered = false;
  const endpoint = endpointOrigin(options.endpoint);
  // The deadline counts from the call: resolving credentials (real time, before this) is part of it.
  const startedAt = clock.now() - Math.max(0, monotonicNow() - realStart);
  const registry = limiterRegistryFor(clock);
  const leaseRequest = {
    quotaKey: options.quotaKey ?? context.accessKeyId, requestsPerSecond: options.requestsPerSecond, burst: options.burst,
    redisUrl: options.redisUrl, warn: options.onWarning, requestTimeoutMs: options.requestTimeoutMs,
  };
  let lease: LimiterLease | null = registry.lease(leaseRequest);
  const { limiter: firstLimiter } = lease;
  let cancelIdle: (() => void) | null = null;
  let closed = false;
  /**
   * True while the session is let go of after an idle spell (a paginate iterator the consumer may
   * have dropped): its deadline timer is stopped then, since it is all that still refers to the
   * session (its client, its options and their callbacks). A dropped iterator held all of it until
   * its deadline (5 minutes by default, up to a day): about 6 KB per iterator. The deadline is
   * started again, from the listing's start as before, when the next page is asked for.
   */
  let deadlinePaused = false;
  /** The lease, taken again (with the caller's signal) after an idle release; never after close. */
  const held = (): Pick<LimiterLease, "limiter"> => {
    cancelIdle?.();
    cancelIdle = null;
    // A page started after close (a pass winding down after a failure) must not take a lease no one releases.
    if (closed) return { limiter: lease?.limiter ?? firstLimiter };
    if (lease === null) {
      lease = registry.lease(leaseRequest);
      if (callerSignal?.aborted === true) onCallerAbort();
      else if (callerSignal !== null) listenForAbort(callerSignal, onCallerAbort);
    }
    if (deadlinePaused) {
      deadlinePaused = false;
      // Passed while idle: expired now, before the page's request (as the timer would have).
      if (clock.now() - startedAt >= deadlineMs && !controller.signal.aborted) expire();
      else cancelDeadline = startTimer(expire);
    }
    return lease;
  };
  const letGo = (): void => {
    cancelIdle?.();
    cancelIdle = null;
    callerSignal?.removeEventListener("abort", onCallerAbort);
    lease?.release();
    lease = null;
  };
  // The deadline runs on the clock's timer (it must fire even while the listing waits on the
  // service), or on real time for a clock without one (whose sleeps may be skipped); unless
  // timeoutMs was given, it grows to fit the work once the page count is known.
  const startTimer = (fire: () => void): (() => void) => clock.timer !== undefined
    ? clock.timer(startedAt + deadlineMs - clock.now(), fire)
    : realTimer(realStart + deadlineMs - monotonicNow(), fire);
  let deadlineMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let deadlineReason = options.timeoutMs === null ? `the default deadline (${deadlineMs} ms; set timeoutMs to change it)` : `timeoutMs (${deadlineMs} ms)`;
  const expire = (): void => {
    let seen: string;
    if (lastFailure === null && counters.requests === 0) {
      // No request left: the first still waited for the rate limiter. Said as such, not as an
      // endpoint that did not answer: with a Redis quota that does not answer, the local limiter
      // takes over only after the Redis timeout (5 s), and a shorter timeoutMs ran out first; the
      // message (and the CLI's hint) then sent the user to check the endpoint and the network.
      seen = `: ${FIRST_REQUEST_NOT_SENT} ${endpoint} (it was still waiting for the rate limiter` +
        `${options.redisUrl === null ? "" : `: for the Redis quota to answer, which the local limiter replaces only after ${REDIS_TIMEOUT_MS} ms, or for room in its window`}).`;
    } else if (!answered) {
      // No attempt failed: the first was still waiting for its answer, which a slow endpoint may yet have sent.
      seen = `: ${NO_ANSWER_FROM_ENDPOINT} ${endpoint} in that time` +
        `${lastFailure === null ? ` (${FIRST_REQUEST_IN_FLIGHT})` : ` (every attempt failed without one; the last: ${lastFailure.code ?? "no code"})`}.`;
    } else if (lastFailure === null) {
      seen = ".";
    } else if (lastFailure.httpStatus === null && lastFailure.requestId === null) {
      seen = `. The last attempt got no answer from the endpoint ${endpoint}: ${lastFailure.code ?? "no code"}.`;
    } else {
      seen = `. ${LAST_SERVICE_ERROR_SEEN} ${lastFailure.code ?? "none"}` +
        `${lastFailure.httpStatus === null ? "" : `, HTTP ${lastFailure.httpStatus}`}, RequestId ${lastFailure.requestId ?? "none"}.`;
    }
    controller.abort(new TimeoutError(`The listing did not finish within ${deadlineReason}${seen}`, {
      code: "ListingTimeout", ...(lastFailure === null ? {} : { requestId: lastFailure.requestId, httpStatus: lastFailure.httpStatus }),
    }));
  };
  let cancelDeadline = startTimer(expire);
  const policy = new RetryPolicy({ maxAttempts: options.maxAttempts, random: clock.random, deadline: startedAt + deadlineMs });
  let plannedPages: number | null = null;
  let plannedRate = Number.POSITIVE_INFINITY;
  /**
   * The rate in force for this listing: its own cap, or less (a slower listing sharing the quota, a
   * throttled share), split between the listings of this process that share the limiter (it serves
   * them in turn: 45 listings started together each got 50/45 calls/s, and all missed a deadline
   * fitted to 50 together, none finished).
   */
  const rateInForce = (): number => Math.min(options.requestsPerSecond, (lease?.limiter ?? firstLimiter).currentRate()) / (lease?.sharedBy() ?? 1);
  const fitDeadlineToWork = (pages: number, rate: number): void => {
    plannedPages = pages;
    plannedRate = rate;
    const fitted = defaultDeadlineMs(pages, rate);
    if (fitted <= deadlineMs) return;
    deadlineMs = fitted;
    deadlineReason = `the default deadline (${deadlineMs} ms, ${DEADLINE_SLACK} x ${pages} pages at ${rate.toFixed(1)} calls/s; ` +
      "set timeoutMs to change it)";
    cancelDeadline();
    if (!deadlinePaused) cancelDeadline = startTimer(expire);
    policy.setDeadline(startedAt + deadlineMs);
  };
  // Connection refused on this machine means nothing listens there (an emulator not started or gone),
  // and a TLS handshake closed by it that it does not speak TLS: waiting and trying again only
  // delays the error, so it is final at once. A remote host is retried.
  const refusedByLoopback = isLoopbackHost(hostnameOf(options.endpoint.host));
  const counters: ListingCounters = { pagesDone: 0, pagesTotal: null, groups: 0, requests: 0, retries: 0 };
  const reportProgress = (): void => {
    // The default deadline grows when the work does, and when the rate drops under the one it was
    // fitted to (a polite listing joined the quota, a throttle left a share of it): it never shrinks.
    if (options.timeoutMs === null && counters.pagesTotal !== null) {
      const rate = rateInForce();
      if (counters.pagesTotal !== plannedPages || rate < plannedRate) fitDeadlineToWork(counters.pagesTotal, rate);
    }
    options.onProgress?.({ ...counters } satisfies ListProgress);
  };

  return {
    options, signal: controller.signal, counters, startedAt, reportProgress,
    createdDuringFrom: Math.floor((wallStart - CREATED_DURING_MARGIN_MS) / 1000),
    fetchPage(request, signal = controller.signal) {
      const { limiter } = held();
      return withRetries(async () => {
        const sentAt = await limiter.acquire(signal);
        counters.requests++;
        const connection: ConnectionWait = { waitedMs: null };
        try {
          const page = await untilAborted(client.fetchPage(request, signal, connection), signal);
          answered = true;
          limiter.settle(sentAt, "ok", connection.waitedMs ?? 0);
          return page;
        } catch (error) {
          const failure = classifyError(error);
          if (failure.httpStatus !== null || failure.requestId !== null) answered = true;
          limiter.settle(sentAt, !signal.aborted && failure.category === "throttling" ? "throttled" : "failed", connection.waitedMs ?? 0);
          throw error;
        }
      }, {
        policy, clock, signal,
        classify: refusedByLoopback ? classifyRefusedAsFinal : classifyError,
        giveUp: (failure, attempts, reason) => describeFailure(failure, attempts, context, { number: request.pageNumber, of: counters.pagesTotal }, reason),
        onRetry: (failure) => {
          lastFailure = failure;
          counters.retries++;
          reportProgress();
        },
      });
    },
    idle() {
      if (closed || lease === null || cancelIdle !== null) return;
      cancelIdle = (clock.timer ?? realTimer)(IDLE_RELEASE_MS, () => {
        letGo();
        cancelDeadline();
        cancelDeadline = () => undefined;
        // An aborted listing (the caller's signal, or its deadline) needs no deadline again.
        deadlinePaused = !controller.signal.aborted;
      });
    },
    close() {
      closed = true;
      cancelDeadline();
      letGo();
    },
  };
}

/**
 * The default deadline of a listing of `pages` pages at `requestsPerSecond`, ms:
 * max(DEFAULT_TIMEOUT_MS, DEADLINE_SLACK x the ideal duration), at most MAX_LISTING_TIMEOUT_MS.
 */
export function defaultDeadlineMs(pages: number, requestsPerSecond: number): number {
  const ideal = (pages * 1000) / requestsPerSecond;
  return Math.min(MAX_LISTING_TIMEOUT_MS, Math.max(DEFAULT_TIMEOUT_MS, Math.ceil(DEADLINE_SLACK * ideal)));
}


/**
 * The abort's message, naming its reason when the caller gave one ("the Pulumi engine cancelled the
 * operation": a reader then knows it was no fault of the listing), not Node's default words.
 */
function abortedMessage(cause: { name: string; message: string }): string {
  const given = cause.message !== "" && cause.message !== "This operation was aborted" && cause.name !== "undefined";
  return given ? `The listing was aborted by its signal: ${cause.message.slice(0, 200)}.` : "The listing was aborted by its signal.";
}

/**
 * The caller's abort reason as a plain, scrubbed summary: a reason is whatever the caller passed to
 * abort() (it may be an Error holding request details), so it is never attached as is.
 */
function summarizeReason(reason: unknown, secrets: readonly string[]): { name: string; message: string } {
  if (reason instanceof Error) return { name: reason.name, message: scrubSecrets(reason.message, secrets) };
  let text: string;
  try {
    text = typeof reason === "string" ? reason : JSON.stringify(reason) ?? String(reason);
  } catch {
    text = String(reason);
  }
  return { name: typeof reason, message: scrubSecrets(text.length > 500 ? text.slice(0, 500) + "..." : text, secrets) };
}

/** The host name of `host[:port]` (`[::1]` keeps its brackets, as {@link isLoopbackHost} expects). */
function hostnameOf(host: string): string {
  return host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : (host.split(":")[0] ?? host);
}

/** `scheme://host[:port]` of an endpoint, as failures name it. */
export function endpointOrigin(endpoint: ParsedEndpoint): string {
  return `${endpoint.protocol.toLowerCase()}://${endpoint.host}`;
}

/** How a listing deadline says it came before the credentials did (the CLI's hint looks for it). */
export const CREDENTIALS_STILL_RESOLVING = "the credentials were still being resolved";
/** How a listing deadline says that no request was sent yet (the rate limiter held the first). */
export const FIRST_REQUEST_NOT_SENT = "no request had been sent yet to the endpoint";
/** How a listing deadline says the endpoint never answered (the CLI's hint looks for it). */
export const NO_ANSWER_FROM_ENDPOINT = "no answer from the endpoint";
/**
 * How a listing deadline without an answer says that no attempt had failed yet: the endpoint may be
 * slower than the deadline rather than unreachable (the CLI's hint looks for it).
 */
export const FIRST_REQUEST_IN_FLIGHT = "its first request was still waiting for one";
/** How a listing deadline names the code of the last service error seen (the CLI's hint reads it). */
export const LAST_SERVICE_ERROR_SEEN = "The last service error seen: code";

/** How a listing's failure says that a loopback endpoint does not speak TLS (the CLI's hint looks for it). */
export const LOOPBACK_WITHOUT_TLS = "the server at this loopback endpoint does not speak TLS";
/** Node's words for a connection closed during the TLS handshake (ECONNRESET). */
const TLS_HANDSHAKE_RESET = "before secure TLS connection was established";

/**
 * {@link classifyError} for a loopback endpoint (see refusedByLoopback): connection refused is
 * final, and so is a TLS handshake the local server closes or answers in plain text, which means
 * it does not speak TLS (a local emulator or server named without `http://`); the detail says so.
 */
function classifyRefusedAsFinal(error: unknown): ErrorClassification {
  const failure = classifyError(error);
  if (failure.code === "ECONNREFUSED") return { ...failure, retryable: false };
  if (failure.category === "network" && failure.detail.startsWith(ENDPOINT_WITHOUT_TLS)) {
    return { ...failure, detail: `${LOOPBACK_WITHOUT_TLS} (for a local emulator, write the endpoint as http://host:port)${failure.detail.slice(ENDPOINT_WITHOUT_TLS.length)}` };
  }
  if (failure.category === "network" && failure.detail.includes(TLS_HANDSHAKE_RESET)) {
    return {
      ...failure, retryable: false,
      // Before the library's text, whose "GET <url> failed." ending describeFailure rewrites.
      detail: `${LOOPBACK_WITHOUT_TLS} (for a local emulator, write the endpoint as http://host:port): ${failure.detail}`,
    };
  }
  return failure;
}

/**
 * Listens once for the caller's abort, raising the signal's listener ceiling when this listener
 * would pass it: a daemon's one shutdown signal (or the plugin's Cancel) shared by more than 10
 * listings at once would trip Node's MaxListenersExceededWarning, though each listing removes its
 * listener when it ends. (A signal of the session's own through AbortSignal.any adds no listener,
 * but Node keeps a reference to every such signal in the caller's until it aborts: a daemon's
 * never-aborted signal would grow by one per listing.)
 */
function listenForAbort(signal: AbortSignal, listener: () => void): void {
  const max = getMaxListeners(signal);
  const count = getEventListeners(signal, "abort").length;
  if (max > 0 && count >= max) setMaxListeners(count + 1, signal);
  signal.addEventListener("abort", listener, { once: true });
}
