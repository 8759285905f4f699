import { escapeControl, idText, isLiveMessageGroupsError, type LiveMessageGroupsErrorKind } from "../errors";

/**
 * What a failed request means for the retry loop:
 * - `throttling`: over the account's call limit (a `Throttling*` Code), or an HTTP 429 whose Code is
 *   neither a throttling nor a server one; retry after a longer backoff and slow down.
 * - `server`: 5xx / ServerError / InternalError / ServiceUnavailable; retry.
 * - `network`: connection reset or refused, socket errors, too many open files (EMFILE, ENFILE: a
 *   slot frees as other requests end); retry unless the cause is permanent (DNS name not found,
 *   TLS certificate rejected, an endpoint that does not speak TLS).
 * - `timeout`: no answer within requestTimeoutMs, or an answer that stopped coming mid-body for
 *   that long; retry.
 * - `malformedResponse`: a success whose body is not JSON or not a JSON object (truncated); retry.
 *   An error status with such a body (an HTML page from a gateway or firewall) is `client` (4xx),
 *   `server` (5xx) or `throttling` (429), as is a JSON error without a Code.
 * - `invalidResponse`: valid JSON failing the schema; retried a few times only.
 * - `client`: the service rejected the request (4xx); never retried.
 * - `aborted`: the caller's signal or the listing deadline; never retried.
 * - `internal`: a programming error (TypeError, RangeError, ReferenceError) in this package or a
 *   library it calls, not a fault of the network or the service; never retried.
 * - `credentials`: the source that gave the listing its credentials failed to refresh them and
 *   said so (an External profile's command; the library keeps a credentials server's or the
 *   metadata service's last credentials when their refresh fails); retry.
 */
export type ErrorCategory =
  | "throttling" | "server" | "network" | "timeout" | "malformedResponse" | "invalidResponse" | "client" | "aborted"
  | "internal" | "credentials";

export interface ErrorClassification {
  readonly category: ErrorCategory;
  readonly retryable: boolean;
  /** Service `Code`, network code (`ECONNRESET`), or null. */
  readonly code: string | null;
  readonly httpStatus: number | null;
  readonly requestId: string | null;
  /**
   * The service's `Message` (whole: see {@link capDetail}), or what went wrong; NOT scrubbed yet
   * (see scrubSecrets).
   */
  readonly detail: string;
  /** `internal` only: the error's stack, for a bug report; NOT scrubbed yet. */
  readonly stack?: string;
}

/** Errors that JavaScript raises for a bug, not for an I/O failure. */
const PROGRAMMING_ERRORS: ReadonlySet<string> = new Set(["TypeError", "RangeError", "ReferenceError"]);

const RETRYABLE_NETWORK_CODES: ReadonlySet<string> = new Set([
  "ECONNRESET", "ECONNREFUSED", "ECONNABORTED", "EPIPE", "ETIMEDOUT", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH",
  "ENETDOWN", "EHOSTDOWN", "UND_ERR_SOCKET", "ERR_STREAM_PREMATURE_CLOSE",
  // This process (EMFILE) or the machine (ENFILE) has no file descriptor left for the socket: the
  // other requests in flight free theirs as they end, so a retry after the backoff can get one.
  "EMFILE", "ENFILE",
]);
/**
 * True for the service's own throttling codes (`Throttling`, `Throttling.User`, `Throttling.Api`,
 * `Rejected.Throttling`, ...), sent with HTTP 400: its account quota in use. An HTTP 429 under any
 * other Code, or none, came from something in front of the service.
 */
export function isThrottlingCode(code: string | null): boolean {
  return code !== null && /throttling/i.test(code);
}
const SERVER_CODES: ReadonlySet<string> = new Set(["ServerError", "InternalError", "ServiceUnavailable", "ServiceTimeout"]);

const KIND_TO_CATEGORY: Readonly<Record<LiveMessageGroupsErrorKind, ErrorCategory>> = {
  InvalidArgument: "client", ClientError: "client", Consistency: "client", Throttling: "throttling",
  ServerError: "server", Network: "network", Timeout: "timeout", Aborted: "aborted", InvalidResponse: "invalidResponse",
  Internal: "internal",
};

