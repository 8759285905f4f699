import { assertNoAccountProvider } from "./providerOptions";
import * as pulumi from "@pulumi/pulumi";
import type { DataCenter, GroupStatus, SortOrder } from "../sdk/types";
import { ALL_STORED_LISTING_OUTPUTS, SECRET_ARGUMENTS } from "./dynamic/liveMessageGroupsProvider";
import { secretArguments } from "./getLiveMessageGroupsOutput";
import { liveMessageGroupsShim } from "./dynamic/shim";
import { InvalidArgumentError } from "../sdk/errors";
import { ARGS_ALLOWED, ARGUMENT_NAMES, unknownArgumentMessage } from "./validateArgs";
import { warnOfPlainSecretConfig, warnOfUnknownConfigKeys } from "./settingsSources";
import { DYNAMIC_RESOURCE_TYPE } from "./tokens";
import type { Detail, LiveMessageGroupsArgs, LiveMessageGroupsResultGroup } from "./types";

/** Arguments echoed as outputs; the `ids` filter travels as input and output `requestedIds`. */
const ECHOED_OUTPUTS = [...ARGUMENT_NAMES.filter((name) => name !== "ids"), "requestedIds"] as const;

/** The per-group outputs: a secret one makes them all secret (they are one listing). */
const GROUP_OUTPUTS: readonly string[] = ["ids", "existingIds", "deletedIds", "groups", "names", "adminsByGroupId"];
/** The per-group outputs the state may hold (by detail); the others are derived in the program. */
const STORED_GROUP_OUTPUTS: readonly string[] = ["ids", "deletedIds", "groups"];

/**
 * `additionalSecretOutputs` as the engine must see it: naming any per-group output names every one
 * the state may hold, whatever the detail (the engine silently ignores a name that is not a stored
 * output, so `["ids"]` on a `"full"` resource, or `["existingIds"]` on any, secured nothing).
 */
export function secretOutputsFor(names: readonly string[] | undefined): readonly string[] | undefined {
  if (names === undefined || !names.some((name) => GROUP_OUTPUTS.includes(name))) return names;
  return [...new Set([...names.filter((name) => !GROUP_OUTPUTS.includes(name)), ...STORED_GROUP_OUTPUTS])];
}

/** A per-group output of a resource with detail `D`: `undefined` where the mode does not carry it. */
// Distributive: for the union of all details (the class type unnamed) they give `T | undefined`.
export type IdsOutput<D extends Detail, T> = D extends "summary" ? undefined : T;
/** A per-group output only `"full"` carries. */
export type FullOutput<D extends Detail, T> = D extends "full" ? T : undefined;

/**
 * The groups of an interactive-messaging app as a resource, so `pulumi refresh` can watch them
 * for drift.
 *
 * Read-only towards the cloud: create and update list the groups, delete only removes the Pulumi
 * record. Changing `appId` or `dataCenter` replaces the resource; any other argument updates it.
 * Outputs are deterministic, so an unchanged app refreshes to identical outputs and
 * `pulumi refresh --preview-only --expect-no-changes` fails exactly when a group was added, deleted, renamed or
 * had its admins or info changed (the `digest` changes in every `detail`). The resource ID is
 * `"<dataCenter>/<appId>"`.
 *
 * `detail` defaults to `"summary"`: the counts and the digest only, under 10 KB of state whatever
 * the size of the app. `"ids"` adds the ID lists, `"full"` every group. The state keeps only what
 * cannot be derived (`ids` and `deletedIds`, or `groups`); the other lists are computed from those
 * in the program, so no group is stored twice.
 *
 * Secrets: an argument given as a secret keeps its echoed output secret (the engine marks outputs
 * named like secret inputs). The listing outputs are not secret; list them in
 * `additionalSecretOutputs` to make them so. Naming any per-group output there (`ids`,
 * `existingIds`, `deletedIds`, `groups`, `names`, `adminsByGroupId`) makes every one secret, in
 * every detail; the counts and the digest are secret only when named.
 *
 * ## Example Usage
 *
 * ```typescript
 * import * as alicloud from "@pulumi/alicloud";
 * import * as lmg from "pulumi-alicloud-live-message-groups";
 *
 * // Drift watching at any app size: `pulumi refresh --preview-only --expect-no-changes` fails on any change.
 * const watched = new lmg.LiveMessageGroups("rooms", { appId: "my-app" });
 * export const digest = watched.digest;
 *
 * // The ID lists, fed to another resource.
 * const rooms = new lmg.LiveMessageGroups("room-ids", { appId: "my-app", groupStatus: "existing", detail: "ids" });
 * const roster = new alicloud.oss.BucketObject("rooms", {
 *     bucket: "my-bucket",
 *     key: "rooms.json",
 *     content: rooms.ids.apply((ids) => JSON.stringify(ids)),
 * });
 * ```
 *
 * @typeParam D The `detail` given, which decides which per-group outputs exist. Unnamed (the type
 *   `LiveMessageGroups`, or a resource created without a literal `detail`), it is any detail: every
 *   per-group output may be `undefined`, so a resource of any detail fits a variable of that type.
 */
