/**
 * Public interface of the local emulator of the ApsaraVideo Live interactive-messaging API.
 *
 * The emulator stands in for the service: it shares no code with `sdk/` (not even schemas or
 * constants), so a mistake in one is caught by the other.
 */

export type EmulatorDataCenter = "cn-shanghai" | "ap-southeast-1";

/** A key pair the emulator accepts. */
export interface EmulatorKeyPair {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** When set, requests with this AccessKeyId must carry this STS token. */
  readonly securityToken?: string | undefined;
  /**
   * When the STS token expires, ms since the epoch on the emulator's clock (`now`): from then on a
   * request with this key is refused with 400 `InvalidSecurityToken.Expired`, as the service refuses an
   * expired token (a client must have fetched fresh credentials). Only with `securityToken`.
   * Default: the token never expires.
   */
  readonly securityTokenExpiresAt?: number | undefined;
  /**
   * The account the key belongs to. The service limits calls per account: keys with the same
   * accountId share one throttling window. Default: the key is an account of its own.
   */
  readonly accountId?: string | undefined;
}

/** A group as the emulator stores it (camelCase; the wire uses the API's PascalCase). */
export interface EmulatorGroup {
  groupId: string;
  groupName: string;
  groupInfo: string;
  creatorId: string;
  adminList: string[];
  /** Unix seconds. */
  createTime: number;
  deleted: boolean;
}

/** Seed data: an app and its groups. */
export interface EmulatorAppSeed {
  readonly appId: string;
  /** Default "cn-shanghai". */
  readonly dataCenter?: EmulatorDataCenter | undefined;
  /** A number generates that many realistic groups deterministically from the seed; or explicit groups. */
  readonly groups?: number | readonly EmulatorGroup[] | undefined;
  /** Fraction of generated groups marked deleted (0..1). Default 0.1. */
  readonly deletedFraction?: number | undefined;
}

/** Probability (0..1) of each fault, drawn per request from the seeded generator. */
export interface EmulatorFaults {
  /** HTTP 500 `ServerError` JSON body. */
  readonly serverError?: number | undefined;
  /** HTTP 503 `ServiceUnavailable` JSON body. */
  readonly serviceUnavailable?: number | undefined;
  /** The socket is destroyed without an answer (client sees ECONNRESET). */
  readonly connectionReset?: number | undefined;
  /** The request is accepted and never answered (client times out). */
  readonly noAnswer?: number | undefined;
  /** A 200 whose JSON body is cut in the middle. */
  readonly truncatedBody?: number | undefined;
  /** HTTP 502 with an HTML body, as a gateway sends. */
  readonly htmlBadGateway?: number | undefined;
  /** Only inject faults for these actions. Default: every action. */
  readonly actions?: readonly string[] | undefined;
}

export interface EmulatorOptions {
  /** Default 0 (an ephemeral port). */
  readonly port?: number | undefined;
  /**
   * The address to listen on. Default 127.0.0.1; another address (say, one other network
   * namespaces reach) only for tests that need it.
   */
  readonly host?: string | undefined;
  /** Accepted key pairs. Default: one generated pair, exposed as `emulator.credentials`. */
  readonly keyPairs?: readonly EmulatorKeyPair[] | undefined;
  /**
   * Calls per sliding second per account (the keys' `accountId`, else per AccessKeyId) and action,
   * as the service limits each API; over it: HTTP 400 `Throttling.User`. Default 50; 0 = unlimited.
   */
  readonly callsPerSecond?: number | undefined;
  /**
   * Added latency per request in ms: a fixed number or a seeded uniform range. Default 0. It is
   * processing time: it comes after the call is counted, and throttled calls do not wait for it.
   */
  readonly latencyMs?: number | { readonly min: number; readonly max: number } | undefined;
  /**
   * One-way network delay in ms, default 0: a request is counted (throttled or not) this long after
   * it arrives, and every answer leaves this long after it is ready, so a throttle's round trip is
   * twice it and an answer's twice it plus `latencyMs`.
   */
  readonly networkDelayMs?: number | undefined;
  /**
   * How long a new connection takes to open before its first request can leave, ms, default 0: the
   * first request on each connection arrives (and is counted) this much later, as over HTTPS across
   * a network, where a new connection costs a TCP and a TLS handshake (2 network round trips with
   * TLS 1.3) before the request is sent. A request on a kept-alive connection does not wait. The
   * client cannot tell this wait from the service's time, as it can a real handshake's.
   */
  readonly connectionSetupMs?: number | undefined;
  readonly faults?: EmulatorFaults | undefined;
  /** Seed of every random choice (faults, latency, generated groups). Default 1. */
  readonly seed?: number | undefined;
  /** Apps present at start. */
  readonly apps?: readonly EmulatorAppSeed[] | undefined;
  /** Accepted clock skew of signed requests, ms. Default 15 minutes. */
  readonly maxClockSkewMs?: number | undefined;
  /** Keep at most this many request-log entries (oldest dropped). Default 10000. */
  readonly requestLogLimit?: number | undefined;
  /**
   * Order of groups that share one createTime second, ascending (descending is always the exact
   * reverse). "insertion" (default): creation order, so a new group in the newest second lands last.
   * "groupId": by id, so a group created in an existing second can sort between older ones (the
   * service documents no tie order; consistency tests use this to make that case happen).
   */
  readonly tieOrder?: "insertion" | "groupId" | undefined;
  /**
   * The emulator's clock, ms since the epoch. Default `Date.now`. Drives the signed-date skew check,
   * nonce expiry, the throttling window and the createTime of groups created through the API, so
   * tests can step time instead of sleeping.
   */
  readonly now?: (() => number) | undefined;
}

