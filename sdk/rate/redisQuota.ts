import { createHash, randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import { ArrivalBound } from "./arrivalBound";
import { PACED_MARGIN, subSecondGapMs, WINDOW_GUARD_MS, WINDOW_MS, type CallOutcome, type QuotaLimiter, type WindowRateLimiter } from "./rateLimiter";
import type { Clock } from "../types";
import { escapeControl } from "../errors";
import { redactKnownSecrets } from "../transport/scrubSecrets";
import { untilAborted } from "../untilAborted";

/**
 * Prefix of the Redis keys this package writes (one sorted set per quota, and its `:last` and
 * `:asking` keys). v2 puts the quota's hash in a hash tag (`{...}`), so the keys of a quota fall in
 * one Redis Cluster slot; v1's two keys did not (CROSSSLOT). Processes of v1 and v2 do not share a quota.
 */
export const REDIS_KEY_PREFIX = "live-message-groups:quota:v2:";
/**
 * Connecting and each command give up after this long, ms; the listing then falls back. Not
 * shorter: with 10 listing processes on 2 busy cores, 1000 ms timed out on a healthy local Redis.
 */
export const REDIS_TIMEOUT_MS = 5000;
/**
 * Scores of calls in flight are their reserved time plus this offset (ms since the epoch stay far
 * below it), so they sort after every answered call and the script can tell them apart.
 */
export const IN_FLIGHT_OFFSET = 1e13;
/** The longest delay a Node.js timer keeps, ms (a longer one fires after 1 ms). */
const MAX_TIMER_MS = 2 ** 31 - 1;
/**
 * A reservation in flight this much longer than the longest request timeout of the listings using
 * it no longer counts (its client died): no live call is in flight past its timeout, and a
 * reservation waits at most a window or a sub-second gap (2 s at 0.5 calls/s) before its call leaves.
 */
const ABANDON_SLACK_MS = 5000;
/**
 * A reservation this recent (ms, on the Redis server's clock: the script compares its own present
 * with the time the script of this process's latest reservation ran) means the quota's `:last` key
 * must still exist: every reservation sets it to expire no sooner than 2,005 ms later on that clock.
 * Measured on this host's clock from the reply, a reservation that reached Redis seconds late (a
 * server paused or busy, within the command timeout) found `:last` expired meanwhile and was taken
 * for lost keys: every listing fell back, its warning blaming FLUSHALL.
 */
const LAST_KEY_SURELY_ALIVE_MS = 1500;
/**
 * After falling back, the limiter tries Redis again this long after the failure, ms, on a call of a
 * listing (in the background: that call, and any until Redis answers, go through the local
 * limiter). Without it, a process whose listings of one quota overlap without end (a service, the
 * provider plugin during a long `pulumi up`) stayed off the shared quota for good after one Redis
 * restart, and told every listing that started so.
 */
export const REDIS_RETRY_MS = 30_000;
/**
 * Writes this process's calls that still count at the service (from the local limiter that took
 * over) into the quota's window as answered calls, when the limiter takes the quota back from it:
 * the other processes' reservations then see them. KEYS[1]: the quota's set; ARGV[1]: how long
 * the set lives after now (as a settle sets it), then pairs of member and age (ms before now).
 */
const SEED_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
for i = 2, #ARGV, 2 do redis.call('ZADD', KEYS[1], now - tonumber(ARGV[i + 1]), ARGV[i]) end
if #ARGV > 1 then redis.call('PEXPIRE', KEYS[1], math.ceil(tonumber(ARGV[1]))) end
return #ARGV
`;
/** The member of one call's reservation sent to Redis and not yet answered (null when none is). */
interface ReservationInFlight {
  member: string | null;
}
/** The reason a call waiting in the local limiter is stopped with when Redis is taken back. */
const RETAKEN = Symbol("redis-quota-retaken");
/** Why the limiter fell back when the quota's keys vanished, noticed at a reservation or at an answer. */
const KEYS_LOST = "the quota's keys were gone from Redis (FLUSHALL, a restart without persistence, or eviction)";
/**
 * When the window is full of calls still unanswered, ask again this much later, ms. A place is taken
 * again only once its call is answered, and it frees no sooner than a window after its anchor (at
 * most half a round trip before the answer): asking 100 ms after the answer still reserves it about
 * 900 ms before it frees, so no call leaves later. Every 10 ms, measured (3 and 10 processes x 200
 * pages sharing Redis, 2 cores), Redis ran 6.8 and 19.9 quota scripts per call, about 100 a second
 * for every waiting process of a fleet; this and {@link FULL_WINDOW_LONGEST_WAIT_MS} leave 2.2 and
 * 3.1, and the fraction of the limit did not move (3 processes: 0.939-0.947 against 0.940-0.945, 8
 * runs each). A place given back instead (a throttled call, an aborted listing's reservation) is
 * seen this late at worst.
 */
const FULL_WINDOW_POLL_MS = 100;
/**
 * When the first of the window's unanswered calls is due to leave later than the poll delay, ask
 * again when it is due, but no later than this, ms: none is answered before it leaves.
 */
export const FULL_WINDOW_LONGEST_WAIT_MS = 250;

/**
 * Lua: sets a key's time to live to at least `ms`, never shortening it. Processes of one quota may
 * need the set for different times (the expiry covers a call in flight for the abandonment age, which
 * follows each process's request timeout): a plain PEXPIRE by a process with a shorter one let the
 * set expire under another's call still in flight, which then fell back with a warning when it
 * answered. `NX` then `GT` (Redis 7): a key without a time to live gets one, a longer one stays.
 * Before Redis 7 they are refused and a plain PEXPIRE sets it, as before. Same command, same ACL.
 */
const EXTEND_EXPIRY = `
local function extend(key, ms)
  local set = redis.pcall('PEXPIRE', key, ms, 'NX')
  if type(set) == 'table' and set.err then
    redis.call('PEXPIRE', key, ms)
  elseif set == 0 then
    redis.call('PEXPIRE', key, ms, 'GT')
  end
end`;

/**
 * Reserves the earliest send time at which the quota's sliding window has room, atomically, on the
 * Redis server's clock (hosts' clocks may differ). The sorted set holds each call of the quota: an
 * answered call at the latest time the service can have counted it ({@link ArrivalBound}: its answer
 * minus half the fastest round trip, or the answer itself), a call in flight at IN_FLIGHT_OFFSET + its reserved
 * time. When the call that would leave the window first is still in flight, nothing is reserved
 * and the client asks again after the poll delay, or when the first call still unanswered is due to
 * leave if that is later (at most the longest wait). KEYS[1]: the quota's set, KEYS[2]: the last
 * reserved time, KEYS[3]: the processes that asked for a place within the last window (a sorted set
 * of member prefixes, by when they last asked); ARGV: limit, window ms, minimum gap ms (0 while bursting), a unique member, the
 * offset, the abandonment age, the poll delay, the time (Redis's clock) until which the last reserved
 * time must still be there, as this process reserved so recently ('' for none; it is not there: the
 * keys were lost, to FLUSHALL, eviction or a restart, and an empty window would let a burst into
 * calls the service still counts), the
 * longest wait, and a witness: the member of this process's latest anchored call ('' for none) and
 * its anchor (Redis's clock). A witness still within the window must be in the set; when it is not,
 * the set was lost though `:last` was not (eviction takes either key first: under allkeys-lru,
 * volatile-lru and the random policies, the set alone in 7 to 12 of 20 trials), and an empty window
 * would let a burst in. `ZADD XX INCR 0` tells whether it is there without changing it (no command
 * beyond the documented ACL list). Returns "ok:<wait ms>:<holders>:<now>", "full:<ms>:<holders>" or
 * "lost:0" (strings: a Lua number would be truncated to an integer), where holders counts the
 * processes with calls in the window (members' prefixes) or that asked for a place within it, the
 * caller included: its share of the limit, and now is the script's present (Redis's clock), for the
 * next reservation's `:last` check. The window holds about as many calls as the limit, so counted
 * from its calls alone, a fleet larger than the limit looked no larger than the limit: 20 processes
 * at 5 calls/s saw at most 10 holders (6.4 on average), 30 at 4 calls/s at most 9, and their
 * deadlines, fitted to that share, fell due before the fleet's work could be done.
 */
const RESERVE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local gap = tonumber(ARGV[3])
local offset = tonumber(ARGV[5])
if ARGV[10] ~= '' and tonumber(ARGV[11]) > now - window + 1 and not redis.call('ZADD', KEYS[1], 'XX', 'INCR', 0, ARGV[10]) then return 'lost:0' end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
redis.call('ZREMRANGEBYSCORE', KEYS[1], offset, offset + now - tonumber(ARGV[6]))
if ARGV[8] ~= '' and now < tonumber(ARGV[8]) and redis.call('EXISTS', KEYS[2]) == 0 then return 'lost:0' end
local own = string.match(ARGV[4], '^[^:]*')
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - window)
redis.call('ZADD', KEYS[3], now, own)
redis.call('PEXPIRE', KEYS[3], math.ceil(window))
local n = redis.call('ZCARD', KEYS[1])
local function holders()
  local seen, count = { [own] = true }, 1
  for _, m in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
    local p = string.match(m, '^[^:]*')
    if not seen[p] then seen[p] = true count = count + 1 end
  end
  for _, p in ipairs(redis.call('ZRANGE', KEYS[3], 0, -1)) do
    if not seen[p] then seen[p] = true count = count + 1 end
  end
  return count
end
local at = now
if n >= limit then
  local e = redis.call('ZRANGE', KEYS[1], n - limit, n - limit, 'WITHSCORES')
  local score = tonumber(e[2])
  if score >= offset then
    local first = score
    local head = redis.call('ZRANGE', KEYS[1], 0, n - limit, 'WITHSCORES')
    for i = 2, #head, 2 do
      local s = tonumber(head[i])
      if s >= offset then first = s break end
    end
    return 'full:' .. tostring(math.min(tonumber(ARGV[9]), math.max(tonumber(ARGV[7]), first - offset - now))) .. ':' .. holders()
  end
  at = math.max(at, score + window)
end
local last = tonumber(redis.call('GET', KEYS[2]) or '0')
if gap > 0 then at = math.max(at, last + gap) end
redis.call('ZADD', KEYS[1], offset + at, ARGV[4])
redis.call('SET', KEYS[2], tostring(math.max(at, last)), 'PX', math.ceil(at - now + window + 1000))
${EXTEND_EXPIRY}
extend(KEYS[1], math.ceil(at - now + tonumber(ARGV[6]) + window))
return 'ok:' .. tostring(at - now) .. ':' .. holders() .. ':' .. tostring(now)
`;
const RESERVE_SHA = createHash("sha1").update(RESERVE_SCRIPT).digest("hex");

/**
 * Anchors an answered call at the Redis server's present minus the call's {@link ArrivalBound}, or
 * removes a throttled one (the service did not count it). KEYS[1]: the quota's set; ARGV: member,
 * "ok" or "throttled", ms to anchor before the present, and how long the set must live after the
 * anchor (the window and the abandonment age, as a reservation sets it). Returns, for an answer, the
 * number of members changed (0: its reservation was gone) and the anchor. An anchored call keeps the
 * set alive for its window: a reservation's expiry covers a call answered within the abandonment age
 * of it, but a call can answer later (connect and read each get the request timeout), and the set
 * then expired with the call still in its window (the next reservation's witness saw it gone).
 */
const SETTLE_SCRIPT = `
${EXTEND_EXPIRY}
if ARGV[2] == 'throttled' then
  return redis.call('ZREM', KEYS[1], ARGV[1])
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local at = now - tonumber(ARGV[3])
local changed = redis.call('ZADD', KEYS[1], 'XX', 'CH', at, ARGV[1])
if changed == 1 then extend(KEYS[1], math.ceil(at - now + tonumber(ARGV[4]))) end
return { changed, tostring(at) }
`;
const SETTLE_SHA = createHash("sha1").update(SETTLE_SCRIPT).digest("hex");

/** The Redis key of a quota: a hash, so no AccessKeyId or account name is written to Redis. */
export function redisQuotaKey(quotaKey: string): string {
  return `${REDIS_KEY_PREFIX}{${createHash("sha256").update(`live-message-groups:${quotaKey}`).digest("hex").slice(0, 32)}}`;
}

/** Query options of a Redis URL whose values are masked in messages: any that can hold a password. */
const SECRET_QUERY_OPTION = /pass|secret|token|auth|user|key/i;

/**
 * The URL with any password replaced, for messages: the user information, and the query options
 * that can hold one (ioredis reads any client option from the query, `?password=` among them).
 */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    if (parsed.username !== "") parsed.username = "***";
    for (const name of [...parsed.searchParams.keys()]) {
      if (SECRET_QUERY_OPTION.test(name)) parsed.searchParams.set(name, "***");
    }
    // A fragment is no part of a Redis URL: it is most likely the rest of a password whose `#` was
    // not percent-encoded (`?password=ab#cd`), so it is masked too.
    if (parsed.hash !== "") parsed.hash = "***";
    return parsed.toString();
  } catch {
    return "<unparseable URL>";
  }
}

