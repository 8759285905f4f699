/**
 * The Live interactive-messaging client: every page of ListLiveMessageGroupByPage, fast and
 * correct under faults. Imports nothing from Pulumi, the CLI or the emulator.
 */
export * from "./types";
export * from "./errors";
export { listLiveMessageGroups } from "./listing/listLiveMessageGroups";
export { paginateLiveMessageGroups } from "./listing/paginateLiveMessageGroups";
export { CREDENTIAL_SOURCES, resolveCredentials, type ResolvedCredentials, type CredentialsSource } from "./transport/resolveCredentials";
export { monotonicNow, systemClock } from "./systemClock";
export { routeThroughEnvironmentProxy, environmentProxy, type EnvironmentProxy } from "./transport/environmentProxy";
export { DEFAULT_ENDPOINT } from "./transport/parseEndpoint";
export { DEFAULT_REQUESTS_PER_SECOND, MIN_REQUESTS_PER_SECOND } from "./rate/rateLimiter";
export { defaultDeadlineMs } from "./listing/openListingSession";
export { DEFAULT_MAX_ATTEMPTS } from "./retry/retryPolicy";
export {
  DEFAULT_DATA_CENTER, DEFAULT_GROUP_STATUS, DEFAULT_SORT_ORDER, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, DEFAULT_CONCURRENCY,
  MAX_CONCURRENCY, MAX_ATTEMPTS_LIMIT, DEFAULT_TIMEOUT_MS, DEADLINE_SLACK, REDIS_URL_ENV, QUOTA_KEY_ENV, MAX_LISTING_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, MAX_TIMER_MS,
} from "./options/validateOptions";
// Not the options' schema (options/listingOptionsSchema.ts): its declarations would load zod's,
// which fail to type-check without esModuleInterop or skipLibCheck (Pulumi's TypeScript template sets neither).
export { MAX_REQUESTS_PER_SECOND } from "./options/listingOptionDefaults";