/** One entry of the request log. */
export interface EmulatorRequestLogEntry {
  /** ms since the emulator started. */
  readonly at: number;
  readonly method: string;
  readonly action: string | null;
  readonly accessKeyId: string | null;
  /** Request parameters (query + form), without signature fields. */
  readonly params: Readonly<Record<string, string>>;
  /** HTTP status sent, or null when the connection was reset / never answered. */
  readonly status: number | null;
  /** Error Code sent, or the injected fault's name. */
  readonly code: string | null;
  readonly requestId: string | null;
}

export interface EmulatorStats {
  readonly requests: number;
  readonly throttled: number;
  /** Responses by Code ("OK" for successes, fault names for injected faults). */
  readonly byCode: Readonly<Record<string, number>>;
  /** Requests by action. */
  readonly byAction: Readonly<Record<string, number>>;
  /**
   * Highest number of calls admitted for one account (its key pairs together) and action in any sliding
   * 1-second window, counting only calls admitted since the last `resetStats()`.
   */
  readonly peakCallsPerSecond: number;
}

/** Called before a ListLiveMessageGroupByPage page is served; may mutate the store (tests of consistency). */
export type ListHook = (request: { readonly appId: string; readonly pageNumber: number; readonly pageSize: number; readonly params: Readonly<Record<string, string>> }, store: EmulatorStore) => void | Promise<void>;

/** Direct access to the emulator's data, bypassing HTTP (seeding and test set-up only). */
export interface EmulatorStore {
  createApp(appId: string, dataCenter?: EmulatorDataCenter): void;
  /**
   * Adds a group; an explicit createTime (unix seconds) is kept as given, else it is the current
   * second of the emulator's clock (`now`), as for CreateLiveMessageGroup: groups created within one
   * second share it, ordered by `tieOrder`.
   */
  createGroup(appId: string, group: Partial<EmulatorGroup> & { groupId: string }): EmulatorGroup;
  deleteGroup(appId: string, groupId: string): void;
  updateGroup(appId: string, groupId: string, patch: Partial<Omit<EmulatorGroup, "groupId">>): void;
  /** The app's groups in ascending creation order (copies). */
  groups(appId: string): EmulatorGroup[];
}

export interface Emulator {
  /** `127.0.0.1:PORT` (the `host` option's address): what `sdk/` accepts as `endpoint` after `http://`, and openapi-client as `endpoint`. */
  readonly endpoint: string;
  /** `http://127.0.0.1:PORT` (the `host` option's address). */
  readonly url: string;
  readonly port: number;
  /** The first accepted key pair. */
  readonly credentials: EmulatorKeyPair;
  readonly store: EmulatorStore;
  stats(): EmulatorStats;
  requestLog(): readonly EmulatorRequestLogEntry[];
  resetStats(): void;
  /** Replace the fault profile at run time. */
  setFaults(faults: EmulatorFaults): void;
  setLatency(latencyMs: number | { readonly min: number; readonly max: number }): void;
  setCallsPerSecond(callsPerSecond: number): void;
  /** Install (or clear with null) the hook run before each list page is served. */
  onListPage(hook: ListHook | null): void;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}
