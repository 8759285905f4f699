import assert from "node:assert/strict";
import type { PageClient } from "../../sdk/transport/createPageClient";
import { ServerError } from "../../sdk/errors";
import { createSession, openListingSession } from "../../sdk/listing/openListingSession";
import { listAppendOnly } from "../../sdk/listing/listAppendOnly";
import { listBracketed } from "../../sdk/listing/listBracketed";
import { validateOptions } from "../../sdk/options/validateOptions";
import { DEADLINE_ROOM_MS } from "../../sdk/retry/retryPolicy";
import type { LiveMessageGroupPage } from "../../sdk/types";
import { VirtualClock } from "./fakeClock";
import { runListAppendOnly, runScriptedLister } from "./runListAppendOnly";

const SECRET = "Zx9-the-real-secret-Qw7";

/** A service whose first answers are scripted failures and which then never answers. */
function failingThenSilent(failures: readonly Error[]): PageClient {
  let call = 0;
  return {
    fetchPage(): Promise<LiveMessageGroupPage> {
      const failure = failures[call++];
      return failure === undefined ? new Promise<never>(() => undefined) : Promise.reject(failure);
    },
  };
}

function listWith(client: PageClient, extra: { timeoutMs?: number; signal?: AbortSignal }): Promise<unknown> {
  return runListAppendOnly(client, SECRET, extra);
}

/** A listing on virtual time: the deadline and every wait fire as `run()` advances it, with no real waiting. */
async function listOnVirtualTime(client: PageClient, extra: { timeoutMs?: number; endpoint?: string; maxAttempts?: number }): Promise<unknown> {
  const clock = new VirtualClock();
  const pending = runListAppendOnly(client, SECRET, { ...extra, clock });
  await clock.run();
  return pending;
}

/** `total` groups served one a page, with a ServerError once on page `failOn`. */
function onePerPage(total: number, failOn: number): PageClient {
  let failed = false;
  return {
    fetchPage(request): Promise<LiveMessageGroupPage> {
      if (request.pageNumber === failOn && !failed) {
        failed = true;
        return Promise.reject(new ServerError("boom", { code: "ServerError", httpStatus: 500, requestId: `R-${failOn}` }));
      }
      const first = (request.pageNumber - 1) * request.pageSize;
      const count = Math.max(0, Math.min(request.pageSize, total - first));
      const groups = Array.from({ length: count }, (_, i) => ({
        groupId: `g${first + i}`, groupName: "", groupInfo: "", creatorId: "", adminList: [], createTime: first + i, deleted: false,
      }));
      return Promise.resolve({ pageNumber: request.pageNumber, pageSize: request.pageSize, totalCount: total, groups, requestId: `r${request.pageNumber}` });
    },
  };
}

