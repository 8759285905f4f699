import assert from "node:assert/strict";
import type { Emulator } from "../../emulator/types";
import { paginateLiveMessageGroups } from "../../sdk";
import { createSession, IDLE_RELEASE_MS } from "../../sdk/listing/openListingSession";
import { validateOptions } from "../../sdk/options/validateOptions";
import { limiterRegistryFor } from "../../sdk/rate/limiterRegistry";
import { fastOptions, listRequests, startTestEmulator } from "./emulatorHarness";
import { VirtualClock } from "./fakeClock";

/**
 * A consumer that takes a page of paginateLiveMessageGroups and drops the iterator without
 * return() (a "peek") must not hold the listing's limiter lease for good: while a lease is held,
 * the lowest requestsPerSecond of the quota's listings applies to all of them, and a Redis
 * connection stays open.
 */
describe("a paginate iterator dropped after a page lets go of its limiter lease", function () {
  this.timeout(30_000);
  let emulator: Emulator;
  before(async () => {
    emulator = await startTestEmulator({ callsPerSecond: 0, apps: [{ appId: "app", groups: 120 }] });
  });
  after(() => emulator.close());

  it(`keeps its rate in force while the consumer may come back, and lets go ${IDLE_RELEASE_MS} ms after the last page was taken`, async () => {
    const clock = new VirtualClock();
    const quotaKey = `peek-${process.pid}`;
    const peek = paginateLiveMessageGroups({ ...fastOptions(emulator, "app"), requestsPerSecond: 2, quotaKey, clock });
    const first = await peek.next();
    assert.equal(first.done, false);
    // Another listing of the quota: the peeking listing's 2 calls/s applies to it while held.
    const other = limiterRegistryFor(clock).lease({ quotaKey, requestsPerSecond: 50, burst: true, redisUrl: null, warn: () => undefined });
    try {
      assert.equal(other.limiter.currentRate(), 2);
      clock.timer(IDLE_RELEASE_MS - 1, () => undefined);
      await clock.runOne(); // just before the release
      assert.equal(other.limiter.currentRate(), 2);
      await clock.runOne(); // the idle release
      assert.equal(other.limiter.currentRate(), 50, "the dropped listing's rate no longer applies");
      // The consumer comes back after all: it takes the lease again and the listing goes on.
      emulator.resetStats();
      const second = await peek.next();
      assert.equal(second.done, false);
      assert.deepEqual(second.value?.pageNumber, 2);
      assert.equal(other.limiter.currentRate(), 2, "its rate applies again while it lists");
      assert.equal(listRequests(emulator), 1);
      await peek.return(undefined);
      assert.equal(other.limiter.currentRate(), 50, "released when the consumer ends it");
    } finally {
      other.release();
      await peek.return(undefined);
    }
  });

  describe("a dropped listing leaves no timer behind once it let go (the deadline's held the session: ~6 KB per dropped iterator for up to timeoutMs)", () => {
    const page = { pageNumber: 1, pageSize: 50, totalCount: 100, groups: [], requestId: "R" };
    const request = { pageNumber: 1, pageSize: 50, groupStatus: "all", sortOrder: "asc" } as const;
    const idleSession = async (clock: VirtualClock, name: string): Promise<ReturnType<typeof createSession>> => {
      const options = validateOptions({ appId: "app", credentials: { accessKeyId: "AK", accessKeySecret: "secret" }, quotaKey: `${name}-${process.pid}`, timeoutMs: 60_000, clock });
      const session = createSession(options, { fetchPage: () => Promise.resolve(page) }, { appId: "app", dataCenter: "cn-shanghai", accessKeyId: "AK", secrets: [] });
      await session.fetchPage(request);
      session.idle();
      await clock.runOne(); // the idle release
      return session;
    };

    it("no timer is pending after the idle release", async () => {
      const clock = new VirtualClock();
      await idleSession(clock, "no-timer");
      assert.equal(clock.time, IDLE_RELEASE_MS);
      assert.equal(clock.pending, 0, "the listing deadline's timer still referred to the dropped session");
    });

    it("a consumer that comes back before the deadline gets the deadline of the listing's start again", async () => {
      const clock = new VirtualClock();
      const session = await idleSession(clock, "back-early");
      clock.time = 30_000;
      await session.fetchPage({ ...request, pageNumber: 2 });
      assert.equal(session.signal.aborted, false);
      assert.equal(clock.pending, 1, "the deadline runs again");
      await clock.runOne();
      // (The session's start is set back by the real time its set-up took: a few ms at most.)
      assert.ok(Math.abs(clock.time - 60_000) < 100, `from the start of the listing, not from its return: ${clock.time}`);
      assert.equal((session.signal.reason as { code?: string } | undefined)?.code, "ListingTimeout");
      session.close();
    });

    for (const { back, served } of [{ back: 60_000 - 1, served: true }, { back: 60_000, served: false }]) {
      it(`the deadline counts from the listing's start on the clock (here not 0): back ${back} ms after it, ${served ? "the page is asked for" : "the ListingTimeout, with no request"}`, async () => {
        const clock = new VirtualClock();
        clock.time = 1_000_000;
        let calls = 0;
        const options = validateOptions({ appId: "app", credentials: { accessKeyId: "AK", accessKeySecret: "secret" }, quotaKey: `exact-${back}-${process.pid}`, timeoutMs: 60_000, clock });
        const session = createSession(options, { fetchPage: () => (calls++, Promise.resolve(page)) }, { appId: "app", dataCenter: "cn-shanghai", accessKeyId: "AK", secrets: [] });
        await session.fetchPage(request);
        session.idle();
        await clock.runOne();
        clock.time = session.startedAt + back;
        const next = session.fetchPage({ ...request, pageNumber: 2 });
        if (served) await next;
        else await assert.rejects(next, (error: { code?: string }) => error.code === "ListingTimeout");
        assert.equal(calls, served ? 2 : 1);
        session.close();
      });
    }

    it("a default deadline grown to fit the work (not let go) runs on its timer, from the listing's start", async () => {
      const clock = new VirtualClock();
      const options = validateOptions({ appId: "app", credentials: { accessKeyId: "AK", accessKeySecret: "secret" }, quotaKey: `fitted-${process.pid}`, clock });
      const session = createSession(options, { fetchPage: () => Promise.resolve(page) }, { appId: "app", dataCenter: "cn-shanghai", accessKeyId: "AK", secrets: [] });
      await session.fetchPage(request);
      session.counters.pagesTotal = 10_000; // 600 s at 50 calls/s (defaultDeadlineMs)
      session.reportProgress();
      assert.equal(clock.pending, 1, "the grown deadline's timer");
      await clock.runOne();
      assert.ok(Math.abs(clock.time - session.startedAt - 600_000) < 1, `expired at ${clock.time - session.startedAt} ms`);
      assert.equal((session.signal.reason as { code?: string } | undefined)?.code, "ListingTimeout");
      session.close();
    });

    it("a consumer that came back runs one deadline timer however many pages it takes, and none once closed", async () => {
      const clock = new VirtualClock();
      const session = await idleSession(clock, "back-pages");
      await session.fetchPage({ ...request, pageNumber: 2 });
      clock.time += 1000;
      await session.fetchPage({ ...request, pageNumber: 3 });
      assert.equal(clock.pending, 1);
      session.close();
      assert.equal(clock.pending, 0);
    });

    it("a consumer that comes back after its signal aborted while the session was let go gets the AbortedError at once, with no request", async () => {
      const clock = new VirtualClock();
      let calls = 0;
      const controller = new AbortController();
      const options = validateOptions({ appId: "app", credentials: { accessKeyId: "AK", accessKeySecret: "secret" }, quotaKey: `aborted-idle-${process.pid}`, timeoutMs: 60_000, signal: controller.signal, clock });
      const session = createSession(options, { fetchPage: () => (calls++, Promise.resolve(page)) }, { appId: "app", dataCenter: "cn-shanghai", accessKeyId: "AK", secrets: [] });
      await session.fetchPage(request);
      session.idle();
      await clock.runOne(); // the idle release: the session no longer listens to the signal
      controller.abort(new Error("shutting down"));
      await assert.rejects(session.fetchPage({ ...request, pageNumber: 2 }), (error: { kind?: string; message?: string }) =>
        error.kind === "Aborted" && error.message === "The listing was aborted by its signal: shutting down.");
      assert.equal(calls, 1);
      session.close();
    });

    it("a consumer that comes back after the deadline gets the ListingTimeout at once, with no request", async () => {
      const clock = new VirtualClock();
      let calls = 0;
      const options = validateOptions({ appId: "app", credentials: { accessKeyId: "AK", accessKeySecret: "secret" }, quotaKey: `late-${process.pid}`, timeoutMs: 60_000, clock });
      const session = createSession(options, { fetchPage: () => (calls++, Promise.resolve(page)) }, { appId: "app", dataCenter: "cn-shanghai", accessKeyId: "AK", secrets: [] });
      await session.fetchPage(request);
      session.idle();
      await clock.runOne();
      clock.time = 61_000;
      await assert.rejects(session.fetchPage({ ...request, pageNumber: 2 }), (error: { code?: string }) => error.code === "ListingTimeout");
      assert.equal(calls, 1);
      session.close();
    });
  });

  it("a page started after the session closed (a pass winding down after a failure) takes no lease that no one would release", async () => {
    const clock = new VirtualClock();
    const quotaKey = `closed-${process.pid}`;
    const options = validateOptions({ appId: "app", credentials: { accessKeyId: "AK", accessKeySecret: "secret" }, requestsPerSecond: 2, quotaKey, clock });
    const page = { pageNumber: 1, pageSize: 50, totalCount: 0, groups: [], requestId: "R" };
    const session = createSession(options, { fetchPage: () => Promise.resolve(page) }, { appId: "app", dataCenter: "cn-shanghai", accessKeyId: "AK", secrets: [] });
    session.close();
    await session.fetchPage({ pageNumber: 1, pageSize: 50, groupStatus: "all", sortOrder: "asc" });
    const other = limiterRegistryFor(clock).lease({ quotaKey, requestsPerSecond: 50, burst: true, redisUrl: null, warn: () => undefined });
    try {
      assert.equal(other.limiter.currentRate(), 50, "the closed session's 2 calls/s still applied");
    } finally {
      other.release();
    }
  });
});
