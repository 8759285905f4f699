/**
 * Turns any error into the few lines printed on stderr: what failed (service code, message, HTTP
 * status, RequestId, attempts) and one hint in terms of the CLI's flags for the common causes.
 * Never a stack trace unless `debug`, always scrubbed of secrets, and control characters (from
 * echoed values, file contents, service messages) shown escaped on every line, so an error cannot
 * move a CI log's cursor or recolour it. A bug (a TypeError from our code or a library's) is
 * reported as an internal error, never as a network or service failure.
 *
 * The sdk's messages end with advice naming sdk options ("Lower requestsPerSecond or
 * concurrency"): where the sdk left the facts in a structured cause, the first line is rebuilt
 * from them and the advice comes only from the hint, not twice in two vocabularies.
 */
import { CREDENTIAL_SOURCES, isLiveMessageGroupsError, type LiveMessageGroupsError, type LiveMessageGroupsErrorKind } from "../sdk";
import { redactKnownSecrets, scrubSecrets } from "../sdk/transport/scrubSecrets";
import { CREDENTIALS_STILL_RESOLVING, FIRST_REQUEST_IN_FLIGHT, LAST_SERVICE_ERROR_SEEN, LOOPBACK_WITHOUT_TLS, NO_ANSWER_FROM_ENDPOINT } from "../sdk/listing/openListingSession";
import { DEFAULT_REQUEST_TIMEOUT_MS } from "../sdk/options/validateOptions";
import { ENDPOINT_WITHOUT_TLS, isThrottlingCode, STOPPED_MID_ANSWER } from "../sdk/retry/classifyError";
import { ENDPOINT_NOT_SERVING_API, pageFact, RETRIES_ENDED } from "../sdk/retry/describeFailure";
import { NO_SOURCE_CONFIGURED } from "../sdk/transport/credentialChain";
import { ProxySettingError, redactProxyUrl, type EnvironmentProxy } from "../sdk/transport/environmentProxy";
import { escapeControl } from "./displayText";
import { isUsageError, PROGRAM_NAME } from "./program";

const CREDENTIALS_HINT = "export ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or run 'aliyun configure'.";
const INTERNAL_HINT = "this is a bug in live-message-groups, not a network or service failure: run again with --debug and report the output.";
const ANY = /(?:)/;
const NETWORK_PATH_HINT = "check the network path to the endpoint (proxy, firewall), then run again.";
/** Node's and OpenSSL's codes for a server certificate this machine does not trust. */
const TLS_CERTIFICATE = /CERT|UNABLE_TO_VERIFY|INVALID_CA|HOSTNAME_MISMATCH/;

const APP_HINT = "check --app-id and --data-center: the app must exist, and --data-center must be the app's own data center.";
/** drift lists the snapshot's app in the snapshot's data center (--app-id and --data-center must match them). */
const DRIFT_APP_HINT = "drift lists the snapshot's app in the snapshot's data center: the app may have been deleted since the snapshot, or " +
  "these credentials belong to another account than the snapshot's.";

