import assert from "node:assert/strict";
import type { PageClient } from "../../sdk/transport/createPageClient";
import { listAppendOnly } from "../../sdk/listing/listAppendOnly";
import { createSession } from "../../sdk/listing/openListingSession";
import { validateOptions } from "../../sdk/options/validateOptions";
import { limiterRegistryFor } from "../../sdk/rate/limiterRegistry";
import type { WindowRateLimiter } from "../../sdk/rate/rateLimiter";
import type { LiveMessageGroup, LiveMessageGroupPage } from "../../sdk/types";
import { isLiveMessageGroupsError } from "../../sdk/errors";
import { FakeClock } from "./fakeClock";
import { serviceThrottle } from "./quotaSimulation";

/** `total` groups one a page; request `n` (from 1) is throttled when `throttles(n)`. */
function throttlingClient(total: number, throttles: (request: number) => boolean): PageClient & { requests: () => number } {
  let requests = 0;
  return {
    requests: () => requests,
    async fetchPage(request): Promise<LiveMessageGroupPage> {
      if (throttles(++requests)) throw serviceThrottle();
      const groups: LiveMessageGroup[] = request.pageNumber > total ? [] : [{
        groupId: `g${request.pageNumber}`, groupName: "", groupInfo: "", creatorId: "", adminList: [], createTime: request.pageNumber, deleted: false,
      }];
      return { pageNumber: request.pageNumber, pageSize: 1, totalCount: total, groups, requestId: `r${requests}` };
    },
  };
}

describe("a listing session tells its quota's limiter of a throttle (the limiter holds its places and slows down)", () => {
  for (const [name, client, holds] of [
    ["throttled once", () => throttlingClient(6, (n) => n === 4), true],
    ["never throttled", () => throttlingClient(6, () => false), false],
  ] as const) {
    it(`${name}: the limiter ${holds ? "holds the places it had" : "keeps bursting"}`, async () => {
      const clock = new FakeClock();
      const quotaKey = `k-session-throttle-${name.replace(/\s/g, "-")}`;
      const options = validateOptions({ appId: "app", clock, pageSize: 1, concurrency: 1, credentials: { accessKeyId: quotaKey, accessKeySecret: "session-throttle-secret" } });
      const session = createSession(options, client(), { appId: "app", dataCenter: "cn-shanghai", accessKeyId: quotaKey, secrets: ["session-throttle-secret"] });
      try {
        assert.deepEqual((await listAppendOnly(session)).map((g) => g.groupId), ["g1", "g2", "g3", "g4", "g5", "g6"]);
      } finally {
        session.close();
      }
      const lease = limiterRegistryFor(clock).lease({ quotaKey, requestsPerSecond: 50, burst: true, redisUrl: null, warn: () => undefined });
      try {
        const held = (lease.limiter as WindowRateLimiter).heldPlaces;
        if (holds) assert.ok(held >= 3, `held ${held}`);
        else assert.equal(held, 0);
      } finally {
        lease.release();
      }
    });
  }
});

describe("a listing session waits out throttles beyond maxAttempts (a listing that starts while others hold the account's window)", () => {
  it("its first page throttled 15 times under the default 10 attempts: the listing completes, exact", async () => {
    const clock = new FakeClock({ seed: 3 });
    const quotaKey = "k-session-throttled-first";
    const options = validateOptions({ appId: "app", clock, pageSize: 1, concurrency: 1, credentials: { accessKeyId: quotaKey, accessKeySecret: "session-throttle-secret" } });
    const client = throttlingClient(3, (n) => n <= 15);
    const session = createSession(options, client, { appId: "app", dataCenter: "cn-shanghai", accessKeyId: quotaKey, secrets: ["session-throttle-secret"] });
    try {
      assert.deepEqual((await listAppendOnly(session)).map((g) => g.groupId), ["g1", "g2", "g3"]);
    } finally {
      session.close();
    }
    assert.ok(client.requests() >= 18, `${client.requests()} requests`);
    assert.equal(session.counters.retries, 15);
  });

  it("throttled without end, under maxAttempts 2: a ThrottlingError once the next wait would pass timeoutMs, with every try", async () => {
    const clock = new FakeClock({ seed: 3 });
    const quotaKey = "k-session-throttled-always";
    const options = validateOptions({
      appId: "app", clock, pageSize: 1, concurrency: 1, maxAttempts: 2, timeoutMs: 120_000,
      credentials: { accessKeyId: quotaKey, accessKeySecret: "session-throttle-secret" },
    });
    const client = throttlingClient(3, () => true);
    const session = createSession(options, client, { appId: "app", dataCenter: "cn-shanghai", accessKeyId: quotaKey, secrets: ["session-throttle-secret"] });
    const started = clock.now();
    const error = await listAppendOnly(session).catch((e: unknown) => e).finally(() => session.close());
    assert.ok(isLiveMessageGroupsError(error));
    assert.equal(error.kind, "Throttling");
    assert.equal(error.attempts, client.requests());
    assert.ok(client.requests() > 2, `${client.requests()} requests`);
    assert.ok(clock.now() - started < 120_000, "it stopped before the deadline, not past it");
    assert.match(error.message, /throttled until its next try would have passed the listing's deadline \(timeoutMs\)/);
  });
});