/**
 * What {@link redactRedisUrl} masks, as values a server may quote: the password before the host and
 * the query options that can hold one (decoded, as the handshake sends them, and as written).
 */
export function redisUrlSecrets(url: string): string[] {
  try {
    const parsed = new URL(url);
    const written = [parsed.password, ...[...parsed.searchParams].filter(([name]) => SECRET_QUERY_OPTION.test(name)).map(([, value]) => value)];
    return [...written, ...written.map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    })].filter((part) => part !== "");
  } catch {
    return [url];
  }
}

/**
 * The query parameters a Redis URL may carry. ioredis reads any client option from the query and
 * lets it override the ones passed beside the URL: `?commandTimeout=3000` (a string, ignored as a
 * timeout) removed the command timeout, `?sentinels=...` made it retry a Sentinel for ever, where
 * the fallback depends on the package's own timeouts and on no reconnection. Only `password`, the
 * one some providers' connection strings carry, is read; it counts when the URL has no password
 * before the host.
 */
export const REDIS_URL_QUERY_PARAMETERS: readonly string[] = ["password"];

/** Where and as whom {@link RedisQuotaLimiter} connects, read from its URL. */
export interface RedisTarget {
  readonly host: string;
  readonly port: number;
  /** Absent: the default user. */
  readonly username?: string;
  /** Absent: no AUTH. */
  readonly password?: string;
  readonly tls: boolean;
  /** The database to select (0: none is selected, Redis's default). */
  readonly db: number;
}

