/**
 * Turns any error into the few lines printed on stderr: what failed (service code, message,
 * RequestId), and a hint for the common causes. Never a stack trace unless `debug`, and
 * always scrubbed of secrets. Control characters (from echoed values, file contents, service
 * messages) are shown escaped on every line, so an error cannot move a CI log's cursor or
 * recolour it. A bug (a TypeError from our code or a library's) is reported as an internal error,
 * never as a network or service failure.
 */
import { isLiveMessageGroupsError } from "../sdk";
import type { LiveMessageGroupsError } from "../sdk";
import { CREDENTIALS_HINT, describeSdkError, firstLine } from "./describeSdkError";
import { escapeControl } from "./displayText";
import { isUsageError, PROGRAM_NAME } from "./program";
import { scrubSecrets } from "../sdk/transport/scrubSecrets";

export interface FormatErrorOptions {
  /** Also print the stack and the cause chain. */
  readonly debug: boolean;
  /** Secret values to scrub (from the environment). */
  readonly secrets: readonly string[];
  /** Command being run, for the prefix and the `--help` pointer. */
  readonly command: string | null;
}

/** The hint of an internal error. */
export const INTERNAL_HINT = "this is a bug in live-message-groups, not a network or service failure: " +
  "run again with --debug and report the output.";

/** Errors JavaScript raises for a bug rather than for an I/O failure. */
const PROGRAMMING_ERRORS: ReadonlySet<string> = new Set(["TypeError", "RangeError", "ReferenceError"]);

/** A bug in our code or a library's: a programming error without a system error code. */
function isProgrammingError(error: unknown): error is Error {
  if (!(error instanceof Error) || !PROGRAMMING_ERRORS.has(error.name)) return false;
  const code = (error as { code?: unknown }).code;
  return code === undefined || (typeof code === "string" && code.startsWith("ERR_"));
}

/** Deepest cause chain printed with `--debug`. */
const MAX_CAUSE_DEPTH = 5;

/** Lines for stderr, newline-terminated. */
export function formatCliError(error: unknown, options: FormatErrorOptions): string {
  const prefix = options.command === null ? PROGRAM_NAME : `${PROGRAM_NAME} ${options.command}`;
  let lines: string[];
  if (isUsageError(error)) {
    const helpFor = error.command ?? options.command;
    const help = helpFor === null ? `${PROGRAM_NAME} --help` : `${PROGRAM_NAME} ${helpFor} --help`;
    lines = [`${prefix}: ${error.message} (see '${help}')`];
  } else if (isLiveMessageGroupsError(error) && error.kind === "Internal") {
    const cause: unknown = (error as { cause?: unknown }).cause;
    const what = cause instanceof Error ? `${cause.name}: ${firstLine(cause.message)}` : firstLine(error.message);
    lines = [`${prefix}: internal error: ${what}`, `hint: ${INTERNAL_HINT}`];
  } else if (isProgrammingError(error)) {
    lines = [`${prefix}: internal error: ${error.name}: ${firstLine(error.message)}`, `hint: ${INTERNAL_HINT}`];
  } else if (isLiveMessageGroupsError(error)) {
    const [first = "", ...rest] = describeSdkError(error);
    lines = [`${prefix}: ${first}`, ...rest];
    const hint = hintFor(error);
    if (hint !== null) lines.push(`hint: ${hint}`);
  } else if (error instanceof Error) {
    lines = [`${prefix}: ${firstLine(error.message)}`];
    if (/credential/i.test(error.message)) lines.push(`hint: ${CREDENTIALS_HINT}`);
    if ((error as { code?: unknown }).code === "EADDRINUSE") lines.push("hint: the port is taken: choose another with --port, or --port 0 for any free one.");
  } else {
    lines = [`${prefix}: ${firstLine(String(error))}`];
  }
  if (options.debug) lines.push(...debugLines(error));
  else if (!isUsageError(error)) lines.push("(run with --debug for details)");
  return lines.map((line) => escapeControl(scrubSecrets(line, options.secrets))).join("\n") + "\n";
}

/** A hint for the failures users hit most; null when there is nothing useful to add. */
export function hintFor(error: LiveMessageGroupsError): string | null {
  const code = error.code ?? "";
  if (/Credential/i.test(code)) return CREDENTIALS_HINT;
  switch (error.kind) {
    case "ClientError":
      if (/AccessKey|Signature|SecurityToken|InvalidToken/i.test(code)) {
        return "the service did not accept the key pair: check ALIBABA_CLOUD_ACCESS_KEY_ID / " +
          "ALIBABA_CLOUD_ACCESS_KEY_SECRET (and the security token for STS), and that the machine clock is right.";
      }
      if (/NoAuth|Forbidden|NoPermission/i.test(code)) {
        return "the key pair is valid but not allowed: grant live:ListLiveMessageGroupByPage on " +
          "acs:live::<account-id>:rtc/<AppId> to this RAM user or role.";
      }
      if (/NotExist|NotFound|AppId|InputInvalid/i.test(code)) {
        return "check --app-id and --data-center: the app must exist, and --data-center must be the app's own data center.";
      }
      return null;
    case "Throttling":
      return "the account allows 50 calls per second, shared by all its RAM users and tools: " +
        "lower --rps or --concurrency, raise --max-attempts, or run again later.";
    case "Network":
      if (/ECONNREFUSED/.test(code)) return "nothing is listening at the endpoint: check --endpoint (for a local emulator, start 'live-message-groups emulator').";
      if (/ENOTFOUND|EAI_AGAIN/.test(code)) return "the endpoint's host name does not resolve: check --endpoint and DNS.";
      return "check the network path to the endpoint (proxy, firewall), then run again.";
    case "Timeout":
      if (code === "ListingTimeout") return "raise --timeout (e.g. --timeout 10m), or lower the work: --status existing lists fewer groups.";
      return "the endpoint did not answer in time: check its latency and the network path, then run again.";
    case "ServerError":
      return "the service kept failing; this is usually temporary: run again later.";
    case "Consistency":
      // The sdk's message already says to retry when fewer groups are being created.
      return null;
    default:
      if (/credential/i.test(error.message)) return CREDENTIALS_HINT;
      return null;
  }
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
      // as "[object Object]"; as JSON it says what it holds. Scrubbed with every other line.
      lines.push(toJson(current));
      current = undefined;
    }
  }
  return lines;
}

/** One line of JSON for a non-Error value; `String(value)` when it cannot be serialised (cycles, BigInt). */
function toJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
