import { startEmulator } from "../../emulator";
import type { Emulator, EmulatorOptions } from "../../emulator/types";
import type { ListLiveMessageGroupsOptions, LiveMessageGroup } from "../../sdk/types";
import { FakeClock } from "./fakeClock";

let keyCounter = 0;

/**
 * Starts an emulator with a key pair unique to this test, so the process-wide limiter of one test
 * (keyed by AccessKeyId) never carries state into another.
 */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  keyCounter++;
  const accessKeyId = `LTAItest${process.pid}x${keyCounter}${Date.now() % 100000}`;
  return startEmulator({ keyPairs: [{ accessKeyId, accessKeySecret: `secret-${keyCounter}-Zq8vW2xYk9Lm3Nb7` }], ...options });
}

/** Options of a fast listing against `emulator`: no client-side rate limit worth mentioning. */
export function fastOptions(emulator: Emulator, appId: string, extra: Partial<ListLiveMessageGroupsOptions> = {}): ListLiveMessageGroupsOptions {
  return { appId, endpoint: emulator.url, credentials: emulator.credentials, requestsPerSecond: 10_000, ...extra };
}

/** Options for fault tests: real time, but immediate (recorded) backoff sleeps. */
export function faultOptions(emulator: Emulator, appId: string, extra: Partial<ListLiveMessageGroupsOptions> = {}): ListLiveMessageGroupsOptions & { clock: FakeClock } {
  const clock = new FakeClock({ realTime: true, advanceOnSleep: false });
  // 8 pages in flight, as these tests were sized for: 50 at once can outlast requestTimeoutMs on a busy machine.
  return { ...fastOptions(emulator, appId, { concurrency: 8, ...extra }), clock };
}

/** What the store says a listing of `groupStatus` in `sortOrder` must return, as ids. */
export function expectedIds(emulator: Emulator, appId: string, groupStatus: string, sortOrder: string): string[] {
  const groups = emulator.store.groups(appId).filter((g) => groupStatus === "all" || g.deleted === (groupStatus === "deleted"));
  const ids = groups.map((g) => g.groupId);
  return sortOrder === "desc" ? ids.reverse() : ids;
}

export function ids(groups: readonly LiveMessageGroup[]): string[] {
  return groups.map((g) => g.groupId);
}

/** ListLiveMessageGroupByPage requests in the emulator's log. */
export function listRequests(emulator: Emulator): number {
  return emulator.requestLog().filter((entry) => entry.action === "ListLiveMessageGroupByPage").length;
}

/** ListLiveMessageGroupByPage requests for `appId` in the emulator's log (answered ones). */
export function listRequestsFor(emulator: Emulator, appId: string): number {
  return emulator.requestLog().filter((entry) => entry.action === "ListLiveMessageGroupByPage" && entry.params.AppId === appId).length;
}