/**
 * The connection a Redis URL names; throws on a query parameter other than
 * {@link REDIS_URL_QUERY_PARAMETERS} (the options check refuses those URLs before).
 */
export function redisTarget(url: string): RedisTarget {
  const parsed = new URL(url);
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") throw new Error(`a Redis URL starts with redis:// or rediss://, not ${parsed.protocol}//`);
  const unsupported = unsupportedRedisQueryParameter(parsed);
  if (unsupported !== undefined) throw new Error(`the Redis URL's query parameter ${JSON.stringify(unsupported)} is not supported (${REDIS_URL_QUERY_HINT})`);
  const db = parsed.pathname === "" || parsed.pathname === "/" ? 0 : Number(parsed.pathname.slice(1));
  if (!/^\/?\d*$/.test(parsed.pathname) || !Number.isSafeInteger(db)) throw new Error("the Redis URL's path is not a database number");
  if (hasFragment(url)) throw new Error(`the Redis URL has a fragment (${REDIS_URL_FRAGMENT_HINT})`);
  const username = decodeURIComponent(parsed.username);
  const password = parsed.password !== "" ? decodeURIComponent(parsed.password) : parsed.searchParams.get("password");
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: parsed.port === "" ? 6379 : Number(parsed.port),
    ...(username === "" ? {} : { username }),
    ...(password === null || password === "" ? {} : { password }),
    tls: parsed.protocol === "rediss:",
    db,
  };
}

