import type * as pulumi from "@pulumi/pulumi";
import { escapeControl, isLiveMessageGroupsError } from "../../sdk/errors";
import { DEFAULT_GROUP_STATUS, DEFAULT_SORT_ORDER } from "../../sdk/options/validateOptions";
import { readLiveMessageGroups } from "../readLiveMessageGroups";
import { dynamicHostEngineLog, withHostLog } from "./hostLog";
import { defaultDataCenter } from "../resolveSettings";
import type { ConfigReader, SettingsSources } from "../settingsSources";
import { listingInForce, type ListFunction } from "../sharedListing";
import { DEFAULT_RESOURCE_DETAIL, type Detail, type LiveMessageGroupsResultOfAnyDetail } from "../types";
import { ARGUMENT_NAMES, validateArgs } from "../validateArgs";

/** Properties that force a new resource: they say which app the resource reads. */
const REPLACE_ON_CHANGE = ["appId", "dataCenter"] as const;
const PROVIDER_KEY = "__provider";
const REQUESTED_IDS = "requestedIds";
/**
 * Input property holding the digest of the listing Check made. Pulumi's refresh (since 3.113, unless
 * PULUMI_ENABLE_LEGACY_REFRESH_DIFF is set) decides drift by calling Diff with the refreshed
 * outputs against the stored inputs, not by comparing old and new outputs; the arguments alone
 * never change, so the inputs must carry what the groups looked like for drift to show.
 */
export const CHECKED_DIGEST = "checkedDigest";
/**
 * `checkedDigest` when Check found no such app: a preview checks a resource whose `appId` comes
 * from an app the same program creates, known (the engine echoes a new resource's inputs) before
 * the app exists. Check then lets it pass, as Pulumi expects of a preview; Create lists after the
 * app was created (and fails with ResourceNotExist if it still does not exist), and an existing
 * resource whose app is gone differs from any digest, so `up` updates it and reports the error.
 */
export const DIGEST_OF_MISSING_APP = "";
/**
 * Input property holding the `totalCount` of the listing Check made. The digest covers the groups
 * the filters keep; `totalCount` is the API's count before them, so a group added or removed outside
 * the filters changes only it. Compared in Diff like {@link CHECKED_DIGEST}, so `up` updates the
 * output instead of keeping a stale count, and both refresh modes report the change (the legacy one
 * compares the outputs). A state written before this property existed has none: Diff then compares
 * the digest alone.
 */
export const CHECKED_TOTAL_COUNT = "checkedTotalCount";
/**
 * Input (and output) property naming the arguments the program gave as secrets (names only, never
 * values). The dynamic-provider host accepts no secrets: the provider gets every input in plain
 * text and could not tell which of them an error must not quote (a secret `appId` of an app that
 * does not exist was printed by `pulumi up`: "app <appId> not found"). Set by the
 * `LiveMessageGroups` class only when some argument is secret; kept among the outputs for Read.
 */
export const SECRET_ARGUMENTS = "secretArguments";

type Props = Record<string, unknown>;

/** Listings Check made that wait for their Create or Update, at most, whatever their arguments (see createLiveMessageGroupsProvider). */
export const CHECKED_LISTINGS_KEPT = 8;

/**
 * The listing outputs the resource keeps in the state, by detail. Only what cannot be derived is
 * stored: the `LiveMessageGroups` class derives `existingIds` (and, in `"full"`, `ids`, `names`,
 * `adminsByGroupId` and `deletedIds`) from these in the program. In `"ids"` a deleted group's ID is
 * in `ids` and `deletedIds` both: `ids` keeps the listing's order, which could not be rebuilt from
 * the existing and deleted IDs apart.
 */
export const STORED_LISTING_OUTPUTS: Readonly<Record<Detail, readonly string[]>> = {
  summary: ["totalCount", "existingCount", "deletedCount", "digest"],
  ids: ["totalCount", "existingCount", "deletedCount", "digest", "ids", "deletedIds"],
  full: ["totalCount", "existingCount", "deletedCount", "digest", "groups"],
};

/** Every listing output the state may hold, whatever the detail. */
export const ALL_STORED_LISTING_OUTPUTS: readonly string[] = [...new Set(Object.values(STORED_LISTING_OUTPUTS).flat())];

/** Pulumi's placeholder for values not known during preview, as the host delivers it. */
function isUnknown(value: unknown): boolean {
  const pulumiModule = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
  return value === pulumiModule.runtime.unknownValue;
}