/** Classifies anything a request can throw. Pure: reads fields only, never `instanceof`. */
export function classifyError(error: unknown): ErrorClassification {
  if (isLiveMessageGroupsError(error)) {
    const category = KIND_TO_CATEGORY[error.kind];
    return {
      category, retryable: isRetryableCategory(category), code: error.code, httpStatus: error.httpStatus,
      requestId: error.requestId, detail: error.message,
    };
  }
  const fields = readFields(error);
  if (fields.name === "AbortError") return make("aborted", fields.code, null, null, fields.message);
  if (fields.name === "CredentialRefreshError") return make("credentials", fields.code, null, null, fields.message);
  if (fields.name === "ResponseValidationError") {
    return make("invalidResponse", "InvalidResponse", null, stringField(error as object, "requestId"), fields.message);
  }
  const data = fields.data;
  const status = fields.statusCode ?? numberField(data, "statusCode");
  if (data !== null || status !== null) {
    // A JSON error answer (openapi-client's ResponseError): classify by Code first, status second.
    const code = fields.code === null || fields.code === "undefined" ? stringField(data, "Code") ?? stringField(data, "code") : fields.code;
    // The service writes RequestId and Message; a gateway may write them in lower camel case, or
    // give the RequestId only in its header (seen by the page client).
    const requestId = stringField(data, "RequestId") ?? stringField(data, "requestId") ?? stringField(answerOf(error), "requestId");
    const message = stringField(data, "Message") ?? stringField(data, "message");
    // Without the service's Code and Message (a proxy's or gateway's JSON), say so and name the
    // status: openapi-client's own message reads "undefined: code: 429, ... request id: undefined".
    const detail = message ?? (code === null && status !== null
      ? `HTTP ${status} with a JSON body that names no Code or Message: a proxy or gateway answered, or the endpoint is not the service`
      : fields.message);
    if (isThrottlingCode(code)) return make("throttling", code, status, requestId, detail);
    if (code !== null && SERVER_CODES.has(code)) return make("server", code, status, requestId, detail);
    // A Code in neither set (none, or a proxy's or gateway's own such as "TooManyRequests"): the
    // status says what the answer means.
    if (status === 429) return make("throttling", code, status, requestId, detail);
    if (status !== null && status >= 500) return make("server", code, status, requestId, detail);
    return make("client", code, status, requestId, detail);
  }
  if (fields.name === "RequestTimeoutError") return make("timeout", "RequestTimeout", null, null, fields.message);
  // A body that is not JSON or not an object: with the status and RequestId of the answer that
  // carried it, when the page client saw them (`answer`, see createPageClient).
  const seen = answerOf(error);
  const unreadable = fields.name === "SyntaxError" ? "the body is not valid JSON"
    : fields.message === "The value is not a object" ? "the body is JSON but not an object" : null;
  if (unreadable !== null) {
    const httpStatus = numberField(seen, "httpStatus");
    const requestId = stringField(seen, "requestId");
    // An error status decides what it means, as for a JSON error without a Code: a 4xx page from a
    // proxy, a firewall or a wrong endpoint is not retried, a 5xx gateway page is.
    if (httpStatus !== null && httpStatus >= 300 && httpStatus < 400) {
      return make("client", "Redirect", httpStatus, requestId, redirectDetail(httpStatus, stringField(seen, "location")));
    }
    if (httpStatus !== null && httpStatus >= 400) {
      const detail = `HTTP ${httpStatus} with a body that is not the service's (${unreadable}): a proxy, gateway or firewall answered, or the endpoint is not the service`;
      if (httpStatus === 429) return make("throttling", null, httpStatus, requestId, detail);
      return make(httpStatus >= 500 ? "server" : "client", null, httpStatus, requestId, detail);
    }
    return make("malformedResponse", "MalformedResponse", httpStatus, requestId, unreadable);
  }
  // A bug (e.g. reading a property of undefined) must not pass for a network fault: no system
  // error code, or one of Node's own argument checks (ERR_INVALID_ARG_TYPE...).
  if (fields.name !== null && PROGRAMMING_ERRORS.has(fields.name) &&
    (fields.code === null || (fields.code.startsWith("ERR_") && !RETRYABLE_NETWORK_CODES.has(fields.code)))) {
    const stack = stringField(error as object, "stack");
    return { ...make("internal", fields.name, null, null, fields.message), ...(stack === null ? {} : { stack }) };
  }
  // The transport's read timer ends a request whose answer started (status, headers, maybe part of
  // the body) and then stopped coming: the body reader only sees Node's "aborted" (ECONNRESET), as
  // for a reset by the server. The page client says when the timer did it (`answer.readTimedOut`).
  if ((seen as { readTimedOut?: unknown } | null)?.readTimedOut === true) {
    const seenStatus = numberField(seen, "httpStatus");
    return make("timeout", "RequestTimeout", seenStatus, stringField(seen, "requestId"),
      `${STOPPED_MID_ANSWER}: its body did not finish within requestTimeoutMs`);
  }
  if (fields.code === "EPROTO" && /wrong version number/i.test(fields.message)) {
    // OpenSSL's words for a TLS handshake answered with something else (a plain-HTTP server's
    // "400 Bad Request"): not retried. The transport's "GET <url> failed." ending is kept.
    const sending = /(?:GET|POST|PUT|DELETE|HEAD) https?:\/\/\S+ failed\.?$/.exec(fields.message)?.[0] ?? "";
    return { ...make("network", "EPROTO", null, null, `${ENDPOINT_WITHOUT_TLS}: ${NOT_TLS_WHY}${sending === "" ? "" : ` ${sending}`}`), retryable: false };
  }
  if (fields.code !== null) {
    if (RETRYABLE_NETWORK_CODES.has(fields.code)) return make("network", fields.code, null, null, fields.message);
    return { ...make("network", fields.code, null, null, fields.message), retryable: false };
  }
  return { ...make("network", "UnexpectedError", null, null, fields.message), retryable: false };
}

