import { AsyncLocalStorage } from "node:async_hooks";
import { subscribe } from "node:diagnostics_channel";
import type { ClientRequest, IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { TLSSocket } from "node:tls";
import OpenApiClient, { Config, OpenApiRequest, Params } from "@alicloud/openapi-client";
import type { ParsedEndpoint } from "./parseEndpoint";
import type { CredentialSource } from "./resolveCredentials";
import { parsePageBody } from "./schemas";
import { ClientError } from "../errors";
import { redirectDetail } from "../retry/classifyError";
import type { DataCenter, GroupStatus, LiveMessageGroupPage, SortOrder } from "../types";

/** One page to fetch. */
export interface PageRequest {
  readonly pageNumber: number;
  readonly pageSize: number;
  readonly groupStatus: GroupStatus;
  readonly sortOrder: SortOrder;
}

export interface PageClientConfig {
  readonly endpoint: ParsedEndpoint;
  readonly credentials: CredentialSource;
  readonly appId: string;
  readonly dataCenter: DataCenter;
  /** Used as the connect timeout AND as the read timeout of each HTTP request (each the full value), ms. */
  readonly requestTimeoutMs: number;
}

/** How long a page's call waited for its connection, filled in by {@link PageClient.fetchPage} as the call ends. */
export interface ConnectionWait {
  /**
   * ms from the call to the moment its request could leave: its connection ready (0 or so on a
   * kept-alive connection; a new one's TCP connect and TLS handshake, behind a proxy its tunnel's
   * set-up too). null: not known (no request got a connection, or a client that does not say).
   */
  waitedMs: number | null;
}

/** Fetches and validates single pages; no retries (see withRetries). */
export interface PageClient {
  /**
   * `signal`: when it fires, the page's HTTP request is destroyed (its socket would otherwise keep
   * the process alive until the read timeout). `connection`, when given, is filled in as the call
   * ends, answered or not.
   */
  fetchPage(request: PageRequest, signal?: AbortSignal, connection?: ConnectionWait): Promise<LiveMessageGroupPage>;
}

/** The answer of the request a page's call made, as Node's HTTP client saw it. */
interface AnswerSeen {
  httpStatus: number | null;
  requestId: string | null;
  /** A redirect's Location header. */
  location: string | null;
  /** The page's HTTP request, once started. */
  request: ClientRequest | null;
  /** When (performance.now()) the request's connection was ready to carry it, or null. */
  connectedAt: number | null;
  /** Stops waiting for the connection (see whenConnected). */
  stopWaiting: () => void;
  /** Fires when the page is abandoned: its request is destroyed, now or as it starts. */
  readonly signal: AbortSignal | undefined;
}

/**
 * The answer each page's request got, read through Node's HTTP diagnostics channels (the client
 * library hides its response when the body cannot be parsed): a request started inside
 * `answers.run(seen, ...)` is tied to `seen`, and its response fills it in.
 */
const answers = new AsyncLocalStorage<AnswerSeen>();
const seenByRequest = new WeakMap<ClientRequest, AnswerSeen>();
subscribe("http.client.request.start", (message) => {
  const seen = answers.getStore();
  if (seen === undefined) return;
  const { request } = message as { request: ClientRequest };
  seenByRequest.set(request, seen);
  seen.request = request;
  // Published as the request's head is handed to its socket (Node's OutgoingMessage._finish), so
  // the request has one: kept alive, new and still connecting, or behind a proxy a tunnel still
  // shaking hands.
  if (request.socket !== null) {
    seen.stopWaiting = whenConnected(request.socket, () => {
      seen.connectedAt = performance.now();
    });
  }
  if (seen.signal?.aborted === true) request.destroy();
});
subscribe("http.client.response.finish", (message) => {
  const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
  const seen = seenByRequest.get(request);
  if (seen === undefined) return;
  seen.httpStatus = response.statusCode ?? null;
  const requestId = response.headers["x-acs-request-id"];
  seen.requestId = typeof requestId === "string" && requestId !== "" ? requestId : null;
  const location = response.headers.location;
  seen.location = typeof location === "string" && location !== "" ? location : null;
});

/**
 * Calls `ready` once `socket` can carry a request: at once when it is kept alive, after its TCP
 * connect when it is new, after its TLS handshake when that has not ended (over a proxy's tunnel
 * the socket is connected already, and still shaking hands). A TLS socket's handshake has ended once
 * it is `authorized` or has an `authorizationError` (a certificate accepted unverified, as with
 * NODE_TLS_REJECT_UNAUTHORIZED=0). Returns a function that stops waiting (a request that ended
 * first leaves no listener on its kept-alive socket).
 */
export function whenConnected(socket: Socket, ready: () => void): () => void {
  const tls = socket instanceof TLSSocket;
  if (tls ? socket.authorized || socket.authorizationError != null : !socket.connecting) {
    ready();
    return () => undefined;
  }
  const event = tls ? "secureConnect" : "connect";
  socket.once(event, ready);
  return () => void socket.off(event, ready);
}

/** Thrown when a body is JSON but fails the schema; classified as `invalidResponse`. */
export class ResponseValidationError extends Error {
  override readonly name = "ResponseValidationError";
  constructor(readonly problem: string, readonly requestId: string | null) {
    super(`the body failed validation at ${problem}`);
  }
}

const GROUP_STATUS_PARAM: Readonly<Record<GroupStatus, string>> = { all: "0", existing: "1", deleted: "2" };
const SORT_TYPE_PARAM: Readonly<Record<SortOrder, string>> = { asc: "1", desc: "2" };

/** The official SDK's call shape: GET, RPC, every parameter in the query, JSON body. */
const PARAMS = new Params({
  action: "ListLiveMessageGroupByPage", version: "2016-11-01", protocol: "HTTPS", pathname: "/", method: "GET",
  authType: "AK", style: "RPC", reqBodyType: "formData", bodyType: "json",
});

/** openapi-client's retry/backoff runtime options do nothing (api-facts.md): pass none. */
const RUNTIME = {} as Parameters<OpenApiClient["callApi"]>[2];

/**
 * The only code that calls `@alicloud/openapi-client`. One client per listing: creating it per
 * request would repeat credential and config set-up on the hot path.
 */
export function createPageClient(config: PageClientConfig): PageClient {
  const { staticKeys, chain } = config.credentials;
  const client = new OpenApiClient(new Config({
    endpoint: config.endpoint.host,
    protocol: config.endpoint.protocol,
    readTimeout: config.requestTimeoutMs,
    connectTimeout: config.requestTimeoutMs,
    ...(staticKeys !== null
      ? { accessKeyId: staticKeys.accessKeyId, accessKeySecret: staticKeys.accessKeySecret, securityToken: staticKeys.securityToken }
      : { credential: chain }),
  }));
  const { appId, dataCenter } = config;
  return {
    async fetchPage(request: PageRequest, signal?: AbortSignal, connection?: ConnectionWait): Promise<LiveMessageGroupPage> {
      const query: Record<string, string> = {
        AppId: appId,
        SortType: SORT_TYPE_PARAM[request.sortOrder],
        PageSize: String(request.pageSize),
        PageNumber: String(request.pageNumber),
        GroupStatus: GROUP_STATUS_PARAM[request.groupStatus],
        DataCenter: dataCenter,
      };
      const calledAt = performance.now();
      const seen: AnswerSeen = { httpStatus: null, requestId: null, location: null, request: null, connectedAt: null, stopWaiting: () => undefined, signal };
      const abandon = (): void => void seen.request?.destroy();
      signal?.addEventListener("abort", abandon, { once: true });
      let response: Awaited<ReturnType<OpenApiClient["callApi"]>>;
      try {
        response = await answers.run(seen, () => client.callApi(PARAMS, new OpenApiRequest({ query }), RUNTIME));
      } catch (error) {
        // openapi-client parses every body, error answers too, before it looks at the status: a body
        // that is not JSON (a gateway's HTML 502, a cut body) fails without either. classifyError
        // reads them from here.
        // The transport's read timer ends a late request with abort() (the only caller of it: an
        // abandoned page's request is destroyed): an answer that began and then stalled fails in
        // the body reader with Node's "aborted" (ECONNRESET), which classifyError then reads as the
        // request timeout it was (`readTimedOut`), not a reset by the server. (`aborted`: abort() sets
        // it, destroy() does not.)
        const readTimedOut = seen.request?.aborted === true && signal?.aborted !== true;
        if (typeof error === "object" && error !== null) Object.assign(error, { answer: { httpStatus: seen.httpStatus, requestId: seen.requestId, location: seen.location, readTimedOut } });
        throw error;
      } finally {
        signal?.removeEventListener("abort", abandon);
        seen.stopWaiting();
        if (connection !== undefined) connection.waitedMs = seen.connectedAt === null ? null : seen.connectedAt - calledAt;
      }
      // openapi-client takes any status under 400 for an answer; the API never redirects.
      if (seen.httpStatus !== null && seen.httpStatus >= 300 && seen.httpStatus < 400) {
        throw new ClientError(redirectDetail(seen.httpStatus, seen.location), { code: "Redirect", httpStatus: seen.httpStatus, requestId: seen.requestId });
      }
      const parsed = parsePageBody(response.body, request);
      if (!parsed.ok) throw new ResponseValidationError(parsed.problem, parsed.requestId);
      return parsed.page;
    },
  };
}