/** Why a fragment is refused, for messages (it quotes nothing of the URL). */
export const REDIS_URL_FRAGMENT_HINT = "a # in a password must be percent-encoded as %23, or the rest of the password is cut off";

/** True when the URL has a fragment (`#`, even an empty one): a password cut short at an unencoded `#`. */
export function hasFragment(url: string): boolean {
  return url.includes("#");
}

/** Why other query parameters are refused, for messages. */
export const REDIS_URL_QUERY_HINT = `the only query parameter taken is ${REDIS_URL_QUERY_PARAMETERS.join(", ")}, since the package sets the Redis client's other options itself`;

/** The first query parameter of a Redis URL that is not supported (or repeated), if any. */
export function unsupportedRedisQueryParameter(parsed: URL): string | undefined {
  const names = [...parsed.searchParams.keys()];
  return names.find((name, i) => !REDIS_URL_QUERY_PARAMETERS.includes(name) || names.indexOf(name) !== i);
}

/** Options of {@link RedisQuotaLimiter}. */
export interface RedisQuotaOptions {
  readonly url: string;
  readonly quotaKey: string;
  readonly clock: Clock;
  /** Calls per sliding second for the whole quota. */
  readonly limit: number;
  readonly burst: boolean;
  /** Takes over when Redis cannot be reached or fails, until Redis answers again (see {@link REDIS_RETRY_MS}). */
  readonly fallback: WindowRateLimiter;
  /** Told once, in one line, when the limiter falls back. */
  readonly warn: (message: string) => void;
  /** See {@link ArrivalBound} (tests pass 1). */
  readonly arrivalRampCalls?: number;
  /** Connecting and each command give up after this long, ms (default {@link REDIS_TIMEOUT_MS}; tests pass less). */
  readonly timeoutMs?: number;
  /** The longest request timeout of the listings using this quota, ms (see {@link ABANDON_SLACK_MS}); default 10 s. */
  readonly requestTimeoutMs?: number;
}

/**
 * A quota shared through Redis by every process (on any host) that names the same quota key: each
 * call reserves a slot in one sliding window kept by a Lua script, so together they never exceed
 * the limit, and spend the window's free budget at once. The connection opens on the first call and
 * closes on `close()`; nothing connects unless a Redis URL was configured. When Redis is unreachable
 * or fails mid-listing, calls go through the local adaptive limiter instead, after one warning line.
 */
export class RedisQuotaLimiter implements QuotaLimiter {
  private client: Redis | null = null;
  private connecting: Promise<Redis | null> | null = null;
  private failed = false;
  /** When it fell back (clock ms), for {@link REDIS_RETRY_MS}. */
  private failedAt = 0;
  /** The attempt to take the quota back from the local limiter, while one runs. */
  private retrying: Promise<void> | null = null;
  /**
   * Counts the connections used: work begun on one (a reservation, an answer to anchor, a call
   * reserved there and still in flight) that ends after the limiter fell back and took Redis back
   * on another says nothing of the new one.
   */
  private epoch = 0;
  /** While the quota is taken back from the local limiter (its calls written to Redis), calls wait for it. */
  private retaking: Promise<void> | null = null;
  /** Calls waiting in the local limiter, each stopped (to reserve in Redis) when the quota is taken back. */
  private readonly localWaits = new Set<AbortController>();
  private closed = false;
  /**
   * Connections opened and not yet in use (connecting, or being tried by {@link retry}): closed with
   * the limiter. Left to their own timeouts, a listing that ended while one opened (aborted while
   * Redis did not answer, or while Redis was tried again in the background) kept the process alive
   * for up to the connect and command timeouts (5 s each) after it.
   */
  private readonly opening = new Set<Redis>();
  private paced: boolean;
  private limit: number;
  private counter = 0;
  private tail: Promise<void> = Promise.resolve();
  /** Reservations made and not yet used (their callers sleep until the planned time, this host's clock), by member. */
  private readonly pending = new Map<string, number>();
  /** Pending reservations the local limiter took over when Redis failed (as calls in flight at their planned time). */
  private readonly adoptedPending = new Set<string>();
  /** Members of the reservations used by calls still in flight, by send time. */
  private readonly inFlight = new Map<number, string[]>();
  private readonly memberPrefix = randomBytes(6).toString("hex");
  /** Processes (member prefixes) with calls in the quota's window or asking for a place within it, at the latest reservation, this one included. */
  private holders = 1;
  private readonly arrivalBound: ArrivalBound;
  private readonly key: string;
  private requestTimeoutMs: number;
  /** When the script of this process's latest reservation ran (Redis's clock), or null. */
  private lastReservedAt: number | null = null;
  /** The latest call of this process anchored in Redis: its member and anchor (Redis's clock), see RESERVE_SCRIPT. */
  private witness: { member: string; anchor: number } | null = null;
  /** This process's calls answered within the last window (local clock), handed to the fallback. */
  private readonly recent: { at: number; answeredAt: number }[] = [];

  constructor(private readonly options: RedisQuotaOptions) {
    this.key = redisQuotaKey(options.quotaKey);
    this.arrivalBound = new ArrivalBound(options.arrivalRampCalls);
    this.paced = !options.burst;
    this.limit = options.limit;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  }

  setRequestTimeoutMs(ms: number): void {
    this.requestTimeoutMs = ms;
  }

