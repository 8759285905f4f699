import assert from "node:assert/strict";
import type { PageClient } from "../../sdk/transport/createPageClient";
import { listAppendOnly } from "../../sdk/listing/listAppendOnly";
import { createSession } from "../../sdk/listing/openListingSession";
import { validateOptions } from "../../sdk/options/validateOptions";
import { limiterRegistryFor } from "../../sdk/rate/limiterRegistry";
import type { WindowRateLimiter } from "../../sdk/rate/rateLimiter";
import type { LiveMessageGroup, LiveMessageGroupPage } from "../../sdk/types";
import { FakeClock } from "./fakeClock";

/** A throttle as @alicloud/openapi-client raises it (HTTP 400, Code Throttling.User). */
function throttled(): Error {
  return Object.assign(new Error("Throttling.User: Request was denied due to user flow control."), {
    code: "Throttling.User", statusCode: 400, data: { Code: "Throttling.User", Message: "Request was denied due to user flow control.", RequestId: "T-1", statusCode: 400 },
  });
}

/** `total` groups one a page; the `throttleOn`-th request is throttled once. */
function throttlingOnce(total: number, throttleOn: number): PageClient {
  let requests = 0;
  return {
    async fetchPage(request): Promise<LiveMessageGroupPage> {
      if (++requests === throttleOn) throw throttled();
      const groups: LiveMessageGroup[] = request.pageNumber > total ? [] : [{
        groupId: `g${request.pageNumber}`, groupName: "", groupInfo: "", creatorId: "", adminList: [], createTime: request.pageNumber, deleted: false,
      }];
      return { pageNumber: request.pageNumber, pageSize: 1, totalCount: total, groups, requestId: `r${requests}` };
    },
  };
}

describe("a listing session tells its quota's limiter of a throttle (the limiter holds its places and slows down)", () => {
  for (const [name, client, holds] of [
    ["throttled once", () => throttlingOnce(6, 4), true],
    ["never throttled", () => throttlingOnce(6, 0), false],
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