/** The arguments stored in a resource's outputs (`ids` there is the result; the filter is `requestedIds`). */
function argsFromOutputs(outputs: Props): Props {
  const args: Props = {};
  for (const name of ARGUMENT_NAMES) {
    const value = name === "ids" ? outputs.requestedIds : outputs[name];
    if (value !== undefined && value !== null) args[name] = value;
  }
  // A state written before `detail` existed holds every group: the "full" listing.
  args.detail ??= "full";
  return args;
}

/**
 * The arguments in a resource's inputs. The `ids` filter is input `requestedIds`, so that output
 * `ids` is unknown during a preview. An input `ids` is dropped here; check rejects it.
 */
function argsFromInputs(inputs: Props): Props {
  const args: Props = {};
  for (const [name, value] of Object.entries(inputs)) {
    if (name === PROVIDER_KEY || name === "ids" || name === CHECKED_DIGEST || name === CHECKED_TOTAL_COUNT || name === SECRET_ARGUMENTS || value === undefined || value === null) continue;
    args[name === REQUESTED_IDS ? "ids" : name] = value;
  }
  return args;
}

/** Inverse of {@link argsFromInputs}. */
function inputsFromArgs(args: Props): Props {
  const inputs: Props = {};
  for (const [name, value] of Object.entries(args)) inputs[name === "ids" ? REQUESTED_IDS : name] = value;
  return inputs;
}

/**
 * Outputs for the state: the echoed arguments and the listing outputs of the result's detail,
 * without `id` (that is the resource ID). The result holds no `undefined` (buildResult omits
 * arguments not given), so nothing is copied or round-tripped through JSON.
 */
export function toStoredOutputs(result: LiveMessageGroupsResultOfAnyDetail): Props {
  const listingOutputs = new Set(ALL_STORED_LISTING_OUTPUTS.concat(["names", "adminsByGroupId", "existingIds"]));
  const stored = new Set(STORED_LISTING_OUTPUTS[result.detail]);
  const outputs: Props = {};
  for (const [name, value] of Object.entries(result)) {
    if (name === "id") continue;
    if (listingOutputs.has(name) && !stored.has(name)) continue;
    outputs[name] = value;
  }
  return outputs;
}

/** The names in a resource's {@link SECRET_ARGUMENTS} (inputs or outputs), as a set; only argument names count. */
function secretArgumentsOf(props: Props): ReadonlySet<string> {
  const names = props[SECRET_ARGUMENTS];
  return new Set(Array.isArray(names) ? names.filter((name): name is string => typeof name === "string" && (ARGUMENT_NAMES as readonly string[]).includes(name)) : []);
}

