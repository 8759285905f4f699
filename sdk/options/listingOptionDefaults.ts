/**
 * The listing options' defaults and bounds, apart from their schema: the sdk's public declarations
 * import these, and nothing here may reach zod's (they do not type-check under Pulumi's
 * `pulumi new typescript` tsconfig, which sets neither `esModuleInterop` nor `skipLibCheck`).
 */
import type { DataCenter, GroupStatus, SortOrder } from "../types";

export const DEFAULT_DATA_CENTER: DataCenter = "cn-shanghai";
export const DEFAULT_GROUP_STATUS: GroupStatus = "all";
export const DEFAULT_SORT_ORDER: SortOrder = "asc";
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 50;
/**
 * Pages in flight at most. High enough that a listing of up to 50 pages goes out within the
 * sliding window's free budget within a few round trips; the limiter paces the sends, and a burst
 * starts on a ramp (RAMP_INITIAL_CALLS, doubling every RAMP_DOUBLING_MS).
 */
export const DEFAULT_CONCURRENCY = 50;
export const MAX_CONCURRENCY = 50;
/** Upper bound of maxAttempts: beyond it a retry loop only hides a broken service. */
export const MAX_ATTEMPTS_LIMIT = 100;
/** Upper bound of requestsPerSecond (calls/s): far above any account limit, a guard against typos. */
export const MAX_REQUESTS_PER_SECOND = 10_000;
/**
 * The listing deadline before the page count is known, and its floor after (ms). Once the first
 * page reports TotalCount, the default deadline becomes
 * max(DEFAULT_TIMEOUT_MS, DEADLINE_SLACK * pages * 1000 / rate in force), capped at MAX_LISTING_TIMEOUT_MS.
 */
export const DEFAULT_TIMEOUT_MS = 300_000;
/** Upper bound of a whole listing's timeoutMs (one day; the longest listing, 10,000 pages at 0.5 calls/s, takes 5.6 h). */
export const MAX_LISTING_TIMEOUT_MS = 86_400_000;
/** Longest quotaKey (characters). */
export const MAX_QUOTA_KEY_LENGTH = 256;