  /** True while the limiter has fallen back to the local one (until it takes Redis back, see {@link REDIS_RETRY_MS}). */
  get fellBack(): boolean {
    return this.failed;
  }

  /** The attempt to use Redis again that runs now, if any (tests). */
  get reconnecting(): Promise<void> | null {
    return this.retrying;
  }

  setLimit(limit: number): void {
    this.limit = limit;
    this.options.fallback.setMaxRequestsPerSecond(limit);
  }

  setBurst(burst: boolean): void {
    if (!burst) this.paced = true;
    this.options.fallback.setBurst(burst);
  }

  /**
   * The limit split between the processes holding calls in the quota's window, or asking for a place
   * within it, at this process's latest reservation (itself included): the listing deadline is fitted to it. The full limit
   * made a fleet sharing Redis miss its default deadlines: 20 processes of 2,000 pages each need
   * about 800 s of the quota, and each was given 5 minutes, fitted to 50 calls/s.
   */
  currentRate(): number {
    return this.failed ? this.options.fallback.currentRate() : this.limit / this.holders;
  }

  async acquire(signal?: AbortSignal): Promise<number> {
    if (signal?.aborted) throw signal.reason;
    // An abort is answered at once, whatever Redis is doing (a connection or a command may take
    // up to the command timeout, and another listing's reservation may be ahead in the queue).
    const promptly = <T>(promise: Promise<T>): Promise<T> => (signal === undefined ? promise : untilAborted(promise, signal));
    if (this.retaking !== null) await promptly(this.retaking);
    if (this.failed) this.retryLater();
    const epoch = this.epoch;
    const client = this.failed ? null : await promptly(this.connect());
    if (client === null || epoch !== this.epoch) return this.viaFallback(signal);
    const { clock } = this.options;
    try {
      const reserving: ReservationInFlight = { member: null };
      const turn = this.oneAtATime(() => this.reserveWhenRoom(client, signal, reserving));
      const { member, waitMs } = await promptly(turn).catch((error: unknown) => {
        if (signal?.aborted === true) {
          // A reservation that completes after the abort is never used: give its place back. One
          // whose reply is still on its way is given back now, on the same connection behind it
          // (Redis runs a connection's commands in order): waiting for the reply lost the give-back
          // when the listing's end closed the connection first (the CLI exits on SIGTERM right
          // after), leaving the place blocked for every process of the quota until abandoned.
          // Given back again when the reply comes, should the connection still be open: a reservation
          // sent again after NOSCRIPT runs after the first give-back (removing it twice is harmless).
          if (reserving.member !== null) this.forget(client, reserving.member, "throttled", 0, epoch);
          void turn.then(({ member: unused }) => this.forget(client, unused, "throttled", 0, epoch), () => undefined);
        }
        throw error;
      });
      // Redis failed between this reservation's reply and now (another call's answer could not be
      // settled): the local limiter took over without this reservation, and could give its place
      // out again before it leaves. It is not used; the local limiter places the call.
      if (this.failed || epoch !== this.epoch) return this.viaFallback(signal);
      // Until it leaves, the reservation is pending: should Redis fail meanwhile, the local limiter
      // takes it over as a call in flight at its planned time (see fallBack).
      const planned = clock.now() + waitMs;
      this.pending.set(member, planned);
      try {
        // Until the planned time by the clock, not just one timer: Node measures a timer from the
        // event loop's cached time, which lags the clock on a busy loop, so one can fire early (CI: a
        // call sent 2.5 ms before its reservation, half the window's guard). Nor is a clock that did
        // not move while asleep taken as done: an early timer may wake within the same millisecond
        // (CI: sent 2.2 ms early so). A clock must move by the time slept, as the local limiter's does.
        for (let now = clock.now(); now < planned; now = clock.now()) await clock.sleep(planned - now, signal);
      } catch (error) {
        this.pending.delete(member);
        if (this.adoptedPending.delete(member)) this.options.fallback.settle(planned, "failed"); // never sent: its place comes back after a window
        else this.forget(client, member, "throttled", 0, epoch); // never sent
        throw error;
      }
      this.pending.delete(member);
      // Sending later than reserved (a stalled event loop) is safe: until its answer the call counts
      // as in flight, and no reservation is ever computed from a call in flight.
      const woke = clock.now();
      // Reserved before Redis failed and sent after: the local limiter that took over counts it,
      // from the failure on (taken over then, known by its planned time) or from now.
      if (this.failed || epoch !== this.epoch) {
        if (this.adoptedPending.delete(member)) return planned;
        this.options.fallback.adopt([woke], []);
        return woke;
      }
      const members = this.inFlight.get(woke);
      if (members === undefined) this.inFlight.set(woke, [member]);
      else members.push(member);
      return woke;
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (epoch === this.epoch) this.fallBack(error);
      return this.viaFallback(signal);
    }
  }

