/**
 * Listings under one account on virtual time, the last one started late: the real listing loop
 * (createSession, listAppendOnly, the default retries and the process's uncoordinated limiter, one
 * per listing as in separate processes) against a simulated 50 calls/s sliding window. A CI job that
 * starts while the others fill the window must still list exactly, however long they hold it.
 *
 * `node dist/tests/sdk/lateStartSimulation.js [seeds] [lateMs] [processes] [pages]` prints one line a
 * seed and a summary (default 100 seeds, the last listing 20 s late, 10 listings of 1,000 pages).
 */
import { listAppendOnly } from "../../sdk/listing/listAppendOnly";
import { createSession } from "../../sdk/listing/openListingSession";
import { validateOptions } from "../../sdk/options/validateOptions";
import type { PageClient } from "../../sdk/transport/createPageClient";
import type { LiveMessageGroup } from "../../sdk/types";
import { VirtualClock } from "./fakeClock";
import { serviceThrottle, SimulatedService } from "./quotaSimulation";

export interface LateStartListing {
  readonly startAt: number;
  requests: number;
  throttled: number;
  /** Virtual time of its first answered page, or null. */
  firstAnswerAt: number | null;
  endedAt: number | null;
  groups: number | null;
  /** `name: message` of the error it ended with, or null. */
  error: string | null;
}

export interface LateStartRun {
  readonly seed: number;
  readonly peak: number;
  readonly listings: readonly LateStartListing[];
  /** The late listing (the last). */
  readonly late: LateStartListing;
}

/** A page client on `clock`: 1-3 ms to the count, then 50-70 ms for an answer, 1-20 ms for a throttle. */
function simulatedClient(clock: VirtualClock, service: SimulatedService, pages: number, stats: LateStartListing): PageClient {
  const total = pages * 50;
  return {
    async fetchPage(request) {
      await clock.sleep(1 + Math.floor(clock.random() * 3));
      const admitted = service.call(clock.now());
      stats.requests++;
      const extra = Math.floor(clock.random() * 20);
      await clock.sleep(admitted ? 50 + extra : 1 + extra);
      if (!admitted) {
        stats.throttled++;
        throw serviceThrottle();
      }
      stats.firstAnswerAt ??= clock.now();
      const from = (request.pageNumber - 1) * request.pageSize;
      const groups: LiveMessageGroup[] = [];
      for (let i = from; i < Math.min(total, from + request.pageSize); i++) {
        groups.push({ groupId: `g${i}`, groupName: "", groupInfo: "", creatorId: "", adminList: [], createTime: 1000 + i, deleted: false });
      }
      return { pageNumber: request.pageNumber, pageSize: request.pageSize, totalCount: total, groups, requestId: `r${stats.requests}` };
    },
  };
}

/** One run: `processes` listings of `pages` pages, the others starting within 20 ms, the last `lateMs` late. */
export async function simulateLateStart(seed: number, options: { processes: number; pages: number; lateMs: number }): Promise<LateStartRun> {
  const clock = new VirtualClock({ seed });
  const service = new SimulatedService(50);
  const listings: LateStartListing[] = [];
  const runs = Array.from({ length: options.processes }, async (_, i) => {
    const startAt = i === options.processes - 1 ? options.lateMs : Math.floor(clock.random() * 20);
    const stats: LateStartListing = { startAt, requests: 0, throttled: 0, firstAnswerAt: null, endedAt: null, groups: null, error: null };
    listings.push(stats);
    if (startAt > 0) await clock.sleep(startAt);
    // A key of its own per listing and seed: its own limiter, as a separate process has.
    const key = `late-start-${seed}-${i}`;
    const listingOptions = validateOptions({ appId: "app", clock, pageSize: 50, credentials: { accessKeyId: key, accessKeySecret: "late-start-secret" } });
    const session = createSession(listingOptions, simulatedClient(clock, service, options.pages, stats),
      { appId: "app", dataCenter: "cn-shanghai", accessKeyId: key, secrets: ["late-start-secret"] });
    try {
      stats.groups = (await listAppendOnly(session)).length;
    } catch (error) {
      stats.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    } finally {
      session.close();
      stats.endedAt = clock.now();
    }
  });
  await clock.run();
  await Promise.all(runs);
  const late = listings.find((listing) => listing.startAt === options.lateMs) as LateStartListing;
  return { seed, peak: service.peak(), listings, late };
}

async function main(): Promise<void> {
  const [seeds = 100, lateMs = 20_000, processes = 10, pages = 1000] = process.argv.slice(2).map(Number);
  let failed = 0;
  const firstPages: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const run = await simulateLateStart(seed, { processes, pages, lateMs });
    const errors = run.listings.filter((listing) => listing.error !== null);
    if (errors.length > 0) failed++;
    if (run.late.firstAnswerAt !== null) firstPages.push(run.late.firstAnswerAt - lateMs);
    console.log(JSON.stringify({
      seed, peak: run.peak, lateFirstPageAfterMs: run.late.firstAnswerAt === null ? null : Math.round(run.late.firstAnswerAt - lateMs),
      lateThrottled: run.late.throttled, errors: errors.map((listing) => `started ${listing.startAt} ms: ${String(listing.error).slice(0, 160)}`),
    }));
  }
  firstPages.sort((a, b) => a - b);
  const at = (q: number): string => (firstPages.length === 0 ? "-" : `${(firstPages[Math.min(firstPages.length - 1, Math.floor(q * firstPages.length))] as number / 1000).toFixed(1)} s`);
  console.log(`${processes} listings of ${pages} pages, the last ${lateMs} ms late: a listing failed in ${failed} of ${seeds} seeds; ` +
    `the late listing's first page after ${at(0.5)} (median), ${at(0.9)} (90th percentile), ${firstPages.length === 0 ? "-" : `${((firstPages[firstPages.length - 1] as number) / 1000).toFixed(1)} s`} at most`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
