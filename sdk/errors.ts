/**
 * Error types of the client. Recognise them by `kind` (or `name`), never by `instanceof`:
 * a program may load two copies of this package.
 *
 * No error ever carries an AccessKeySecret, security token or signature, in its message or
 * in any enumerable field.
 */
import { scrubSecrets } from "./transport/scrubSecrets";

export type LiveMessageGroupsErrorKind =
  | "InvalidArgument"
  | "Throttling"
  | "ServerError"
  | "ClientError"
  | "Network"
  | "Timeout"
  | "Aborted"
  | "InvalidResponse"
  | "Consistency"
  | "Internal";

export interface LiveMessageGroupsErrorDetails {
  /** The service's error `Code` (e.g. `ServerError`, `Throttling.User`), or a network code (`ECONNRESET`). */
  readonly code?: string | null;
  /** HTTP status of the last response, when there was one. */
  readonly httpStatus?: number | null;
  /** `RequestId` of the last response, when there was one. */
  readonly requestId?: string | null;
  /** Requests made for the failing call, first try included. */
  readonly attempts?: number;
  /** The page (`PageNumber`) the failing request asked for. */
  readonly page?: number | null;
  /** The underlying error (already scrubbed of secrets). */
  readonly cause?: unknown;
}

/** Base of every error this package throws. */
/**
 * A regular expression's source matching one of the characters, beyond the C0 controls, that
 * {@link escapeControl} escapes (DEL and C1, bidirectional controls, line separators, characters
 * that show as nothing): the CLI's JSON writes the same ones as `\uXXXX`, so the two cannot drift
 * apart. Three combining marks stand outside the class (a class holding them reads as misleading).
 */
export const HIDDEN_CHARACTERS = "[\\u007f-\\u009f\\u00ad\\u061c\\u115f\\u1160\\u180e\\u200b\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\u3164\\ufeff\\uffa0]|\\u034f|\\u17b4|\\u17b5";
const ESCAPED_CONTROL = new RegExp(`[\\u0000-\\u001f]|${HIDDEN_CHARACTERS}`, "g");
/**
 * Replaces C0/C1 control characters with visible escapes (`\n`, `\t`, `\x1b`), and the characters
 * that reorder or break a line where text is shown (the bidirectional controls U+061C, U+200E/F,
 * U+202A-202E, U+2066-2069, and the separators U+2028/2029), and the characters that show as
 * nothing at all (zero-width space U+200B, word joiner and invisible operators U+2060-2064,
 * U+FEFF, the soft hyphen U+00AD, the combining grapheme joiner U+034F, the Khmer inherent vowels
 * U+17B4/5, the Mongolian vowel separator U+180E and the Hangul fillers U+115F, U+1160, U+3164,
 * U+FFA0: a rename from "Room" to "Room" + U+00AD read `"Room" -> "Room"`), with `\u202e`: text from elsewhere (an app ID, a service message, a group name) cannot
 * break a log line, make `"old" -> "new"` read backwards in a CI log, drive a terminal, or make two
 * different IDs look the same. The zero-width joiners U+200C/D stay: emoji sequences and scripts
 * such as Persian and Devanagari need them.
 */
export function escapeControl(text: string): string {
  return text.replace(ESCAPED_CONTROL, (char) => {
    const code = char.charCodeAt(0);
    if (code > 0xff) return "\\u" + code.toString(16).padStart(4, "0");
    return ({ "\n": "\\n", "\r": "\\r", "\t": "\\t" })[char] ?? "\\x" + code.toString(16).padStart(2, "0");
  });
}

/** The longest code or RequestId an error or a page keeps, characters (the service's are under 64). */
export const MAX_ID_LENGTH = 128;

/**
 * A code or RequestId as an error or a page holds it: escaped and cut, since it is the answer's text
 * (a proxy's or gateway's too) and callers print it beside the message, which is escaped.
 */
export function idText(text: string): string;
export function idText(text: string | null): string | null;
export function idText(text: string | null): string | null {
  if (text === null) return null;
  const cut = text.length > MAX_ID_LENGTH ? `${text.slice(0, MAX_ID_LENGTH)}…` : text;
  return escapeControl(cut);
}

