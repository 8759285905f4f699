import { REDIS_RETRY_MS, RedisQuotaLimiter, redactRedisUrl } from "./redisQuota";
import { WindowRateLimiter, type QuotaLimiter } from "./rateLimiter";
import { DEFAULT_REQUEST_TIMEOUT_MS } from "../options/validateOptions";
import { systemClock } from "../systemClock";
import type { Clock } from "../types";

/** A listing's hold on the limiter of its quota key; release it when the listing ends. */
export interface LimiterLease {
  readonly limiter: QuotaLimiter;
  /** The listings of this process sharing the limiter now, this one included (they split its rate). */
  sharedBy(): number;
  release(): void;
}

/** What a listing asks of its quota's limiter. */
export interface LeaseRequest {
  /** Names the quota: the AccessKeyId, or an account named by the user. */
  readonly quotaKey: string;
  readonly requestsPerSecond: number;
  readonly burst: boolean;
  /** Share the quota through Redis at this URL; null: this process only. */
  readonly redisUrl: string | null;
  /** Where the one-line warning of a Redis fallback goes. */
  readonly warn: (message: string) => void;
  /** The listing's request timeout, ms (a Redis reservation in flight longer than the longest cannot be alive). */
  readonly requestTimeoutMs?: number;
}

interface Entry {
  readonly local: WindowRateLimiter;
  /** The quota in Redis (null: none configured); the entry goes when its last listing ends. */
  readonly redis: RedisQuotaLimiter | null;
  /** The active listings' requests. */
  readonly leases: LeaseRequest[];
  /** When the last listing ended (clock ms), while none runs; null while some do. */
  idleSince: number | null;
  /** The listings told that Redis failed. */
  readonly warned: WeakSet<LeaseRequest>;
}

/**
 * How long a quota's local limiter that learnt nothing (never throttled) is kept after its last
 * listing ended, ms: a process that lists under many keys (a new STS AccessKeyId per assumed role, a
 * quota key per tenant) must not keep one limiter per key forever. A limiter the service throttled
 * is kept longer ({@link IDLE_FORGET_THROTTLED_MS}): what it learnt (its share, the paced mode) still holds for the key.
 */
export const IDLE_FORGET_MS = 60_000;
/**
 * How long a throttled quota's local limiter is kept after its last listing ended, ms. What it learnt
 * holds for a while, not for good: kept forever, a long-lived process listing under a new key now and
 * then (an STS AccessKeyId per assumed role session, the default quota key) kept about 1 KB for every
 * key the service ever throttled.
 */
export const IDLE_FORGET_THROTTLED_MS = 3_600_000;

/**
 * One limiter per quota key (and Redis URL). While several listings of one quota run, the LOWEST
 * requested requestsPerSecond applies to all of them (a listing that asked for less must get at most
 * that), and one listing asking for the polite paced mode makes it paced for all. Local limiters
 * outlive their listings (what they learnt from throttling still holds for the key); a Redis limiter
 * closes its connection when its last listing ends, so the process can exit.
 */
export class LimiterRegistry {
  private readonly entries = new Map<string, Entry>();
  /**
   * The Redis entry each listing last held. A listing lets go of its lease while idle (a paginate
   * between pages) and takes one again: if Redis had failed under it and no listing of its quota
   * runs now, it takes back that entry, on the local limiter that counted its calls, rather than
   * connect again (up to the 5 s timeout per page, and one more warning per page, for one listing).
   */
  private readonly lastHeld = new WeakMap<LeaseRequest, Entry>();

  constructor(private readonly clock: Clock) {}

