import type { PageClient } from "../../sdk/createPageClient";
import { listAppendOnly } from "../../sdk/listAppendOnly";
import { createSession } from "../../sdk/openListingSession";
import type { ListLiveMessageGroupsOptions, LiveMessageGroup } from "../../sdk/types";
import { validateOptions } from "../../sdk/validateOptions";
import { FakeClock } from "./fakeClock";

/**
 * Runs the append-only lister over a scripted page client, with a fake clock (no waiting) and a
 * limiter key of its own. Resolves to the groups, or to the error it threw.
 */
export async function runListAppendOnly(
  client: PageClient,
  secret: string,
  extra: Partial<Pick<ListLiveMessageGroupsOptions, "pageSize" | "concurrency" | "timeoutMs" | "signal">> = {},
): Promise<LiveMessageGroup[] | unknown> {
  const options = validateOptions({
    appId: "app", clock: new FakeClock(), credentials: { accessKeyId: "k", accessKeySecret: secret }, ...extra,
  });
  const session = createSession(options, client, {
    appId: "app", dataCenter: "cn-shanghai", accessKeyId: `k-scripted-${Math.random()}`, secrets: [secret],
  });
  try {
    return await listAppendOnly(session);
  } catch (error) {
    return error;
  } finally {
    session.close();
  }
}
