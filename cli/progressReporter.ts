/**
 * Progress of a long listing on stderr, redrawn in place on one line: pages, groups, rate,
 * retries. Only when stderr is a terminal and not `--quiet`: a log file or a CI job gets
 * nothing extra.
 */
import type { ListProgress } from "../sdk";

/** Where progress goes: a terminal stream. */
export interface ProgressStream {
  write(text: string): unknown;
}

export interface ProgressReporter {
  /** Feed to the sdk's `onProgress`. */
  readonly onProgress: (progress: ListProgress) => void;
  /** Erases the progress line (call before printing anything else to stderr). */
  finish(): void;
}

/** Minimum time between redraws, in ms: redrawing per page at 50 pages/s would flicker. */
export const PROGRESS_REDRAW_INTERVAL_MS = 100;

/** Clears the current terminal line and returns the cursor to column 0. */
const CLEAR_LINE = "\r\u001b[2K";

/** One progress line; `elapsedMs` since the listing started. */
export function formatProgress(label: string, progress: ListProgress, elapsedMs: number): string {
  const pages = progress.pagesTotal === null ? `${progress.pagesDone}` : `${progress.pagesDone}/${progress.pagesTotal}`;
  const rate = elapsedMs > 0 ? Math.round((progress.groups * 1000) / elapsedMs) : 0;
  const retries = progress.retries === 1 ? "1 retry" : `${progress.retries} retries`;
  return `${label}: page ${pages}, ${progress.groups} groups, ${rate} groups/s, ${retries}`;
}

/** A reporter that draws on `stream`, or does nothing when `enabled` is false. */
export function createProgressReporter(options: {
  readonly stream: ProgressStream;
  readonly enabled: boolean;
  readonly label: string;
  readonly now: () => number;
}): ProgressReporter {
  if (!options.enabled) return { onProgress: () => undefined, finish: () => undefined };
  const startedAt = options.now();
  let lastDrawAt = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    onProgress(progress) {
      const now = options.now();
      const lastPage = progress.pagesTotal !== null && progress.pagesDone >= progress.pagesTotal;
      if (now - lastDrawAt < PROGRESS_REDRAW_INTERVAL_MS && !lastPage) return;
      lastDrawAt = now;
      drawn = true;
      options.stream.write(CLEAR_LINE + formatProgress(options.label, progress, now - startedAt));
    },
    finish() {
      if (drawn) options.stream.write(CLEAR_LINE);
      drawn = false;
    },
  };
}
