/**
 * The CLI's wording of an sdk error: what failed (code, the service's own message, HTTP
 * status, RequestId, attempts) and one hint in terms of the CLI's flags.
 *
 * The sdk's messages are written for programs that call it: they end with advice naming sdk
 * options ("Lower requestsPerSecond or concurrency"). Printed as they are next to a CLI hint,
 * the advice came twice in two vocabularies. So where the sdk left the facts in a structured
 * cause, the first line is rebuilt from them and the advice comes only from the hint.
 */
import { CREDENTIAL_SOURCES, type LiveMessageGroupsError, type LiveMessageGroupsErrorKind } from "../sdk";

export const CREDENTIALS_HINT =
  "export ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or run 'aliyun configure'.";

/** What failed, per kind, when the sdk's cause carries the facts. */
const WHAT_FAILED: Readonly<Partial<Record<LiveMessageGroupsErrorKind, string>>> = {
  Throttling: "throttled until retries ran out",
  ServerError: "the service kept failing",
  Timeout: "no answer until retries ran out",
  Network: "network failure talking to the endpoint",
  InvalidResponse: "the response body failed validation",
  ClientError: "the service rejected the request",
  Aborted: "the listing was aborted",
};

/** sdk option names that can appear in passed-through messages, and the flag that sets each. */
const FLAG_FOR_OPTION: readonly (readonly [RegExp, string])[] = [
  [/\bpageSize\b/g, "--page-size"],
  [/\brequestsPerSecond\b/g, "--rps"],
  [/\bconcurrency\b/g, "--concurrency"],
  [/\bmaxAttempts\b/g, "--max-attempts"],
  [/\btimeoutMs\b/g, "--timeout"],
  [/\bgroupStatus\b/g, "--status"],
  [/\bdataCenter\b/g, "--data-center"],
  [/\bappId\b/g, "--app-id"],
];

/** The lines describing `error` (first: what failed; then any detail lines), without the hint. */
export function describeSdkError(error: LiveMessageGroupsError): string[] {
  if (error.code === "CredentialsNotFound") {
    return ["no Alibaba Cloud credentials found. Looked in:", ...CREDENTIAL_SOURCES.map((source) => `  - ${source}`)];
  }
  const cause = structuredCause(error);
  const what = WHAT_FAILED[error.kind];
  const code = error.code ?? error.kind;
  if (cause !== null && what !== undefined) {
    const facts = [
      error.httpStatus === null ? null : `HTTP ${error.httpStatus}`,
      // With no response at all (refused, reset) there cannot be a RequestId: do not say "none".
      error.requestId === null && error.httpStatus === null ? null : `RequestId ${error.requestId ?? "none"}`,
      error.attempts > 1 ? `${error.attempts} attempts` : null,
    ].filter((fact): fact is string => fact !== null);
    const detail = firstLine(cause.message).replace(/\.$/, "");
    const body = detail === "" || detail === code ? code : detail.includes(code) ? detail : `${code}: ${detail}`;
    return [facts.length === 0 ? `${what}: ${body}` : `${what}: ${body} (${facts.join(", ")})`];
  }
  return [passedThrough(error, code)];
}

/**
 * Errors the sdk raises itself (deadline, consistency, too many pages, a bad option) carry no
 * structured cause: their message is the fact. Keep it, in the CLI's vocabulary, with the
 * facts it does not state yet.
 */
function passedThrough(error: LiveMessageGroupsError, code: string): string {
  const message = FLAG_FOR_OPTION.reduce((text, [option, flag]) => text.replace(option, flag), firstLine(error.message));
  const facts: string[] = [];
  if (error.httpStatus !== null && !message.includes(`HTTP ${error.httpStatus}`)) facts.push(`HTTP ${error.httpStatus}`);
  // No "RequestId none" here: these errors were not answers of the service.
  if (error.requestId !== null && !message.includes("RequestId")) facts.push(`RequestId ${error.requestId}`);
  if (error.attempts > 1 && !/\d+ attempts/.test(message)) facts.push(`${error.attempts} attempts`);
  const withCode = message.includes(code) ? message : `${code}: ${message}`;
  return facts.length === 0 ? withCode : `${withCode} (${facts.join(", ")})`;
}

/** The sdk's cause for a failed request: `{category, code, httpStatus, message}`, already scrubbed. */
function structuredCause(error: LiveMessageGroupsError): { readonly message: string } | null {
  const cause: unknown = (error as { cause?: unknown }).cause;
  if (typeof cause !== "object" || cause === null || cause instanceof Error) return null;
  const { category, message } = cause as { category?: unknown; message?: unknown };
  return typeof category === "string" && typeof message === "string" ? { message } : null;
}

/** The first line of `text`, trimmed. */
export function firstLine(text: string): string {
  return (text.split("\n")[0] ?? "").trim();
}
