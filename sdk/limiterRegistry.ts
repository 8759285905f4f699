import { AdaptiveRateLimiter } from "./rateLimiter";
import { systemClock } from "./systemClock";
import type { Clock } from "./types";

/** A listing's hold on the limiter of its AccessKeyId; release it when the listing ends. */
export interface LimiterLease {
  readonly limiter: AdaptiveRateLimiter;
  release(): void;
}

interface Entry {
  readonly limiter: AdaptiveRateLimiter;
  /** requestsPerSecond of each active listing. */
  readonly rates: number[];
}

/**
 * One limiter per AccessKeyId. While several listings of one key run, the LOWEST requested
 * requestsPerSecond applies to all of them (a listing that asked for less must get at most that).
 */
export class LimiterRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly clock: Clock) {}

  lease(accessKeyId: string, requestsPerSecond: number): LimiterLease {
    let entry = this.entries.get(accessKeyId);
    if (entry === undefined) {
      entry = { limiter: new AdaptiveRateLimiter(this.clock, requestsPerSecond), rates: [] };
      this.entries.set(accessKeyId, entry);
    }
    const held = entry;
    held.rates.push(requestsPerSecond);
    held.limiter.setMaxRequestsPerSecond(Math.min(...held.rates));
    let released = false;
    return {
      limiter: held.limiter,
      release: () => {
        if (released) return;
        released = true;
        held.rates.splice(held.rates.indexOf(requestsPerSecond), 1);
        if (held.rates.length > 0) held.limiter.setMaxRequestsPerSecond(Math.min(...held.rates));
      },
    };
  }
}

/** Versioned so a future incompatible registry does not collide with this one. */
const REGISTRY_KEY = Symbol.for("pulumi-alicloud-live-message-groups/limiter-registry/v1");
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