export class LiveMessageGroupsError extends Error {
  override readonly name: string = "LiveMessageGroupsError";
  readonly kind: LiveMessageGroupsErrorKind;
  readonly code: string | null;
  readonly httpStatus: number | null;
  readonly requestId: string | null;
  readonly attempts: number;
  /** The page (`PageNumber`) the failing request asked for, when a request failed; else null. */
  readonly page: number | null;

  constructor(kind: LiveMessageGroupsErrorKind, message: string, details: LiveMessageGroupsErrorDetails = {}) {
    // Every message is one line of plain text, whatever it quotes.
    super(escapeControl(message), details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.code = details.code ?? null;
    this.httpStatus = details.httpStatus ?? null;
    this.requestId = details.requestId ?? null;
    this.attempts = details.attempts ?? 0;
    this.page = details.page ?? null;
  }
}

/** A bad option, thrown before any request. Names the parameter and its allowed values. */
export class InvalidArgumentError extends LiveMessageGroupsError {
  override readonly name = "InvalidArgumentError";
  declare readonly kind: "InvalidArgument";
  /** The offending option, e.g. `pageSize`. */
  readonly parameter: string;
  /** Human-readable allowed values, e.g. `an integer from 1 to 50`. */
  readonly allowed: string;
  /**
   * @param message Replaces the standard `Invalid <parameter>: expected <allowed>, received <value>.`
   *   (used for a parameter that does not exist at all).
   * @param reason What is wrong with the value, added after it: for a value that is never echoed
   *   (a URL that may hold a password), what the message can say instead.
   */
  constructor(parameter: string, allowed: string, received: unknown, message?: string, reason?: string) {
    super(
      "InvalidArgument",
      message ?? `Invalid ${parameter}: expected ${allowed}, received ${describeReceived(parameter, received)}${reason === undefined ? "" : `: ${reason}`}.`,
      { code: "InvalidArgument" },
    );
    this.parameter = parameter;
    this.allowed = allowed;
  }
}

/** The service throttled us (`Throttling`, `Throttling.User`, ...) and retries ran out. */
export class ThrottlingError extends LiveMessageGroupsError {
  override readonly name = "ThrottlingError";
  declare readonly kind: "Throttling";
  constructor(message: string, details: LiveMessageGroupsErrorDetails) {
    super("Throttling", message, details);
  }
}

/** The service failed (`ServerError`, `InternalError`, 5xx, `ServiceUnavailable`) and retries ran out. */
export class ServerError extends LiveMessageGroupsError {
  override readonly name = "ServerError";
  declare readonly kind: "ServerError";
  constructor(message: string, details: LiveMessageGroupsErrorDetails) {
    super("ServerError", message, details);
  }
}

/** The service rejected the request (`InputInvalid`, `NoAuth`, `ResourceNotExist`, signature errors). Never retried. */
export class ClientError extends LiveMessageGroupsError {
  override readonly name = "ClientError";
  declare readonly kind: "ClientError";
  constructor(message: string, details: LiveMessageGroupsErrorDetails) {
    super("ClientError", message, details);
  }
}

/** Connection refused/reset, DNS failure, TLS failure, and retries ran out. */
export class NetworkError extends LiveMessageGroupsError {
  override readonly name = "NetworkError";
  declare readonly kind: "Network";
  constructor(message: string, details: LiveMessageGroupsErrorDetails) {
    super("Network", message, details);
  }
}

/** A request or the whole listing exceeded its deadline. */
export class TimeoutError extends LiveMessageGroupsError {
  override readonly name = "TimeoutError";
  declare readonly kind: "Timeout";
  constructor(message: string, details: LiveMessageGroupsErrorDetails) {
    super("Timeout", message, details);
  }
}

/** The caller's AbortSignal fired. */
export class AbortedError extends LiveMessageGroupsError {
  override readonly name = "AbortedError";
  declare readonly kind: "Aborted";
  constructor(message: string, details: LiveMessageGroupsErrorDetails = {}) {
    super("Aborted", message, details);
  }
}

/** The call succeeded but the body failed validation (and retries ran out). */
export class InvalidResponseError extends LiveMessageGroupsError {
  override readonly name = "InvalidResponseError";
  declare readonly kind: "InvalidResponse";
  constructor(message: string, details: LiveMessageGroupsErrorDetails) {
    super("InvalidResponse", message, details);
  }
}

/** The app changed under the listing in a way that could not be repaired by re-fetching. */
export class ConsistencyError extends LiveMessageGroupsError {
  override readonly name = "ConsistencyError";
  declare readonly kind: "Consistency";
  constructor(message: string, details: LiveMessageGroupsErrorDetails = {}) {
    super("Consistency", message, details);
  }
}

/**
 * A bug, not a failure of the network or the service: a TypeError or similar raised while making
 * or reading a request. Never retried. `cause` is the original error's name, message and stack
 * (scrubbed), for a bug report.
 */
export class InternalError extends LiveMessageGroupsError {
  override readonly name = "InternalError";
  declare readonly kind: "Internal";
  constructor(message: string, details: LiveMessageGroupsErrorDetails) {
    super("Internal", message, details);
  }
}

const KINDS: ReadonlySet<string> = new Set<LiveMessageGroupsErrorKind>([
  "InvalidArgument", "Throttling", "ServerError", "ClientError", "Network", "Timeout", "Aborted",
  "InvalidResponse", "Consistency", "Internal",
]);

/**
 * Every error this package throws. Narrowed by `kind` (or `name`), it is the error of that kind,
 * with its own fields: `error.kind === "InvalidArgument"` gives `parameter` and `allowed`.
 */
export type AnyLiveMessageGroupsError =
  | InvalidArgumentError | ThrottlingError | ServerError | ClientError | NetworkError | TimeoutError | AbortedError
  | InvalidResponseError | ConsistencyError | InternalError;

/**
 * True for any error thrown by this package, whichever copy of it threw. Narrows to the union of
 * its error classes: recognised by `kind` as sdk/README.md says, an InvalidArgument's `parameter`
 * is there without a cast (typed as the base class, it was not).
 */
export function isLiveMessageGroupsError(error: unknown): error is AnyLiveMessageGroupsError {
  return (
    typeof error === "object" && error !== null &&
    typeof (error as { kind?: unknown }).kind === "string" &&
    KINDS.has((error as { kind: string }).kind) &&
    error instanceof Error
  );
}

/**
 * A rejected value as quoted in the message, without what may be a credential in it: the user
 * information of an endpoint (`https://AK:SECRET@host`, or without the scheme), and whatever
 * {@link scrubSecrets} removes (a URL's query, `secret=` fields).
 */
/**
 * `https://AK:SECRET@host` is not a valid endpoint, and the part before `@` must not reach the error:
 * all of it, up to the last `@`, whatever it holds (a secret with a `/` in it was quoted whole, the
 * mask stopping at the first `/`).
 */
function withoutUserinfo(endpoint: string): string {
  return endpoint.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)?[\s\S]*@/, "$1***@");
}

/**
 * Pass as the received value of an {@link InvalidArgumentError} whose value must not be shown (a
 * Pulumi secret argument): the message says a value was received, not which.
 */
export const VALUE_NOT_SHOWN: unique symbol = Symbol("live-message-groups: value not shown");

/** A rejected value an error describes instead of quoting it (see {@link InvalidArgumentError}). */
export class DescribedValue {
  constructor(readonly description: string) {}
}

function describeReceived(parameter: string, value: unknown): string {
  if (value === VALUE_NOT_SHOWN) return "a secret value (not shown)";
  if (value instanceof DescribedValue) return value.description;
  if (typeof value === "string") {
    const shown = scrubSecrets(/endpoint/i.test(parameter) ? withoutUserinfo(value) : value, []);
    return JSON.stringify(shown.length > 64 ? shown.slice(0, 64) + "..." : shown);
  }
  if (value === undefined) return "undefined";
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  return typeof value;
}
