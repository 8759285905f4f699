import type { PageRequest } from "../transport/createPageClient";
import type { ListingSession } from "./openListingSession";
import type { LiveMessageGroupPage } from "../types";

/**
 * Fetches `pageNumbers` with at most `concurrency` in flight (the limiter paces the sends).
 * On the first failure no new page starts and the in-flight ones are abandoned: their workers stop
 * waiting at once, but the HTTP requests themselves are not cancelled (openapi-client takes no
 * AbortSignal), so they may still complete on the wire after the call rejected; their results are
 * dropped. The call rejects with that first failure once every worker has stopped.
 * Returns the pages in the order of `pageNumbers`.
 */
export async function fetchPagesConcurrently(
  session: ListingSession, template: Omit<PageRequest, "pageNumber">, pageNumbers: readonly number[],
  onPage: (page: LiveMessageGroupPage) => void,
): Promise<LiveMessageGroupPage[]> {
  const results = new Array<LiveMessageGroupPage | undefined>(pageNumbers.length);
  const batch = new AbortController();
  const signal = AbortSignal.any([session.signal, batch.signal]);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async (): Promise<void> => {
    // A signal of its own: a page in flight listens on its signal a few times (limiter wait,
    // backoff sleep, the request), so workers sharing one signal put 2-4 listeners each on it,
    // and Node warns (MaxListenersExceededWarning) past 10. AbortSignal.any follows `signal`
    // without adding a listener to it.
    const workerSignal = AbortSignal.any([signal]);
    while (failure === null && next < pageNumbers.length) {
      const index = next++;
      try {
        const page = await session.fetchPage({ ...template, pageNumber: pageNumbers[index] as number }, workerSignal);
        results[index] = page;
        onPage(page);
      } catch (error) {
        if (failure === null) {
          failure = { error };
          batch.abort(error);
        }
      }
    }
  };
  const workers = Math.min(session.options.concurrency, pageNumbers.length);
  await Promise.all(Array.from({ length: workers }, worker));
  if (failure !== null) throw (failure as { error: unknown }).error;
  return results as LiveMessageGroupPage[];
}