  lease(request: LeaseRequest): LimiterLease {
    this.forgetIdle();
    const id = `${request.quotaKey}\u0000${request.redisUrl ?? ""}`;
    let entry = this.entries.get(id);
    const before = this.lastHeld.get(request);
    if (entry === undefined && before?.redis?.fellBack === true) {
      entry = before;
      // Closed when its last listing let go; it tries Redis again while it is used (REDIS_RETRY_MS).
      before.redis.reopen();
      this.entries.set(id, entry);
    }
    if (entry === undefined) {
      const local = new WindowRateLimiter(this.clock, request.requestsPerSecond, request.burst);
      const leases: LeaseRequest[] = [];
      const warned = new WeakSet<LeaseRequest>();
      const redis = request.redisUrl === null ? null : this.redisFor(request, request.redisUrl, local, leases, warned);
      entry = { local, redis, leases, idleSince: null, warned };
      this.entries.set(id, entry);
    }
    const held = entry;
    // Redis is tried again by the fallen-back limiter itself every REDIS_RETRY_MS (taking over the
    // local limiter's calls), and by a listing that starts once none of the quota's listings runs (the
    // entry, Redis limiter and all, goes with the last); while some do, a new one joins them on the
    // limiter they use, fallen back or not: two limiters of one quota in one process (a new Redis
    // one, and the local one of the listings that saw Redis fail) would not see each other's calls,
    // and together send up to twice the limit.
    if (held.redis?.fellBack === true && !held.warned.has(request)) {
      held.warned.add(request);
      request.warn(`live-message-groups: the Redis quota at ${redactRedisUrl(request.redisUrl ?? "")} failed while other listings of this ` +
        "quota ran in this process; this listing joins them on the local adaptive rate limiter (Redis is tried again every " +
        `${REDIS_RETRY_MS / 1000} s, and once they have ended).`);
    }
    held.idleSince = null;
    held.leases.push(request);
    if (held.redis !== null) this.lastHeld.set(request, held);
    this.apply(held);
    let released = false;
    return {
      limiter: held.redis ?? held.local,
      sharedBy: () => Math.max(1, held.leases.length),
      release: () => {
        if (released) return;
        released = true;
        held.leases.splice(held.leases.indexOf(request), 1);
        if (held.leases.length > 0) {
          this.apply(held);
          return;
        }
        held.idleSince = this.clock.now();
        if (held.redis !== null) {
          held.redis.close();
          this.entries.delete(id);
        }
      },
    };
  }

  /** Quota limiters of this process now (tests). */
  get size(): number {
    return this.entries.size;
  }

  /** Drops the local limiters idle for IDLE_FORGET_MS (IDLE_FORGET_THROTTLED_MS for those the service throttled). */
  private forgetIdle(): void {
    const now = this.clock.now();
    for (const [id, entry] of this.entries) {
      if (entry.idleSince === null) continue;
      if (now - entry.idleSince >= (entry.local.throttledEver ? IDLE_FORGET_THROTTLED_MS : IDLE_FORGET_MS)) this.entries.delete(id);
    }
  }

  private redisFor(request: LeaseRequest, url: string, local: WindowRateLimiter, leases: readonly LeaseRequest[], warned: WeakSet<LeaseRequest>): RedisQuotaLimiter {
    // The fallback's warning goes to every listing running when it happens (the first lease's
    // listing may long have ended), each told once (a listing that joins later is told as it joins).
    const warnActive = (message: string): void => {
      for (const lease of [...leases]) {
        if (warned.has(lease)) continue;
        warned.add(lease);
        lease.warn(message);
      }
    };
    return new RedisQuotaLimiter({
      url, quotaKey: request.quotaKey, clock: this.clock, limit: request.requestsPerSecond,
      burst: request.burst, fallback: local, warn: warnActive, requestTimeoutMs: request.requestTimeoutMs,
    });
  }

  private apply(entry: Entry): void {
    const rate = Math.min(...entry.leases.map((lease) => lease.requestsPerSecond));
    const burst = entry.leases.every((lease) => lease.burst);
    entry.local.setMaxRequestsPerSecond(rate);
    entry.local.setBurst(burst);
    entry.redis?.setLimit(rate);
    entry.redis?.setBurst(burst);
    entry.redis?.setRequestTimeoutMs(Math.max(...entry.leases.map((lease) => lease.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS)));
  }
}

/** Versioned so a future incompatible registry does not collide with this one. */
const REGISTRY_KEY = Symbol.for("pulumi-alicloud-live-message-groups/limiter-registry/v2");
const byClock = new WeakMap<Clock, LimiterRegistry>();

/**
 * The registry for `clock`. With the system clock it lives on `globalThis` under a Symbol.for key,
 * so two copies of this package in one process share it; an injected clock (tests) gets its own,
 * because limiters must not mix time bases.
 */
export function limiterRegistryFor(clock: Clock): LimiterRegistry {
  if (clock === systemClock) {
    const holder = globalThis as { [REGISTRY_KEY]?: LimiterRegistry };
    holder[REGISTRY_KEY] ??= new LimiterRegistry(systemClock);
    return holder[REGISTRY_KEY];
  }
  let registry = byClock.get(clock);
  if (registry === undefined) {
    registry = new LimiterRegistry(clock);
    byClock.set(clock, registry);
  }
  return registry;
}
