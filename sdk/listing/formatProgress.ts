import type { ListProgress } from "../types";

/**
 * One line of a listing's progress, `elapsedMs` since it started: the CLI's progress line on a
 * terminal, and the Pulumi layer's progress notes.
 */
export function formatProgress(label: string, progress: ListProgress, elapsedMs: number): string {
  const pages = progress.pagesTotal === null ? `${progress.pagesDone}` : `${progress.pagesDone}/${progress.pagesTotal}`;
  const rate = elapsedMs > 0 ? Math.round((progress.groups * 1000) / elapsedMs) : 0;
  return `${label}: page ${pages}, ${progress.groups} groups, ${rate} groups/s, ${progress.retries} ${progress.retries === 1 ? "retry" : "retries"}`;
}
