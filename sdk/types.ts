/**
 * Public types of the Live interactive-messaging client.
 *
 * camelCase on our side; the PascalCase wire names live only in `schemas.ts`.
 */

/** Data center of an interactive-messaging app (the API's `DataCenter`). */
export type DataCenter = "cn-shanghai" | "ap-southeast-1";
export const DATA_CENTERS: readonly DataCenter[] = ["cn-shanghai", "ap-southeast-1"];

/** Which groups to list (the API's `GroupStatus` 0 / 1 / 2). */
export type GroupStatus = "all" | "existing" | "deleted";
export const GROUP_STATUSES: readonly GroupStatus[] = ["all", "existing", "deleted"];

/** Order by creation time (the API's `SortType` 1 / 2). */
export type SortOrder = "asc" | "desc";
export const SORT_ORDERS: readonly SortOrder[] = ["asc", "desc"];

/** An AccessKey pair, optionally with an STS security token. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string | undefined;
}

/**
 * Time and randomness used by retries, backoff and the rate limiter.
 * Injected by unit tests so they never wait; production uses {@link systemClock}.
 */
export interface Clock {
  /** Milliseconds on a monotonic scale (epoch-based; `monotonicNow()` in production, never stepped with the wall clock). */
  now(): number;
  /**
   * Resolves after `ms` milliseconds; rejects with the signal's reason when aborted. The limiters
   * wait until their planned time by `now()`, sleeping again when a sleep ended early, so a clock
   * that skips its sleeps (a test's) must move `now()` by the time slept.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Uniform in [0, 1). */
  random(): number;
  /**
   * Optional: calls `fire` once `ms` milliseconds have passed on this clock, and returns a function
   * that cancels it. The listing deadline runs on it. Absent (a clock whose sleeps are skipped, for
   * example), the deadline runs on a real timer, which keeps no process alive.
   */
  timer?(ms: number, fire: () => void): () => void;
}

/**
 * Progress of a listing, reported after every page, every probe and every retry. A listing may
 * need more than one pass (a re-list or a tail re-read after the groups changed, a fallback to the
 * all-status listing): pagesDone and pagesTotal count the pages of every pass so far, so
 * `pagesDone <= pagesTotal` always holds, while `groups` counts only the pass in progress.
 */
export interface ListProgress {
  /** List pages fetched so far, all passes together. TotalCount probes are not pages (they are in `requests`). */
  readonly pagesDone: number;
  /**
   * List pages planned so far: those of finished passes plus every page of the pass in progress
   * (known once its first page reported TotalCount). null until the first pass's first page is in.
   * Grows when a new pass starts; pagesDone === pagesTotal at the end of a successful listing.
   */
  readonly pagesTotal: number | null;
  /**
   * Groups received by the pass in progress (reset when a pass starts; a tail re-read starts from
   * the groups before it). A fallback pass lists every status, so this can exceed the final result.
   */
  readonly groups: number;
  /** HTTP requests sent so far (pages, probes and retries). */
  readonly requests: number;
  /** Retries so far. */
  readonly retries: number;
}

/**
 * Options of {@link listLiveMessageGroups} and {@link paginateLiveMessageGroups}. A key that is none
 * of these is refused with an InvalidArgumentError naming it (and the closest option, when one is
 * close); an option set to `undefined` is absent.
 */