/** The hint of an sdk error: the first row of its kind whose pattern matches its code (null: nothing useful to add). */
const HINTS: readonly (readonly [LiveMessageGroupsErrorKind, RegExp, string | null])[] = [
  ["ClientError", /AccessKey|Signature|SecurityToken|InvalidToken/i, "the service did not accept the key pair: check ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET (and the security token for STS), and that the machine clock is right."],
  ["ClientError", /TimeStamp|Skew/i, "the service rejected the request time: check that this machine's clock is right (NTP), then run again."],
  ["ClientError", /NoAuth|Forbidden|NoPermission/i, "the key pair is valid but not allowed: grant live:ListLiveMessageGroupByPage on acs:live::<account-id>:rtc/<AppId> to this RAM user or role."],
  ["ClientError", ENDPOINT_NOT_SERVING_API, "the endpoint does not serve this API (another product's or region's host): check --endpoint and $LIVE_MESSAGE_GROUPS_ENDPOINT, or leave both unset for the service's own, live.aliyuncs.com."],
  ["ClientError", /NotExist|NotFound|AppId|InputInvalid/i, APP_HINT],
  ["ClientError", ANY, null],
  ["Throttling", ANY, "the account allows 50 calls per second, shared by all its RAM users and tools: processes listing at once can coordinate through Redis with --redis-url (and --quota-key naming the account, for all its keys); else lower --rps or --concurrency, give the listing longer with --timeout, or run again later."],
  ["Network", /ECONNREFUSED/, "nothing is listening at the endpoint: check --endpoint (for a local emulator, start 'live-message-groups emulator')."],
  ["Network", /ENOTFOUND|EAI_AGAIN/, "the endpoint's host name does not resolve: check --endpoint and DNS."],
  ["Network", TLS_CERTIFICATE, "the endpoint's TLS certificate is not trusted here: behind a corporate proxy that inspects TLS, or for an " +
    "endpoint with a private CA, set NODE_EXTRA_CA_CERTS to that CA's certificate (a PEM file) and run again; otherwise " +
    "check --endpoint's host name and this machine's clock."],
  ["Network", /^E[MN]FILE$/, "too many open files: raise the limit ('ulimit -n', e.g. ulimit -n 4096) or lower --concurrency, then run again."],
  ["Network", ANY, NETWORK_PATH_HINT],
  ["Timeout", /^ListingTimeout$/, "raise --timeout (e.g. --timeout 10m), or lower the work: --status existing lists fewer groups."],
  ["Timeout", ANY, "the endpoint did not answer in time: check its latency and the network path, then run again."],
  ["ServerError", ANY, "the service kept failing; this is usually temporary: run again later."],
  // The sdk's message already says to retry when fewer groups are being created.
  ["Consistency", ANY, null],
];

/** A listing deadline's message whose last service error was the service's throttle. */
const LAST_ERROR_THROTTLING = new RegExp(`${LAST_SERVICE_ERROR_SEEN} [^\\s,]*Throttling`);
/** A listing deadline's message whose last error was an HTTP 429 without the service's code. */
const LAST_ERROR_BARE_429 = new RegExp(`${LAST_SERVICE_ERROR_SEEN} none, HTTP 429\\b`);
const THROTTLED_UNTIL_DEADLINE_HINT = "the account's 50 calls per second were in use until the deadline, shared by all its RAM users and " +
  "tools: processes listing at once can coordinate through Redis with --redis-url (and --quota-key naming the account, for all its " +
  "keys); else raise --timeout, lower --rps or --concurrency, or run again later.";
/** An HTTP 429 without the service's code: not the account's quota. */
const BARE_429_HINT = "something in front of the service (a proxy or gateway) answered 429 Too Many Requests: check its limits, or lower " +
  "--rps or --concurrency.";

/** What stopped a throttled request: the sdk's words from its message, in flag names. */
function throttledWhat(error: LiveMessageGroupsError): string {
  // An HTTP 429 without the service's throttling code (none, or a proxy's own such as TooManyRequests).
  const how = !isThrottlingCode(error.code) ? "refused as too many requests" : "throttled";
  return inFlagNames(`${how} ${stoppedBy(error)}`);
}

/** The sdk's words for what ended a request's retries (the attempts when none is found). */
function stoppedBy(error: LiveMessageGroupsError): string {
  return Object.values(RETRIES_ENDED).find((phrase) => error.message.includes(phrase)) ?? RETRIES_ENDED.attempts;
}

/** What failed, per kind, when the sdk's cause carries the facts. */
const WHAT_FAILED: Readonly<Partial<Record<LiveMessageGroupsErrorKind, string>>> = {
  ServerError: "the service kept failing",
  Network: "network failure talking to the endpoint",
  InvalidResponse: "the response body failed validation",
  ClientError: "the service rejected the request",
  Aborted: "the listing was aborted",
};

/** sdk option names that can appear in passed-through messages, and the flag that sets each. */
const FLAG_FOR_OPTION = Object.entries({
  pageSize: "--page-size", requestsPerSecond: "--rps", concurrency: "--concurrency", maxAttempts: "--max-attempts",
  timeoutMs: "--timeout", groupStatus: "--status", dataCenter: "--data-center", appId: "--app-id",
  redisUrl: "--redis-url", quotaKey: "--quota-key",
  // Not where the word is a value the message quotes ("app pageSize", "group timeoutMs", "appId
  // dataCenter": an app or a group named like an option).
}).map(([option, flag]) => [new RegExp(`(?<!\\b(?:app|apps|group|groups|appId|AppId|GroupId|id|ID)\\s)\\b${option}\\b`, "g"), flag] as const);

