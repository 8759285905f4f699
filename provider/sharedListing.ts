import { createHash } from "node:crypto";
import { listLiveMessageGroups } from "../sdk/listing/listLiveMessageGroups";
import type { ListLiveMessageGroupsOptions, LiveMessageGroupList } from "../sdk/types";

/** Lists every group of an app; the seam tests and the provider use to choose sharing. */
export type ListFunction = (options: ListLiveMessageGroupsOptions) => Promise<LiveMessageGroupList>;

/**
 * Creates a lister that shares one listing between identical calls: same app, data center,
 * status, order, page size, endpoint and credentials. Rate, retry and timeout settings do not
 * change the groups, so they are not part of the identity (the first caller's apply).
 *
 * A failed listing is forgotten, so a later identical call tries again. Used by the program-side
 * functions, whose process lives for one program run; the provider host outlives a single
 * operation (refresh must re-list), so it lists directly.
 */
export function createSharedListing(list: ListFunction = listLiveMessageGroups, scope: () => string = () => ""): ListFunction {
  const inFlightOrDone = new Map<string, Promise<LiveMessageGroupList>>();
  return (options) => {
    const key = scope() + listingKey(options);
    const existing = inFlightOrDone.get(key);
    if (existing) return existing;
    const listing = list(options);
    inFlightOrDone.set(key, listing);
    listing.catch(() => inFlightOrDone.delete(key));
    return listing;
  };
}

// Installed by the unit-test mocks (`liveMessageGroupsMocks`) so that a program's functions and
// resources list the groups a test gives instead of calling the API. Process-wide, like setMocks.
let listingOverride: ListFunction | undefined;
// Bumped with every override, so listings shared under one set of mocks are not reused under the next.
let overrideGeneration = 0;

/** Replaces (or, with `undefined`, restores) the lister of every listing in this process. */
export function setListingOverride(list: ListFunction | undefined): void {
  listingOverride = list;
  overrideGeneration += 1;
}

// The mocks objects `liveMessageGroupsMocks` made: under other mocks, a program-side function call
// goes to the mocks' `call` (see getLiveMessageGroups), never to the API.
const ownMocks = new WeakSet<object>();

/** Marks `mocks` as made by `liveMessageGroupsMocks`. */
export function markOwnMocks<T extends object>(mocks: T): T {
  ownMocks.add(mocks);
  return mocks;
}

/** True for mocks made by `liveMessageGroupsMocks`. */
export function isOwnMocks(mocks: object): boolean {
  return ownMocks.has(mocks);
}

/** The lister in force: the test override when one is installed, else the sdk's. */
export function listingInForce(): ListFunction {
  return listingOverride ?? listLiveMessageGroups;
}

/** One listing per identity for the whole program run. */
export const sharedListing: ListFunction = createSharedListing((options) => listingInForce()(options), () => `${overrideGeneration}:`);

function listingKey(options: ListLiveMessageGroupsOptions): string {
  const credentials = options.credentials;
  // Hashed so that no secret sits in a map key someone might log.
  return createHash("sha256").update(JSON.stringify([
    options.appId, options.dataCenter ?? null, options.groupStatus ?? null, options.sortOrder ?? null,
    options.pageSize ?? null, options.endpoint ?? null,
    credentials ? [credentials.accessKeyId, credentials.accessKeySecret, credentials.securityToken ?? null] : null,
  ])).digest("hex");
}