/** `outputs` with the {@link SECRET_ARGUMENTS} of `props` (when it has them), for the next Read. */
function withSecretArguments(outputs: Props, props: Props): Props {
  return Array.isArray(props[SECRET_ARGUMENTS]) ? { ...outputs, [SECRET_ARGUMENTS]: props[SECRET_ARGUMENTS] } : outputs;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Where a provider instance reads its settings and how it lists. */
export interface ProviderEnvironment {
  /** Settings sources at call time (config then environment). */
  readonly sources: () => SettingsSources;
  /** The lister (the sdk's, or a test's). */
  readonly list: ListFunction;
}

/** The provider's operations, independent of how they are served (dynamic-provider host, mocks, plugin). */
/** A diff, with the arguments that changed (the plugin reports them to the engine, for `replaceOnChanges`). */
export interface LiveMessageGroupsDiffResult extends pulumi.dynamic.DiffResult {
  readonly changedArguments: readonly string[];
}

export interface LiveMessageGroupsProviderImplementation {
  configure(req: pulumi.dynamic.ConfigureRequest): Promise<void>;
  check(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult>;
  diff(id: string, olds: Props, news: Props): Promise<LiveMessageGroupsDiffResult>;
  create(inputs: Props): Promise<pulumi.dynamic.CreateResult>;
  read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult>;
  update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult>;
  delete(id: string, props: Props): Promise<void>;
}

/**
 * Creates the provider's operations over a settings source and a lister. Read-only towards the
 * cloud: create, update and read list groups; delete only forgets the resource.
 */
export function createLiveMessageGroupsProvider(environment: ProviderEnvironment): LiveMessageGroupsProviderImplementation {
  const sources = environment.sources;
  // No sharing across operations: a provider outlives one operation, and a refresh must list afresh.
  // `secret`: the arguments a failure's text must not quote (see SECRET_ARGUMENTS).
  const list = (args: Props, secret: ReadonlySet<string> = new Set()): Promise<LiveMessageGroupsResultOfAnyDetail> =>
    readLiveMessageGroups(args, sources(), environment.list, secret);
  // The listings Check made, each handed once to the Create or Update that follows it with the same
  // arguments (the engine calls them in the same provider process), so an up lists each resource's
  // groups once. Every dynamic resource of a stack shares this host, and the engine checks several
  // before it creates them, some with the same arguments: a group created between two such Checks
  // gives them different listings. So every listing Check made is kept, and a Create or Update takes
  // the one of its arguments whose digest is its input `checkedDigest` (the one its own Check saw, or
  // one equal to it): its outputs' `digest` is then the `checkedDigest` stored beside them, and the
  // next refresh compares the groups against what this resource stored, not another's listing. The
  // last CHECKED_LISTINGS_KEPT are kept (a preview, which creates nothing, keeps no more than that
  // alive); when none matches (evicted, or no digest recorded), Create or Update lists again.
  const checked: { readonly key: string; readonly result: Promise<LiveMessageGroupsResultOfAnyDetail>; digest?: string; totalCount?: number }[] = [];
  // Keys sorted: the inputs cross the engine as a protobuf Struct, which does not keep their order.
  const keyOf = (args: Props): string => JSON.stringify(Object.keys(args).sort().map((k) => [k, args[k]]));
  const keepChecked = (entry: (typeof checked)[number]): void => {
    checked.push(entry);
    if (checked.length > CHECKED_LISTINGS_KEPT) checked.splice(0, checked.length - CHECKED_LISTINGS_KEPT);
  };
  const forgetChecked = (entry: (typeof checked)[number]): void => {
    const index = checked.indexOf(entry);
    if (index >= 0) checked.splice(index, 1);
  };
  const takeChecked = (inputs: Props): Promise<LiveMessageGroupsResultOfAnyDetail> => {
    const args = argsFromInputs(inputs);
    const key = keyOf(args);
    const digest = inputs[CHECKED_DIGEST];
    const totalCount = inputs[CHECKED_TOTAL_COUNT];
    // Only a listing whose digest is known (its Check returned) and is this resource's checkedDigest
    // (and checkedTotalCount: a group created outside the filters between two Checks changes only that).
    const found = typeof digest === "string"
      ? checked.find((entry) => entry.key === key && entry.digest === digest && (totalCount === undefined || entry.totalCount === totalCount))
      : undefined;
    if (found === undefined) return list(args, secretArgumentsOf(inputs));
    forgetChecked(found);
    return found.result;
  };
  return {
    async configure() {
      return;
    },

    /** Validates the arguments and fills the defaults that identify the listing. */
    async check(_olds, news) {
      const inputs = argsFromInputs(news);
      const validated = validateArgs(inputs, isUnknown);
      // Reasons name the argument as the program wrote it (`ids`, which travels as input
      // requestedIds). No failure names a property: the engine would print its value, a secret
      // one included (see forTheEngine in provider/plugin/server.ts).
      const failures = validated.failures.map((f) => ({ property: "", reason: `${escapeControl(f.property)}: expected ${f.allowed}` }));
      if (news.ids !== undefined && news.ids !== null) {
        failures.push({ property: "", reason: `ids: expected no value as an input: it is an output; the filter is input ${REQUESTED_IDS}` });
      }
      try {
        if (inputs.dataCenter === undefined) inputs.dataCenter = defaultDataCenter(sources());
      } catch (error) {
        failures.push({ property: "", reason: isLiveMessageGroupsError(error) ? error.message : "dataCenter: no valid default data center" });
      }
      inputs.groupStatus ??= DEFAULT_GROUP_STATUS;
      inputs.sortOrder ??= DEFAULT_SORT_ORDER;
      inputs.detail ??= DEFAULT_RESOURCE_DETAIL;
      const checkedInputs = inputsFromArgs(inputs);
      if (Array.isArray(news[SECRET_ARGUMENTS])) checkedInputs[SECRET_ARGUMENTS] = news[SECRET_ARGUMENTS];
      // Every argument known and valid (not a preview with unknowns): list, and record the digest.
      if (failures.length === 0 && validated.args !== null) {
        const entry: (typeof checked)[number] = { key: keyOf(inputs), result: list(inputs, secretArgumentsOf(news)) };
        keepChecked(entry);
        try {
          const result = await entry.result;
          entry.digest = result.digest;
          entry.totalCount = result.totalCount;
          checkedInputs[CHECKED_DIGEST] = result.digest;
          checkedInputs[CHECKED_TOTAL_COUNT] = result.totalCount;
        } catch (error) {
          forgetChecked(entry);
          if (!isMissingApp(error)) throw error;
          checkedInputs[CHECKED_DIGEST] = DIGEST_OF_MISSING_APP;
        }
      }
      return { inputs: checkedInputs, failures };
    },

    /** Changing the app or its data center replaces; any other argument updates in place. */
    async diff(_id, olds, news) {
      const before = argsFromOutputs(olds);
      const after = argsFromInputs(news);
      after.dataCenter ??= defaultDataCenter(sources());
      after.groupStatus ??= DEFAULT_GROUP_STATUS;
      after.sortOrder ??= DEFAULT_SORT_ORDER;
      after.detail ??= DEFAULT_RESOURCE_DETAIL;
      const changed = ARGUMENT_NAMES.filter((name) => !sameValue(before[name], after[name]));
      const replaces = REPLACE_ON_CHANGE.filter((name) => changed.includes(name));
      // The groups as the outputs hold them against the groups when the inputs were checked: a
      // difference is drift (refresh), or groups that changed since the last update (up). The same
      // for the count before the filters, when the inputs carry one.
      const drifted = (typeof olds.digest === "string" && typeof news[CHECKED_DIGEST] === "string" && olds.digest !== news[CHECKED_DIGEST])
        || (typeof olds.totalCount === "number" && typeof news[CHECKED_TOTAL_COUNT] === "number" && olds.totalCount !== news[CHECKED_TOTAL_COUNT]);
      return { changes: changed.length > 0 || drifted, replaces, deleteBeforeReplace: false, changedArguments: changed };
    },

    async create(inputs) {
      const result = await takeChecked(inputs);
      return { id: result.id, outs: withSecretArguments(toStoredOutputs(result), inputs) };
    },

    /**
     * Refresh: lists again with the stored arguments; drift shows as changed outputs. The inputs
     * returned are those arguments with `checkedDigest` set to the refreshed digest: Pulumi's
     * refresh diffs the refreshed state against the inputs stored before it (so drift shows), and
     * stores these inputs when the refresh is accepted (so the next refresh compares against what
     * was accepted, and an unchanged app then refreshes clean).
     */
    async read(id, props) {
      let result: LiveMessageGroupsResultOfAnyDetail;
      try {
        result = await list(argsFromOutputs(props), secretArgumentsOf(props));
      } catch (error) {
        // The app is gone: the resource no longer exists (an empty ID, as the protocol has it), so a
        // refresh drops it from the state and an import says there is nothing to import.
        if (isMissingApp(error)) return { id: "", props: {} };
        throw error;
      }
      const outputs = withSecretArguments(toStoredOutputs(result), props);
      const inputs = withSecretArguments(inputsFromArgs(argsFromOutputs(outputs)), props);
      inputs[CHECKED_DIGEST] = result.digest;
      inputs[CHECKED_TOTAL_COUNT] = result.totalCount;
      return { id, props: outputs, inputs };
    },

    async update(_id, _olds, news) {
      return { outs: withSecretArguments(toStoredOutputs(await takeChecked(news)), news) };
    },

    /** Forgets the resource. Never deletes a group: this resource only reads. */
    async delete() {
      return;
    },
  };
}

/** The service's answer for an app that does not exist (in that data center). */
function isMissingApp(error: unknown): boolean {
  return isLiveMessageGroupsError(error) && error.code === "ResourceNotExist";
}

// Set by configure() inside the provider host, from the stack config the engine sends. It lives in
// this module (loaded at run time by the shim), never in the serialized provider or the state.
let stackConfig: ConfigReader = () => undefined;

// Inside Pulumi's dynamic-provider host: the engine's log, for the listings' warnings and progress.
// (Not the proxies of the environment: the host runs the project's other dynamic providers too,
// whose own agents global-agent would replace; see routeThroughEnvironmentProxy.)
const hostLog = dynamicHostEngineLog();

const hostProvider = createLiveMessageGroupsProvider({
  sources: () => ({ config: stackConfig, env: process.env }),
  list: withHostLog((options) => listingInForce()(options), hostLog),
});

/** `operation`, answered once its listings' warnings reached the engine (as the plugin does). */
function afterWarnings<A extends unknown[], R>(operation: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return await operation(...args);
    } finally {
      await hostLog?.flush();
    }
  };
}

/**
 * The implementation of the `LiveMessageGroups` dynamic provider, loaded at run time by the
 * serialized shim inside Pulumi's provider host: the stack config the engine sends, the
 * environment, and the sdk's lister.
 */
export const liveMessageGroupsProvider: LiveMessageGroupsProviderImplementation = {
  ...hostProvider,
  check: afterWarnings(hostProvider.check),
  create: afterWarnings(hostProvider.create),
  read: afterWarnings(hostProvider.read),
  update: afterWarnings(hostProvider.update),
  /** Keeps a reader over the stack config (credentials included) in this process only. */
  async configure(req) {
    const config = req.config;
    stackConfig = (key) => {
      const value: unknown = config.get(key);
      return value === undefined || value === null ? undefined : String(value);
    };
  },
};