describe("session-level errors: listing deadline and abort", () => {
  it("the default deadline grows with the work: 400 pages at 1 call/s get 20 minutes, so a retry at 390 s is still made (clock injected)", async () => {
    // 5 minutes would end retries at 300 s of the clock's time; 3 x 400 pages / 1 call/s is 1,200 s.
    const groups = await runListAppendOnly(onePerPage(400, 390), SECRET, { pageSize: 1, concurrency: 1, requestsPerSecond: 1 });
    assert.ok(Array.isArray(groups), String(groups));
    assert.equal(groups.length, 400);
    // Given explicitly, timeoutMs stays as given: the same retry is refused past it.
    const bounded = await runListAppendOnly(onePerPage(400, 390), SECRET, { pageSize: 1, concurrency: 1, requestsPerSecond: 1, timeoutMs: 300_000 });
    assert.equal((bounded as { code?: string }).code, "ServerError", String(bounded));
  });

  it("the default deadline grows with a fallback's pages: existing/asc, 100 pages at 1 call/s, then 400 all-status pages, so a retry at 490 s is still made (clock injected)", async () => {
    // 400 groups, every 4th existing. Existing page 2 reports 99 once (a deletion seen): the bracketed
    // pass falls back to the all-status view, whose page 390 fails once, about 490 s in. Fitted to
    // the first pass alone (3 x 100 pages at 1 call/s: the 5 minutes of the default), the retry
    // would be refused; 3 x 500 pages is 1,500 s.
    let existingPageTwo = 0;
    let failed = false;
    const client: PageClient = {
      fetchPage(request): Promise<LiveMessageGroupPage> {
        const existing = request.groupStatus === "existing";
        if (!existing && request.pageNumber === 390 && !failed) {
          failed = true;
          return Promise.reject(new ServerError("boom", { code: "ServerError", httpStatus: 500, requestId: "R-390" }));
        }
        const index = existing ? (request.pageNumber - 1) * 4 : request.pageNumber - 1;
        const totalCount = existing ? (request.pageNumber === 2 && existingPageTwo++ === 0 ? 99 : 100) : 400;
        const groups = index < 400 ? [{ groupId: `g${index}`, groupName: "", groupInfo: "", creatorId: "", adminList: [], createTime: index, deleted: index % 4 !== 0 }] : [];
        return Promise.resolve({ pageNumber: request.pageNumber, pageSize: request.pageSize, totalCount, groups, requestId: `r${request.pageNumber}` });
      },
    };
    const groups = await runScriptedLister(listBracketed, client, SECRET, { groupStatus: "existing", pageSize: 1, concurrency: 1, requestsPerSecond: 1 });
    assert.ok(Array.isArray(groups), String(groups));
    assert.equal(groups.length, 100);
    assert.ok(failed);
  });

  it("the default deadline follows a rate that drops mid-listing (a slower listing joined the quota): 2,000 pages at 5 calls/s from page 100 are not cut at 300 s (clock injected)", async () => {
    const clock = new VirtualClock();
    const accessKeyId = `k-drop-${Math.random()}`;
    const context = { appId: "app", dataCenter: "cn-shanghai", accessKeyId, secrets: [SECRET] };
    const slower = new AbortController();
    let slowerStarted = false;
    const a = createSession(validateOptions({
      appId: "app", clock, credentials: { accessKeyId, accessKeySecret: SECRET }, pageSize: 1,
      onProgress: (progress) => {
        if (slowerStarted || progress.pagesDone < 100) return;
        slowerStarted = true;
        // A polite listing of the same quota at 5 calls/s, still running when `a` ends.
        const b = createSession(validateOptions({ appId: "app", clock, credentials: { accessKeyId, accessKeySecret: SECRET }, requestsPerSecond: 5, signal: slower.signal }), failingThenSilent([]), context);
        void listAppendOnly(b).catch(() => undefined).finally(() => b.close());
      },
    }), onePerPage(2000, -1), context);
    const listed = listAppendOnly(a).then((groups) => groups, (error: unknown) => error).finally(() => {
      a.close();
      slower.abort();
    });
    await clock.run();
    const result = await listed;
    assert.ok(Array.isArray(result), String(result));
    assert.equal(result.length, 2000);
    assert.ok(slowerStarted);
    assert.ok(clock.now() > 300_000, `the rate did drop: ${clock.now()} ms`);
  });

  it("the default deadline counts the listings sharing the limiter: 10 listings of 310 pages at 10 calls/s (310 s together) all finish, none is cut at 300 s (clock injected)", async () => {
    const clock = new VirtualClock();
    const accessKeyId = `k-shared-${Math.random()}`;
    const context = { appId: "app", dataCenter: "cn-shanghai", accessKeyId, secrets: [SECRET] };
    const results = await Promise.all(Array.from({ length: 10 }, async () => {
      const session = createSession(validateOptions({ appId: "app", clock, credentials: { accessKeyId, accessKeySecret: SECRET }, pageSize: 1, requestsPerSecond: 10 }),
        onePerPage(310, -1), context);
      const listed = listAppendOnly(session).then((groups) => groups, (error: unknown) => error).finally(() => session.close());
      return listed;
    }).concat([clock.run().then(() => [])])) as unknown[];
    for (const result of results.slice(0, 10)) {
      assert.ok(Array.isArray(result), String(result));
      assert.equal(result.length, 310);
    }
    assert.ok(clock.now() > 300_000, `they did share the limiter: ${clock.now()} ms`);
  });

  it("a service failing throughout, maxAttempts 100, timeoutMs 3000: retried until the deadline leaves no time, then its ServerError saying the deadline stopped it (clock injected)", async () => {
    let calls = 0;
    let lastAt = 0;
    const clock = new VirtualClock();
    const failing: PageClient = {
      fetchPage(): Promise<LiveMessageGroupPage> {
        calls++;
        lastAt = clock.now();
        return Promise.reject(new ServerError("boom", { code: "ServerError", httpStatus: 500, requestId: `R-${calls}` }));
      },
    };
    const pending = runListAppendOnly(failing, SECRET, { timeoutMs: 3_000, maxAttempts: 100, clock });
    await clock.run();
    const error = await pending;
    assert.equal((error as { kind?: string }).kind, "ServerError", String(error));
    assert.match((error as Error).message, /^The service failed until its next try would have passed the listing's deadline \(timeoutMs\): /);
    // The session counts its start a fraction of a millisecond before the clock's 0 (the real time it took to open).
    assert.ok(lastAt > 3_000 - DEADLINE_ROOM_MS - 1 && lastAt < 3_000, `the last try at ${lastAt} ms of 3,000 (try ${calls})`);
    assert.ok(calls > 6 && calls < 100, `${calls} tries`);
  });

  it("a listing TimeoutError names the last service error seen (code, HTTP status, RequestId)", async () => {
    const failure = new ServerError("boom", { code: "ServiceUnavailable", httpStatus: 503, requestId: "REQ-LAST-503" });
    const error = await listOnVirtualTime(failingThenSilent([failure]), { timeoutMs: 200 });
    assert.equal((error as { kind?: string }).kind, "Timeout");
    assert.equal((error as { code?: string }).code, "ListingTimeout");
    assert.match((error as Error).message, /within timeoutMs \(200 ms\)\. The last service error seen: code ServiceUnavailable, HTTP 503, RequestId REQ-LAST-503\./);
    assert.equal((error as { requestId?: string }).requestId, "REQ-LAST-503");
  });

  it("a listing TimeoutError after a gateway's page (HTTP 502, no RequestId) names it as the last service error, not as no answer", async () => {
    // A gateway's HTML page: an answer with a status and no RequestId.
    const gateway = Object.assign(new SyntaxError("Unexpected token <"), { answer: { httpStatus: 502, requestId: null } });
    const error = await listOnVirtualTime(failingThenSilent([gateway]), { timeoutMs: 200 });
    assert.equal((error as { code?: string }).code, "ListingTimeout");
    assert.match((error as Error).message, /within timeoutMs \(200 ms\)\. The last service error seen: code none, HTTP 502, RequestId none\.$/);
    assert.equal((error as { httpStatus?: unknown }).httpStatus, 502);
  });

  it("a listing TimeoutError before any answer or failure says the deadline, that the endpoint has not answered, and that its first request still waited", async () => {
    // A deadline shorter than one answer takes: a slow endpoint, not shown to be unreachable.
    const error = await listOnVirtualTime(failingThenSilent([]), { timeoutMs: 30 });
    assert.equal((error as Error).message, "The listing did not finish within timeoutMs (30 ms): no answer from the endpoint https://live.aliyuncs.com in that time " +
      "(its first request was still waiting for one).");
  });

  it("a listing TimeoutError after attempts that never got an answer says so, naming the endpoint: no \"service error\" (there was none)", async () => {
    // What the transport throws when nothing answers within requestTimeoutMs, and a refused connection.
    const timedOut = Object.assign(new Error("ReadTimeout(10000). GET http://127.0.0.1:9/?AppId=app failed."), { name: "RequestTimeoutError" });
    const refused = Object.assign(new Error("connect ECONNRESET 127.0.0.1:9"), { code: "ECONNRESET" });
    const error = await listOnVirtualTime(failingThenSilent([refused, timedOut]), { timeoutMs: 60_000, endpoint: "http://127.0.0.1:9" });
    assert.equal((error as { code?: string }).code, "ListingTimeout");
    assert.equal((error as Error).message, "The listing did not finish within timeoutMs (60000 ms): no answer from the endpoint " +
      "http://127.0.0.1:9 in that time (every attempt failed without one; the last: RequestTimeout).");
    assert.equal((error as { requestId?: unknown }).requestId, null);
  });

  it("a listing TimeoutError after pages were answered, whose last failure got no answer, says that, not \"service error\"", async () => {
    let call = 0;
    const client: PageClient = {
      fetchPage(request) {
        call++;
        if (call === 1) return onePerPage(100, -1).fetchPage(request);
        if (call === 2) return Promise.reject(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }));
        return new Promise<never>(() => undefined);
      },
    };
    const error = await listOnVirtualTime(client, { timeoutMs: 60_000, endpoint: "http://127.0.0.1:9" });
    assert.equal((error as Error).message, "The listing did not finish within timeoutMs (60000 ms). The last attempt got no answer from the endpoint http://127.0.0.1:9: ECONNRESET.");
  });

  const reasons: ReadonlyArray<readonly [string, unknown, { name: string; message: string }, string]> = [
    ["an Error", new Error(`user gave up; key ${SECRET}`), { name: "Error", message: "user gave up; key ***" }, "The listing was aborted by its signal: user gave up; key ***."],
    ["a string", `stop ${SECRET}`, { name: "string", message: "stop ***" }, "The listing was aborted by its signal: stop ***."],
    ["an object", { why: "shutdown" }, { name: "object", message: '{"why":"shutdown"}' }, 'The listing was aborted by its signal: {"why":"shutdown"}.'],
    ["the default DOMException", undefined, { name: "AbortError", message: "This operation was aborted" }, "The listing was aborted by its signal."],
    // Long reasons: the message names the first 200 characters; a reason that is not an Error is cut at 500 in the cause.
    ["a long Error", new Error("e".repeat(300)), { name: "Error", message: "e".repeat(300) }, `The listing was aborted by its signal: ${"e".repeat(200)}.`],
    ["a long string", "s".repeat(600), { name: "string", message: `${"s".repeat(500)}...` }, `The listing was aborted by its signal: ${"s".repeat(200)}.`],
  ];
  for (const [name, reason, cause, message] of reasons) {
    it(`an AbortedError carries the signal's reason (${name}) as a scrubbed cause`, async () => {
      const controller = new AbortController();
      const pending = listWith(failingThenSilent([]), { signal: controller.signal });
      controller.abort(reason);
      const error = await pending;
      assert.equal((error as { kind?: string }).kind, "Aborted");
      assert.deepEqual((error as Error).cause, cause);
      assert.equal((error as Error).message, message);
      assert.ok(!JSON.stringify(error).includes(SECRET) && !String((error as Error).stack).includes(SECRET));
    });
  }

  it("an already aborted signal rejects before any request, with its reason as the cause", async () => {
    const signal = AbortSignal.abort(new Error("not today"));
    await assert.rejects(openListingSession({ appId: "app", signal, credentials: { accessKeyId: "k", accessKeySecret: SECRET } }), (error: unknown) => {
      assert.equal((error as { kind?: string }).kind, "Aborted");
      assert.deepEqual((error as Error).cause, { name: "Error", message: "not today" });
      return true;
    });
  });
});
