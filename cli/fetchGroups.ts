/**
 * Runs one listing through the sdk with what the command line asked for, wiring progress to
 * stderr and interruption to the listing's AbortSignal.
 */
import { listLiveMessageGroups } from "../sdk";
import type { Credentials, LiveMessageGroupList } from "../sdk";
import type { CliIo } from "./cliIo";
import type { ListingRequest } from "./listingFlags";
import { createProgressReporter } from "./progressReporter";

export interface FetchOptions {
  /** No progress line even on a terminal. */
  readonly quiet: boolean;
  /** Explicit credentials (the in-process demo only); absent: the environment / credential chain. */
  readonly credentials?: Credentials;
}

export async function fetchGroups(io: CliIo, request: ListingRequest, options: FetchOptions): Promise<LiveMessageGroupList> {
  const reporter = createProgressReporter({
    stream: io.stderr,
    enabled: io.stderr.isTTY === true && !options.quiet,
    label: `listing ${request.appId}`,
    now: () => io.now(),
  });
  try {
    return await listLiveMessageGroups({
      ...request,
      ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
      signal: io.signal,
      onProgress: reporter.onProgress,
    });
  } finally {
    reporter.finish();
  }
}
