/**
 * Progress of a long listing on stderr, redrawn in place on one line (node:readline moves the
 * cursor and clears the line): pages, groups, rate, retries. Only when stderr is a terminal and
 * not `--quiet`: a log file or a CI job gets nothing extra.
 */
import { clearLine, cursorTo } from "node:readline";
import type { ListProgress } from "../sdk";

export interface ProgressReporter {
  /** Feed to the sdk's `onProgress`. */
  readonly onProgress: (progress: ListProgress) => void;
  /** Erases the progress line (call before printing anything else to stderr). */
  finish(): void;
}

/** Minimum time between redraws, in ms: redrawing per page at 50 pages/s would flicker. */
export const PROGRESS_REDRAW_INTERVAL_MS = 100;

/** One progress line; `elapsedMs` since the listing started. */
export function formatProgress(label: string, progress: ListProgress, elapsedMs: number): string {
  const pages = progress.pagesTotal === null ? `${progress.pagesDone}` : `${progress.pagesDone}/${progress.pagesTotal}`;
  const rate = elapsedMs > 0 ? Math.round((progress.groups * 1000) / elapsedMs) : 0;
  return `${label}: page ${pages}, ${progress.groups} groups, ${rate} groups/s, ${progress.retries} ${progress.retries === 1 ? "retry" : "retries"}`;
}

/** A reporter that draws on `stream` (a terminal), or does nothing when `enabled` is false. */
export function createProgressReporter(options: {
  readonly stream: { write(text: string): unknown };
  readonly enabled: boolean;
  readonly label: string;
  readonly now: () => number;
}): ProgressReporter {
  if (!options.enabled) return { onProgress: () => undefined, finish: () => undefined };
  // readline types the stream as a whole Writable but only ever calls its write().
  const stream = options.stream as NodeJS.WritableStream;
  const clear = (): void => void (cursorTo(stream, 0), clearLine(stream, 0));
  const startedAt = options.now();
  let lastDrawAt = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    onProgress(progress) {
      const now = options.now();
      const lastPage = progress.pagesTotal !== null && progress.pagesDone >= progress.pagesTotal;
      if (now - lastDrawAt < PROGRESS_REDRAW_INTERVAL_MS && !lastPage) return;
      [lastDrawAt, drawn] = [now, true];
      clear();
      stream.write(formatProgress(options.label, progress, now - startedAt));
    },
    finish() {
      if (drawn) clear();
      drawn = false;
    },
  };
}