/**
 * `text` with the sdk's option names as the CLI's flags. `command` drift takes no `--status` (it lists
 * every status itself): its groupStatus stays the API's word (`reports 510000 groups for groupStatus
 * existing`, not `for --status existing`, a flag drift would refuse).
 */
function inFlagNames(text: string, command: string | null = null): string {
  return FLAG_FOR_OPTION.reduce((result, [option, flag]) => (command === "drift" && flag === "--status" ? result : result.replace(option, flag)), text);
}

/** Deepest cause chain printed with `--debug`. */
const MAX_CAUSE_DEPTH = 5;

const firstLine = (text: string): string => (text.split("\n")[0] ?? "").trim();

/** A bug in our code or a library's: a programming error without a system error code. */
function isProgrammingError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && ["TypeError", "RangeError", "ReferenceError"].includes(error.name) &&
    (code === undefined || (typeof code === "string" && code.startsWith("ERR_")));
}

/**
 * Lines for stderr, newline-terminated; with `debug`, also the stack and the cause chain. `secrets`
 * (from the environment) are scrubbed; `command` (being run) names the prefix and the `--help` pointer.
 */
export function formatCliError(error: unknown, options: {
  readonly debug: boolean; readonly secrets: readonly string[]; readonly command: string | null;
  /** The proxy the environment configures (HTTPS_PROXY), named with a network failure or a timeout. */
  readonly proxy?: EnvironmentProxy | null;
}): string {
  const prefix = options.command === null ? PROGRAM_NAME : `${PROGRAM_NAME} ${options.command}`;
  const cause: unknown = (error as { cause?: unknown } | null)?.cause;
  let lines: string[];
  if (isUsageError(error)) {
    const helpFor = error.command ?? options.command;
    lines = [`${prefix}: ${error.message} (see '${helpFor === null ? PROGRAM_NAME : `${PROGRAM_NAME} ${helpFor}`} --help')`];
  } else if (isProgrammingError(error) || (isLiveMessageGroupsError(error) && error.kind === "Internal")) {
    // The sdk wraps a bug of its own in an Internal error whose cause is the TypeError.
    const bug = isProgrammingError(error) ? error : cause instanceof Error ? cause : null;
    lines = [`${prefix}: internal error: ${bug === null ? firstLine(error.message) : `${bug.name}: ${firstLine(bug.message)}`}`, `hint: ${INTERNAL_HINT}`];
  } else if (isLiveMessageGroupsError(error)) {
    const [first = "", ...rest] = describeSdkError(error, options.command);
    lines = [`${prefix}: ${first}`, ...rest];
    const hint = hintFor(error);
    // drift takes no --status (its scope is the snapshot's): only the deadline is its to raise.
    const driftDeadline = options.command === "drift" && error.code === "ListingTimeout" && !NOT_ABOUT_THE_WORK.includes(hint ?? "");
    // drift's app and data center are the snapshot's, not flags to fix.
    const driftApp = options.command === "drift" && hint === APP_HINT;
    if (hint !== null) lines.push(`hint: ${driftDeadline ? DRIFT_TIMEOUT_HINT : driftApp ? DRIFT_APP_HINT : hint}`);
    // "Nothing is listening at the endpoint" may be the proxy refusing: say the requests went through one.
    const proxy = options.proxy ?? null;
    if (proxy !== null && (error.kind === "Network" || error.kind === "Timeout")) {
      const https = proxy.https === null ? null : `${redactProxyUrl(proxy.https)} (${proxy.httpsFrom ?? "HTTPS_PROXY"})`;
      const http = proxy.http === null ? null : `${redactProxyUrl(proxy.http)} (HTTP_PROXY)`;
      const through = https === http ? `${https ?? ""} for https:// and http://`
        : [...(https === null ? [] : [`${https} for https://`]), ...(http === null ? [] : [`${http} for http://`])].join(" and ");
      lines.push(`note: requests go through the proxy ${through} endpoints, except to NO_PROXY hosts and loopback: ` +
        "the failure may be the proxy's.");
    }
  } else if (error instanceof Error) {
    lines = [`${prefix}: ${firstLine(error.message)}`];
    // By the error's code, never its message: that may quote a path or a value ("prod-credentials.json").
    if (isCredentialsCode((error as { code?: unknown }).code)) lines.push(`hint: ${CREDENTIALS_HINT}`);
    if ((error as { code?: unknown }).code === "EADDRINUSE") lines.push("hint: the port is taken: choose another with --port, or --port 0 for any free one.");
  } else {
    lines = [`${prefix}: ${firstLine(String(error))}`];
  }
  if (options.debug) lines.push(...debugLines(error));
  else if (!isUsageError(error)) lines.push("(run with --debug for details)");
  // A proxy setting's error never quotes the variable's value (it may hold a password), and states the
  // form a proxy takes, `http://[user:password@]host:port`, which the URL rule of scrubSecrets would
  // garble: only the secret values of the environment are scrubbed from it.
  const scrub = error instanceof ProxySettingError ? redactKnownSecrets : scrubSecrets;
  return lines.map((line) => escapeControl(scrub(line, options.secrets))).join("\n") + "\n";
}