export class LiveMessageGroups<D extends Detail = Detail> extends pulumi.dynamic.Resource {
  /**
   * True when `obj` is a `LiveMessageGroups` resource, as a generated SDK's `isInstance` tells its
   * own type (by the type token, so across copies of this package). Without it the class inherited
   * `CustomResource.isInstance`, true of any custom resource and narrowing to `CustomResource` only.
   */
  public static override isInstance(obj: unknown): obj is LiveMessageGroups {
    return typeof obj === "object" && obj !== null && (obj as { __pulumiType?: unknown }).__pulumiType === DYNAMIC_RESOURCE_TYPE;
  }

  // `declare`: with ES2022 class fields, a plain declaration would overwrite the outputs that the
  // base constructor has just assigned.
  /** The app listed. */
  declare public readonly appId: pulumi.Output<string>;
  /** The data center queried (after config and environment defaults). */
  declare public readonly dataCenter: pulumi.Output<DataCenter>;
  /** The group status listed. */
  declare public readonly groupStatus: pulumi.Output<GroupStatus>;
  /** The order of the per-group lists. */
  declare public readonly sortOrder: pulumi.Output<SortOrder>;
  /** The detail of the outputs (`"summary"` unless given). */
  declare public readonly detail: pulumi.Output<Detail>;
  /** `pageSize` as given. */
  declare public readonly pageSize: pulumi.Output<number | undefined>;
  /** `endpoint` as given. */
  declare public readonly endpoint: pulumi.Output<string | undefined>;
  /** `requestsPerSecond` as given. */
  declare public readonly requestsPerSecond: pulumi.Output<number | undefined>;
  /** `maxAttempts` as given. */
  declare public readonly maxAttempts: pulumi.Output<number | undefined>;
  /** `timeoutMs` as given. */
  declare public readonly timeoutMs: pulumi.Output<number | undefined>;
  /** The `ids` filter as given. */
  declare public readonly requestedIds: pulumi.Output<string[] | undefined>;
  /** `nameRegex` as given. */
  declare public readonly nameRegex: pulumi.Output<string | undefined>;
  /** `creatorId` as given. */
  declare public readonly creatorId: pulumi.Output<string | undefined>;
  /** `outputFile` as given. */
  declare public readonly outputFile: pulumi.Output<string | undefined>;
  /** `TotalCount` reported by the API, before client-side filters. */
  declare public readonly totalCount: pulumi.Output<number>;
  /** Groups kept by the filters that exist. */
  declare public readonly existingCount: pulumi.Output<number>;
  /** Groups kept by the filters that were deleted. */
  declare public readonly deletedCount: pulumi.Output<number>;
  /** Hex SHA-256 of every field of every group kept, independent of `detail` and `sortOrder`. */
  declare public readonly digest: pulumi.Output<string>;
  /** IDs of the groups kept, in `sortOrder` (`"ids"` and `"full"`). */
  declare public readonly ids: pulumi.Output<IdsOutput<D, string[]>>;
  /** IDs of the groups kept that exist (`"ids"` and `"full"`). */
  declare public readonly existingIds: pulumi.Output<IdsOutput<D, string[]>>;
  /** IDs of the groups kept that were deleted (`"ids"` and `"full"`). */
  declare public readonly deletedIds: pulumi.Output<IdsOutput<D, string[]>>;
  /** The groups kept, in `sortOrder` (`"full"`). */
  declare public readonly groups: pulumi.Output<FullOutput<D, LiveMessageGroupsResultGroup[]>>;
  /** Names of `groups`, same order (`"full"`). */
  declare public readonly names: pulumi.Output<FullOutput<D, string[]>>;
  /** Sorted admin user IDs of each group, by group ID (`"full"`). */
  declare public readonly adminsByGroupId: pulumi.Output<FullOutput<D, { [groupId: string]: string[] }>>;

