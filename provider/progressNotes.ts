import { formatProgress } from "../sdk/listing/formatProgress";
import { systemClock } from "../sdk/systemClock";
import type { ListLiveMessageGroupsOptions, ListProgress } from "../sdk/types";
import type { ListFunction } from "./sharedListing";

/** A listing shorter than this shows no progress note, ms. */
export const PROGRESS_NOTE_AFTER_MS = 5_000;
/** At most one progress note per listing this often, ms (each is a line in a non-interactive `pulumi up`). */
export const PROGRESS_NOTE_EVERY_MS = 10_000;
/**
 * What a note says: never the app, whose ID may be a secret, and the resource's row already names
 * it (a function call's notes show on the stack's row).
 */
export const PROGRESS_NOTE_LABEL = "listing live message groups";

/** Where progress notes go: Pulumi's display, as ephemeral info (shown while the step runs, not kept). */
export type ProgressSink = (text: string) => void;

/**
 * Progress for a Pulumi user: a listing of 500,000 groups takes minutes, during which Pulumi's
 * display shows only the elapsed time. Feed the returned function to the sdk's `onProgress`: from
 * {@link PROGRESS_NOTE_AFTER_MS} into the listing, it sends `sink` one line (the CLI's progress line)
 * at most every {@link PROGRESS_NOTE_EVERY_MS}. `now` is the listing's clock.
 */
export function progressNotes(sink: ProgressSink, now: () => number): (progress: ListProgress) => void {
  const startedAt = now();
  let lastAt = Number.NEGATIVE_INFINITY;
  return (progress) => {
    const at = now();
    if (at - startedAt < PROGRESS_NOTE_AFTER_MS || at - lastAt < PROGRESS_NOTE_EVERY_MS) return;
    lastAt = at;
    sink(formatProgress(PROGRESS_NOTE_LABEL, progress, at - startedAt));
  };
}

/**
 * `list` with progress notes to `sink` added to each listing (after any `onProgress` the caller
 * gave), timed on the listing's clock.
 */
export function withProgressNotes(list: ListFunction, sink: ProgressSink): ListFunction {
  return (options: ListLiveMessageGroupsOptions) => {
    const clock = options.clock ?? systemClock;
    const notes = progressNotes(sink, () => clock.now());
    const own = options.onProgress;
    return list({
      ...options,
      onProgress: (progress) => {
        own?.(progress);
        notes(progress);
      },
    });
  };
}
