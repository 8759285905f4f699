/**
 * Runs one listing through the sdk with what the command line asked for, wiring progress to
 * stderr and interruption to the listing's AbortSignal.
 */
import { listLiveMessageGroups } from "../sdk";
import type { LiveMessageGroupList } from "../sdk";
import type { CliIo } from "./cliIo";
import type { ListingRequest } from "./listingFlags";
import { escapeControl } from "./displayText";
import { createProgressReporter } from "./progressReporter";

/** `quiet`: no progress line even on a terminal. */
export async function fetchGroups(io: CliIo, request: ListingRequest, quiet: boolean): Promise<LiveMessageGroupList> {
  const reporter = createProgressReporter({
    stream: io.stderr,
    enabled: io.stderr.isTTY === true && !quiet,
    label: `listing ${escapeControl(request.appId)}`,
    now: () => io.now(),
  });
  try {
    return await listLiveMessageGroups({
      ...request,
      signal: io.signal,
      onProgress: reporter.onProgress,
    });
  } finally {
    reporter.finish();
  }
}