const DRIFT_TIMEOUT_HINT = "raise --timeout (e.g. --timeout 10m): drift lists every group of the app, deleted ones too.";
/** A listing deadline reached without a single answer: no later deadline would help. */
const NO_ANSWER_HINT = "the endpoint never answered, so a longer --timeout would not help: check --endpoint and the network path to it " +
  "(proxy, firewall), then run again.";

/**
 * A listing deadline reached while the first request still waited for its answer (none had failed):
 * the endpoint may be slower than --timeout, or unreachable.
 */
const NO_ANSWER_YET_HINT = "the endpoint had not answered the first request when --timeout ran out: give a slow endpoint a longer " +
  `--timeout (a request waits ${DEFAULT_REQUEST_TIMEOUT_MS / 1000} s or more for its answer before it is retried); if it never answers, ` +
  "check --endpoint and the network path to it (proxy, firewall).";

/** A listing deadline reached before the credential source gave credentials: no request was sent yet. */
const CREDENTIALS_UNRESOLVED_HINT = "the deadline passed while the credentials were still being resolved, before any request to the endpoint: " +
  "check that the configured credential source answers (the server of ALIBABA_CLOUD_CREDENTIALS_URI, the ECS metadata service, the " +
  "OIDC or STS endpoint), or export ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET instead.";
/** Deadline hints that are not about how much there was to list (drift keeps them: no longer --timeout is the fix). */
const NOT_ABOUT_THE_WORK: readonly string[] = [NO_ANSWER_HINT, NO_ANSWER_YET_HINT, CREDENTIALS_UNRESOLVED_HINT];

/** True for the code of a credentials failure (`CredentialsNotFound`...), the sdk's or a library's. */
function isCredentialsCode(code: unknown): boolean {
  return typeof code === "string" && /Credential/i.test(code);
}

/** True for an invalid credential value: the parameter names its variable or the chain (never a value of the user's). */
function isInvalidCredential(error: LiveMessageGroupsError): boolean {
  const parameter = (error as { parameter?: unknown }).parameter;
  return error.kind === "InvalidArgument" && typeof parameter === "string" && /ACCESS_KEY|SECRET_KEY|SECURITY_TOKEN|credential/i.test(parameter);
}

