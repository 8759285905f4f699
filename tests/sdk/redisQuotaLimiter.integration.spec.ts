import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { isDeepStrictEqual } from "node:util";
import { Redis } from "ioredis";
import { PACED_MARGIN, WINDOW_GUARD_MS, WINDOW_MS, WindowRateLimiter } from "../../sdk/rate/rateLimiter";
import { FULL_WINDOW_LONGEST_WAIT_MS, IN_FLIGHT_OFFSET, REDIS_KEY_PREFIX, REDIS_RETRY_MS, RedisQuotaLimiter, redactRedisUrl, redisQuotaKey, redisTarget } from "../../sdk/rate/redisQuota";
import { redisUrlProblem } from "../../sdk/options/listingOptionsSchema";
import { abortableSleep } from "../../sdk/systemClock";
import type { Clock } from "../../sdk/types";
import { FakeClock, VirtualClock } from "./fakeClock";
import type { PageClient } from "../../sdk/transport/createPageClient";
import { listAppendOnly } from "../../sdk/listing/listAppendOnly";
import { createSession } from "../../sdk/listing/openListingSession";
import { validateOptions } from "../../sdk/options/validateOptions";
import { freePort, RedisServer, replyHoldingRelay } from "./redisServer";
import { until } from "../support/until";

/** The commands (arrays of bulk strings, as clients send them) complete at the start of `buffer`, and the rest. */
function parseCommands(buffer: Buffer): { commands: string[][]; rest: Buffer } {
  const commands: string[][] = [];
  let at = 0;
  parsing: for (;;) {
    const headerEnd = buffer.indexOf("\r\n", at);
    if (headerEnd < 0) break;
    const count = Number(buffer.toString("latin1", at + 1, headerEnd));
    const args: string[] = [];
    let next = headerEnd + 2;
    for (let i = 0; i < count; i++) {
      const lengthEnd = buffer.indexOf("\r\n", next);
      if (lengthEnd < 0) break parsing;
      const length = Number(buffer.toString("latin1", next + 1, lengthEnd));
      if (buffer.length < lengthEnd + 2 + length + 2) break parsing;
      args.push(buffer.toString("utf8", lengthEnd + 2, lengthEnd + 2 + length));
      next = lengthEnd + 2 + length + 2;
    }
    commands.push(args);
    at = next;
  }
  return { commands, rest: buffer.subarray(at) };
}

/** A bulk string reply. */
const bulk = (text: string): string => `$${Buffer.byteLength(text)}\r\n${text}\r\n`;

interface FakeRedis {
  readonly url: string;
  /** Every command received, in order (command names upper-cased). */
  readonly commands: string[][];
  /** Connections accepted so far. */
  readonly connections: () => number;
  /** Connections open now (the client's end closes one). */
  readonly open: () => number;
  stop(): Promise<void>;
}

/** A raw reply a {@link fakeRedis} sends `afterMs` after the command arrived. */
interface LateReply {
  readonly afterMs: number;
  readonly raw: string;
}

/**
 * A server that speaks Redis's protocol but is not the quota's Redis (a proxy, another product on
 * the port, a server in trouble). `answer` is a bulk string sent for every command, or a function
 * that returns the raw reply to a command (`null`: never answer it; a {@link LateReply}: later).
 */
