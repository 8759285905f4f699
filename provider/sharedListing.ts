import { createHash } from "node:crypto";
import { listLiveMessageGroups } from "../sdk/listing/listLiveMessageGroups";
import type { ListLiveMessageGroupsOptions, LiveMessageGroupList } from "../sdk/types";
import { mocksInForce, programRun, programRunOrOutside } from "./pulumiInternals";

/** Lists every group of an app; the seam tests and the provider use to choose sharing. */
export type ListFunction = (options: ListLiveMessageGroupsOptions) => Promise<LiveMessageGroupList>;

/** Which listings may be shared: those of one program run, and the finished ones only when `keepDone`. */
export interface ListingScope {
  /** The program run (a key of a WeakMap: its listings go when it does). */
  readonly run: object;
  /** Prefixes every identity (listings of one run under different test overrides differ). */
  readonly prefix: string;
  /** Keep finished listings for later calls of the run; false: share only listings in flight. */
  readonly keepDone: boolean;
}

/** One scope for a whole process: every identical call shares, finished listings too (tests of the sharing). */
const PROCESS_SCOPE: ListingScope = { run: {}, prefix: "", keepDone: true };

/**
 * Creates a lister that shares one listing between identical calls: same app, data center,
 * status, order, page size, endpoint and credentials. Rate, retry and timeout settings do not
 * change the groups, so they are not part of the identity (the first caller's apply).
 *
 * A failed listing is forgotten, so a later identical call tries again. Used by the program-side
 * functions, scoped to the program run ({@link programRunScope}); the provider host outlives a
 * single operation (refresh must re-list), so it lists directly.
 */
export function createSharedListing(list: ListFunction = listLiveMessageGroups, scope: () => ListingScope = () => PROCESS_SCOPE): ListFunction {
  const byRun = new WeakMap<object, Map<string, Promise<LiveMessageGroupList>>>();
  return (options) => {
    const { run, prefix, keepDone } = scope();
    let listings = byRun.get(run);
    if (listings === undefined) byRun.set(run, (listings = new Map()));
    const key = prefix + listingKey(options);
    const existing = listings.get(key);
    if (existing) return existing;
    const listing = list(options);
    listings.set(key, listing);
    const forget = (): void => {
      if (listings.get(key) === listing) listings.delete(key);
    };
    listing.then(keepDone ? undefined : forget, forget);
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

/**
 * The scope of the program run the caller is in ({@link programRun}). Finished listings are kept
 * for the run only under an engine: a test process under mocks, or a process with no Pulumi
 * context, has no run boundary, so there only listings in flight are shared (a later call lists afresh).
 */
export function programRunScope(): ListingScope {
  // Outside any run (no engine, no mocks), listings are shared only while in flight.
  return { run: programRunOrOutside(), prefix: `${overrideGeneration}:`, keepDone: programRun() !== null && mocksInForce() === null };
}

/**
 * One listing per identity for the program run (an up, a preview, a refresh): an Automation API
 * service running many in one process lists afresh in each.
 */
export const sharedListing: ListFunction = createSharedListing((options) => listingInForce()(options), programRunScope);

/** A listing of its own, for a call that waited for resources (see getLiveMessageGroupsOutput). */
export const freshListing: ListFunction = (options) => listingInForce()(options);

function listingKey(options: ListLiveMessageGroupsOptions): string {
  const credentials = options.credentials;
  // Hashed so that no secret sits in a map key someone might log.
  return createHash("sha256").update(JSON.stringify([
    options.appId, options.dataCenter ?? null, options.groupStatus ?? null, options.sortOrder ?? null,
    options.pageSize ?? null, options.endpoint ?? null, options.credentialsProfile ?? null,
    credentials ? [credentials.accessKeyId, credentials.accessKeySecret, credentials.securityToken ?? null] : null,
  ])).digest("hex");
}
