import { capDetail, isThrottlingCode, type ErrorClassification } from "./classifyError";
import type { GiveUpReason } from "./retryPolicy";
import {
  AbortedError, ClientError, escapeControl, InternalError, InvalidResponseError, NetworkError, ServerError, ThrottlingError, TimeoutError,
  type LiveMessageGroupsError, type LiveMessageGroupsErrorDetails,
} from "../errors";
import { nameAccessKeyId } from "../transport/credentialText";
import { redactKnownSecrets, scrubSecrets } from "../transport/scrubSecrets";

/** What a failure message may mention to be actionable. Never the secret itself. */
export interface FailureContext {
  readonly appId: string;
  readonly dataCenter: string;
  readonly accessKeyId: string;
  /** Values to redact from any foreign text (AccessKeySecret, security token). */
  readonly secrets: readonly string[];
  /**
   * Where the requests went, `scheme://host[:port]` (never credentials: an endpoint cannot hold
   * any), named by failures whose text does not say it already and whose answer, if any, was not
   * the service's: a reset, a timeout, a proxy's HTML page.
   */
  readonly endpoint?: string;
}

/** The page a failed request asked for, and the listing's page count once known. */
export interface FailedPage {
  readonly number: number;
  readonly of: number | null;
}

/**
 * `page 137 of 200` (`page 137` while the count is unknown), or null for page 1: a listing that
 * failed at its first request gains nothing from it. The CLI's facts line says it the same way.
 */
export function pageFact(page: number, of: number | null): string | null {
  return page === 1 ? null : `page ${page}${of === null ? "" : ` of ${of}`}`;
}

/**
 * How a failed request's retries ended, in every retried category's message: the attempts
 * (maxAttempts) ran out, the listing's retry budget did, or the listing's deadline (timeoutMs) left
 * no time for another try. The service's throttles count neither toward maxAttempts nor against
 * the budget: the deadline stops them. An HTTP 429 without the service's code is counted like any
 * failure. The CLI words its line by these.
 */
export const RETRIES_ENDED: Readonly<Record<GiveUpReason, string>> = {
  deadline: "until its next try would have passed the listing's deadline (timeoutMs)",
  budget: "until the listing's retry budget ran out",
  attempts: "until retries ran out",
  notRetryable: "until retries ran out",
};

/**
 * Builds the typed error for a failed request after `attempts` tries (`reason`: why no other try
 * followed). The message always carries the code, the service's message and the RequestId (and the
 * page, when given and not the first); the cause is a plain scrubbed summary, never the raw
 * openapi-client error (which holds the request, headers and signature).
 */
export function describeFailure(
  classification: ErrorClassification, attempts: number, context: FailureContext, page?: FailedPage, reason: GiveUpReason = "attempts",
): LiveMessageGroupsError {
  const code = classification.code;
  // The listing's secrets go from the whole text before it is cut (a token cut in two would match
  // no redaction); the patterns, which need no whole value, run on the cut text.
  const cut = capDetail(redactKnownSecrets(classification.detail, context.secrets));
  const detail = withEndpoint(tidyTransportDetail(scrubSecrets(cut, context.secrets)), classification, context.endpoint);
  const facts = [
    `code ${code ?? "none"}`,
    classification.httpStatus === null ? null : `HTTP ${classification.httpStatus}`,
    `RequestId ${classification.requestId ?? "none"}`,
    `${attempts} attempt${attempts === 1 ? "" : "s"}`,
    page === undefined ? null : pageFact(page.number, page.of),
  ].filter((fact) => fact !== null).join(", ");
  const details: LiveMessageGroupsErrorDetails = {
    code, httpStatus: classification.httpStatus, requestId: classification.requestId, attempts, page: page?.number ?? null,
    // Escaped as the message is: a console or a log prints the cause too (`console.error(err)`).
    cause: { category: classification.category, code, httpStatus: classification.httpStatus, message: escapeControl(detail) },
  };
  const tail = `${detail} (${facts})`;
  const until = RETRIES_ENDED[reason];
  // Messages that name no end of retries when the attempts ran out say what stopped them otherwise.
  const stopped = reason === "deadline" || reason === "budget" ? ` ${until}` : "";
  switch (classification.category) {
    case "throttling":
      // An HTTP 429 without the service's throttling code: something in front of the service limits the rate.
      if (!isThrottlingCode(code)) {
        return new ThrottlingError(`ListLiveMessageGroupByPage was refused as too many requests ${until}: ${tail}. ` +
          "Check the limits of the proxy or gateway in front of the endpoint, or lower requestsPerSecond or concurrency.", details);
      }
      return new ThrottlingError(`ListLiveMessageGroupByPage was throttled ${until}: ${tail}. ` +
        "Processes listing under one account at once share its 50 calls/s, and can coordinate through Redis (redisUrl, " +
        `with quotaKey naming the account for all its keys). Lower requestsPerSecond or concurrency, ${reason === "deadline" ? "give the listing " +
        "longer (timeoutMs), " : ""}or spread listings of this account over time.`, details);
    case "server":
      return new ServerError(`The service failed ${until}: ${tail}.`, details);
    case "timeout":
      // An answer that began (its status seen) and then stalled is no "no answer".
      return new TimeoutError(`${classification.httpStatus === null ? "No answer" : "No complete answer"} within requestTimeoutMs ` +
        `${until}: ${tail}.`, details);
    case "network":
      return new NetworkError(`Network failure talking to the endpoint${stopped}: ${tail}. Check the endpoint and connectivity.`,
        details);
    case "malformedResponse":
    case "invalidResponse":
      return new InvalidResponseError(`The response body failed validation${stopped}: ${tail}.`, details);
    case "aborted":
      return new AbortedError(`The listing was aborted: ${tail}.`, details);
    case "credentials":
      return new ClientError(`The credentials could not be refreshed during the listing${stopped}: ${tail}. Check that source, or give ` +
        "the credentials another way.", details);
    case "client":
      return new ClientError(`${adviceFor(code, context, cut)}: ${tail}.`, details);
    case "internal":
      return new InternalError(`Internal error (a bug, not a network or service failure): ${code ?? "Error"}: ${tail}.`, {
        ...details, cause: internalCause(classification, detail, context.secrets),
      });
  }
}