/** How a failure says that the endpoint does not speak TLS (the CLI's hint looks for it). */
export const ENDPOINT_WITHOUT_TLS = "the endpoint does not speak TLS";
/** What OpenSSL's "wrong version number" means, after {@link ENDPOINT_WITHOUT_TLS}. */
export const NOT_TLS_WHY = "it answered the TLS handshake with something else, such as plain HTTP (OpenSSL: wrong version number)";
/** How a request timeout says the answer started and then stopped coming. */
export const STOPPED_MID_ANSWER = "the endpoint stopped sending mid-answer";

/** Longest service message an error quotes, characters: a gateway's 100 KB page is not a message. */
export const MAX_SERVICE_MESSAGE = 1000;

/**
 * `detail` cut to {@link MAX_SERVICE_MESSAGE} characters, saying how much was left out. Cut only
 * after the listing's secrets were redacted from the whole text (describeFailure): a cut through a
 * quoted STS token (real ones run to 1,000 characters and more) left its first part, which no
 * redaction of the whole token matches, in the message.
 */
export function capDetail(detail: string): string {
  if (detail.length <= MAX_SERVICE_MESSAGE) return detail;
  return `${detail.slice(0, MAX_SERVICE_MESSAGE)}... (${detail.length - MAX_SERVICE_MESSAGE} more characters)`;
}

/** What the page client saw of the answer an error came with (`answer`, see createPageClient), or null. */
function answerOf(error: unknown): object | null {
  const answer = typeof error === "object" && error !== null ? (error as { answer?: unknown }).answer : undefined;
  return typeof answer === "object" && answer !== null ? answer : null;
}

/**
 * A redirect's account: the API answers every request itself, so a 3xx means the endpoint is a
 * web page's address, a proxy's, or a host that moved; following it would send the signed request
 * to wherever it points. Not retried.
 */
export function redirectDetail(httpStatus: number, location: string | null): string {
  const what = [301, 302, 303, 307, 308].includes(httpStatus) ? `HTTP ${httpStatus} redirect` : `HTTP ${httpStatus}, an answer the API never gives`;
  // The Location last: a secret scrub of its query runs to the end of the text.
  const to = location === null ? "" : `; it points to ${escapeControl(location).slice(0, 200)}`;
  return `${what}: the endpoint is not the service's API address; set the endpoint to the API host, such as live.aliyuncs.com${to}`;
}

/** Whether a category is worth another attempt (the policy still decides on attempts and budget). */
export function isRetryableCategory(category: ErrorCategory): boolean {
  return category !== "client" && category !== "aborted" && category !== "internal";
}

function make(
  category: ErrorCategory, code: string | null, httpStatus: number | null, requestId: string | null, detail: string,
): ErrorClassification {
  return { category, retryable: isRetryableCategory(category), code: idText(code), httpStatus, requestId: idText(requestId), detail };
}

interface RawFields {
  readonly name: string | null;
  readonly code: string | null;
  readonly message: string;
  readonly statusCode: number | null;
  readonly data: object | null;
}

function readFields(error: unknown): RawFields {
  if (typeof error !== "object" || error === null) {
    return { name: null, code: null, message: String(error), statusCode: null, data: null };
  }
  const data = (error as { data?: unknown }).data;
  return {
    name: stringField(error, "name"),
    code: stringField(error, "code"),
    message: stringField(error, "message") ?? "",
    statusCode: numberField(error, "statusCode"),
    data: typeof data === "object" && data !== null && !Array.isArray(data) ? data : null,
  };
}

function stringField(value: object | null, key: string): string | null {
  const field = value === null ? undefined : (value as Record<string, unknown>)[key];
  return typeof field === "string" && field.length > 0 ? field : null;
}

function numberField(value: object | null, key: string): number | null {
  const field = value === null ? undefined : (value as Record<string, unknown>)[key];
  return typeof field === "number" && Number.isFinite(field) ? field : null;
}