/** A hint for the failures users hit most; null when there is nothing useful to add. */
function hintFor(error: LiveMessageGroupsError): string | null {
  const code = error.code ?? "";
  if (code === "CredentialsRefreshFailed") {
    return "the credential source named above failed while the listing ran: check it (its server, command or file), or export " +
      "ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET instead.";
  }
  if (code === "CredentialsNotFound" && chainReason(error) !== null) {
    return "fix the failing source named above (its file, server or command), or export ALIBABA_CLOUD_ACCESS_KEY_ID and " +
      "ALIBABA_CLOUD_ACCESS_KEY_SECRET instead.";
  }
  if (isCredentialsCode(code)) return CREDENTIALS_HINT;
  if (code === "ListingTimeout" && error.message.includes(CREDENTIALS_STILL_RESOLVING)) return CREDENTIALS_UNRESOLVED_HINT;
  if (error.kind === "Network" && error.message.includes(LOOPBACK_WITHOUT_TLS)) {
    return "the endpoint serves plain HTTP: give it with http://, e.g. --endpoint http://127.0.0.1:<port> for a local emulator.";
  }
  if (error.kind === "Network" && error.message.includes(ENDPOINT_WITHOUT_TLS)) {
    return "the endpoint does not speak TLS: check --endpoint's host and port (the service's is live.aliyuncs.com, HTTPS " +
      "on 443); plain HTTP is only for a loopback host, as --endpoint http://127.0.0.1:<port>.";
  }
  if (code === "ListingTimeout" && error.message.includes(NO_ANSWER_FROM_ENDPOINT)) {
    return error.message.includes(FIRST_REQUEST_IN_FLIGHT) ? NO_ANSWER_YET_HINT : NO_ANSWER_HINT;
  }
  // The service's throttles do not count toward --max-attempts: a listing throttled until its deadline ends so.
  if (code === "ListingTimeout" && LAST_ERROR_THROTTLING.test(error.message)) return THROTTLED_UNTIL_DEADLINE_HINT;
  if ((code === "ListingTimeout" && LAST_ERROR_BARE_429.test(error.message)) || (error.kind === "Throttling" && !isThrottlingCode(error.code))) return BARE_429_HINT;
  if (error.kind === "Timeout" && error.message.includes(STOPPED_MID_ANSWER)) {
    return "the endpoint began to answer, then stopped sending: check the network path to it (a proxy or firewall that holds or " +
      "cuts answers) and the endpoint's health, then run again.";
  }
  const row = HINTS.find(([kind, pattern]) => kind === error.kind && pattern.test(code));
  if (row !== undefined) return row[2];
  // By the error's fields, never its message: that may quote a path or a value ("prod-credentials.json").
  return isInvalidCredential(error) ? CREDENTIALS_HINT : null;
}

/** The lines describing an sdk error (first: what failed; then any detail lines), without the hint. */
function describeSdkError(error: LiveMessageGroupsError, command: string | null): string[] {
  if (error.code === "CredentialsNotFound") {
    // A configured source that failed (an unreadable or invalid credentials file, a profile, a
    // server) is the cause to fix, in the chain's words (scrubbed by the sdk): not the list of
    // places, which would say nothing was found where something was.
    const reason = chainReason(error);
    if (reason !== null) return [`no Alibaba Cloud credentials: ${namingSources(firstLine(reason))}`];
    return ["no Alibaba Cloud credentials found. Looked in:", ...CREDENTIAL_SOURCES.map((source) => `  - ${source}`)];
  }
  const code = error.code ?? error.kind;
  // The sdk's cause for a failed request: `{category, code, httpStatus, message}`, already scrubbed.
  const cause = (error as { cause?: unknown }).cause as { category?: unknown; message?: unknown } | undefined;
  const what = typeof cause === "object" && cause !== null && cause.category === "credentials" ? "the credentials could not be refreshed"
    // An answer that began and then stalled (its status seen) is no "no answer"; the attempts, the
    // listing's retry budget or its deadline stopped the retries: the sdk's words say which.
    : error.kind === "Timeout" ? inFlagNames(`${error.httpStatus !== null ? "no complete answer" : "no answer"} ${stoppedBy(error)}`)
      : error.kind === "Throttling" ? throttledWhat(error) : WHAT_FAILED[error.kind];
  const structured = typeof cause === "object" && cause !== null && !(cause instanceof Error) &&
    typeof cause.category === "string" && typeof cause.message === "string";
  if (structured && what !== undefined) {
    // All of the service's message, on one line (escaped), not its first line only.
    const detail = escapeControl((cause.message as string).trim()).replace(/\.$/, "");
    const body = detail === "" || detail === code ? code : detail.includes(code) ? detail : `${code}: ${detail}`;
    // With no response at all (refused, reset) there cannot be a RequestId: do not say "none".
    const facts = withFacts(error, "", error.requestId === null && error.httpStatus === null ? null : `RequestId ${error.requestId ?? "none"}`);
    return [`${what}: ${body}${facts}`];
  }
  // Errors the sdk raises itself (deadline, consistency, too many pages, a bad option) carry no
  // structured cause: their message is the fact, kept in the CLI's vocabulary. No "RequestId none":
  // these were not answers of the service.
  const message = inFlagNames(firstLine(error.message), command);
  const withCode = message.includes(code) ? message : `${code}: ${message}`;
  return [withCode + withFacts(error, message, error.requestId === null || message.includes("RequestId") ? null : `RequestId ${error.requestId}`)];
}