  /**
   * @param name The unique name of the resource.
   * @param args Same arguments as `getLiveMessageGroupsOutput`; never credentials. `detail`
   *   defaults to `"summary"`.
   * @param opts Resource options.
   */
  constructor(name: string, args: LiveMessageGroupsArgs<D>, opts: pulumi.CustomResourceOptions = {}) {
    // Every stored output must be present in the registered props (as `undefined` when not given)
    // for Pulumi to create its Output on the resource.
    const props: pulumi.Inputs = {};
    for (const output of [...ECHOED_OUTPUTS, ...ALL_STORED_LISTING_OUTPUTS]) props[output] = undefined;
    if (typeof args !== "object" || args === null) throw new InvalidArgumentError("args", ARGS_ALLOWED, args);
    // The filter's input (and output) name is `requestedIds`, and the plugin's resource takes it by
    // that name: given here it was overwritten below, and the resource listed every group.
    if ((args as { requestedIds?: unknown }).requestedIds !== undefined) {
      throw new InvalidArgumentError("requestedIds", "the group-ID filter argument ids", undefined,
        `${unknownArgumentMessage("requestedIds").replace(/\.$/, "")}; the group-ID filter argument is ids (requestedIds is its name among the outputs).`);
    }
    // During a preview the engine answers Create with the inputs. The `ids` filter therefore must
    // not be input `ids`, or `watched.ids` would preview as the filter instead of unknown.
    const { ids, ...rest } = args;
    Object.assign(props, rest, { requestedIds: ids });
    // The names (never the values) of the arguments given as secrets, for the provider, which gets
    // them in plain text: its errors must not quote them. Absent when none is, as before.
    props[SECRET_ARGUMENTS] = secretArguments(args).then((names) => (names.length === 0 ? undefined : names));
    const secretOutputs = secretOutputsFor(opts.additionalSecretOutputs);
    assertNoAccountProvider(`LiveMessageGroups ${name}`, opts);
    warnOfUnknownConfigKeys();
    warnOfPlainSecretConfig();
    // The options that name inputs name the `ids` filter by its input name, as a user writes it.
    const filterRenamed = (names: string[] | undefined): string[] | undefined => names?.map((input) => (input === "ids" ? "requestedIds" : input));
    super(liveMessageGroupsShim, name, props, {
      ...opts,
      ...(secretOutputs === opts.additionalSecretOutputs ? {} : { additionalSecretOutputs: [...(secretOutputs ?? [])] }),
      ...(opts.ignoreChanges === undefined ? {} : { ignoreChanges: filterRenamed(opts.ignoreChanges) }),
      ...(opts.replaceOnChanges === undefined ? {} : { replaceOnChanges: filterRenamed(opts.replaceOnChanges) }),
    }, "live-message-groups", "LiveMessageGroups");

    // The lists the state does not hold, derived from the stored ones (see STORED_LISTING_OUTPUTS).
    // Waits only on the outputs the resource's detail stores: during a preview Pulumi resolves an
    // output missing from the state as unknown, so waiting on all three made every derived list
    // unknown in the preview of an unchanged stack, and the resources fed by them showed updates.
    type Lists = { ids?: string[]; deletedIds?: string[]; groups?: LiveMessageGroupsResultGroup[] };
    const [storedIds, storedDeleted, storedGroups] = [this.ids, this.deletedIds, this.groups];
    const stored: pulumi.Output<Lists> = this.detail.apply((detail): pulumi.Output<Lists> => {
      if (detail === "full") return storedGroups.apply((groups) => ({ groups }) as Lists);
      if (detail === "ids") return pulumi.all([storedIds, storedDeleted]).apply(([ids, deletedIds]) => ({ ids, deletedIds }) as Lists);
      return pulumi.output({} as Lists);
    });
    const derived = stored.apply(deriveLists);
    const self = this as unknown as Record<string, pulumi.Output<unknown>>;
    for (const field of ["ids", "existingIds", "deletedIds", "names", "adminsByGroupId"] as const) {
      self[field] = derived.apply((lists) => lists[field]);
    }
  }
}

/** The per-group lists a resource exposes, from what its state holds. */
function deriveLists(stored: { ids?: string[]; deletedIds?: string[]; groups?: LiveMessageGroupsResultGroup[] }): {
  ids?: string[]; existingIds?: string[]; deletedIds?: string[]; names?: string[]; adminsByGroupId?: { [groupId: string]: string[] };
} {
  if (stored.groups !== undefined) {
    const groups = stored.groups;
    return {
      ids: groups.map((g) => g.groupId),
      existingIds: groups.filter((g) => !g.deleted).map((g) => g.groupId),
      deletedIds: groups.filter((g) => g.deleted).map((g) => g.groupId),
      names: groups.map((g) => g.groupName),
      adminsByGroupId: Object.fromEntries(groups.map((g) => [g.groupId, g.adminList])),
    };
  }
  if (stored.ids !== undefined) {
    const deleted = new Set(stored.deletedIds ?? []);
    return { ids: stored.ids, existingIds: stored.ids.filter((id) => !deleted.has(id)), deletedIds: stored.deletedIds ?? [] };
  }
  return {};
}