export interface ListLiveMessageGroupsOptions {
  /** The interactive-messaging app (`AppId`). Required. */
  readonly appId: string;
  /** Data center of the app. Default `"cn-shanghai"`. */
  readonly dataCenter?: DataCenter | undefined;
  /** Which groups to list. Default `"all"`. */
  readonly groupStatus?: GroupStatus | undefined;
  /** Order by creation time. Default `"asc"`. */
  readonly sortOrder?: SortOrder | undefined;
  /** Groups per page, 1..50. Default 50. */
  readonly pageSize?: number | undefined;
  /**
   * `live.aliyuncs.com`, `https://host[:port]`, or `http://127.0.0.1:PORT` (plain HTTP only to
   * loopback hosts). Default `live.aliyuncs.com` (HTTPS).
   */
  readonly endpoint?: string | undefined;
  /**
   * Explicit credentials. Absent: the standard Alibaba Cloud credential chain
   * (`ALIBABA_CLOUD_*` env, OIDC, CLI profile, credentials file, ECS RAM role), with the legacy
   * `ALICLOUD_ACCESS_KEY` / `ALICLOUD_SECRET_KEY` / `ALICLOUD_SECURITY_TOKEN` env names as well.
   */
  readonly credentials?: Credentials | undefined;
  /**
   * A profile of the Alibaba Cloud CLI configuration (`~/.aliyun/config.json`) to take the
   * credentials from, instead of the chain, when `credentials` is absent. Its credentials refresh
   * during the listing as the chain's do (RamRoleArn, EcsRamRole, OIDC, External profiles).
   */
  readonly credentialsProfile?: string | undefined;
  /**
   * Client-side call limit of the quota (see `quotaKey`), in calls per sliding second, shared by all
   * listings of that quota in this process (the lowest applies to all while they run); with
   * `redisUrl`, this process sends only while the window shared through Redis holds fewer calls than
   * its own limit (a process asking for less yields to the others; it does not slow them down);
   * from 0.5 to 10000 (MIN_REQUESTS_PER_SECOND, MAX_REQUESTS_PER_SECOND). Default 50, the service's limit per account.
   */
  readonly requestsPerSecond?: number | undefined;
  /**
   * Names the quota the calls count against. The service limits calls per account, and every
   * AccessKey of one account (its RAM users' too) shares that limit: give those listings the same
   * `quotaKey` (the account id, say) so they share one limiter. Default: the AccessKeyId, or the
   * environment variable `LIVE_MESSAGE_GROUPS_QUOTA_KEY` when set; `null`: the AccessKeyId, whatever
   * the environment says. Never written anywhere as is: Redis gets a hash of it.
   */
  readonly quotaKey?: string | null | undefined;
  /**
   * true (default): spend the sliding window's free budget at once (a listing of up to 50 pages goes
   * out in a couple of round trips), then pace. false: the polite mode, sends evenly spaced at
   * the rate. Either way the limiter paces for good once the service throttles the quota.
   */
  readonly burst?: boolean | undefined;
  /**
   * Share the quota through Redis at this URL (`redis://[user:password@]host[:port][/db]`, or
   * `rediss://` for TLS), so processes on any number of hosts that name the same quota together
   * stay under the limit. Default: the environment variable `LIVE_MESSAGE_GROUPS_REDIS_URL`, else
   * none (no connection is made); `null`: none, whatever the environment says. When Redis is
   * unreachable or fails mid-listing, the listing goes on with the local adaptive limiter after one
   * warning line (see `onWarning`).
   */
  readonly redisUrl?: string | null | undefined;
  /**
   * Receives non-fatal warnings, one line each (a Redis fallback). Default: written to stderr. A
   * callback that throws does not stop the listing: the warning then goes to stderr with what it threw.
   */
  readonly onWarning?: ((message: string) => void) | undefined;
  /** Pages in flight at most. Default 50 (a burst starts with 2 calls and doubles every 120 ms). */
  readonly concurrency?: number | undefined;
  /**
   * Attempts per request (first try included), integer 1..100; the service's throttles do not count
   * (the deadline bounds them). Default 10 (see the math in sdk/retry/retryPolicy.ts).
   */
  readonly maxAttempts?: number | undefined;
  /**
   * Deadline for the whole listing, in whole milliseconds, 1..86400000 (one day). Default: derived
   * from the work, max(5 minutes, 3 x pages / rate in force), set once the first page reports
   * TotalCount (5 minutes until then); e.g. 10,000 pages at 50 calls/s get 10 minutes, at 10 calls/s 50 minutes.
   */
  readonly timeoutMs?: number | undefined;
  /**
   * Timeout per HTTP request attempt, in milliseconds, > 0 and <= 2147483647. openapi-client applies
   * it separately as the connect (socket idle) timeout and as the read timeout (each gets the full
   * value, not one shared budget), so an attempt can take longer than this. Default 10000.
   */
  readonly requestTimeoutMs?: number | undefined;
  /** Aborts the listing; in-flight requests are abandoned and the promise rejects. */
  readonly signal?: AbortSignal | undefined;
  /** Called after each page, probe and retry, with a snapshot (see {@link ListProgress}). */
  readonly onProgress?: ((progress: ListProgress) => void) | undefined;
  /** Injected time and randomness (tests). Default: the system clock and Math.random. */
  readonly clock?: Clock | undefined;
}

/** One interactive-messaging group. Every field is always present. */
export interface LiveMessageGroup {
  readonly groupId: string;
  /** "" when the API sent none. */
  readonly groupName: string;
  /** "" when the API sent none. */
  readonly groupInfo: string;
  /** "" when the API sent none. */
  readonly creatorId: string;
  /** [] when the API sent none. */
  readonly adminList: readonly string[];
  /** Creation time, unix seconds. */
  readonly createTime: number;
  /** True when the group has been deleted (deleted groups stay listed). */
  readonly deleted: boolean;
}

/** One page as returned by the API, validated and converted. */
export interface LiveMessageGroupPage {
  readonly pageNumber: number;
  readonly pageSize: number;
  /** `TotalCount` reported with this page. */
  readonly totalCount: number;
  readonly groups: readonly LiveMessageGroup[];
  readonly requestId: string;
}

/** Every group of an app, verified complete. */
export interface LiveMessageGroupList {
  readonly appId: string;
  readonly dataCenter: DataCenter;
  readonly groupStatus: GroupStatus;
  readonly sortOrder: SortOrder;
  /** Number of groups returned (equal to `groups.length`; the API's final `TotalCount`). */
  readonly totalCount: number;
  readonly groups: readonly LiveMessageGroup[];
  /** HTTP requests sent, retries included. */
  readonly requests: number;
  /** Retries among those requests. */
  readonly retries: number;
  /** Wall time of the listing, in milliseconds. */
  readonly elapsedMs: number;
}