/**
 * openapi-client appends `"<METHOD> <url> failed."` to socket errors without a separator
 * ("ENOTFOUND hostGET https://host/?AppId=... failed."). Keep the method and the URL without its
 * query string: the host is what the reader needs, the query only repeats the options.
 */
export function tidyTransportDetail(detail: string): string {
  return detail.replace(/\s*(GET|POST|PUT|DELETE|HEAD) (https?:\/\/[^\s?]+)(\?\S*)? failed\.?$/, " (while sending $1 $2)");
}

/**
 * `detail` naming the endpoint (` (endpoint http://127.0.0.1:8080)`) when it does not already (the
 * transport's "while sending GET <url>") and what failed was not an answer of the service: no
 * answer at all, a body that is not the service's, an answer without the service's Code (a proxy's
 * 407 or a gateway's 502 page).
 */
function withEndpoint(detail: string, classification: ErrorClassification, endpoint: string | undefined): string {
  if (endpoint === undefined || detail.toLowerCase().includes(endpoint.toLowerCase())) return detail;
  const notTheService = ["network", "timeout", "malformedResponse", "invalidResponse"].includes(classification.category) ||
    (classification.httpStatus !== null && (classification.code === null || classification.code === "Redirect"));
  return notTheService ? `${detail} (endpoint ${endpoint})` : detail;
}

/**
 * The gateway's codes for a host that does not serve the API (HTTP 404): `InvalidProduct.NotFound`
 * ("Cannot find product according to your specified domain": another product's or region's host),
 * `InvalidApi.NotFound` and `InvalidAction.NotFound` ("Specified api is not found, please check your
 * url and method"). The endpoint is wrong, not the app: read as a missing app, they sent the user
 * to check appId and dataCenter.
 */
export const ENDPOINT_NOT_SERVING_API = /^Invalid(?:Product|Api|Action)\.NotFound$/;

/**
 * An actionable first sentence for each client error code we know. `message` is the service's
 * (secrets redacted): Alibaba's gateway has answered an expired STS token with a parameter code,
 * `InvalidParameter` "The specified parameter \"SecurityToken.Expired\" is not valid.", which read
 * by its code alone sent the user to check appId and dataCenter.
 */
function adviceFor(code: string | null, context: FailureContext, message: string): string {
  const { appId, dataCenter, accessKeyId } = context;
  const c = code ?? "";
  if (ENDPOINT_NOT_SERVING_API.test(c)) {
    return `the endpoint${context.endpoint === undefined ? "" : ` ${context.endpoint}`} does not serve ListLiveMessageGroupByPage ` +
      "(API version 2016-11-01): set the endpoint to the service's, live.aliyuncs.com (the default)";
  }
  if (c === "ResourceNotExist" || /NotFound$/.test(c) && !c.startsWith("InvalidAccessKeyId")) {
    return `app ${appId} not found in data center ${dataCenter}: check appId and dataCenter`;
  }
  // 403 Forbidden.AccessKeyDisabled ("The AccessKey is disabled."): no RAM grant helps a disabled key.
  if (/^Forbidden\.AccessKey/.test(c)) return `${nameAccessKeyId(accessKeyId)} is disabled: enable it, or use another key pair`;
  if (c === "NoAuth" || c.startsWith("Forbidden") || c === "NoPermission") {
    return `${nameAccessKeyId(accessKeyId)} may not call live:ListLiveMessageGroupByPage on app ${appId}: grant that RAM ` +
      `action on acs:live::<accountId>:rtc/${appId}`;
  }
  if (c.startsWith("SignatureDoesNotMatch") || c === "IncompleteSignature" || c === "InvalidSignature") {
    return `the signature was rejected: the AccessKeySecret does not belong to ${nameAccessKeyId(accessKeyId)}; check the ` +
      "secret";
  }
  if (c.startsWith("InvalidAccessKeyId")) {
    return `${nameAccessKeyId(accessKeyId)} is unknown or disabled: check the AccessKeyId`;
  }
  if (/SecurityToken/i.test(c) || (/^(?:InvalidParameter|InputInvalid)/.test(c) && /SecurityToken/i.test(message))) {
    return "the STS security token is invalid or expired: obtain a fresh token";
  }
  if (/TimeStamp|Skew|Expired/i.test(c)) return "the request time was rejected: check the system clock";
  if (c === "SignatureNonceUsed") return "the request nonce was reused: retry the listing";
  if (c === "InputInvalid" || c.startsWith("InvalidParameter") || c.startsWith("MissingParameter")) {
    return `the service rejected the request parameters (appId ${appId}, dataCenter ${dataCenter}): check them`;
  }
  return "the service rejected the request";
}

/** The original error of an `internal` failure as a plain Error (name, scrubbed message and stack), for `--debug`. */
function internalCause(classification: ErrorClassification, detail: string, secrets: readonly string[]): Error {
  // Escaped line by line, as every message is: a console prints the cause with the error.
  const cause = new Error(escapeControl(detail));
  cause.name = classification.code ?? "Error";
  cause.stack = classification.stack === undefined ? `${cause.name}: ${cause.message}`
    : scrubSecrets(classification.stack, secrets).split("\n").map(escapeControl).join("\n");
  return cause;
}