  /**
   * The local limiter's acquire, stopped when Redis is taken back while it waits (the call then
   * reserves in Redis): a local limiter serving its queue beside the Redis quota would not be seen
   * by the other processes, and together they would send up to twice the limit.
   */
  private async viaFallback(signal: AbortSignal | undefined): Promise<number> {
    // Redis is being taken back: this call waits for the outcome with the others.
    if (this.retaking !== null) return this.acquire(signal);
    const wait = new AbortController();
    const onAbort = (): void => wait.abort(signal?.reason);
    if (signal !== undefined) signal.addEventListener("abort", onAbort, { once: true });
    this.localWaits.add(wait);
    try {
      return await this.options.fallback.acquire(wait.signal);
    } catch (error) {
      if (signal?.aborted === true) throw signal.reason;
      if (wait.signal.reason === RETAKEN) return this.acquire(signal);
      throw error;
    } finally {
      this.localWaits.delete(wait);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  /**
   * Runs `task` after the previous one of this process ended: a window full of unanswered calls is
   * polled by one caller per process, not by every page waiting.
   *
   * One reservation per script run, not one run for every call waiting: tried (a run reserved the
   * 49 calls that follow a listing's first page), the first window's calls came closer together
   * (spread over 102-191 ms against 131-233), but calls reserved together left together and queued
   * for the CPU: the window's places turned over later (1,038-1,048 ms on average against
   * 1,036-1,042), the last window spread wider (211-258 ms against 127-204), and 3 processes x 200
   * pages (`npm run bench -- --only shared`, Redis) reached 0.935-0.938 of the limit against
   * 0.939-0.943 (5 runs each, 3 of them with Redis 2 ms away). The round trips space the sends.
   */
  private oneAtATime<T>(task: () => Promise<T>): Promise<T> {
    const turn = this.tail.then(task);
    this.tail = turn.then(() => undefined, () => undefined);
    return turn;
  }

  /**
   * Reserves a slot, polling while the window is full of calls still in flight; `reserving` names
   * the member of the reservation sent and not yet answered (null between them).
   */
  private async reserveWhenRoom(client: Redis, signal: AbortSignal | undefined, reserving: ReservationInFlight): Promise<{ member: string; waitMs: number }> {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const member = `${this.memberPrefix}:${++this.counter}`;
      reserving.member = member;
      const reply = await this.reserve(client, member).finally(() => (reserving.member = null));
      if (!reply.full) return { member, waitMs: reply.waitMs };
      await this.options.clock.sleep(reply.waitMs, signal);
    }
  }

  settle(sentAt: number, outcome: CallOutcome, waitedMs = 0): void {
    const members = this.inFlight.get(sentAt);
    const member = members?.shift();
    if (members !== undefined && members.length === 0) this.inFlight.delete(sentAt);
    if (this.failed || this.client === null || member === undefined) {
      this.options.fallback.settle(sentAt, outcome, waitedMs);
      return;
    }
    // The service counts more strictly than our window: stop bursting for this quota, as the local limiter does.
    if (outcome === "throttled") this.paced = true;
    const now = this.options.clock.now();
    const backMs = this.arrivalBound.backMs(sentAt, now, outcome, waitedMs);
    if (outcome !== "throttled") this.remember(now - backMs, now);
    this.forget(this.client, member, outcome === "throttled" ? "throttled" : "ok", backMs);
  }

  /** Keeps this process's answers of the last window, for the local limiter should it take over. */
  private remember(at: number, answeredAt: number): void {
    const from = answeredAt - WINDOW_MS - WINDOW_GUARD_MS;
    let drop = 0;
    while (drop < this.recent.length && (this.recent[drop] as { at: number }).at <= from) drop++;
    if (drop > 0) this.recent.splice(0, drop);
    this.recent.push({ at, answeredAt });
  }

  /**
   * Anchors a call `backMs` before its answer ("ok") or removes it ("throttled": not counted, or
   * never sent). Not awaited; a failure falls back. An error (other than NOSCRIPT, which sends the
   * script again) leaves the call in Redis as in flight, blocking the window for every process until
   * it is abandoned (15 s by default): `OOM` from a Redis at maxmemory with the default `noeviction`
   * policy made listings crawl to their deadline that way, with no warning.
   */
  private forget(client: Redis, member: string, how: "ok" | "throttled", backMs = 0, epoch = this.epoch): void {
    const args = [member, how, String(backMs), String(this.requestTimeoutMs + ABANDON_SLACK_MS + WINDOW_MS + WINDOW_GUARD_MS)];
    client.evalsha(SETTLE_SHA, 1, this.key, ...args)
      .catch((error: unknown) => {
        if (error instanceof Error && error.message.startsWith("NOSCRIPT")) return client.eval(SETTLE_SCRIPT, 1, this.key, ...args);
        throw error;
      })
      .then((reply) => {
        const [changed, anchor] = Array.isArray(reply) ? [Number(reply[0]), Number(reply[1])] : [Number(reply), Number.NaN];
        if (epoch !== this.epoch) return;
        // An answered call's reservation is gone: the quota's keys were lost (FLUSHALL, a restart
        // without persistence, eviction), so the window in Redis no longer holds the calls that count.
        if (how === "ok" && changed === 0) this.fallBack(new Error(KEYS_LOST));
        else if (how === "ok" && Number.isFinite(anchor) && (this.witness === null || anchor >= this.witness.anchor)) this.witness = { member, anchor };
      }, (error: unknown) => {
        // After close(), or once fallen back (a connection that ended), this says nothing.
        if (epoch === this.epoch) this.fallBack(error);
      });
  }

  /**
   * Takes the limiter back into use after {@link close}: a listing idle between pages (a paginate)
   * lets go of it and takes back the one that fell back under it (see LimiterRegistry). Closed, it
   * never tried Redis again, and such a listing stayed on the local limiter for good, with every
   * listing of its quota that joined it while it ran.
   */
  reopen(): void {
    this.closed = false;
  }

  /** Closes the connection (at once: a listing that ended must not keep the process alive). */
  close(): void {
    this.closed = true;
    this.client?.disconnect();
    this.client = null;
    for (const opening of this.opening) if (opening.status !== "end") opening.disconnect();
    this.opening.clear();
  }

  private async reserve(client: Redis, member: string): Promise<{ full: boolean; waitMs: number }> {
    const gapMs = this.paced ? 1000 / (this.limit * PACED_MARGIN) : subSecondGapMs(this.limit);
    const args = [
      String(Math.max(1, Math.floor(this.limit))), String(WINDOW_MS + WINDOW_GUARD_MS), String(gapMs), member,
      String(IN_FLIGHT_OFFSET), String(this.requestTimeoutMs + ABANDON_SLACK_MS), String(FULL_WINDOW_POLL_MS),
      this.lastReservedAt === null ? "" : String(this.lastReservedAt + LAST_KEY_SURELY_ALIVE_MS),
      String(FULL_WINDOW_LONGEST_WAIT_MS), this.witness?.member ?? "", String(this.witness?.anchor ?? 0),
    ];
    const keys = [this.key, `${this.key}:last`, `${this.key}:asking`] as const;
    let reply: unknown;
    try {
      reply = await client.evalsha(RESERVE_SHA, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
      reply = await client.eval(RESERVE_SCRIPT, keys.length, ...keys, ...args);
    }
    if (String(reply) === "lost:0") throw new Error(KEYS_LOST);
    const match = /^(?:(ok):([0-9.e+-]+):([0-9]+):([0-9.e+]+)|(full):([0-9.e+-]+):([0-9]+))$/.exec(String(reply));
    const waitMs = Number(match?.[2] ?? match?.[6]);
    const holders = Number(match?.[3] ?? match?.[7]);
    const reservedAt = Number(match?.[4]);
    // A wait past the longest timer (about 24.8 days) would fire at once: no script of ours sends one.
    if (match === null || !Number.isFinite(waitMs) || waitMs < 0 || waitMs > MAX_TIMER_MS || !(holders >= 1) || (match[1] === "ok" && !Number.isFinite(reservedAt))) {
      throw new Error(`unexpected reply from the quota script: ${String(reply)}`);
    }
    if (match[1] === "ok") this.lastReservedAt = reservedAt;
    this.holders = holders;
    return { full: match[5] === "full", waitMs };
  }

  private connect(): Promise<Redis | null> {
    if (this.client !== null) return Promise.resolve(this.client);
    this.connecting ??= this.open();
    return this.connecting;
  }

  private async open(): Promise<Redis | null> {
    try {
      const opened = await this.newClient();
      this.opening.delete(opened);
      if (this.closed) {
        opened.disconnect();
        return null;
      }
      this.client = opened;
      return opened;
    } catch (error) {
      this.fallBack(error);
      return null;
    }
  }

  /** Opens a connection; throws why it could not (the socket's own error, or the timeout). */
  private async newClient(): Promise<Redis> {
    // The socket's own error ("connect ECONNREFUSED 127.0.0.1:6379"): `connect()` rejects only
    // with "Connection is closed." when the connection never opened.
    let socketError: unknown;
    let client: Redis | null = null;
    const timeoutMs = this.options.timeoutMs ?? REDIS_TIMEOUT_MS;
    const tooLong = new Error(`connecting took longer than ${timeoutMs} ms`);
    try {
      const target = redisTarget(this.options.url);
      // Loaded only when a Redis URL is configured: no module, no socket otherwise.
      const { Redis: RedisClient } = await import("ioredis");
      // Options only, no URL: ioredis would let the URL's query override them.
      client = new RedisClient({
        host: target.host,
        port: target.port,
        ...(target.username === undefined ? {} : { username: target.username }),
        ...(target.password === undefined ? {} : { password: target.password }),
        ...(target.tls ? { tls: {} } : {}),
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectTimeout: timeoutMs,
        commandTimeout: timeoutMs,
        // No reconnection: a lost connection means the local limiter until the limiter tries again (REDIS_RETRY_MS).
        retryStrategy: () => null,
        enableReadyCheck: false,
        // No CLIENT SETINFO: an ACL user needs no command but the scripts' (and SELECT for a database).
        disableClientInfo: true,
      });
      const opened = client;
      if (this.closed) throw new Error("the limiter was closed");
      this.opening.add(opened);
      // Errors also reject the pending command, which is where they are handled; without a listener
      // the client's "error" events would crash the process.
      opened.on("error", (error: unknown) => {
        socketError ??= error;
      });
      // Only a connection that was open: one that never opened ends too, and `open` reports why.
      opened.on("end", () => {
        if (!this.closed && this.client === opened) this.fallBack(new Error("the connection closed"));
      });
      // Bounded here whatever ioredis does (its connect timeout covers the socket, not the handshake).
      await withinMs(opened.connect(), timeoutMs, tooLong);
      // ioredis reports a failed handshake command only as an "error" event.
      if (socketError !== undefined) throw socketError;
      // Selected here, not by ioredis, whose refused SELECT (an index out of range, an ACL user
      // without +select) was only an "error" event: the quota went to database 0, unsaid.
      if (target.db !== 0) {
        await opened.select(target.db).catch((error: unknown) => {
          throw new Error(`SELECT ${target.db} refused: ${error instanceof Error ? error.message : String(error)}`);
        });
      }
      return opened;
    } catch (error) {
      if (client !== null) this.opening.delete(client);
      // A connection that already ended needs no disconnect (ioredis would start a 2 s timer that keeps the process alive).
      if (client !== null && client.status !== "end") client.disconnect();
      throw error === tooLong ? error : socketError ?? error;
    }
  }

  /**
   * Tries Redis again in the background once {@link REDIS_RETRY_MS} passed since the fallback:
   * on a new connection, it writes the local limiter's calls that still count into the quota's
   * window, and the calls that follow reserve in Redis again. A failed attempt says nothing (the
   * listings were told of the fallback) and the next comes REDIS_RETRY_MS later.
   */
  private retryLater(): void {
    if (this.retrying !== null || this.closed || this.options.clock.now() - this.failedAt < REDIS_RETRY_MS) return;
    this.retrying = this.retry().finally(() => {
      this.retrying = null;
    });
  }

  private async retry(): Promise<void> {
    let client: Redis | null = null;
    let retaken = (): void => undefined;
    try {
      client = await this.newClient();
      // Answering, not only accepting connections (a stopped server's kernel accepts them): calls
      // must not wait for the command timeout below.
      await client.eval("return 1", 0);
      if (this.closed) return;
      // No call leaves through the local limiter from here: those waiting there wait for the outcome.
      this.retaking = new Promise<void>((resolve) => {
        retaken = resolve;
      });
      for (const wait of this.localWaits) wait.abort(RETAKEN);
      const now = this.options.clock.now();
      const ages = this.options.fallback.countedAges(now);
      const seeded = ages.flatMap((age, i) => [`${this.memberPrefix}:seed:${this.epoch + 1}:${i}`, String(age)]);
      await client.eval(SEED_SCRIPT, 1, this.key, String(this.requestTimeoutMs + ABANDON_SLACK_MS + WINDOW_MS + WINDOW_GUARD_MS), ...seeded);
      if (this.closed) return;
      // Calls reserved on the old connection were taken over by the local limiter: settled there.
      for (const member of this.adoptedPending) this.pending.delete(member);
      this.inFlight.clear();
      this.recent.length = 0;
      this.witness = null;
      this.lastReservedAt = null;
      this.epoch++;
      this.opening.delete(client);
      this.client = client;
      this.connecting = Promise.resolve(client);
      client = null;
      this.failed = false;
    } catch {
      // Still unavailable: the local limiter goes on; tried again later.
    } finally {
      if (client !== null) this.opening.delete(client);
      if (client !== null && client.status !== "end") client.disconnect();
      this.failedAt = this.options.clock.now();
      this.retaking = null;
      retaken();
    }
  }

  private fallBack(error: unknown): void {
    if (this.failed || this.closed) return;
    this.failed = true;
    this.failedAt = this.options.clock.now();
    // The URL's password never reaches the warning, even where a server quotes it: a
    // Redis-compatible server that refuses HELLO in words of its own (not "unknown command") quotes
    // the handshake, `HELLO 3 AUTH <user> <password>`, and ioredis fails the connection with that.
    const message = redactKnownSecrets(error instanceof Error ? error.message : String(error), redisUrlSecrets(this.options.url));
    // ioredis's words for a command sent on a connection that had just closed name an option of its
    // own, which no setting of ours reaches: said as what happened.
    const reason = message.startsWith(STREAM_NOT_WRITEABLE) ? "the connection closed" : message;
    // The local limiter takes over this process's calls still in flight and those answered within
    // the window: they count at the service, and a limiter that did not see them would burst into
    // them, be throttled by its own calls and hold only the few places it had sent itself.
    // So are the reservations made and not yet used: their calls will leave at their planned times,
    // and a local limiter that did not count them would give their places out a second time.
    const now = this.options.clock.now();
    for (const member of this.pending.keys()) this.adoptedPending.add(member);
    this.options.fallback.adopt([...this.inFlight.entries()].flatMap(([sentAt, members]) => members.map(() => sentAt)).concat([...this.pending.values()]),
      this.recent.filter((call) => call.at > now - WINDOW_MS - WINDOW_GUARD_MS));
    // A connection that already ended needs no disconnect (ioredis would start a 2 s timer that keeps the process alive).
    if (this.client !== null && this.client.status !== "end") this.client.disconnect();
    this.client = null;
    // Last: the take-over above must happen whatever the warning's receiver does.
    this.options.warn(`live-message-groups: Redis quota at ${redactRedisUrl(this.options.url)} unavailable (${oneLine(reason)}); ` +
      "falling back to the local adaptive rate limiter for this listing.");
  }
}

/**
 * `promise`, or `error` after `ms` (the timer does not keep the process alive). `promise` is
 * never left unhandled.
 */
async function withinMs<T>(promise: Promise<T>, ms: number, error: Error): Promise<T> {
  promise.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(error), ms);
    timer.unref();
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The start of ioredis's rejection of a command sent while its connection is not writable (offline queue off). */
const STREAM_NOT_WRITEABLE = "Stream isn't writeable";

/** Control characters (newlines included) escaped, so the warning stays one line; cut at 200 characters, saying so. */
function oneLine(text: string): string {
  const escaped = escapeControl(text);
  return escaped.length > 200 ? `${escaped.slice(0, 200)}...` : escaped;
}
