/**
 * Turns any error into the few lines printed on stderr: what failed (service code, message,
 * RequestId), and a hint for the common causes. Never a stack trace unless `debug`, and
 * always scrubbed of secrets.
 */
import { isLiveMessageGroupsError } from "../sdk";
import type { LiveMessageGroupsError } from "../sdk";
import { PROGRAM_NAME } from "./formatHelp";
import { scrubSecrets } from "./scrubSecrets";
import { isUsageError } from "./usageError";

export interface FormatErrorOptions {
  /** Also print the stack and the cause chain. */
  readonly debug: boolean;
  /** Secret values to scrub (from the environment). */
  readonly secrets: readonly string[];
  /** Command being run, for the prefix and the `--help` pointer. */
  readonly command: string | null;
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
  } else if (isLiveMessageGroupsError(error)) {
    lines = [`${prefix}: ${describeServiceError(error)}`];
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
  return lines.map((line) => scrubSecrets(line, options.secrets)).join("\n") + "\n";
}

/**
 * Code, message, HTTP status, RequestId and attempts on one line. The sdk's messages usually
 * state some of these already; only the missing ones are added.
 */
function describeServiceError(error: LiveMessageGroupsError): string {
  const code = error.code ?? error.kind;
  const message = firstLine(error.message);
  const facts: string[] = [];
  if (error.httpStatus !== null && !message.includes(`HTTP ${error.httpStatus}`)) facts.push(`HTTP ${error.httpStatus}`);
  if (!message.includes("RequestId")) facts.push(`RequestId ${error.requestId ?? "none"}`);
  if (error.attempts > 1 && !/\d+ attempts/.test(message)) facts.push(`${error.attempts} attempts`);
  const withCode = message.includes(code) ? message : `${code}: ${message}`;
  return facts.length === 0 ? withCode : `${withCode} (${facts.join(", ")})`;
}

const CREDENTIALS_HINT =
  "set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (or ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY, " +
  "or an aliyun CLI profile) in the environment; keys are never taken from the command line.";

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
      return "the listing ran out of time: raise --timeout, or check the endpoint's latency.";
    case "ServerError":
      return "the service kept failing; this is usually temporary: run again later.";
    case "Consistency":
      return "the app changed too much while it was being listed: run again.";
    case "InvalidArgument":
      if (/credential/i.test(error.message)) return CREDENTIALS_HINT;
      return null;
    default:
      if (/credential/i.test(error.message)) return CREDENTIALS_HINT;
      return null;
  }
}

function firstLine(text: string): string {
  return (text.split("\n")[0] ?? "").trim();
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
      lines.push(String(current));
      current = undefined;
    }
  }
  return lines;
}
