import type { PageClient } from "../../sdk/transport/createPageClient";
import { listAppendOnly } from "../../sdk/listing/listAppendOnly";
import { createSession, type ListingSession } from "../../sdk/listing/openListingSession";
import type { ListLiveMessageGroupsOptions, LiveMessageGroup } from "../../sdk/types";
import { validateOptions } from "../../sdk/options/validateOptions";
import { FakeClock } from "./fakeClock";

/** Options a scripted listing may set (the rest are the defaults). */
export type ScriptedOptions = Partial<Pick<
  ListLiveMessageGroupsOptions, "pageSize" | "concurrency" | "timeoutMs" | "signal" | "groupStatus" | "sortOrder" | "requestsPerSecond" | "onProgress" | "endpoint" | "maxAttempts" | "clock"
>>;

/**
 * Runs `lister` (listAppendOnly, listBracketed, ...) over a scripted page client, with a fake
 * clock (no waiting) and a limiter key of its own. Resolves to what the lister returned, or to
 * the error it threw.
 */
export async function runScriptedLister<T>(
  lister: (session: ListingSession) => Promise<T>, client: PageClient, secret: string, extra: ScriptedOptions = {},
): Promise<T | unknown> {
  const options = validateOptions({
    appId: "app", clock: new FakeClock(), credentials: { accessKeyId: "k", accessKeySecret: secret }, ...extra,
  });
  const session = createSession(options, client, {
    appId: "app", dataCenter: "cn-shanghai", accessKeyId: `k-scripted-${Math.random()}`, secrets: [secret],
  });
  try {
    return await lister(session);
  } catch (error) {
    return error;
  } finally {
    session.close();
  }
}

/** runScriptedLister with the append-only lister. */
export function runListAppendOnly(client: PageClient, secret: string, extra: ScriptedOptions = {}): Promise<LiveMessageGroup[] | unknown> {
  return runScriptedLister(listAppendOnly, client, secret, extra);
}
