import assert from "node:assert/strict";
import { describeFailure } from "../../sdk/describeFailure";
import { isLiveMessageGroupsError } from "../../sdk/errors";
import { RetryPolicy } from "../../sdk/retryPolicy";
import { withRetries } from "../../sdk/withRetries";
import { FakeClock } from "./fakeClock";

const context = { appId: "app", dataCenter: "cn-shanghai", accessKeyId: "AK", secrets: ["s3cr3t-value"] };

function serviceError(code: string, status: number, requestId: string): Error {
  return Object.assign(new Error(code), { code, statusCode: status, data: { Code: code, Message: `${code} msg`, RequestId: requestId, statusCode: status } });
}

type Step = Error | "ok";

/** Runs a scripted sequence of outcomes through the real loop. */
async function run(script: readonly Step[], maxAttempts = 10): Promise<{ result: unknown; calls: number; clock: FakeClock; retries: number }> {
  const clock = new FakeClock({ seed: 1 });
  let calls = 0;
  let retries = 0;
  const policy = new RetryPolicy({ maxAttempts, random: clock.random });
  try {
    const value = await withRetries(async () => {
      const step = script[calls++];
      if (step === undefined || step === "ok") return "page";
      throw step;
    }, { policy, clock, giveUp: (f, n) => describeFailure(f, n, context), onRetry: () => retries++ });
    return { result: value, calls, clock, retries };
  } catch (error) {
    return { result: error, calls, clock, retries };
  }
}

describe("withRetries (the loop)", () => {
  const table: ReadonlyArray<{ name: string; script: Step[]; maxAttempts?: number; calls: number; ok: boolean; kind?: string; requestId?: string }> = [
    { name: "first try succeeds", script: ["ok"], calls: 1, ok: true },
    { name: "two server errors then success", script: [serviceError("ServerError", 500, "R1"), serviceError("ServerError", 500, "R2"), "ok"], calls: 3, ok: true },
    { name: "throttled then success", script: [serviceError("Throttling.User", 400, "R1"), "ok"], calls: 2, ok: true },
    { name: "client error fails on the first response", script: [serviceError("NoAuth", 403, "R1"), "ok"], calls: 1, ok: false, kind: "ClientError", requestId: "R1" },
    { name: "gives up with the LAST error", script: [serviceError("Throttling", 400, "R1"), serviceError("ServerError", 500, "R2"), serviceError("ServiceUnavailable", 503, "R3")],
      maxAttempts: 3, calls: 3, ok: false, kind: "ServerError", requestId: "R3" },
    { name: "schema failures stop after 3", script: Array.from({ length: 5 }, () => Object.assign(new Error("bad"), { name: "ResponseValidationError", requestId: "RV" })),
      calls: 3, ok: false, kind: "InvalidResponse", requestId: "RV" },
  ];
  for (const row of table) {
    it(row.name, async () => {
      const { result, calls, clock, retries } = await run(row.script, row.maxAttempts);
      assert.equal(calls, row.calls);
      assert.equal(retries, row.calls - 1);
      assert.equal(clock.sleeps.length, row.calls - 1, "one wait per retry");
      if (row.ok) {
        assert.equal(result, "page");
        return;
      }
      assert.ok(isLiveMessageGroupsError(result));
      assert.equal(result.kind, row.kind);
      assert.equal(result.attempts, row.calls);
      assert.equal(result.requestId, row.requestId);
    });
  }

  it("waits use the longer throttling base", async () => {
    const { clock } = await run([serviceError("Throttling", 400, "R"), serviceError("Throttling", 400, "R"), "ok"]);
    const [first, second] = clock.sleeps as [number, number];
    assert.ok(first < 500 && second < 1000);
    assert.ok(first + second > 0);
  });

  it("an aborted signal stops the loop with the signal's reason", async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const reason = new Error("stop");
    const promise = withRetries(async () => {
      controller.abort(reason);
      throw serviceError("ServerError", 500, "R");
    }, { policy: new RetryPolicy({ random: clock.random }), clock, signal: controller.signal, giveUp: (f, n) => describeFailure(f, n, context) });
    await assert.rejects(promise, (error) => error === reason);
  });
});
