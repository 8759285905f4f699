/**
 * `npm run test:quota` (slow, not part of `npm test`): several real client processes listing under
 * one account at once against the emulator (which limits per account), without coordination and
 * sharing the quota through a real redis-server. The figures of record are in `npm run bench`; the
 * bounds here are what must always hold, with margin for a loaded 2-core CI machine.
 */
import assert from "node:assert/strict";
import { fork } from "node:child_process";
import { join } from "node:path";
import type { ClientResult, ClientTask } from "../../bench/protocol";
import { ChildEmulator } from "../sdk/emulatorChild";
import { RedisServer } from "../sdk/redisServer";

/**
 * Groups per process, by process count: whole windows of calls in all (3 x 150 pages, 10 x 120), so
 * the fraction of the limit measures the limiter, not a last window left mostly empty (3 x 120 = 360
 * calls need 8 windows for 7.2 windows' worth: a perfect client scored 0.88 there).
 */
const GROUPS_PER_PROCESS: Readonly<Record<number, number>> = { 3: 7_500, 10: 6_000 };

/** Forks one client process per task, lets them all start at once, and collects their results. */
async function listTogether(tasks: readonly ClientTask[]): Promise<ClientResult[]> {
  const script = join(__dirname, "..", "..", "bench", "clientProcess.js");
  const children = tasks.map((task) => fork(script, [JSON.stringify({ ...task, barrier: true })], { stdio: ["ignore", "inherit", "inherit", "ipc"] }));
  const ready = children.map((child) => new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`client exited with ${code} before it was ready`)));
  }));
  await Promise.all(ready);
  const results = children.map((child) => new Promise<ClientResult>((resolve, reject) => {
    child.once("message", (message) => resolve(message as ClientResult));
    child.once("exit", (code) => code === 0 ? undefined : reject(new Error(`client exited with ${code}`)));
  }));
  for (const child of children) child.send({ cmd: "go" });
  return Promise.all(results);
}

