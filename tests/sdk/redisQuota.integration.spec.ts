import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { Redis } from "ioredis";
import { createServer, type AddressInfo } from "node:net";
import { listLiveMessageGroups, TimeoutError } from "../../sdk";
import { WindowRateLimiter } from "../../sdk/rate/rateLimiter";
import { LimiterRegistry, type LeaseRequest } from "../../sdk/rate/limiterRegistry";
import { IN_FLIGHT_OFFSET, REDIS_KEY_PREFIX, REDIS_RETRY_MS, RedisQuotaLimiter, redisQuotaKey } from "../../sdk/rate/redisQuota";
import { abortableSleep } from "../../sdk/systemClock";
import type { Clock } from "../../sdk/types";
import { ChildEmulator } from "./emulatorChild";
import { FakeClock } from "./fakeClock";
import { freePort, RedisServer } from "./redisServer";
import { until } from "../support/until";

/**
 * A real-time clock of its own: the sdk keeps one limiter registry per clock, so listings with
 * different clocks behave as separate processes would (they share only what Redis shares).
 */
function separateProcessClock(): Clock {
  return { now: () => Date.now(), sleep: abortableSleep, random: () => Math.random() };
}

describe("a quota shared through Redis (real redis-server, emulator in a child process)", function () {
  this.timeout(60_000);
  let redis: RedisServer;
  let emulator: ChildEmulator;
  const suffix = `${process.pid}x${Date.now() % 100000}`;
  const keys = [0, 1, 2].map((i) => ({ accessKeyId: `LTAIredis${i}${suffix}`, accessKeySecret: `redis-secret-${i}-Aa1Bb2Cc3` }));

  before(async () => {
    redis = await RedisServer.start();
    emulator = await ChildEmulator.start({
      callsPerSecond: 50, latencyMs: { min: 5, max: 20 },
      keyPairs: keys.map((key) => ({ ...key, accountId: "4321" })),
      apps: [{ appId: "app", groups: 5_000 }],
    });
  });
  after(async () => {
    await emulator.close();
    await redis.kill();
  });

  it("three separate limiters (one per key of one account) share the quota: zero throttled, every listing exact", async () => {
    const quotaKey = `account-4321-${suffix}`;
    const lists = await Promise.all(keys.map((credentials) => listLiveMessageGroups({
      appId: "app", endpoint: emulator.url, credentials, quotaKey, redisUrl: redis.url, clock: separateProcessClock(),
    })));
    for (const list of lists) {
      assert.equal(list.groups.length, 5_000);
      assert.equal(new Set(list.groups.map((g) => g.groupId)).size, 5_000);
    }
    const stats = await emulator.stats();
    assert.equal(stats.throttled, 0);
    assert.ok(stats.peakCallsPerSecond <= 50);
    // The quota's key in Redis is a hash: neither the quota key nor an AccessKeyId appears.
    const client = new Redis(redis.url);
    try {
      const stored = await client.keys("*");
      assert.ok(stored.length > 0 && stored.every((key) => key.startsWith(REDIS_KEY_PREFIX)), stored.join(", "));
      assert.ok(stored.every((key) => !key.includes(quotaKey) && !keys.some((k) => key.includes(k.accessKeyId))));
    } finally {
      client.disconnect();
    }
  });

  it("after Redis failed, a listing that starts while others of its quota run joins them on the local limiter (told so), and one that starts after they ended uses Redis again", async () => {
    const own = await RedisServer.start();
    const registry = new LimiterRegistry(separateProcessClock());
    const told: string[] = [];
    const quotaKey = `again-${suffix}`;
    const request = (name: string): LeaseRequest => ({ quotaKey, requestsPerSecond: 50, burst: true, redisUrl: own.url, warn: (message) => told.push(`${name}: ${message}`) });
    let restarted: RedisServer | null = null;
    try {
      const first = registry.lease(request("first"));
      first.limiter.settle(await first.limiter.acquire(), "ok");
      await own.kill();
      first.limiter.settle(await first.limiter.acquire(), "ok"); // falls back, saying so once
      assert.equal(told.length, 1);
      assert.match(told[0] as string, /^first: .*unavailable.*falling back to the local adaptive rate limiter/);
      restarted = await RedisServer.start("127.0.0.1", own.port);
      const check = new Redis(restarted.url);
      try {
        // `first` still runs: a second listing joins it on the one local limiter (a new Redis limiter
        // beside it would not see first's calls: twice the limit), and is told.
        const second = registry.lease(request("second"));
        assert.equal(second.limiter, first.limiter);
        second.limiter.settle(await second.limiter.acquire(), "ok");
        assert.equal(await check.zcard(redisQuotaKey(quotaKey)), 0, "nothing in Redis");
        assert.equal(told.length, 2);
        assert.match(told[1] as string, /^second: .*failed while other listings of this quota ran in this process; this listing joins them/);
        first.release();
        second.release();
        // None runs: the next listing uses Redis again.
        const third = registry.lease(request("third"));
        third.limiter.settle(await third.limiter.acquire(), "ok");
        assert.equal(await check.zcard(redisQuotaKey(quotaKey)), 1, "the third listing's call is in Redis");
        assert.equal(told.length, 2);
        third.release();
      } finally {
        check.disconnect();
      }
    } finally {
      await own.kill();
      await restarted?.kill();
    }
  });

  it("a listing that let go of its lease while idle (a paginate between pages) after Redis failed takes back its local limiter: no new connection, no second warning", async () => {
    const registry = new LimiterRegistry(separateProcessClock());
    const told: string[] = [];
    const quotaKey = `idle-${suffix}`;
    const port = await freePort(); // nothing listens there
    const request: LeaseRequest = { quotaKey, requestsPerSecond: 50, burst: true, redisUrl: `redis://127.0.0.1:${port}`, warn: (message) => told.push(message) };
    const first = registry.lease(request);
    first.limiter.settle(await first.limiter.acquire(), "ok"); // falls back, saying so
    assert.equal(told.length, 1);
    first.release(); // idle between pages
    const again = registry.lease(request); // the next page of the same listing
    assert.equal(again.limiter, first.limiter, "the same limiter, which counted its calls");
    const started = Date.now();
    again.limiter.settle(await again.limiter.acquire(), "ok");
    assert.ok(Date.now() - started < 500, "no new connection attempt");
    assert.equal(told.length, 1, told.join("\n"));
    // Another listing that starts while it runs joins it (told); once all have ended, Redis is tried again.
    const other: string[] = [];
    const joined = registry.lease({ ...request, warn: (message) => other.push(message) });
    assert.equal(joined.limiter, first.limiter);
    assert.match(other[0] ?? "", /failed while other listings of this quota ran/);
    assert.ok((other[0] ?? "").endsWith(`(Redis is tried again every ${REDIS_RETRY_MS / 1000} s, and once they have ended).`), other[0]);
    joined.release();
    again.release();
    const fresh = registry.lease({ ...request, warn: (message) => other.push(message) });
    assert.notEqual(fresh.limiter, first.limiter);
    fresh.release();
  });

  it(`a listing idle between pages that took back its fallen-back limiter still returns to Redis ${REDIS_RETRY_MS / 1000} s after the failure (the limiter was closed while idle)`, async () => {
    const own = await RedisServer.start();
    const clock = new FakeClock({ start: 5_000_000 });
    const registry = new LimiterRegistry(clock);
    const told: string[] = [];
    const quotaKey = `idle-back-${suffix}`;
    const request: LeaseRequest = { quotaKey, requestsPerSecond: 50, burst: true, redisUrl: own.url, warn: (message) => told.push(message) };
    let restarted: RedisServer | null = null;
    try {
      const first = registry.lease(request);
      first.limiter.settle(await first.limiter.acquire(), "ok");
      await own.kill();
      first.limiter.settle(await first.limiter.acquire(), "ok"); // falls back, saying so
      assert.equal(told.length, 1, told.join("\n"));
      first.release(); // idle between pages: the limiter is closed
      restarted = await RedisServer.start("127.0.0.1", own.port);
      const check = new Redis(restarted.url);
      try {
        const again = registry.lease(request); // the next page, on the limiter that counted its calls
        assert.equal(again.limiter, first.limiter);
        const limiter = again.limiter as RedisQuotaLimiter;
        clock.time += REDIS_RETRY_MS;
        again.limiter.settle(await again.limiter.acquire(), "ok"); // starts the attempt in the background
        assert.notEqual(limiter.reconnecting, null, "Redis is tried again");
        await limiter.reconnecting;
        assert.equal(limiter.fellBack, false, "back on the shared quota");
        again.limiter.settle(await again.limiter.acquire(), "ok");
        for (let i = 0; i < 200 && await check.zcard(redisQuotaKey(quotaKey)) < 2; i++) await abortableSleep(5);
        assert.ok(await check.zcard(redisQuotaKey(quotaKey)) >= 2, "the calls are in Redis");
        assert.equal(told.length, 1, told.join("\n"));
        again.release();
        // Its last listing let go: the connection closes, so the process can exit.
        for (let i = 0; i < 200 && String(await check.client("LIST")).trim().split("\n").length > 1; i++) await abortableSleep(5);
        assert.equal(String(await check.client("LIST")).trim().split("\n").length, 1, "only the check's connection is open");
      } finally {
        check.disconnect();
      }
    } finally {
      await own.kill();
      await restarted?.kill();
    }
  });

  it("a polite listing that joins a Redis quota makes it paced for every listing of it, through Redis too", async () => {
    const registry = new LimiterRegistry(separateProcessClock());
    const request = (burst: boolean): LeaseRequest => ({ quotaKey: `polite-${suffix}`, requestsPerSecond: 10, burst, redisUrl: redis.url, warn: () => undefined });
    const bursting = registry.lease(request(true));
    const polite = registry.lease(request(false));
    const sends: number[] = [];
    for (let i = 0; i < 3; i++) {
      const sentAt = await bursting.limiter.acquire();
      sends.push(sentAt);
      bursting.limiter.settle(sentAt, "ok");
    }
    polite.release();
    bursting.release();
    // Paced at 10 calls/s: 1000 / (10 x 0.97) = 103 ms apart; bursting, they leave at once.
    for (let i = 1; i < sends.length; i++) assert.ok((sends[i] as number) - (sends[i - 1] as number) >= 100, `sent at ${sends.join(", ")}`);
  });

  it("a listing told that Redis failed is not told again when Redis, taken back, fails a second time", async () => {
    const own = await RedisServer.start();
    const clock = new FakeClock({ start: 5_000_000 });
    const registry = new LimiterRegistry(clock);
    const told: string[] = [];
    const request: LeaseRequest = { quotaKey: `twice-${suffix}`, requestsPerSecond: 50, burst: true, redisUrl: own.url, warn: (message) => told.push(message) };
    let restarted: RedisServer | null = null;
    try {
      const lease = registry.lease(request);
      const limiter = lease.limiter as RedisQuotaLimiter;
      limiter.settle(await limiter.acquire(), "ok");
      await own.kill();
      limiter.settle(await limiter.acquire(), "ok"); // falls back, saying so
      assert.equal(told.length, 1, told.join("\n"));
      restarted = await RedisServer.start("127.0.0.1", own.port);
      clock.time += REDIS_RETRY_MS;
      limiter.settle(await limiter.acquire(), "ok"); // starts the attempt in the background
      await limiter.reconnecting;
      assert.equal(limiter.fellBack, false, "back on the shared quota");
      await restarted.kill();
      limiter.settle(await limiter.acquire(), "ok"); // falls back again
      assert.equal(limiter.fellBack, true);
      assert.equal(told.length, 1, told.join("\n"));
      lease.release();
    } finally {
      await own.kill();
      await restarted?.kill();
    }
  });

  it("a Redis quota counts a call in flight for the longest request timeout of its active listings, not the first listing's", async () => {
    const registry = new LimiterRegistry(separateProcessClock());
    const quotaKey = `timeouts-${suffix}`;
    const request = (requestTimeoutMs: number): LeaseRequest => ({ quotaKey, requestsPerSecond: 50, burst: true, redisUrl: redis.url, warn: () => undefined, requestTimeoutMs });
    const short = registry.lease(request(10_000));
    const long = registry.lease(request(60_000));
    const check = new Redis(redis.url);
    try {
      const sentAt = await long.limiter.acquire();
      // A reservation in flight stops counting 5 s past the request timeout; the set lives at least that long.
      const ttl = await check.pttl(redisQuotaKey(quotaKey));
      assert.ok(ttl > 60_000, `the set's time to live, ${ttl} ms, covers a call of the 60 s listing still in flight`);
      long.limiter.settle(sentAt, "ok");
    } finally {
      check.disconnect();
      long.release();
      short.release();
    }
  });

  it("a deadline shorter than the Redis timeout, reached while the first request waits for a Redis that does not answer, says so: not that the endpoint did not answer", async () => {
    // Accepts connections and never answers (a Redis stopped, or blackholed behind a proxy).
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const failure = await listLiveMessageGroups({
        appId: "app", endpoint: emulator.url, credentials: keys[0], redisUrl: `redis://127.0.0.1:${port}`, timeoutMs: 1000,
        quotaKey: `silent-${suffix}`, clock: separateProcessClock(), onWarning: () => undefined,
      }).then(() => null, (error: unknown) => error);
      assert.ok(failure instanceof TimeoutError, String(failure));
      assert.match(failure.message, /within timeoutMs \(1000 ms\): no request had been sent yet to the endpoint http:\/\/127\.0\.0\.1:\d+ \(it was still waiting for the rate limiter: for the Redis quota to answer, which the local limiter replaces only after 5000 ms, or for room in its window\)\.$/);
      assert.doesNotMatch(failure.message, /no answer from the endpoint/);
    } finally {
      silent.close();
    }
  });

  it("Redis unreachable: one warning line, the listing goes on with the local limiter and is exact", async () => {
    const warnings: string[] = [];
    const port = await freePort(); // nothing listens there
    const list = await listLiveMessageGroups({
      appId: "app", endpoint: emulator.url, credentials: keys[0], redisUrl: `redis://:hunter2@127.0.0.1:${port}`,
      quotaKey: `unreachable-${suffix}`, clock: separateProcessClock(), onWarning: (message) => warnings.push(message),
    });
    assert.equal(list.groups.length, 5_000);
    assert.equal(warnings.length, 1, warnings.join("\n"));
    assert.match(warnings[0] as string, /falling back to the local adaptive rate limiter/);
    assert.doesNotMatch(warnings[0] as string, /hunter2|\n/);
  });

  it("Redis dies in the middle of a listing: one warning line, the listing is exact", async () => {
    const doomed = await RedisServer.start();
    const warnings: string[] = [];
    let killed: Promise<void> | null = null;
    const list = await listLiveMessageGroups({
      appId: "app", endpoint: emulator.url, credentials: keys[1], redisUrl: doomed.url, quotaKey: `dying-${suffix}`,
      clock: separateProcessClock(), onWarning: (message) => warnings.push(message),
      onProgress: (progress) => {
        if (killed === null && progress.pagesDone >= 30) killed = doomed.kill();
      },
    });
    await killed;
    assert.ok(killed !== null, "Redis was killed mid-listing");
    assert.equal(list.groups.length, 5_000);
    assert.equal(new Set(list.groups.map((g) => g.groupId)).size, 5_000);
    assert.equal(warnings.length, 1, warnings.join("\n"));
  });

  it("an answered call is anchored half the fastest round trip before its answer, on the server's clock; after a throttle, at its answer", async () => {
    let clockMs = 1_000;
    // A sleep moves the clock at once (the limiter waits until its planned time by the clock).
    const clock: Clock = { now: () => clockMs, sleep: async (ms) => { clockMs += ms; }, random: () => 0.5 };
    const quotaKey = `anchor-${suffix}`;
    const limiter = new RedisQuotaLimiter({
      url: redis.url, quotaKey, clock, limit: 50, burst: true, fallback: new WindowRateLimiter(clock, 50), warn: () => undefined,
      arrivalRampCalls: 1,
    });
    const client = new Redis(redis.url);
    /** The scores of the quota's calls, and the server's time in ms, once `count` calls are anchored. */
    const anchored = async (count: number): Promise<{ scores: number[]; serverMs: number }> => {
      let found = { scores: [] as number[], serverMs: 0 };
      await until(() => `${count} anchored calls in the quota, which holds ${JSON.stringify(found.scores)}`, async () => {
        const [seconds, micros] = await client.time();
        const serverMs = Number(seconds) * 1000 + Number(micros) / 1000;
        const flat = await client.zrange(redisQuotaKey(quotaKey), "0", "-1", "WITHSCORES");
        found = { scores: flat.filter((_, i) => i % 2 === 1).map(Number).filter((score) => score < IN_FLIGHT_OFFSET).sort((a, b) => a - b), serverMs };
        return found.scores.length >= count;
      });
      return found;
    };
    try {
      const first = await limiter.acquire();
      clockMs += 80;
      limiter.settle(first, "ok");
      const one = await anchored(1);
      // 40 ms (half of 80) before the server's present when it anchored, which was just before `serverMs`.
      const back = one.serverMs - (one.scores[0] as number);
      assert.ok(back >= 40 && back < 40 + 500, `anchored ${back} ms before the server's present`);

      const throttled = await limiter.acquire();
      clockMs += 5;
      limiter.settle(throttled, "throttled");
      const third = await limiter.acquire();
      clockMs += 80;
      // At its answer: not before the server's present read before it is settled. (Measured from the
      // present read after it was anchored, as for the first, it had to be within 40 ms of it: a
      // bound on this process's polling, which a loaded machine stalls past.)
      const [seconds, micros] = await client.time();
      const settledFrom = Number(seconds) * 1000 + Number(micros) / 1000;
      limiter.settle(third, "ok");
      const two = await anchored(2);
      assert.equal(two.scores.length, 2, "the throttled call left the window");
      const anchorThird = two.scores[1] as number;
      assert.ok(anchorThird >= settledFrom && anchorThird <= two.serverMs,
        `after a throttle, anchored ${settledFrom - anchorThird} ms before the server's present when it was settled: at its answer`);
    } finally {
      limiter.close();
      client.disconnect();
    }
  });

  it("Redis in cluster mode behind one endpoint that serves every slot (a proxy): the quota's two keys share a slot, the listing shares the quota without falling back", async () => {
    const cluster = await RedisServer.startCluster();
    const admin = new Redis(cluster.url);
    try {
      const warnings: string[] = [];
      const list = await listLiveMessageGroups({
        appId: "app", endpoint: emulator.url, credentials: keys[0], redisUrl: cluster.url, quotaKey: `cluster-${suffix}`,
        clock: separateProcessClock(), onWarning: (message) => warnings.push(message),
      });
      assert.equal(list.groups.length, 5_000);
      assert.deepEqual(warnings, []);
      const key = redisQuotaKey(`cluster-${suffix}`);
      assert.equal(await admin.call("CLUSTER", "KEYSLOT", `${key}:last`), await admin.call("CLUSTER", "KEYSLOT", key));
      assert.ok(await admin.exists(`${key}:last`) === 1, "the quota lives in the cluster");
    } finally {
      admin.disconnect();
      await cluster.kill();
    }
  });

  it("a listing with Redis configured does not keep the process alive afterwards", async () => {
    const script = join(__dirname, "runListingWithRedis.js");
    const started = Date.now();
    const output = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, [script, emulator.url, JSON.stringify(keys[2]), redis.url], { timeout: 30_000 }, (error, stdout) => {
        if (error) reject(error);
        else resolve(stdout);
      });
    });
    assert.equal(output.trim(), "5000");
    // A bound for a hang, not a measurement: a kept-alive connection would hold the child until the 30 s timeout.
    assert.ok(Date.now() - started < 25_000);
  });
});