/**
 * What the credential chain said when a configured source failed (its cause's message, such as "no
 * configured source gave credentials (profile: EACCES)"), or null when nothing was configured.
 */
function chainReason(error: LiveMessageGroupsError): string | null {
  const cause = (error as { cause?: unknown }).cause;
  if (!(cause instanceof Error) || cause.message === "" || cause.message === NO_SOURCE_CONFIGURED) return null;
  return cause.message;
}

/** What each source of the chain reads, by the name `@alicloud/credentials` gives it. */
const SOURCE_NAMES: Readonly<Record<string, string>> = {
  // In parentheses like the others: "..._SECRET: " would read to scrubSecrets as a secret field
  // and redact the first word of the reason that follows.
  env: "the environment (ALIBABA_CLOUD_ACCESS_KEY_ID + ALIBABA_CLOUD_ACCESS_KEY_SECRET)",
  env_legacy: "the environment (ALICLOUD_ACCESS_KEY + ALICLOUD_SECRET_KEY)",
  oidc_role_arn: "OIDC (ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE)",
  cli_profile: "the aliyun CLI profile (~/.aliyun/config.json)",
  profile: "the credentials file (ALIBABA_CLOUD_CREDENTIALS_FILE, else ~/.alibabacloud/credentials)",
  ecs_ram_role: "the ECS RAM role (ALIBABA_CLOUD_ECS_METADATA)",
  credential_uri: "the credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI)",
};

/**
 * The chain's "no configured source gave credentials (profile: EACCES; ...)" as "the configured
 * source failed: <what it reads>: EACCES; ...". Any other wording is kept as it is.
 */
function namingSources(reason: string): string {
  const failures = /^no configured source gave credentials \((.*)\)$/.exec(reason)?.[1];
  if (failures === undefined) return reason;
  const named = failures.split("; ").map((failure) => failure.replace(/^([a-z_]+): /, (whole, name: string) => SOURCE_NAMES[name] === undefined ? whole : `${SOURCE_NAMES[name]}: `));
  return `${named.length === 1 ? "the configured source failed" : "the configured sources failed"}: ${named.join("; ")}`;
}

/** ` (HTTP 404, RequestId R-1, 3 attempts, page 7)`: the facts `message` does not state yet, or "". */
function withFacts(error: LiveMessageGroupsError, message: string, requestId: string | null): string {
  const facts = [
    error.httpStatus === null || message.includes(`HTTP ${error.httpStatus}`) ? null : `HTTP ${error.httpStatus}`,
    requestId,
    error.attempts > 1 && !/\d+ attempts/.test(message) ? `${error.attempts} attempts` : null,
    // Read as a field: errors of another copy of the sdk (older, without it) have none.
    typeof error.page === "number" && !/\bpage \d/.test(message) ? pageFact(error.page, null) : null,
  ].filter((fact): fact is string => fact !== null);
  return facts.length === 0 ? "" : ` (${facts.join(", ")})`;
}

function debugLines(error: unknown): string[] {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current !== undefined && current !== null; depth += 1) {
    if (depth > 0) lines.push("caused by:");
    if (current instanceof Error) {
      lines.push(...(current.stack ?? `${current.name}: ${current.message}`).split("\n"));
      current = (current as { cause?: unknown }).cause;
    } else {
      // A plain object (the sdk's causes are `{category, code, httpStatus, message}`) would print
      // as "[object Object]"; as JSON it says what it holds (String() when it cannot: cycles, BigInt).
      let json: string | undefined;
      try {
        json = JSON.stringify(current);
      } catch {
        json = undefined;
      }
      lines.push(json ?? String(current));
      current = undefined;
    }
  }
  return lines;
}
