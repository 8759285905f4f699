import { listAppendOnly } from "./listAppendOnly";
import { listBracketed } from "./listBracketed";
import { openListingSession } from "./openListingSession";
import type { ListLiveMessageGroupsOptions, LiveMessageGroupList } from "../types";

/**
 * Lists every interactive-messaging group of an app, verified complete, in the requested order.
 * Page 1 first (it gives TotalCount), then the other pages concurrently under the AccessKeyId's
 * rate limiter, each with retries. Groups created or deleted meanwhile cannot make it skip or
 * repeat a group: a shifted listing is detected and repaired, or a ConsistencyError is thrown
 * (sdk/CONSISTENCY.md). Every failure is a typed error (sdk/errors.ts) with code, httpStatus,
 * requestId and attempts; invalid options reject before any request.
 *
 * @example
 * const list = await listLiveMessageGroups({ appId: "my-app", dataCenter: "cn-shanghai", groupStatus: "existing" });
 * for (const group of list.groups) console.log(group.groupId, group.groupName);
 */
export async function listLiveMessageGroups(options: ListLiveMessageGroupsOptions): Promise<LiveMessageGroupList> {
  const session = await openListingSession(options);
  try {
    const { appId, dataCenter, groupStatus, sortOrder, clock } = session.options;
    const groups = groupStatus === "all" && sortOrder === "asc" ? await listAppendOnly(session) : await listBracketed(session);
    return {
      appId, dataCenter, groupStatus, sortOrder,
      totalCount: groups.length,
      groups,
      requests: session.counters.requests,
      retries: session.counters.retries,
      elapsedMs: clock.now() - session.startedAt,
    };
  } finally {
    session.close();
  }
}
