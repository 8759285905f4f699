import type { IncomingMessage, ServerResponse } from "node:http";
import type { ActionHandler } from "./actions/actionContext";
import { ACTION_TABLE, API_VERSION } from "./actions/actionTable";
import { type Authenticator, claimedAccessKeyId } from "./authenticate";
import type { FaultKind, FaultPicker } from "./faultPicker";
import type { GroupStore } from "./groupStore";
import type { LatencyPicker } from "./latencyPicker";
import type { Random } from "./random";
import { readCall } from "./readCall";
import { HOST_ID, sendError, sendFault, sendJson } from "./respond";
import { errorBody, ServiceError } from "./serviceError";
import type { SlidingWindowLimiter } from "./slidingWindowLimiter";
import { loggableParams, type StatsRecorder } from "./statsRecorder";
import type { ListHook } from "./types";

/** Everything the request pipeline reads; owned by startEmulator. */
export interface HandlerDeps {
  readonly nowMs: () => number;
  readonly startedAt: number;
  readonly store: GroupStore;
  readonly authenticator: Authenticator;
  readonly limiter: SlidingWindowLimiter;
  /** The account whose throttling window a key's calls count in. */
  readonly accountOf: (accessKeyId: string) => string;
  readonly faults: FaultPicker;
  readonly latency: LatencyPicker;
  /** One-way network delay, ms: before a request is counted, and before any answer leaves. */
  readonly networkDelayMs: number;
  /** A new connection's set-up, ms: its first request arrives this much later (see EmulatorOptions). */
  readonly connectionSetupMs: number;
  readonly stats: StatsRecorder;
  readonly requestIds: Random;
  readonly appIds: Random;
  readonly listHook: () => ListHook | null;
  /** Waits `ms` (cancelled by close()); resolves false when the emulator closed meanwhile. */
  readonly delay: (ms: number) => Promise<boolean>;
}

/**
 * The request pipeline, in this order: read -> network delay -> method and path -> signature, date,
 * STS token and nonce -> per-account, per-action throttling -> fault draw -> latency -> version and action -> the
 * action -> network delay. Faults and latency therefore hit only requests a real service would have
 * accepted for processing; the network delay hits every answer, a throttle's too.
 */
export function createRequestHandler(deps: HandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch(() => res.socket?.destroy());
  };
}

/** Connections whose first request has come (see HandlerDeps.connectionSetupMs). */
const connectionsOpened = new WeakSet<object>();

