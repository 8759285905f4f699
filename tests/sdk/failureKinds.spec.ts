import assert from "node:assert/strict";
import type { PageClient, PageRequest } from "../../sdk/transport/createPageClient";
import { classifyError } from "../../sdk/retry/classifyError";
import { tooManyPagesAdvice } from "../../sdk/listing/fetchPass";
import { RAMP_ANSWER_FACTOR, RAMP_INITIAL_CALLS } from "../../sdk/rate/rateLimiter";
import type { LiveMessageGroup, LiveMessageGroupPage } from "../../sdk/types";
import { assertNoSecrets } from "./assertNoSecrets";
import { runListAppendOnly } from "./runListAppendOnly";

const SECRET = "failure-kinds-Secret-9q";

/** A client that fails every call with `error` and counts the calls. */
function failing(error: unknown): PageClient & { calls: number } {
  const client = {
    calls: 0,
    fetchPage(): Promise<LiveMessageGroupPage> {
      client.calls++;
      return Promise.reject(error);
    },
  };
  return client;
}

function refused(): Error {
  return Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED", errno: -111, syscall: "connect" });
}

describe("failure kinds: a bug is internal, refused on loopback is final", () => {
  const bugs: ReadonlyArray<readonly [string, unknown]> = [
    ["a TypeError", new TypeError("Cannot read properties of undefined (reading 'Groups')")],
    ["a RangeError", new RangeError("Invalid array length")],
    ["a ReferenceError", new ReferenceError("groupList is not defined")],
    ["Node's own argument check", Object.assign(new TypeError("The \"chunk\" argument must be of type string"), { code: "ERR_INVALID_ARG_TYPE" })],
  ];
  for (const [name, error] of bugs) {
    it(`${name} is classified internal, never network, and not retried`, () => {
      const failure = classifyError(error);
      assert.equal(failure.category, "internal");
      assert.equal(failure.retryable, false);
    });
  }

  it("a network error with a code is still network (ECONNRESET, ERR_STREAM_PREMATURE_CLOSE as a TypeError)", () => {
    assert.equal(classifyError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })).category, "network");
    assert.equal(classifyError(Object.assign(new TypeError("closed"), { code: "ERR_STREAM_PREMATURE_CLOSE" })).category, "network");
  });

  it("a TypeError during a listing is an InternalError after one attempt, its cause the original name, message and stack", async () => {
    const bug = new TypeError(`Cannot read properties of undefined (reading 'Groups') ${SECRET}`);
    const client = failing(bug);
    const error = await runListAppendOnly(client, SECRET, { maxAttempts: 5 });
    assert.ok(error instanceof Error);
    assert.equal((error as { kind?: unknown }).kind, "Internal");
    assert.equal(error.name, "InternalError");
    assert.equal(client.calls, 1);
    assert.match(error.message, /^Internal error \(a bug, not a network or service failure\): TypeError: Cannot read properties/);
    const cause = (error as { cause?: unknown }).cause;
    assert.ok(cause instanceof Error);
    assert.equal(cause.name, "TypeError");
    assert.match(cause.stack ?? "", /failureKinds\.spec/, "the stack of the original error");
    assertNoSecrets(error, [SECRET]);
  });

  it("connection refused by a loopback endpoint fails at the first attempt", async () => {
    for (const endpoint of ["http://127.0.0.1:9", "http://localhost:9", "http://[::1]:9"]) {
      const client = failing(refused());
      const error = await runListAppendOnly(client, SECRET, { endpoint, maxAttempts: 5 });
      assert.equal((error as { kind?: unknown }).kind, "Network", endpoint);
      assert.equal((error as { code?: unknown }).code, "ECONNREFUSED");
      assert.equal((error as { attempts?: unknown }).attempts, 1, endpoint);
      assert.equal(client.calls, 1);
    }
  });

  it("connection refused by a remote endpoint is retried as before", async () => {
    const client = failing(refused());
    const error = await runListAppendOnly(client, SECRET, { endpoint: "live.aliyuncs.com", maxAttempts: 3 });
    assert.equal((error as { kind?: unknown }).kind, "Network");
    assert.equal((error as { attempts?: unknown }).attempts, 3);
    assert.equal(client.calls, 3);
  });

  it("50 pages in flight at once raise no MaxListenersExceededWarning", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on("warning", onWarning);
    try {
      const total = 200;
      let inFlight = 0;
      let mostInFlight = 0;
      let issued = 0;
      // Each request is held until 50 are in flight, then all are answered: no timer, so nothing here
      // waits on the real clock. The first ones are answered at once (the first, which a listing sends
      // alone, and as many as the ramp needs answered to let 50 more out: RAMP_ANSWER_FACTOR x
      // answered + RAMP_INITIAL_CALLS >= answered + 50), and the last.
      const answeredAtOnce = Math.ceil((50 - RAMP_INITIAL_CALLS) / (RAMP_ANSWER_FACTOR - 1));
      let held: (() => void)[] = [];
      const client: PageClient = {
        async fetchPage(request: PageRequest): Promise<LiveMessageGroupPage> {
          inFlight++;
          issued++;
          mostInFlight = Math.max(mostInFlight, inFlight);
          const answered = new Promise<void>((resolve) => held.push(resolve));
          if (inFlight === 50 || issued <= answeredAtOnce || issued >= total) {
            const release = held;
            held = [];
            for (const resolve of release) resolve();
          }
          await answered;
          inFlight--;
          const first = (request.pageNumber - 1) * request.pageSize;
          const count = Math.max(0, Math.min(request.pageSize, total - first));
          const groups: LiveMessageGroup[] = Array.from({ length: count }, (_, i) => ({
            groupId: `g${String(first + i).padStart(4, "0")}`, groupName: "", groupInfo: "", creatorId: "", adminList: [], createTime: first + i, deleted: false,
          }));
          return { pageNumber: request.pageNumber, pageSize: request.pageSize, totalCount: total, groups, requestId: `r${request.pageNumber}` };
        },
      };
      const groups = await runListAppendOnly(client, SECRET, { pageSize: 1, concurrency: 50, requestsPerSecond: 10_000 });
      assert.ok(Array.isArray(groups), String(groups));
      assert.equal(groups.length, total);
      assert.equal(mostInFlight, 50, "pages in flight at once");
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", onWarning);
    }
    assert.deepEqual(warnings.map((w) => `${w.name}: ${w.message}`), []);
  });

  const advice: ReadonlyArray<readonly [number, number, "all" | "existing", RegExp]> = [
    [10_001, 1, "all", /^use pageSize 50 /],
    [499_999, 49, "existing", /^use pageSize 50 /],
    // Exactly the API's reach at pageSize 50 (10,000 full pages): listable there.
    [500_000, 49, "existing", /^use pageSize 50 /],
    // Already at 50: pageSize cannot help.
    [500_001, 50, "all", /^the API cannot page past 500000 groups at any pageSize: list groupStatus existing and deleted separately/],
    [600_000, 10, "all", /at any pageSize: list groupStatus existing and deleted separately/],
    [500_001, 50, "existing", /cannot page past 500000 groups of one groupStatus at any pageSize/],
  ];
  for (const [total, pageSize, status, expected] of advice) {
    it(`too many pages: ${total} ${status} groups at pageSize ${pageSize} -> ${expected.source.slice(0, 40)}`, () => {
      const text = tooManyPagesAdvice(total, pageSize, status);
      assert.match(text, expected);
      if (pageSize === 50) assert.doesNotMatch(text, /use pageSize/);
    });
  }
});