describe("one account's quota shared by several processes (real processes, emulator, redis-server)", function () {
  this.timeout(300_000);
  let redis: RedisServer;
  before(async () => {
    redis = await RedisServer.start();
  });
  after(() => redis.kill());

  const cases = [
    // Measured here (same setup, outside this test), with the clock-driven ramp, the places held
    // after a throttle, answers anchored by the fastest throttle and one place per place lost
    // (261550c): 3 uncoordinated processes 0.850-0.871 of the limit with 2.0-3.7% throttled (5
    // runs), 10 processes 0.755-0.968, mean 0.896, with 2.3-9%, mean 3.25% (16 runs; 27dd701, the
    // same but cutting a place lost to the calls in use: 0.68-0.97, mean 0.865). Anchored at half the
    // round trip (80d661f): 0.760-0.841 with 2.0-3.9%, and 0.70-0.91, mean 0.76, with 2.6-11% (on a
    // busier machine). With the per-answer slow start and CUBIC after every throttle: 0.65-0.78 with
    // 2-3%, and 0.66-0.77 with 8.6-10%. Issue 11 asks for >= 0.85 and <= 3%, not reliably met at 10:
    // when the shares come out a place apart, the process holding the fewest trails. Since the ramp
    // stays within 4 x its calls answered + 2 (0a7a99e), 10 processes reached 0.89-0.97 with
    // 2.4-3.4% in 6 runs, against 0.71-0.97 with 2.8-7.1% in 6 runs of the code before, interleaved:
    // the emulator answers the first throttles late on this machine, and the ramps no longer overshoot
    // the full window meanwhile (places held at the first throttle summed to 52-57, against 57-111).
    // On 2026-12-06 the same code gave 0.67-0.80 with 3.5-7.9% (7 runs): the ramps' 430 calls/s at the
    // fill starved the CPU, and the shares came out 4 to 6 places. With the ramp doubling every 120 ms
    // instead of 80: 0.83-0.96 (mean 0.90) with 3.2-5.1% (mean 4.3%), 7 runs interleaved; 3 processes
    // 0.845-0.865 with 3.2-3.4%. The bounds are guards for a loaded CI machine.
    { processes: 3, mode: "uncoordinated", maxThrottled: 0.08, minFraction: 0.45 },
    { processes: 10, mode: "uncoordinated", maxThrottled: 0.16, minFraction: 0.5 },
    // Redis: 0.94-0.95 measured here since calls are anchored half the fastest round trip before
    // their answers (0.79-0.81 and 0.89-0.92 before, at the answers, with 3 x 120 pages).
    { processes: 3, mode: "Redis", maxThrottled: 0, minFraction: 0.7 },
    { processes: 10, mode: "Redis", maxThrottled: 0, minFraction: 0.7 },
  ] as const;
  for (const { processes, mode, maxThrottled, minFraction } of cases) {
    it(`${processes} processes, ${mode}: every listing exact, throttled <= ${maxThrottled * 100}%, >= ${minFraction} of the limit`, async () => {
      const groups = GROUPS_PER_PROCESS[processes] as number;
      const keys = Array.from({ length: processes }, (_, i) => ({ accessKeyId: `LTAIquota${i}x${process.pid}`, accessKeySecret: `quota-secret-${i}-Mm1Nn2Bb3` }));
      // A key of another account warms each process up (one page) before they start together.
      const warmUp = { accessKeyId: `LTAIwarmup${process.pid}`, accessKeySecret: "warm-up-secret-Kk4Jj5Hh6" };
      const emulator = await ChildEmulator.start({
        callsPerSecond: 50, latencyMs: 50, apps: [{ appId: "app", groups }],
        keyPairs: [...keys.map((key) => ({ ...key, accountId: "shared-account" })), warmUp],
      });
      try {
        const endpoint = emulator.url.replace(/^http:\/\//, "");
        // One name for every process (computed once: a per-process Date.now() that crossed a
        // millisecond split them into two uncoordinated quotas, 227 of 587 requests throttled).
        const quotaKey = `shared-account-${mode}-${processes}-${Date.now()}`;
        const results = await listTogether(keys.map((key) => ({
          variant: "ours", endpoint, appId: "app", pageSize: 50, ...key, warmUp, quotaKey,
          ...(mode === "Redis" ? { redisUrl: redis.url } : {}),
        })));
        const stats = await emulator.stats();
        for (const result of results) {
          assert.equal(result.groups, groups);
          assert.equal(result.fingerprint, results[0]?.fingerprint);
          // A Redis case whose clients lost Redis measured their local limiters instead.
          assert.deepEqual(result.warnings, [], "no client fell back to its local limiter");
        }
        const spanS = (Math.max(...results.map((r) => r.endedAtMs)) - Math.min(...results.map((r) => r.startedAtMs))) / 1000;
        const requests = stats.requests - processes; // less the warm-up pages
        const fraction = (requests - stats.throttled - 50) / (50 * spanS);
        const throttledShare = stats.throttled / requests;
        process.stdout.write(`      ${processes} ${mode}: ${fraction.toFixed(3)} of the limit, ${(100 * throttledShare).toFixed(2)}% throttled\n`);
        if (throttledShare > maxThrottled) {
          const log = await emulator.requestLog();
          const throttled = log.filter((entry) => entry.code?.startsWith("Throttling") === true);
          const byKey = new Map<string, number>();
          for (const entry of throttled) byKey.set(`${entry.accessKeyId ?? "?"} ${entry.code ?? ""}`, (byKey.get(`${entry.accessKeyId ?? "?"} ${entry.code ?? ""}`) ?? 0) + 1);
          process.stdout.write(`      throttled by key: ${JSON.stringify([...byKey])}; first at ${throttled[0]?.at} ms, last at ${throttled.at(-1)?.at} ms\n`);
          process.stdout.write(`      first throttled: ${JSON.stringify(throttled.slice(0, 3))}\n`);
        }
        assert.ok(throttledShare <= maxThrottled, `${stats.throttled} of ${requests} throttled`);
        assert.ok(stats.peakCallsPerSecond <= 50);
        assert.ok(fraction >= minFraction, `fraction of the limit ${fraction.toFixed(3)}`);
      } finally {
        await emulator.close();
      }
    });
  }
});