async function handle(deps: HandlerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // A connection's first request waited for its set-up (the handshakes) before it could leave.
  if (deps.connectionSetupMs > 0 && !connectionsOpened.has(req.socket)) {
    connectionsOpened.add(req.socket);
    if (!(await deps.delay(deps.connectionSetupMs))) return;
  }
  const call = await readCall(req);
  const requestId = newRequestId(deps.requestIds);
  const at = deps.nowMs() - deps.startedAt;
  // The way in and, for an answer given before processing, the way out; false: the emulator closed.
  const travel = async (): Promise<boolean> => deps.networkDelayMs === 0 || deps.delay(deps.networkDelayMs);
  if (call === null) {
    // Counted, logged and delayed as any other answer given before processing.
    deps.stats.arrived(null);
    if (!(await travel()) || !(await travel())) return;
    const tooLarge = new ServiceError(413, "RequestEntityTooLarge", "The request body is too large.");
    sendError(res, tooLarge, requestId);
    deps.stats.finished(tooLarge.code, () => ({
      at, method: req.method ?? "", action: null, accessKeyId: null, params: {}, status: tooLarge.status, code: tooLarge.code, requestId,
    }));
    return;
  }
  // Only what the signature covers names the action: the `x-acs-*` headers of an ACS3 request (the
  // query too is signed there), never an unsigned header of an HMAC-SHA1 one.
  // An ACS3 request never falls back to the `Action` / `Version` parameters (the signature check requires
  // the headers); an HMAC-SHA1 one names them only in its signed parameters.
  const signedHeaders = call.headers.authorization !== undefined;
  const action = (signedHeaders ? stringHeader(call.headers["x-acs-action"]) : call.params["Action"]) ?? null;
  const version = (signedHeaders ? stringHeader(call.headers["x-acs-version"]) : call.params["Version"]) ?? null;
  deps.stats.arrived(action);
  const finish = (status: number | null, code: string | null): void => {
    // The log entry (a copy of the parameters, the claimed AccessKeyId) is built only when the log keeps it.
    deps.stats.finished(code, () => ({
      at, method: call.method, action, accessKeyId: claimedAccessKeyId(call), params: loggableParams(call.params), status, code, requestId,
    }));
  };
  if (!(await travel())) return;
  let fault: FaultKind | null;
  try {
    if (call.method !== "GET" && call.method !== "POST") throw new ServiceError(405, "UnsupportedHTTPMethod", `HTTP method ${call.method} is not supported.`);
    if (call.path !== "/") throw actionNotFound();
    const { accessKeyId, useNonce } = deps.authenticator.authenticate(call, deps.nowMs());
    // The service limits each API per account: calls of another action do not use this one's quota.
    // Only an API the emulator serves has a window of its own: the action is the caller's text, and a
    // window per made-up name (kept for good) let a client grow the emulator's memory without bound.
    const limited = action !== null && ACTION_TABLE.has(action) ? action : "";
    const admission = deps.limiter.admit(`${deps.accountOf(accessKeyId)}\n${limited}`, deps.nowMs());
    if (!admission.admitted) {
      throw new ServiceError(400, "Throttling.User", "Request was denied due to user flow control.", {
        "x-acs-retry-after": String(admission.retryAfterMs),
      });
    }
    // Admitted: only now is the nonce used (a throttled request may be sent again as it was).
    useNonce();
    fault = deps.faults.pick(action);
  } catch (error) {
    const serviceError = toServiceError(error);
    if (!(await travel())) return;
    sendError(res, serviceError, requestId);
    finish(serviceError.status, serviceError.code);
    return;
  }
  const latencyMs = deps.latency.pick() + deps.networkDelayMs;
  if (latencyMs > 0 && !(await deps.delay(latencyMs))) return;
  if (fault !== null && fault !== "truncatedBody") {
    finish(sendFault(res, fault, requestId, { status: 200, text: "" }), fault);
    return;
  }
  const outcome = await runAction(deps, version, call.params, action, requestId);
  if (fault === "truncatedBody") {
    finish(sendFault(res, fault, requestId, outcome), fault);
  } else {
    sendJson(res, outcome.status, outcome.text, requestId);
    finish(outcome.status, outcome.code);
  }
}

/** Runs the action; every failure becomes the service's JSON error answer. */
async function runAction(
  deps: HandlerDeps, version: string | null, params: Readonly<Record<string, string>>, action: string | null, requestId: string,
): Promise<{ status: number; text: string; code: string | null }> {
  try {
    const handler = resolveAction(version, action);
    const text = await handler({ params, requestId, store: deps.store, nowMs: deps.nowMs, ids: deps.appIds, listHook: deps.listHook() });
    return { status: 200, text, code: null };
  } catch (error) {
    const serviceError = toServiceError(error);
    return { status: serviceError.status, text: errorBody(serviceError, requestId, HOST_ID), code: serviceError.code };
  }
}

function resolveAction(version: string | null, action: string | null): ActionHandler {
  if (action === null || action === "") throw new ServiceError(400, "MissingParameter", 'The input parameter "Action" that is mandatory for processing this request is not supplied.');
  if (version === null || version === "") throw new ServiceError(400, "MissingParameter", 'The input parameter "Version" that is mandatory for processing this request is not supplied.');
  if (version !== API_VERSION) throw new ServiceError(400, "InvalidVersion", "Specified parameter Version is not valid.");
  const handler = ACTION_TABLE.get(action);
  if (handler === undefined) throw actionNotFound();
  return handler;
}

/** A header's value when sent once (node joins repeated `x-acs-*` headers into one string). */
function stringHeader(value: string | string[] | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function actionNotFound(): ServiceError {
  return new ServiceError(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
}

/** Unexpected errors (a throwing list hook, a bug) become 500 `InternalError`. */
function toServiceError(error: unknown): ServiceError {
  if (error instanceof ServiceError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ServiceError(500, "InternalError", `The request processing has failed due to some unknown error: ${detail}`);
}

/** An uppercase UUID-shaped id, like the service's RequestId, from the seeded stream. */
function newRequestId(random: Random): string {
  let hex = "";
  for (let i = 0; i < 4; i++) hex += Math.floor(random.next() * 0x1_0000_0000).toString(16).padStart(8, "0");
  hex = hex.toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
