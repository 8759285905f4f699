/**
 * The real bin sharing a Redis quota, stopped by a signal as a cancelled CI job is: it exits at
 * once, and leaves no reservation of its own counting as a call in flight in the shared window,
 * where it would block a place for every process of the quota until abandoned (15 s).
 */
import assert from "node:assert/strict";
import { once } from "node:events";
import { Redis } from "ioredis";
import type { Emulator } from "../../emulator";
import { IN_FLIGHT_OFFSET, redisQuotaKey } from "../../sdk/rate/redisQuota";
import { RedisServer, replyHoldingRelay } from "../sdk/redisServer";
import { spawnBin } from "./helpers/runBin";
import { keyEnv, makeTestKeys, startTestEmulator } from "./helpers/testEmulator";

const APP = "stopped-app";
const QUOTA_KEY = "bin-redis-stop";

describe("bin: stopped while sharing a Redis quota", function () {
  this.timeout(60_000);
  const keys = makeTestKeys();
  let emulator: Emulator;
  let redis: RedisServer;
  let admin: Redis;

  before(async () => {
    emulator = await startTestEmulator(keys, { apps: [{ appId: APP, groups: 5000 }] });
    redis = await RedisServer.start();
    admin = new Redis(redis.url);
  });
  after(async () => {
    admin.disconnect();
    await redis.kill();
    await emulator.close();
  });

  it("SIGTERM mid-listing exits 143 with one line and leaves no reservation in flight, one whose reply was still on its way included", async () => {
    // Redis's replies take 300 ms to come back: the listing, which reserves one call at a time,
    // is nearly always waiting for a reservation's reply when the signal comes.
    const relay = await replyHoldingRelay(redis.port, 300);
    try {
      const child = spawnBin(["list", "--endpoint", emulator.url, "--app-id", APP, "--ids-only"], {
        env: { ...keyEnv(keys), LIVE_MESSAGE_GROUPS_REDIS_URL: relay.url, LIVE_MESSAGE_GROUPS_QUOTA_KEY: QUOTA_KEY },
      });
      let stderr = "";
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
      child.stdout.resume();
      const exited = once(child, "exit");
      // Under way once its third page is asked for (about 1 s after start-up, each page waiting for
      // a reservation's reply). The bound is for a machine so loaded that nothing else would pass.
      let pages = 0;
      const thirdPage = new Promise<string>((resolve) => emulator.onListPage(() => { if (++pages === 3) resolve("under way"); }));
      let deadline: NodeJS.Timeout | undefined;
      const underWay = await Promise.race([
        thirdPage,
        exited.then(([code]) => `the bin exited (code ${String(code)}) before its third page: ${stderr}`),
        new Promise<string>((resolve) => { deadline = setTimeout(() => resolve(`the bin asked for ${pages} pages in 30 s: ${stderr}`), 30_000); }),
      ]).finally(() => clearTimeout(deadline));
      if (underWay !== "under way") child.kill("SIGKILL");
      assert.equal(underWay, "under way");
      child.kill("SIGTERM");
      const [code] = (await exited) as [number | null];
      assert.equal(code, 143);
      assert.equal(stderr, "live-message-groups list: terminated\n");
      // What the bin sent before it exited reaches Redis through the relay (only replies are held):
      // looked at until no reservation is in flight, for up to 3 s (a bound, not a measurement).
      const inFlightScores = async (): Promise<number[]> =>
        (await admin.zrange(redisQuotaKey(QUOTA_KEY), "0", "-1", "WITHSCORES")).filter((_, i) => i % 2 === 1).map(Number);
      let scores = await inFlightScores();
      for (let i = 0; i < 300 && scores.some((score) => score >= IN_FLIGHT_OFFSET); i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        scores = await inFlightScores();
      }
      assert.ok(scores.length > 0, "the listing reserved its calls in Redis");
      assert.deepEqual(scores.filter((score) => score >= IN_FLIGHT_OFFSET), [], "no reservation is left in flight");
    } finally {
      emulator.onListPage(null);
      await relay.stop();
    }
  });
});