async function fakeRedis(answer: string | ((command: readonly string[]) => string | LateReply | null)): Promise<FakeRedis> {
  const reply = typeof answer === "string" ? () => bulk(answer) : answer;
  const sockets = new Set<Socket>();
  const commands: string[][] = [];
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    let pending: Buffer = Buffer.alloc(0);
    socket.on("data", (chunk) => {
      const { commands: received, rest } = parseCommands(Buffer.concat([pending, chunk]));
      pending = rest;
      for (const [name = "", ...args] of received) {
        const command = [name.toUpperCase(), ...args];
        commands.push(command);
        const raw = reply(command);
        if (typeof raw === "string") socket.write(raw);
        else if (raw !== null) setTimeout(() => socket.write(raw.raw), raw.afterMs);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    commands,
    connections: () => connections,
    open: () => sockets.size,
    stop: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

/** Runs `spec` against a {@link fakeRedis} answering with `answer`, and stops the server after it. */
async function withFakeRedis(answer: Parameters<typeof fakeRedis>[0], spec: (fake: FakeRedis) => Promise<void>): Promise<void> {
  const fake = await fakeRedis(answer);
  try {
    await spec(fake);
  } finally {
    await fake.stop();
  }
}

/**
 * The first warning a limiter gives, as a promise (it may come from a command the limiter does not
 * await), rejected when none came within `withinMs` (a bound for a missing warning, not a
 * measurement); `count` tells how many came.
 */
function firstWarning(withinMs = 5000): { told: Promise<string>; onWarning: (message: string) => void; count: () => number } {
  let count = 0;
  let tell: (message: string) => void = () => undefined;
  const told = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no warning within ${withinMs} ms`)), withinMs);
    tell = (message) => {
      clearTimeout(timer);
      resolve(message);
    };
  });
  return { told, onWarning: (message) => { count++; tell(message); }, count: () => count };
}

/** The polite mode's gap at 10 calls/s, ms. */
const PACED_GAP_MS = 1000 / (10 * PACED_MARGIN);

const realClock: Clock = { now: () => Date.now(), sleep: abortableSleep, random: () => 0.5 };

/**
 * Asserts that the quota reserved each call at least the polite gap after the one before (the
 * reservations are Redis's times, what the limiter decides; less 0.1 ms, as the script keeps the
 * last one to Lua's 14 significant digits), and that each send left no sooner
 * than its reservation (less 2 ms: this process reads whole ms, and plans the send by its own clock
 * from the reply). The gaps between the send times themselves are not asserted: on a loaded machine a sleep
 * that overran by a few ms brought the next send closer (CI: 98 ms after one that overran 5 ms).
 */
function assertPaced(sends: readonly number[], reserved: readonly number[], what: string): void {
  const facts = `${what}, sent at ${sends.join(", ")}, reserved at ${reserved.map((at) => at.toFixed(3)).join(", ")}`;
  assert.equal(reserved.length, sends.length, facts);
  for (let i = 0; i < sends.length; i++) {
    if (i > 0) assert.ok((reserved[i] as number) - (reserved[i - 1] as number) >= PACED_GAP_MS - 0.1, facts);
    assert.ok((sends[i] as number) >= (reserved[i] as number) - 2, facts);
  }
}

describe("the Redis quota's names: no secret or account name leaves the process", () => {
  it("a Redis URL in messages has its password and user name masked", () => {
    assert.equal(redactRedisUrl("redis://alice:hunter2@cache.internal:6380/2"), "redis://***:***@cache.internal:6380/2");
    assert.equal(redactRedisUrl("redis://:hunter2@127.0.0.1:6379"), "redis://:***@127.0.0.1:6379");
    assert.equal(redactRedisUrl("rediss://cache.internal:6380"), "rediss://cache.internal:6380");
    assert.equal(redactRedisUrl("not a url :hunter2@"), "<unparseable URL>");
    // ioredis takes client options from the query too.
    assert.equal(redactRedisUrl("redis://127.0.0.1:6379/?password=hunter2&db=3&sentinelPassword=s2&username=bob"),
      "redis://127.0.0.1:6379/?password=***&db=3&sentinelPassword=***&username=***");
  });

  it("a password cut at an unencoded # (the rest in the URL's fragment) is refused without quoting the URL, and masked in messages", () => {
    for (const url of ["redis://127.0.0.1:6379?password=abc#SECRETPART", "redis://lmg@cache.internal:6379/3?password=pa#SECRETPART", "redis://127.0.0.1:6379/0#SECRETPART"]) {
      assert.doesNotMatch(redactRedisUrl(url), /SECRETPART/, url);
      const problem = redisUrlProblem(url);
      assert.match(problem ?? "accepted", /fragment.*%23/, url);
      assert.doesNotMatch(problem as string, /SECRETPART/);
      assert.throws(() => redisTarget(url), (error: Error) => /fragment/.test(error.message) && !/SECRETPART/.test(error.message));
    }
    assert.equal(redisUrlProblem("redis://:abc%23SECRETPART@127.0.0.1:6379"), undefined);
    assert.equal(redisTarget("redis://:abc%23SECRETPART@127.0.0.1:6379").password, "abc#SECRETPART");
  });

  it("a quota's Redis key is the prefix and, in a hash tag, 32 hex digits of a SHA-256 of the quota key, which it does not contain", () => {
    const key = redisQuotaKey("account-1234567890");
    assert.match(key, /^live-message-groups:quota:v2:\{[0-9a-f]{32}\}$/);
    assert.ok(key.startsWith(REDIS_KEY_PREFIX));
    assert.equal(key.slice(REDIS_KEY_PREFIX.length), `{${createHash("sha256").update("live-message-groups:account-1234567890").digest("hex").slice(0, 32)}}`);
    assert.doesNotMatch(key, /1234567890/);
    assert.notEqual(redisQuotaKey("account-1234567891"), key);
  });
});

describe("the connection a Redis URL names (redisTarget)", () => {
  it("an IPv6 host is connected to without its brackets (a URL writes it in them; the socket takes the address alone)", () => {
    assert.deepEqual(redisTarget("redis://[2001:db8::7]:6380/2"), { host: "2001:db8::7", port: 6380, tls: false, db: 2 });
    assert.deepEqual(redisTarget("rediss://[::1]"), { host: "::1", port: 6379, tls: true, db: 0 });
  });
});

/**
 * Runs `spec` with a redis-server of its own (`own`), which the spec may kill and then `restart` on
 * the same port; `restart` resolves to a client of the restarted server, for checks. The servers and
 * that client are gone afterwards, whatever the spec did.
 */
async function withRestartableRedis(spec: (own: RedisServer, restart: () => Promise<Redis>) => Promise<void>): Promise<void> {
  const own = await RedisServer.start();
  const started: { server: RedisServer | null; check: Redis | null } = { server: null, check: null };
  try {
    await spec(own, async () => {
      started.server = await RedisServer.start("127.0.0.1", own.port);
      started.check = new Redis(started.server.url);
      return started.check;
    });
  } finally {
    started.check?.disconnect();
    await own.kill();
    await started.server?.kill();
  }
}

describe("RedisQuotaLimiter against a real redis-server", function () {
  this.timeout(30_000);
  let redis: RedisServer;
  let admin: Redis;
  const suffix = `${process.pid}x${Date.now() % 100000}`;
  let serial = 0;
  const limiters: RedisQuotaLimiter[] = [];

  /** A limiter on a quota of its own; closed after each spec. */
  function limiterFor(options: {
    clock?: Clock; limit?: number; burst?: boolean; warnings?: string[]; onWarning?: (message: string) => void; url?: string; timeoutMs?: number; requestTimeoutMs?: number;
    quotaKey?: string;
  } = {}): {
    limiter: RedisQuotaLimiter; fallback: WindowRateLimiter; quotaKey: string;
  } {
    const clock = options.clock ?? realClock;
    const fallback = new WindowRateLimiter(clock, options.limit ?? 50);
    const quotaKey = options.quotaKey ?? `spec-${suffix}-${++serial}`;
    const limiter = new RedisQuotaLimiter({
      url: options.url ?? redis.url, quotaKey, clock, limit: options.limit ?? 50, burst: options.burst ?? true, fallback,
      warn: (message) => {
        options.warnings?.push(message);
        options.onWarning?.(message);
      },
      arrivalRampCalls: 1,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
    });
    limiters.push(limiter);
    return { limiter, fallback, quotaKey };
  }

  it("a reservation whose reply comes back after Redis failed is not used: the local limiter, which took over without it, places the call", async () => {
    const warnings: string[] = [];
    const { limiter, fallback } = limiterFor({ limit: 5, warnings });
    // Redis fails (another call's answer could not be settled) just as this reservation's reply is in.
    const internals = limiter as unknown as { reserveWhenRoom: (...args: unknown[]) => Promise<unknown>; fallBack: (error: unknown) => void };
    const reserve = internals.reserveWhenRoom.bind(limiter);
    internals.reserveWhenRoom = async (...args: unknown[]) => {
      const reply = await reserve(...args);
      internals.fallBack(new Error("a settle failed"));
      return reply;
    };
    let placedLocally = 0;
    const acquire = fallback.acquire.bind(fallback);
    fallback.acquire = (signal) => {
      placedLocally++;
      return acquire(signal);
    };
    limiter.settle(await limiter.acquire(), "ok");
    assert.equal(placedLocally, 1, "the local limiter placed the call");
    assert.equal(warnings.length, 1);
  });

  /** The quota's calls: answered (their anchors) and in flight. */
  async function entries(quotaKey: string): Promise<{ answered: number[]; inFlight: number }> {
    const flat = await admin.zrange(redisQuotaKey(quotaKey), "0", "-1", "WITHSCORES");
    const scores = flat.filter((_, i) => i % 2 === 1).map(Number);
    return { answered: scores.filter((score) => score < IN_FLIGHT_OFFSET), inFlight: scores.filter((score) => score >= IN_FLIGHT_OFFSET).length };
  }

  /** The times (Redis's clock, ms) the quota reserved for its calls in flight, in order. */
  async function reservations(quotaKey: string): Promise<number[]> {
    const flat = await admin.zrange(redisQuotaKey(quotaKey), "0", "-1", "WITHSCORES");
    return flat.filter((_, i) => i % 2 === 1).map(Number).filter((score) => score >= IN_FLIGHT_OFFSET).map((score) => score - IN_FLIGHT_OFFSET).sort((a, b) => a - b);
  }

  /** Waits until the quota holds `answered` anchored calls (settling is not awaited by the limiter). */
  async function untilAnswered(quotaKey: string, answered: number): Promise<{ answered: number[]; inFlight: number }> {
    let now = await entries(quotaKey);
    await until(() => `${answered} answered calls in the quota, which holds ${JSON.stringify(now)}`, async () => (now = await entries(quotaKey)).answered.length >= answered);
    return now;
  }

  /** Calls of `command` the server has run so far. */
  async function commandCalls(command: string): Promise<number> {
    const info = await admin.info("commandstats");
    const match = new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(info);
    return match === null ? 0 : Number(match[1]);
  }

  before(async () => {
    redis = await RedisServer.start();
    admin = new Redis(redis.url);
  });
  afterEach(() => {
    for (const limiter of limiters.splice(0)) limiter.close();
  });
  after(async () => {
    admin.disconnect();
    await redis.kill();
  });

  it("bursting, calls leave at once; the polite mode spaces them 1000 / (limit x PACED_MARGIN) ms apart", async () => {
    const { limiter: bursting } = limiterFor({ limit: 10 });
    const burst = [await bursting.acquire(), await bursting.acquire(), await bursting.acquire()];
    assert.ok((burst[2] as number) - (burst[0] as number) < 60, `burst sent at ${burst.join(", ")}`);
    // Answers do not pace it (only a throttle does).
    for (const sentAt of burst) bursting.settle(sentAt, "ok");
    const more = [await bursting.acquire(), await bursting.acquire(), await bursting.acquire()];
    assert.ok((more[2] as number) - (more[0] as number) < 60, `after answers, sent at ${more.join(", ")}`);
    const { limiter: polite, quotaKey } = limiterFor({ limit: 10, burst: false });
    const paced = [await polite.acquire(), await polite.acquire(), await polite.acquire()];
    assertPaced(paced, await reservations(quotaKey), "polite");
  });

  it("the rate in force is the limit split between the processes holding calls in the window (each limiter is one process), itself included", async () => {
    const { limiter: a, quotaKey } = limiterFor({ limit: 50 });
    const { limiter: b } = limiterFor({ limit: 50, quotaKey });
    const { limiter: c } = limiterFor({ limit: 50, quotaKey });
    assert.equal(a.currentRate(), 50, "before any reservation");
    const sentByA = await a.acquire();
    assert.equal(a.currentRate(), 50, "alone in the window");
    await a.acquire();
    await b.acquire();
    assert.equal(b.currentRate(), 25, "a holds calls (two: counted once)");
    await c.acquire();
    assert.equal(c.currentRate(), 50 / 3);
    // An answered call still counts in the window, as a call in flight does.
    a.settle(sentByA, "ok");
    await a.acquire();
    assert.equal(a.currentRate(), 50 / 3);
  });

  it("processes asking for a place in a full window count in the rate in force, not only those holding calls there (the window holds about the limit's worth of calls)", async () => {
    // At 2 calls/s the window holds a's two calls; b and c wait for a place. Counted from the
    // window alone, c saw two holders (a and itself) and fitted its deadline to 1 call/s: a fleet of
    // 30 at 4 calls/s saw at most 9 and missed its deadlines while the quota was fully used.
    const { limiter: a, quotaKey } = limiterFor({ limit: 2 });
    const { limiter: b } = limiterFor({ limit: 2, quotaKey });
    const { limiter: c } = limiterFor({ limit: 2, quotaKey });
    await a.acquire();
    await a.acquire();
    const stop = new AbortController();
    const waiting = [b.acquire(stop.signal).catch(() => undefined)];
    try {
      await until("b counted as asking", () => b.currentRate() !== 2);
      assert.equal(b.currentRate(), 1, "a holds the window, b asks");
      waiting.push(c.acquire(stop.signal).catch(() => undefined));
      await until("c counted as asking", () => c.currentRate() !== 2);
      assert.equal(c.currentRate(), 2 / 3, "a holds the window, b and c ask");
    } finally {
      stop.abort(new Error("done"));
      await Promise.all(waiting);
    }
  });

  it("a listing's default deadline is fitted to its share of a quota other processes hold calls of: 2,000 pages with 4 others in the window get 3 x 2,000 / (50 / 5) s, not 5 minutes", async () => {
    const quotaKey = `spec-${suffix}-${++serial}`;
    const key = redisQuotaKey(quotaKey);
    // Four other processes' calls in flight (reserved now, on Redis's clock), as the script writes them.
    const [seconds, micros] = await admin.time();
    const now = Number(seconds) * 1000 + Number(micros) / 1000;
    for (let i = 0; i < 4; i++) await admin.zadd(key, IN_FLIGHT_OFFSET + now, `other${i}:1`);
    await admin.pexpire(key, 60_000);
    const clock = new VirtualClock();
    let reached: () => void = () => undefined;
    const waiting = new Promise<void>((resolve) => (reached = resolve));
    // Page 1 says 2,000 pages (pageSize 1); every later page never answers.
    const client: PageClient = {
      fetchPage(request) {
        if (request.pageNumber !== 1) {
          reached();
          return new Promise<never>(() => undefined);
        }
        return Promise.resolve({ pageNumber: 1, pageSize: 1, totalCount: 2000, requestId: "r1", groups: [
          { groupId: "g0", groupName: "", groupInfo: "", creatorId: "", adminList: [], createTime: 0, deleted: false },
        ] });
      },
    };
    const options = validateOptions({ appId: "app", clock, credentials: { accessKeyId: "k", accessKeySecret: "s" }, pageSize: 1, redisUrl: redis.url, quotaKey });
    const session = createSession(options, client, { appId: "app", dataCenter: "cn-shanghai", accessKeyId: "k", secrets: [] });
    try {
      const listed = listAppendOnly(session).then(() => assert.fail("listed"), (error: unknown) => error);
      await waiting;
      await clock.run();
      const error = await listed;
      assert.match(String(error), /did not finish within the default deadline \(600000 ms, 3 x 2000 pages at 10\.0 calls\/s; set timeoutMs to change it\)/);
      // The session counts its start a fraction of a millisecond before the clock's 0 (the real time it took to open).
      assert.ok(clock.now() > 599_999 && clock.now() <= 600_000, `ended at ${clock.now()} ms`);
    } finally {
      session.close();
    }
  });

  it("a timer that fires early (Node measures it from the event loop's cached time) does not send a call before its reservation", async () => {
    // 4 ms early, as after a busy stretch of the event loop: a wait of 4 ms or less ends at the loop's
    // next turn, most often within the same millisecond by the clock (CI: a call sent 2.2 ms early
    // when the limiter took a clock that had not moved for one that never moves).
    const early: Clock = {
      ...realClock,
      sleep: (ms, signal) => (ms > 4 ? abortableSleep(ms - 4, signal) : new Promise((resolve) => setImmediate(resolve))),
    };
    const { limiter: polite, quotaKey } = limiterFor({ clock: early, limit: 10, burst: false });
    const paced = [await polite.acquire(), await polite.acquire(), await polite.acquire()];
    assertPaced(paced, await reservations(quotaKey), "polite, timers 4 ms early");
  });

  it("under one call per second (0.5) the quota spaces calls 2,000 ms apart, also while bursting (a window holds one call)", async () => {
    // The waits are recorded, not slept: this process's clock moves on by them at once, the quota's
    // own clock (Redis TIME) does not.
    const waits: number[] = [];
    let skipped = 0;
    const clock: Clock = { now: () => Date.now() + skipped, sleep: async (ms) => { waits.push(ms); skipped += ms; }, random: () => 0.5 };
    for (const burst of [true, false]) {
      waits.length = 0;
      const { limiter } = limiterFor({ clock, limit: 0.5, burst });
      limiter.settle(await limiter.acquire(), "ok");
      await limiter.acquire();
      const gap = burst ? 2000 : 1000 / (0.5 * PACED_MARGIN);
      // Before it, polls while the first call's answer is still being anchored (its script loads once).
      const wait = waits.pop() as number;
      assert.ok(waits.every((ms) => ms === 100), `burst ${burst}: waits ${waits.join(", ")}, ${wait}`);
      assert.ok(wait > gap - 50 && wait <= gap, `burst ${burst}: waited ${wait} ms for ${gap}`);
    }
  });

  it("a window full of unanswered calls is polled every 100 ms while one may be answered, and otherwise asked again when the first is due to leave (at most 250 ms)", async () => {
    // [ms from now (Redis's clock) at which each of the window's two calls left or is due to leave,
    // the wait the limiter should take before asking again]
    const cases: [number[], (wait: number) => boolean][] = [
      [[-30, 400], (wait) => wait === 100], // one call in flight: its answer may come at any moment
      [[30, 400], (wait) => wait === 100], // due within the poll delay
      [[120, 400], (wait) => wait > 120 - 40 && wait <= 120], // nothing can be answered before the first leaves
      [[900, 200], (wait) => wait > 200 - 40 && wait <= 200], // the first to leave, not the first reserved
      [[5_000, 4_000], (wait) => wait === FULL_WINDOW_LONGEST_WAIT_MS], // a place given back meanwhile is seen this late at worst
    ];
    for (const [due, expected] of cases) {
      const waits: number[] = [];
      const stop = new AbortController();
      // Records the first wait and ends the call there.
      const clock: Clock = { ...realClock, sleep: async (ms) => {
        waits.push(ms);
        stop.abort(new Error("recorded"));
      } };
      const { limiter, quotaKey } = limiterFor({ clock, limit: 2 });
      const [seconds, micros] = await admin.time();
      const redisNow = Number(seconds) * 1000 + Number(micros) / 1000;
      await admin.zadd(redisQuotaKey(quotaKey), ...due.flatMap((ms, i) => [String(IN_FLIGHT_OFFSET + redisNow + ms), `other-process:${i}`]));
      await assert.rejects(limiter.acquire(stop.signal), /recorded/);
      assert.equal(waits.length, 1, `calls due ${due.join(", ")} ms from now: waits ${waits.join(", ")}`);
      assert.ok(expected(waits[0] as number), `calls due ${due.join(", ")} ms from now: waited ${waits[0]} ms`);
      assert.equal((await entries(quotaKey)).inFlight, 2, "the poll reserved nothing");
    }
  });

  it("setBurst(false) paces the quota and its fallback, and setBurst(true) does not undo it; a throttle paces it too", async () => {
    const { limiter: allowed } = limiterFor({ limit: 10 });
    allowed.setBurst(true);
    const burst = [await allowed.acquire(), await allowed.acquire()];
    assert.ok((burst[1] as number) - (burst[0] as number) < 60, `allowed bursts, sent at ${burst.join(", ")}`);

    const { limiter, fallback, quotaKey: pacedKey } = limiterFor({ limit: 10 });
    limiter.setBurst(false);
    assert.equal(fallback.isBursting, false);
    const polite = [await limiter.acquire(), await limiter.acquire()];
    assertPaced(polite, await reservations(pacedKey), "polite");
    limiter.setBurst(true);
    const sends = [await limiter.acquire(), await limiter.acquire()];
    assertPaced([...polite, ...sends], await reservations(pacedKey), "bursts allowed again");

    const { limiter: throttled, quotaKey } = limiterFor({ limit: 10 });
    const first = await throttled.acquire();
    throttled.settle(first, "throttled");
    // Removing the throttled call is not awaited by the limiter.
    await until("the throttled call removed from the quota", async () => (await reservations(quotaKey)).length === 0);
    const after = [await throttled.acquire(), await throttled.acquire()];
    assertPaced(after, await reservations(quotaKey), "after a throttle");
    // The service did not count the throttled call: it left the quota (not anchored as answered).
    assert.deepEqual(await entries(quotaKey), { answered: [], inFlight: 2 });
  });

  it("setLimit changes the quota's window, the rate it reports and its fallback's ceiling", async () => {
    const { limiter, fallback, quotaKey } = limiterFor({ limit: 50 });
    limiter.setLimit(2);
    assert.equal(limiter.currentRate(), 2);
    assert.equal(fallback.maxRequestsPerSecond, 2);
    const a = await limiter.acquire();
    await limiter.acquire();
    // The window of 2 is full of calls in flight: the third leaves only when a's anchor leaves it
    // (asserted below, from when it was sent: no pause to see that it has not left yet).
    const third: { at: number | null } = { at: null };
    const waiting = limiter.acquire().then((at) => { third.at = at; });
    limiter.settle(a, "ok");
    await waiting;
    const { answered } = await entries(quotaKey);
    assert.equal(answered.length, 1);
    // The third left when a's anchor left the guarded window (1000 + WINDOW_GUARD_MS ms; Redis's
    // clock and this process's are the same clock here, this one read in whole ms, and a Node timer
    // may fire up to 1 ms early: seen once on a loaded machine, 1003.99 ms).
    const after = (third.at ?? Number.NaN) - (answered[0] as number);
    assert.ok(after >= WINDOW_MS + WINDOW_GUARD_MS - 2, `third sent ${after} ms after the first's anchor`);
  });

  it("a call asking just as the oldest anchor reaches 1000 ms waits for the guarded window: the window keeps its calls as long as it counts them", async () => {
    const { limiter, quotaKey } = limiterFor({ limit: 1 });
    // Three rounds: each asks in the 5 ms between the service's window and the guarded one, where
    // a call the script dropped from its window at 1000 ms would leave at once. One round is enough
    // to see it; three, so that one stalled past those 5 ms on a loaded machine does not hide it.
    let previous = await limiter.acquire();
    for (let round = 0; round < 3; round++) {
      limiter.settle(previous, "ok");
      await until("the call anchored", async () => (await entries(quotaKey)).inFlight === 0);
      const anchor = Math.max(...(await entries(quotaKey)).answered);
      // Redis's clock and this process's are the same clock here.
      while (Date.now() < anchor + WINDOW_MS) await abortableSleep(Math.max(0, Math.min(anchor + WINDOW_MS - Date.now(), 50)));
      previous = await limiter.acquire();
      // Less 2 ms: this process reads whole ms, and a Node timer may fire up to 1 ms early.
      assert.ok(previous - anchor >= WINDOW_MS + WINDOW_GUARD_MS - 2, `round ${round}: sent ${previous - anchor} ms after the anchor`);
    }
    limiter.settle(previous, "ok");
  });

  it("two calls sent in the same millisecond are each settled: both anchored, none left in flight", async () => {
    const frozen: Clock = { now: () => 5_000_000, sleep: () => Promise.resolve(), random: () => 0.5 };
    const { limiter, quotaKey } = limiterFor({ clock: frozen });
    const [a, b] = [await limiter.acquire(), await limiter.acquire()];
    assert.equal(a, b);
    assert.deepEqual(await entries(quotaKey), { answered: [], inFlight: 2 });
    limiter.settle(a, "ok");
    limiter.settle(b, "ok");
    const settled = await untilAnswered(quotaKey, 2);
    assert.equal(settled.answered.length, 2);
    assert.equal(settled.inFlight, 0);
  });

  it("a wait aborted after the reservation rejects with the signal's reason and gives the reserved place back", async () => {
    const warnings: string[] = [];
    const { limiter, quotaKey } = limiterFor({ limit: 1, warnings });
    const first = await limiter.acquire();
    limiter.settle(first, "ok");
    await untilAnswered(quotaKey, 1);
    const controller = new AbortController();
    const second = limiter.acquire(controller.signal);
    // Reserved about a second ahead, sleeping until then.
    await until("the second call reserved in Redis", async () => (await entries(quotaKey)).inFlight === 1);
    controller.abort(new Error("stop"));
    await assert.rejects(second, /stop/);
    await until("the aborted reservation removed", async () => (await entries(quotaKey)).inFlight === 0);
    // Removed, not anchored as an answered call: only the first call is left.
    assert.equal((await entries(quotaKey)).answered.length, 1);
    assert.deepEqual((await entries(quotaKey)).inFlight, 0, "the reservation was removed");
    await assert.rejects(limiter.acquire(AbortSignal.abort(new Error("already"))), /already/);
    // An abort is not Redis failing.
    assert.deepEqual(warnings, []);
    assert.equal(limiter.fellBack, false);
  });

  it("a reservation Redis completes after the abort was answered is given back, not left to count as a call in flight", async () => {
    const warnings: string[] = [];
    const { limiter, quotaKey } = limiterFor({ warnings });
    await limiter.acquire(); // connected and the script loaded: the next reservation is one EVALSHA
    const before = await entries(quotaKey);
    assert.equal(before.inFlight, 1);
    const scriptsRun = await commandCalls("evalsha");
    // Redis holds every write (scripts included) for a second: the reservation completes late. Told
    // by Redis's own count of the scripts it ran (INFO is not held), not by this process's clock,
    // which a loaded machine stalls (the abort had to come within 300 ms).
    await admin.client("PAUSE", 1000, "WRITE");
    const controller = new AbortController();
    const second = limiter.acquire(controller.signal);
    await abortableSleep(50); // the reservation sent, and held
    controller.abort(new Error("stop"));
    await assert.rejects(second, /stop/);
    assert.equal(await commandCalls("evalsha"), scriptsRun, "the abort was answered before Redis completed the reservation");
    // The late reservation lands when the pause ends; the limiter then removes it.
    await until("the late reservation run", async () => (await commandCalls("evalsha")) > scriptsRun);
    let now = await entries(quotaKey);
    await until(() => `only the first call left in flight: ${JSON.stringify(now)}, not ${JSON.stringify(before)}`, async () => isDeepStrictEqual(now = await entries(quotaKey), before));
    assert.deepEqual(warnings, []);
    assert.equal(limiter.fellBack, false);
  });

  it("a reservation still on its way back when the listing stops and the connection closes is given back, not left in flight", async () => {
    // The CLI stopped by SIGTERM (a cancelled CI job) closes the quota and exits right after the
    // abort: a reservation whose reply was still on its way back then blocked a place of the shared
    // window for every process of the quota until abandoned (15 s), one per process stopped.
    const relay = await replyHoldingRelay(redis.port, 300);
    try {
      const { limiter, quotaKey } = limiterFor({ url: relay.url });
      limiter.settle(await limiter.acquire(), "ok"); // connected and the script loaded
      await untilAnswered(quotaKey, 1);
      const controller = new AbortController();
      const second = limiter.acquire(controller.signal);
      await until("reserved in Redis, its reply held back", async () => (await entries(quotaKey)).inFlight === 1);
      controller.abort(new Error("stop"));
      await assert.rejects(second, /stop/);
      limiter.close();
      // Only given back before the connection closed: never, once it has.
      await until("the reservation given back before the connection closed", async () => (await entries(quotaKey)).inFlight === 0);
    } finally {
      await relay.stop();
    }
  });

  it("a call aborted while it waits for its turn to reserve rejects, and reserves nothing", async () => {
    const { limiter, quotaKey } = limiterFor();
    const controller = new AbortController();
    const first = limiter.acquire();
    const second = limiter.acquire(controller.signal);
    controller.abort(new Error("stop"));
    // Checked before awaiting the first call: the second rejects meanwhile.
    const secondRejected = assert.rejects(second, /stop/);
    await first;
    await secondRejected;
    assert.deepEqual(await entries(quotaKey), { answered: [], inFlight: 1 });
  });

  it("a call aborted before it starts rejects without connecting to Redis", async () => {
    await withFakeRedis("ok:0:1:0", async (fake) => {
      const { limiter } = limiterFor({ url: fake.url });
      await assert.rejects(limiter.acquire(AbortSignal.abort(new Error("already"))), /already/);
      // Nothing to wait for when nothing happens: a connection the call began would have been
      // accepted within these 50 ms (this loopback server accepts one 1.4 ms after the connect).
      await abortableSleep(50);
      assert.equal(fake.connections(), 0);
    });
  });

  it("a call answered after close() is settled without Redis: nothing written, nothing thrown, no warning", async () => {
    const warnings: string[] = [];
    const { limiter, quotaKey } = limiterFor({ warnings });
    const sentAt = await limiter.acquire();
    limiter.close();
    limiter.settle(sentAt, "ok");
    assert.deepEqual(await entries(quotaKey), { answered: [], inFlight: 1 }, "the closed limiter wrote nothing more");
    assert.deepEqual(warnings, []);
  });

  it("its scripts run by SHA once loaded, and are loaded again after the server forgot them (SCRIPT FLUSH)", async () => {
    const { limiter, quotaKey } = limiterFor();
    const evalBefore = await commandCalls("eval");
    for (let i = 0; i < 5; i++) limiter.settle(await limiter.acquire(), "ok");
    await untilAnswered(quotaKey, 5);
    // Each script is sent whole at most once (this server may already hold them from other specs).
    assert.ok((await commandCalls("eval")) - evalBefore <= 2, "EVAL on every call: the SHA is wrong");
    await admin.script("FLUSH");
    const warnings: string[] = [];
    const { limiter: again, quotaKey: againKey } = limiterFor({ warnings });
    again.settle(await again.acquire(), "ok");
    await admin.script("FLUSH");
    again.settle(await again.acquire(), "ok");
    const { answered, inFlight } = await untilAnswered(againKey, 2);
    assert.deepEqual([answered.length, inFlight], [2, 0]);
    assert.deepEqual(warnings, []);
  });

  it("Redis gone between calls: the next call goes through the fallback after one warning that names the cause, with the password masked", async () => {
    const doomed = await RedisServer.start();
    const warnings: string[] = [];
    const { limiter, fallback } = limiterFor({ url: doomed.url.replace("redis://", "redis://:hunter2@"), warnings });
    limiter.settle(await limiter.acquire(), "ok");
    await doomed.kill();
    await until("a warning of the closed connection", () => warnings.length > 0);
    assert.equal(warnings.length, 1, warnings.join("\n"));
    assert.match(warnings[0] as string, /the connection closed/);
    assert.match(warnings[0] as string, /redis:\/\/:\*\*\*@127\.0\.0\.1/);
    assert.doesNotMatch(warnings[0] as string, /hunter2/);
    assert.equal(limiter.fellBack, true);
    const sentAt = await limiter.acquire();
    limiter.settle(sentAt, "throttled");
    assert.equal(fallback.heldPlaces, 1, "the fallback sent that call and took its throttle");
    assert.equal(warnings.length, 1);
  });
  it("Redis gone mid-listing: the fallback takes over the calls in flight and those answered within the window, and does not burst into them", async () => {
    const doomed = await RedisServer.start();
    const warnings: string[] = [];
    const { limiter, fallback } = limiterFor({ url: doomed.url, limit: 5, warnings });
    const sent = [];
    for (let i = 0; i < 5; i++) sent.push(await limiter.acquire());
    limiter.settle(sent[0] as number, "ok");
    limiter.settle(sent[1] as number, "ok");
    await doomed.kill();
    await until("a warning of the closed connection", () => warnings.length > 0);
    assert.equal(warnings.length, 1, warnings.join("\n"));
    // Two answered within the window and three in flight fill the window of 5: nothing may leave
    // until the first leaves it (asserted from when the next was sent: no pause to see that it has not left yet).
    const next: { at: number | null } = { at: null };
    const waiting = limiter.acquire().then((at) => { next.at = at; });
    // The adopted calls settle through the fallback as its own.
    for (const at of sent.slice(2)) limiter.settle(at, "ok");
    await waiting;
    const after = (next.at as unknown as number) - (sent[0] as number);
    assert.ok(after >= 1000, `the fallback counts the calls it took over: sent ${after} ms after the first`);
    assert.equal(fallback.heldPlaces, 0, "no throttle: nothing burst into its own calls");
  });

  it(`after falling back, Redis is tried again ${REDIS_RETRY_MS} ms later (a process whose listings overlap without end stayed off it for good): the local limiter's counted calls are written to the window, calls waiting there reserve in Redis, no second warning`, async () => {
    await withRestartableRedis(async (own, restart) => {
      const clock = new FakeClock({ start: 5_000_000 });
      const warnings: string[] = [];
      const { limiter, fallback, quotaKey } = limiterFor({ url: own.url, clock, limit: 2, warnings });
      const key = redisQuotaKey(quotaKey);
      limiter.settle(await limiter.acquire(), "ok");
      await own.kill();
      // Falls back (one warning); with the answered call taken over, the local window of 2 fills with a and b in flight.
      const a = await limiter.acquire();
      const b = await limiter.acquire();
      assert.equal(limiter.fellBack, true);
      assert.equal(warnings.length, 1, warnings.join("\n"));
      const check = await restart();
      let cSent: number | null = null;
      const c = limiter.acquire().then((at) => (cSent = at)); // waits in the local limiter for an answer
      clock.time += REDIS_RETRY_MS;
      const d = limiter.acquire(); // starts the attempt in the background
      assert.notEqual(limiter.reconnecting, null);
      await limiter.reconnecting;
      assert.equal(limiter.fellBack, false, "Redis taken back while listings still run");
      await Promise.all([c, d]);
      assert.notEqual(cSent, null);
      // a and b (sent through the local limiter, in flight) were written to the window; c and d reserved there.
      assert.equal(await check.zcard(key), 4);
      assert.equal(fallback.countedAges().length, 2, "the local limiter sent neither c nor d");
      limiter.settle(a, "ok"); // taken over by the local limiter: settled there, not in Redis
      limiter.settle(b, "ok");
      limiter.settle(cSent as unknown as number, "ok");
      limiter.settle(await d, "ok");
      limiter.settle(await limiter.acquire(), "ok");
      assert.equal(limiter.fellBack, false);
      assert.equal(warnings.length, 1, warnings.join("\n"));
    });
  });

  it("taking Redis back writes each counted call at its age before Redis's present, and gives the set a time to live though no call reserves after it", async () => {
    await withRestartableRedis(async (own, restart) => {
      const clock = new FakeClock({ start: 5_000_000 });
      const requestTimeoutMs = 10_000;
      const { limiter, quotaKey } = limiterFor({ url: own.url, clock, limit: 5, requestTimeoutMs });
      const key = redisQuotaKey(quotaKey);
      limiter.settle(await limiter.acquire(), "ok");
      await own.kill();
      limiter.settle(await limiter.acquire(), "ok"); // falls back; answered at once, out of the window by the retry
      assert.equal(limiter.fellBack, true);
      const check = await restart();
      clock.time += REDIS_RETRY_MS - 400;
      limiter.settle(await limiter.acquire(), "ok"); // through the local limiter: 400 ms old when Redis is taken back
      clock.time += 400;
      const [seconds, micros] = await check.time();
      const before = Number(seconds) * 1000 + Number(micros) / 1000;
      const last = limiter.acquire(); // starts the attempt; goes through the local limiter (in flight: age 0)
      await limiter.reconnecting;
      assert.equal(limiter.fellBack, false);
      const [secondsAfter, microsAfter] = await check.time();
      const after = Number(secondsAfter) * 1000 + Number(microsAfter) / 1000;
      const flat = await check.zrange(key, "0", "-1", "WITHSCORES");
      const seeded = flat.flatMap((member, i) => (i % 2 === 0 && member.includes(":seed:") ? [Number(flat[i + 1])] : [])).sort((a, b) => a - b);
      assert.equal(seeded.length, 2, `seeded: ${flat.join(" ")}`);
      const [oldest = 0, newest = 0] = seeded;
      assert.ok(oldest >= before - 400 - 1 && oldest <= after - 400 + 1, `the answered call anchored ${oldest - before} ms from Redis's present (400 ms before it)`);
      assert.ok(newest >= before - 1 && newest <= after + 1, `the call in flight anchored ${newest - before} ms from Redis's present`);
      // Nothing reserved since: the seed alone keeps the set from living for good.
      const ttl = await check.pttl(key);
      // As a settle sets it: the abandonment age (request timeout + 5 s) and the guarded window.
      const lives = requestTimeoutMs + 5000 + WINDOW_MS + WINDOW_GUARD_MS;
      assert.ok(ttl > lives - 500 && ttl <= lives, `the seeded set lives ${ttl} ms, not about ${lives}`);
      limiter.settle(await last, "ok");
    });
  });

  it("an attempt to take Redis back that fails after connecting (here the seed: the quota's key is not a set) closes its connection, and the local limiter goes on", async () => {
    await withRestartableRedis(async (own, restart) => {
      const clock = new FakeClock({ start: 5_000_000 });
      const { limiter, quotaKey } = limiterFor({ url: own.url, clock, limit: 5 });
      limiter.settle(await limiter.acquire(), "ok");
      await own.kill();
      const inFlight = await limiter.acquire(); // falls back; still in flight when Redis is tried again: seeded
      const check = await restart();
      await check.set(redisQuotaKey(quotaKey), "not a sorted set"); // ZADD answers WRONGTYPE
      clock.time += REDIS_RETRY_MS;
      const last = limiter.acquire();
      await limiter.reconnecting;
      assert.equal(limiter.fellBack, true);
      // The server sees a closed connection a moment later.
      let clients: string[] = [];
      await until(() => `only this check's connection open: ${clients.join("; ")}`, async () => (clients = String(await check.client("LIST")).trim().split("\n")).length === 1, undefined, 10);
      limiter.settle(inFlight, "ok");
      limiter.settle(await last, "ok");
    });
  });

  it("Redis still down when tried again: no warning, the local limiter goes on, and the next try is another REDIS_RETRY_MS later", async () => {
    const port = await freePort(); // nothing listens there
    const clock = new FakeClock({ start: 5_000_000 });
    const warnings: string[] = [];
    const { limiter } = limiterFor({ url: `redis://127.0.0.1:${port}`, clock, warnings });
    limiter.settle(await limiter.acquire(), "ok");
    assert.equal(warnings.length, 1);
    // The attempt starts within acquire(), before its first await: read at once, not after the
    // call (a refused connection ends the attempt before the call comes back).
    clock.time += REDIS_RETRY_MS - 1;
    const early = limiter.acquire();
    assert.equal(limiter.reconnecting, null, "no attempt before REDIS_RETRY_MS");
    limiter.settle(await early, "ok");
    clock.time += 1;
    const first = limiter.acquire();
    const attempt = limiter.reconnecting;
    assert.notEqual(attempt, null, "tried again REDIS_RETRY_MS after the failure");
    const second = limiter.acquire();
    assert.equal(limiter.reconnecting, attempt, "one attempt at a time");
    limiter.settle(await first, "ok");
    limiter.settle(await second, "ok");
    await attempt;
    assert.equal(limiter.fellBack, true);
    clock.time += REDIS_RETRY_MS - 1;
    const next = limiter.acquire();
    assert.equal(limiter.reconnecting, null, "no attempt before another REDIS_RETRY_MS");
    limiter.settle(await next, "ok");
    assert.equal(warnings.length, 1, warnings.join("\n"));
  });

  it("after falling back, a call waiting in the local limiter is stopped by its signal at once", async () => {
    const port = await freePort(); // nothing listens there
    const { limiter } = limiterFor({ url: `redis://127.0.0.1:${port}`, limit: 1 });
    const first = await limiter.acquire(); // falls back; in flight, it fills the local window of 1
    const stop = new AbortController();
    const waiting = limiter.acquire(stop.signal);
    await abortableSleep(50);
    stop.abort(new Error("the caller stopped"));
    const outcome = await Promise.race([
      waiting.then(() => "sent", (error: unknown) => (error as Error).message),
      abortableSleep(1000).then(() => "still waiting"),
    ]);
    assert.equal(outcome, "the caller stopped");
    limiter.settle(first, "ok");
  });

  it("Redis at maxmemory with the default noeviction policy refuses to anchor an answer (OOM): one warning naming it, and the fallback takes over at once", async () => {
    // Its own server: maxmemory applies to every client of a server.
    const full = await RedisServer.start();
    const fullAdmin = new Redis(full.url);
    try {
      const warning = firstWarning();
      const { limiter, fallback } = limiterFor({ url: full.url, limit: 1, onWarning: warning.onWarning });
      const sentAt = await limiter.acquire();
      assert.equal(await fullAdmin.config("GET", "maxmemory-policy").then((reply) => String((reply as string[])[1])), "noeviction");
      await fullAdmin.config("SET", "maxmemory", "1"); // any use of memory is over it
      limiter.settle(sentAt, "ok");
      // Before, the call stayed in flight in Redis: with a limit of 1, every process's reservation
      // answered "full" until it was abandoned 15 s later, and nobody was told.
      assert.match(await warning.told, /unavailable \(OOM command not allowed when used memory > 'maxmemory'/);
      assert.equal(limiter.fellBack, true);
      limiter.settle(await limiter.acquire(), "throttled");
      assert.equal(fallback.heldPlaces, 1, "the fallback sent the next call");
      assert.equal(warning.count(), 1);
    } finally {
      fullAdmin.disconnect();
      await full.kill();
    }
  });

  it("the quota's keys lost while listing (FLUSHALL): one warning saying so, and the fallback takes over", async () => {
    const warnings: string[] = [];
    const { limiter } = limiterFor({ warnings });
    const sentAt = await limiter.acquire();
    await admin.flushall();
    limiter.settle(sentAt, "ok");
    await until("a warning of the lost keys", () => warnings.length > 0);
    assert.equal(warnings.length, 1, warnings.join("\n"));
    assert.match(warnings[0] as string, /the quota's keys were gone from Redis \(FLUSHALL/);
    assert.equal(limiter.fellBack, true);
  });

  it("the quota's set evicted alone (its `:last` key left), every call answered: the next reservation notices, and the fallback does not burst into the calls that still count", async () => {
    const warnings: string[] = [];
    const { limiter, quotaKey } = limiterFor({ limit: 5, warnings });
    const first: number[] = [];
    for (let i = 0; i < 5; i++) first.push(await limiter.acquire());
    for (const sentAt of first) limiter.settle(sentAt, "ok");
    await untilAnswered(quotaKey, 5);
    await abortableSleep(20); // the settle replies (the witness) are back
    // Eviction takes either key first (allkeys-lru, volatile-lru, the random policies): here, the set.
    assert.equal(await admin.del(redisQuotaKey(quotaKey)), 1);
    assert.equal(await admin.exists(`${redisQuotaKey(quotaKey)}:last`), 1);
    const next = await limiter.acquire();
    assert.equal(warnings.length, 1, warnings.join("\n"));
    assert.match(warnings[0] as string, /the quota's keys were gone from Redis/);
    // The five answered calls still count: the sixth waits for the oldest to leave the window.
    assert.ok(next - (first[0] as number) >= WINDOW_MS, `sent at ${first.join(", ")}, then ${next}`);
    limiter.settle(next, "ok");
  });

  it("a call answered late in its reservation's lifetime keeps the quota's set alive for its window: no false 'keys lost' at the next reservation", async () => {
    // requestTimeoutMs 100: a reservation keeps the set for its wait + 5,100 + 1,100 ms. A call may
    // answer later than its request timeout (connect and read each get the full timeout): anchored
    // near the end of that lifetime, it still counts for a window, so the set must outlive it.
    const warnings: string[] = [];
    const { limiter, quotaKey } = limiterFor({ limit: 5, warnings, requestTimeoutMs: 100 });
    limiter.settle(await limiter.acquire(), "ok"); // a fast call: the arrival bound pulls anchors back by little
    await untilAnswered(quotaKey, 1);
    const slow = await limiter.acquire();
    const reservedAt = Date.now();
    await abortableSleep(5600 - (Date.now() - reservedAt));
    limiter.settle(slow, "ok"); // answered 5.6 s after its reservation, anchored about then
    await untilAnswered(quotaKey, 2);
    await abortableSleep(20); // the settle's reply (the witness) is back
    await abortableSleep(Math.max(0, 6450 - (Date.now() - reservedAt))); // past the reservation's TTL, within the slow call's window
    const next = await limiter.acquire();
    limiter.settle(next, "ok");
    assert.deepEqual(warnings, []);
    assert.equal(limiter.fellBack, false);
    assert.equal((await untilAnswered(quotaKey, 2)).answered.length >= 2, true, "the slow call still counts in Redis");
  });

  it("a process with a shorter request timeout never shortens the quota set's life that another's call in flight needs", async () => {
    // A reservation keeps the set for its call's abandonment age (the request timeout + 5 s) and a
    // window: 66 s for a 60 s timeout, 6.1 s for 100 ms. The shorter must not cut the longer.
    const long = limiterFor({ limit: 5, requestTimeoutMs: 60_000 });
    const short = limiterFor({ limit: 5, requestTimeoutMs: 100, quotaKey: long.quotaKey });
    const inFlight = await long.limiter.acquire(); // a slow call, still unanswered
    const key = redisQuotaKey(long.quotaKey);
    const before = await admin.pttl(key);
    assert.ok(before > 60_000, `the set lives ${before} ms`);
    short.limiter.settle(await short.limiter.acquire(), "ok");
    await untilAnswered(long.quotaKey, 1);
    const after = await admin.pttl(key);
    assert.ok(after > 60_000, `a reservation and an answer with a 100 ms request timeout left the set ${after} ms to live`);
    assert.ok(after <= before, "extended no further than the longest need");
    long.limiter.settle(inFlight, "ok");
    await untilAnswered(long.quotaKey, 2);
    // A new set (the first reservation of a quota) still gets a time to live: never kept for good.
    const fresh = limiterFor({ limit: 5 });
    fresh.limiter.settle(await fresh.limiter.acquire(), "ok");
    await untilAnswered(fresh.quotaKey, 1);
    const ttl = await admin.pttl(redisQuotaKey(fresh.quotaKey));
    assert.ok(ttl > 0 && ttl <= 20_000, `a new quota's set lives ${ttl} ms`);
  });

  it("a witness that left the window is not required: a quota idle past a window is not taken as lost", async () => {
    const warnings: string[] = [];
    const { limiter, quotaKey } = limiterFor({ limit: 5, warnings });
    limiter.settle(await limiter.acquire(), "ok");
    await untilAnswered(quotaKey, 1);
    await abortableSleep(WINDOW_MS + WINDOW_GUARD_MS + 50);
    limiter.settle(await limiter.acquire(), "ok"); // the first call's anchor is removed by this reservation
    await untilAnswered(quotaKey, 1);
    await abortableSleep(1600); // past LAST_KEY_SURELY_ALIVE_MS: only the witness speaks
    await admin.del(redisQuotaKey(quotaKey)); // nothing of the window is lost: its only call left it
    limiter.settle(await limiter.acquire(), "ok");
    assert.deepEqual(warnings, []);
    assert.equal(limiter.fellBack, false);
  });

  it("a reservation that reaches Redis seconds late (a server busy or paused, within the command timeout) is not taken for lost keys, though `:last` expired meanwhile", async () => {
    // The check that `:last` must exist is timed on Redis's clock, from the script of the latest
    // reservation: timed on this host's clock when the reservation was sent, every listing fell back
    // after a 2-5 s stall of Redis, the warning blaming FLUSHALL.
    const own = await RedisServer.start("127.0.0.1", undefined, ["--enable-debug-command", "local"]);
    const busy = new Redis(own.url);
    try {
      const warnings: string[] = [];
      const { limiter, quotaKey } = limiterFor({ url: own.url, limit: 5, warnings });
      limiter.settle(await limiter.acquire(), "ok");
      assert.equal(await busy.exists(`${redisQuotaKey(quotaKey)}:last`), 1);
      // `:last` expires 2,005 ms after that reservation, while the server sleeps; the next reservation, sent
      // right after the sleep began, runs when it ends.
      const sleeping = busy.call("DEBUG", "SLEEP", "2.5");
      await abortableSleep(100);
      const next = limiter.acquire();
      await sleeping;
      limiter.settle(await next, "ok");
      assert.equal(warnings.length, 0, warnings.join("\n"));
      assert.equal(limiter.fellBack, false);
      // A loss is still seen: the keys gone right after a reservation.
      await busy.flushall();
      limiter.settle(await limiter.acquire(), "ok");
      assert.equal(warnings.length, 1, warnings.join("\n"));
      assert.match(warnings[0] as string, /the quota's keys were gone from Redis/);
    } finally {
      busy.disconnect();
      await own.kill();
    }
  });

  it("the quota's keys lost with calls in flight: the next reservation notices before any answer, and the fallback counts those calls", async () => {
    const warnings: string[] = [];
    const { limiter, fallback } = limiterFor({ limit: 3, warnings });
    const sent = [await limiter.acquire(), await limiter.acquire(), await limiter.acquire()];
    await admin.flushall();
    // An emptied window would let 3 more out at once, into the 3 the service still counts.
    const next: { at: number | null } = { at: null };
    const waiting = limiter.acquire().then((at) => { next.at = at; });
    await until("a warning of the lost keys", () => warnings.length > 0);
    assert.equal(limiter.fellBack, true);
    assert.equal(warnings.length, 1, warnings.join("\n"));
    assert.match(warnings[0] as string, /the quota's keys were gone from Redis \(FLUSHALL/);
    // Nothing may leave while they fill the window: asserted from when the next was sent, no pause
    // to see that it has not left yet.
    for (const at of sent) limiter.settle(at, "ok");
    await waiting;
    const after = (next.at as unknown as number) - (sent[0] as number);
    assert.ok(after >= 1000, `the fallback counts the calls in flight: sent ${after} ms after the first`);
    assert.equal(fallback.heldPlaces, 0);
  });

  it("the keys lost while reservations wait to be used: the fallback takes those calls over at once, as in flight at their planned times", async () => {
    const warnings: string[] = [];
    const { limiter, fallback, quotaKey } = limiterFor({ limit: 3, warnings });
    const adopted: number[][] = [];
    const adopt = fallback.adopt.bind(fallback);
    fallback.adopt = (inFlight, answered) => {
      adopted.push([...inFlight]);
      adopt(inFlight, answered);
    };
    const first = [await limiter.acquire(), await limiter.acquire(), await limiter.acquire()];
    for (const at of first) limiter.settle(at, "ok");
    // Three more reserve the places the first three leave in about a second, and wait for them.
    const pending = [0, 1, 2].map(() => limiter.acquire().then((at) => { limiter.settle(at, "ok"); return at; }));
    await until("three answered and three reserved", async () => {
      const set = await entries(quotaKey);
      return set.answered.length >= 3 && set.inFlight >= 3;
    }, undefined, 2);
    await admin.flushall();
    // The next call notices the loss: the local limiter takes the three waiting calls over then, not
    // as each leaves (it could give their places out in between: measured, 29-37 of 100 calls throttled).
    const next = limiter.acquire();
    await until("a warning of the lost keys", () => warnings.length > 0, undefined, 2);
    assert.equal(adopted.length, 1, JSON.stringify(adopted));
    assert.equal(adopted[0]?.length, 3, `${JSON.stringify(adopted)} first ${JSON.stringify(first)} warnings ${warnings.join("|")}`);
    assert.ok(adopted[0]?.every((at) => at - (first[0] as number) >= 1000), `taken over as leaving at ${adopted[0]?.map((at) => at - (first[0] as number)).join(", ")} ms`);
    // Each leaves at its planned time, known to the local limiter by it (no second take-over).
    const sent = await Promise.all(pending);
    assert.deepEqual(sent, adopted[0]);
    assert.equal(adopted.length, 1);
    assert.ok(await next - Math.min(...sent) >= 1000, "the next call went into their places");
  });

  it("an abort while a Redis command hangs is answered at once, not at the command timeout", async () => {
    // Never answers a reservation (a Redis in trouble).
    await withFakeRedis((command) => (command[0] === "EVALSHA" && command[2] === "3" ? null : bulk("1")), async (fake) => {
      const { limiter } = limiterFor({ url: fake.url, timeoutMs: 60_000 });
      const controller = new AbortController();
      const acquired = limiter.acquire(controller.signal).then(() => "acquired", (error: unknown) => error);
      await until("the reservation sent", () => fake.commands.some((command) => command[0] === "EVALSHA" && command[2] === "3"), undefined, 1);
      const abortedAt = Date.now();
      controller.abort(new Error("stop"));
      const outcome = await acquired;
      assert.ok(outcome instanceof Error && outcome.message === "stop", String(outcome));
      assert.ok(Date.now() - abortedAt < 500, `${Date.now() - abortedAt} ms after the abort`);
      assert.equal(limiter.fellBack, false, "an abort is not a Redis failure");
    });
  });

  it("a reservation left in flight by a dead process stops counting 5 s past the longest request timeout (not a minute)", async () => {
    await withFakeRedis(() => bulk("ok:0:1:0"), async (fake) => {
      const { limiter } = limiterFor({ url: fake.url, requestTimeoutMs: 2_000 });
      limiter.setRequestTimeoutMs(3_000);
      await limiter.acquire();
      const reserve = fake.commands.find((command) => command[0] === "EVALSHA" && command[2] === "3");
      // ARGV: limit, window, gap, member, offset, abandonment age, poll delay, until when the last reserved time must exist.
      assert.equal(reserve?.[3 + 3 + 5], "8000", JSON.stringify(reserve));
    });
  });

  /** The commands the package needs on its keys (docs: sdk/README.md, Rate limiting), +select aside. */
  const QUOTA_ACL = ["~live-message-groups:*", "+evalsha", "+eval", "+time", "+zremrangebyscore", "+exists", "+zcard", "+zrange", "+get", "+zadd", "+set", "+pexpire", "+zrem"];

  /** An ACL user of the shared server with `rules` (password "pw"), and its URL for `db`. */
  async function aclUser(rules: readonly string[], db: number): Promise<string> {
    const name = `lmg-${suffix}-${++serial}`;
    await admin.call("ACL", "SETUSER", name, "reset", "on", ">pw", ...rules);
    return redis.url.replace("redis://", `redis://${name}:pw@`) + `/${db}`;
  }

  it("an ACL user granted only the documented key pattern and commands (+select for its database) shares the quota: no warning, nothing refused", async () => {
    const url = await aclUser([...QUOTA_ACL, "+select"], 3);
    const user = new URL(url).username;
    const warnings: string[] = [];
    const { limiter, quotaKey } = limiterFor({ url, warnings, limit: 5 });
    // Reserve and anchor, reserve and remove (a throttle), by SHA and, once the server forgot the
    // scripts, whole (EVAL); then the keys-lost check (EXISTS) of a reservation right after another.
    limiter.settle(await limiter.acquire(), "ok");
    limiter.settle(await limiter.acquire(), "throttled");
    await admin.script("FLUSH");
    limiter.settle(await limiter.acquire(), "ok");
    limiter.settle(await limiter.acquire(), "ok");
    const db3 = new Redis(`${redis.url}/3`);
    try {
      const anchored = (): Promise<number> => db3.zcount(redisQuotaKey(quotaKey), "-inf", `(${IN_FLIGHT_OFFSET}`);
      await until("three answered calls anchored in database 3", async () => (await anchored()) >= 3);
      assert.equal(await anchored(), 3, "three answered calls anchored in database 3");
      assert.equal(await db3.exists(`${redisQuotaKey(quotaKey)}:last`), 1);
    } finally {
      db3.disconnect();
    }
    assert.deepEqual(warnings, []);
    assert.equal(limiter.fellBack, false);
    const refused = (await admin.call("ACL", "LOG", "100") as unknown[][]).map((entry) => entry.map(String).join(" ")).filter((entry) => entry.includes(user));
    assert.deepEqual(refused, [], "the ACL log holds no refusal for the user");
  });

  const refusedDatabases = [
    { what: "a database index out of range (/99 of 16)", url: async () => `${redis.url}/99`, reason: /SELECT 99 refused: ERR DB index is out of range/ },
    { what: "a database an ACL user may not select (no +select, /3)", url: async () => aclUser(QUOTA_ACL, 3), reason: /SELECT 3 refused: NOPERM .*'select'/ },
  ];
  for (const { what, url, reason } of refusedDatabases) {
    it(`${what}: one warning naming the refused SELECT, the fallback takes the call, and nothing is written to database 0`, async () => {
      // ioredis reported the refused SELECT only as an "error" event: the quota went to database 0.
      const warnings: string[] = [];
      const { limiter, fallback, quotaKey } = limiterFor({ url: await url(), warnings });
      const sentAt = await limiter.acquire();
      assert.equal(warnings.length, 1, warnings.join("\n"));
      assert.match(warnings[0] as string, reason);
      assert.doesNotMatch(warnings[0] as string, /:pw@/);
      assert.equal(limiter.fellBack, true);
      limiter.settle(sentAt, "throttled");
      assert.equal(fallback.heldPlaces, 1, "the fallback sent the call");
      assert.equal(await admin.exists(redisQuotaKey(quotaKey)), 0, "nothing in database 0");
    });
  }

  it("Redis unreachable at the first call: one warning naming the refused connection, and the fallback takes the call", async () => {
    const warnings: string[] = [];
    const { limiter, fallback } = limiterFor({ url: `redis://:hunter2@127.0.0.1:${await freePort()}`, warnings });
    const sentAt = await limiter.acquire();
    assert.equal(limiter.fellBack, true);
    assert.equal(warnings.length, 1, warnings.join("\n"));
    assert.match(warnings[0] as string, /unavailable \(connect ECONNREFUSED 127\.0\.0\.1:\d+\); falling back/);
    assert.doesNotMatch(warnings[0] as string, /hunter2/);
    limiter.settle(sentAt, "throttled");
    assert.equal(fallback.heldPlaces, 1, "the fallback sent that call and took its throttle");
  });

  it("closed while its connection opens: the connection is dropped, no warning, and the call goes through the fallback", async () => {
    const connected = async (): Promise<number> => (await admin.client("LIST") as string).trim().split("\n").length;
    const before = await connected();
    const warnings: string[] = [];
    const { limiter, fallback } = limiterFor({ warnings });
    const call = limiter.acquire();
    limiter.close(); // the listing ended (aborted) before Redis answered
    const sentAt = await call;
    limiter.settle(sentAt, "throttled");
    assert.equal(fallback.heldPlaces, 1, "the fallback sent the call");
    await until("the connection opened for the closed limiter gone", async () => (await connected()) <= before);
    assert.equal(await connected(), before, "the connection opened for the closed limiter is gone");
    assert.deepEqual(warnings, []);
  });

  /** Resolves once `fake` has no connection open; rejects after `withinMs`. */
  async function allClosed(fake: FakeRedis, withinMs: number): Promise<void> {
    const started = Date.now();
    while (fake.open() > 0) {
      if (Date.now() - started > withinMs) throw new Error(`${fake.open()} connection(s) still open ${withinMs} ms after close()`);
      await abortableSleep(5);
    }
  }

  it("closed while its first connection waits for a server that does not answer: the connection is dropped at once, not at the connect timeout (the process could not exit)", async () => {
    await withFakeRedis(() => null, async (fake) => {
      const warnings: string[] = [];
      const { limiter } = limiterFor({ url: fake.url, timeoutMs: 4000, warnings });
      const call = limiter.acquire();
      await until("a connection to the server", () => fake.connections() > 0, undefined, 2);
      const closedAt = Date.now();
      limiter.close(); // the listing ended (aborted) while the handshake went unanswered
      limiter.settle(await call, "throttled");
      assert.ok(Date.now() - closedAt < 1000, `the call came back ${Date.now() - closedAt} ms after close()`);
      await allClosed(fake, 1000);
      assert.deepEqual(warnings, []);
    });
  });

  it("closed while Redis is tried again in the background and does not answer: that connection is dropped at once, not at the connect timeout", async () => {
    // The first handshake is refused (the limiter falls back); the one of the attempt to take Redis back is never answered.
    let hellos = 0;
    const refuseFirst = (command: readonly string[]): string | null => (command[0] === "HELLO" && ++hellos === 1 ? "-ERR not now\r\n" : null);
    await withFakeRedis(refuseFirst, async (fake) => {
      const clock = new FakeClock({ start: 5_000_000 });
      const warnings: string[] = [];
      const { limiter } = limiterFor({ url: fake.url, clock, timeoutMs: 4000, warnings });
      limiter.settle(await limiter.acquire(), "throttled");
      assert.equal(limiter.fellBack, true);
      clock.time += REDIS_RETRY_MS;
      limiter.settle(await limiter.acquire(), "throttled"); // through the local limiter; the attempt starts
      const attempt = limiter.reconnecting;
      assert.notEqual(attempt, null);
      await until("the attempt's connection", () => fake.connections() >= 2, undefined, 2);
      const closedAt = Date.now();
      limiter.close(); // the last listing of the quota ended
      await attempt;
      assert.ok(Date.now() - closedAt < 1000, `the attempt ended ${Date.now() - closedAt} ms after close()`);
      await allClosed(fake, 1000);
      assert.equal(warnings.length, 1, warnings.join("\n"));
    });
  });

  const oddReplies = [
    { reply: "QUEUED", why: "not the script's reply" },
    { reply: "xok:5:1", why: "text before it" },
    { reply: "ok:5:1x", why: "text after it" },
    { reply: "ok:-5:1", why: "a negative wait" },
    { reply: "ok:1e999:1", why: "an infinite wait" },
    { reply: "ok:2147483648:1", why: "a wait longer than a timer holds" },
    { reply: "ok:5", why: "no count of the processes holding calls" },
    { reply: "ok:5:1", why: "no time the reservation was made" },
    { reply: "ok:5:1:x", why: "a time the reservation was made that is no number" },
    { reply: "ok:5:0", why: "no process holding calls, not even this one" },
  ];
  for (const { reply, why } of oddReplies) {
    it(`a server that answers the quota script with "${reply}" (${why}): one warning quoting it, and the fallback takes over`, async () => {
      await withFakeRedis(reply, async (fake) => {
        const warnings: string[] = [];
        const { limiter, fallback } = limiterFor({ url: fake.url, warnings });
        const sentAt = await limiter.acquire();
        assert.equal(limiter.fellBack, true);
        assert.deepEqual(warnings.map((w) => /\(([^)]*)\); falling back/.exec(w)?.[1]), [`unexpected reply from the quota script: ${reply}`]);
        limiter.settle(sentAt, "throttled");
        assert.equal(fallback.heldPlaces, 1, "the fallback sent the call");
      });
    });
  }

  it("control characters in a server's reply are escaped in the warning, which stays one line", async () => {
    await withFakeRedis("ok\r\n\u001b[31mred\u007f", async (fake) => {
      const warnings: string[] = [];
      const { limiter } = limiterFor({ url: fake.url, warnings });
      await limiter.acquire();
      assert.equal(warnings.length, 1);
      assert.match(warnings[0] as string, /quota script: ok\\r\\n\\x1b\[31mred\\x7f\); falling back/);
      assert.ok([...(warnings[0] as string)].every((c) => c >= " " && c !== "\u007f"), "no control character left");
    });
  });

  it("a long reply is cut: the warning quotes the first 200 characters of the reason, and says it was cut", async () => {
    await withFakeRedis("ok:".padEnd(300, "x"), async (fake) => {
      const warnings: string[] = [];
      const { limiter } = limiterFor({ url: fake.url, warnings });
      await limiter.acquire();
      const reason = /\(([^)]*)\); falling back/.exec(warnings[0] as string)?.[1];
      assert.equal(reason, `${`unexpected reply from the quota script: ${"ok:".padEnd(300, "x")}`.slice(0, 200)}...`);
    });
  });

  it("ioredis's words for a command sent as the connection closed (naming its enableOfflineQueue, which no setting of ours reaches) are told as the connection closing", async () => {
    const warnings: string[] = [];
    const { limiter } = limiterFor({ warnings });
    await limiter.acquire();
    (limiter as unknown as { fallBack: (error: unknown) => void }).fallBack(new Error("Stream isn't writeable and enableOfflineQueue options is false"));
    assert.deepEqual(warnings.map((w) => /\(([^)]*)\); falling back/.exec(w)?.[1]), ["the connection closed"]);
  });

  /** The scripts a fake server was asked to run, with their key counts (the client's handshake left out). */
  const scriptCommands = (fake: FakeRedis): string[] =>
    fake.commands.filter(([name]) => name === "EVAL" || name === "EVALSHA").map(([name, , keys]) => `${name} ${keys}`);

  /** The reply of a server running another client's long script. */
  const BUSY = "-BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSCRIPT.\r\n";

  it("an error other than NOSCRIPT from the quota script falls back naming it, without sending the script again", async () => {
    // EVAL would succeed here: only a forgotten script (NOSCRIPT) is a reason to send it whole.
    await withFakeRedis(([name]) => (name === "EVALSHA" ? BUSY : bulk("ok:0:1:0")), async (fake) => {
      const warnings: string[] = [];
      const { limiter, fallback } = limiterFor({ url: fake.url, warnings });
      const sentAt = await limiter.acquire();
      assert.equal(limiter.fellBack, true);
      assert.equal(warnings.length, 1, warnings.join("\n"));
      assert.match(warnings[0] as string, /unavailable \(BUSY Redis is busy running a script\./);
      assert.deepEqual(scriptCommands(fake), ["EVALSHA 3"]);
      limiter.settle(sentAt, "throttled");
      assert.equal(fallback.heldPlaces, 1, "the fallback sent the call");
    });
  });

  it("an error other than NOSCRIPT when anchoring an answer falls back naming it, without sending the script again (the call would stay in flight in Redis)", async () => {
    // The anchoring script has one key, the reserving one three.
    await withFakeRedis(([name, , keys]) => (name === "EVALSHA" && keys === "1" ? BUSY : bulk("ok:0:1:0")), async (fake) => {
      const warning = firstWarning();
      const { limiter, fallback } = limiterFor({ url: fake.url, onWarning: warning.onWarning });
      limiter.settle(await limiter.acquire(), "ok");
      assert.match(await warning.told, /unavailable \(BUSY Redis is busy running a script\./);
      assert.equal(limiter.fellBack, true);
      limiter.settle(await limiter.acquire(), "throttled");
      assert.equal(fallback.heldPlaces, 1, "the fallback sent the next call");
      assert.deepEqual(scriptCommands(fake), ["EVALSHA 3", "EVALSHA 1"]);
      assert.equal(warning.count(), 1);
    });
  });

  it("a URL with a query parameter other than password (the options check refuses it; here the limiter is used directly): one warning naming it, nothing connects", async () => {
    // ioredis let the query override the package's options: ?commandTimeout=3000 (a string) removed
    // the command timeout, and a server that never answered held the listing to its deadline, unsaid.
    await withFakeRedis(() => null, async (fake) => {
      const warning = firstWarning();
      const { limiter, fallback } = limiterFor({ url: `${fake.url}?commandTimeout=3000`, timeoutMs: 200, onWarning: warning.onWarning });
      const call = limiter.acquire();
      assert.match(await warning.told, /unavailable \(the Redis URL's query parameter "commandTimeout" is not supported \(the only query parameter taken is password, since the package sets the Redis client's other options itself\)\); falling back/);
      limiter.settle(await call, "throttled");
      assert.equal(fallback.heldPlaces, 1, "the fallback sent the call");
      assert.equal(fake.connections(), 0);
    });
  });

  it("?password= is the password when the URL has none before the host; the package's timeouts still apply", async () => {
    await withFakeRedis(() => null, async (fake) => {
      const warnings: string[] = [];
      const { limiter } = limiterFor({ url: `${fake.url}/?password=pw%26x`, timeoutMs: 200, warnings });
      await limiter.acquire();
      assert.deepEqual(fake.commands[0], ["HELLO", "3", "AUTH", "default", "pw&x"]);
      assert.equal(warnings.length, 1, warnings.join("\n"));
      assert.match(warnings[0] as string, /unavailable \(connecting took longer than 200 ms\); falling back/);
      assert.doesNotMatch(warnings[0] as string, /pw/);
    });
  });

  it("a server that refuses the handshake quoting it (HELLO 3 AUTH <user> <password>, in words other than Redis's 'unknown command'): the warning names the refusal without the password", async () => {
    // Redis quotes the arguments of a command it refuses; a Redis-compatible server (a proxy) that
    // does not take HELLO in words of its own fails the connection with them (ioredis downgrades to
    // RESP2 only on "unknown command" or NOPROTO).
    const quoting = (command: readonly string[]): string => `-ERR unsupported command '${command[0]?.toLowerCase()}', with args beginning with: ${command.slice(1).map((arg) => `'${arg}'`).join(" ")}\r\n`;
    for (const [userinfo, query, password] of [["lmg:Pw%2FPlanted0Redis9", "", "Pw/Planted0Redis9"], ["", "?password=QueryPlanted0Redis9", "QueryPlanted0Redis9"]] as const) {
      await withFakeRedis(quoting, async (fake) => {
        const warnings: string[] = [];
        const url = userinfo === "" ? `${fake.url}/0${query}` : fake.url.replace("redis://", `redis://${userinfo}@`);
        const { limiter } = limiterFor({ url, timeoutMs: 1000, warnings });
        limiter.settle(await limiter.acquire(), "throttled");
        assert.equal(fake.commands[0]?.includes(password), true, "the handshake carried the password");
        assert.equal(warnings.length, 1, warnings.join("\n"));
        assert.match(warnings[0] as string, /unavailable \(ERR unsupported command 'hello', with args beginning with: '3' 'AUTH' '(lmg|default)' '\*\*\*'\); falling back/);
        assert.ok(!(warnings[0] as string).includes(password) && !(warnings[0] as string).includes("Planted0Redis9"), warnings[0]);
      });
    }
  });

  it("connecting is bounded by the package's timeout as a whole, not by ioredis's per step (a slow handshake)", async () => {
    // HELLO answered late with NOPROTO (a Redis before 6), then AUTH never: ioredis's own timeouts
    // allowed 150 ms + another command timeout.
    const late = (command: readonly string[]): string | LateReply | null =>
      command[0] === "HELLO" ? { afterMs: 150, raw: "-NOPROTO unsupported protocol version\r\n" } : null;
    await withFakeRedis(late, async (fake) => {
      const warnings: string[] = [];
      const { limiter } = limiterFor({ url: fake.url.replace("redis://", "redis://:pw@"), timeoutMs: 200, warnings });
      const started = Date.now();
      await limiter.acquire();
      assert.ok(Date.now() - started < 340, `fell back after ${Date.now() - started} ms`);
      assert.equal(warnings.length, 1, warnings.join("\n"));
      assert.match(warnings[0] as string, /unavailable \(connecting took longer than 200 ms\); falling back/);
      assert.deepEqual(fake.commands.map(([name]) => name), ["HELLO", "AUTH"]);
    });
  });

  it("a server that stops answering once connected: the call falls back after the command timeout, with one warning", async () => {
    await withFakeRedis((command) => (command[0] === "HELLO" ? bulk("ok") : null), async (fake) => {
      const warnings: string[] = [];
      const { limiter, fallback } = limiterFor({ url: fake.url, warnings, timeoutMs: 200 });
      const started = Date.now();
      const sentAt = await limiter.acquire();
      assert.ok(Date.now() - started >= 190, "not before the timeout");
      assert.equal(limiter.fellBack, true);
      assert.equal(warnings.length, 1, warnings.join("\n"));
      assert.match(warnings[0] as string, /unavailable \(Command timed out\); falling back/);
      limiter.settle(sentAt, "throttled");
      assert.equal(fallback.heldPlaces, 1, "the fallback sent the call");
    });
  });
});
