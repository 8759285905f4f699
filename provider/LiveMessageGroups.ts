import * as pulumi from "@pulumi/pulumi";
import type { DataCenter, GroupStatus, SortOrder } from "../sdk/types";
import { liveMessageGroupsShim } from "./dynamic/shim";
import { ARGUMENT_NAMES } from "./validateArgs";
import type { LiveMessageGroupsArgs, LiveMessageGroupsResultGroup } from "./types";

/**
 * Every output property. Each must be present in the registered props (as `undefined` when not
 * given) for Pulumi to create its Output on the resource.
 */
const OUTPUTS = [...ARGUMENT_NAMES, "requestedIds", "totalCount", "groups", "names", "adminsByGroupId", "existingIds", "deletedIds"] as const;

/**
 * The groups of an interactive-messaging app as a resource, so `pulumi refresh` can watch them
 * for drift.
 *
 * Read-only towards the cloud: create and update list the groups, delete only removes the Pulumi
 * record. Changing `appId` or `dataCenter` replaces the resource; any other argument updates it.
 * Outputs are deterministic, so an unchanged app refreshes to identical outputs and
 * `pulumi refresh --expect-no-changes` fails exactly when groups were added, deleted, renamed or
 * had their admins changed. The resource ID is `"<dataCenter>/<appId>"`.
 *
 * ## Example Usage
 *
 * ```typescript
 * import * as lmg from "pulumi-alicloud-live-message-groups";
 *
 * const watched = new lmg.LiveMessageGroups("rooms", { appId: "my-app", groupStatus: "existing" });
 * export const roomIds = watched.ids;
 * ```
 */
export class LiveMessageGroups extends pulumi.dynamic.Resource {
  // `declare`: with ES2022 class fields, a plain declaration would overwrite the outputs that the
  // base constructor has just assigned.
  declare public readonly appId: pulumi.Output<string>;
  declare public readonly dataCenter: pulumi.Output<DataCenter>;
  declare public readonly groupStatus: pulumi.Output<GroupStatus>;
  declare public readonly sortOrder: pulumi.Output<SortOrder>;
  declare public readonly pageSize: pulumi.Output<number | undefined>;
  declare public readonly endpoint: pulumi.Output<string | undefined>;
  declare public readonly requestsPerSecond: pulumi.Output<number | undefined>;
  declare public readonly maxAttempts: pulumi.Output<number | undefined>;
  declare public readonly timeoutMs: pulumi.Output<number | undefined>;
  /** The `ids` filter as given. */
  declare public readonly requestedIds: pulumi.Output<string[] | undefined>;
  declare public readonly nameRegex: pulumi.Output<string | undefined>;
  declare public readonly creatorId: pulumi.Output<string | undefined>;
  declare public readonly outputFile: pulumi.Output<string | undefined>;
  /** `TotalCount` reported by the API, before client-side filters. */
  declare public readonly totalCount: pulumi.Output<number>;
  declare public readonly groups: pulumi.Output<LiveMessageGroupsResultGroup[]>;
  /** IDs of the groups after filters. */
  declare public readonly ids: pulumi.Output<string[]>;
  declare public readonly names: pulumi.Output<string[]>;
  declare public readonly adminsByGroupId: pulumi.Output<Record<string, string[]>>;
  declare public readonly existingIds: pulumi.Output<string[]>;
  declare public readonly deletedIds: pulumi.Output<string[]>;

  /**
   * @param name The unique name of the resource.
   * @param args Same arguments as `getLiveMessageGroupsOutput`; never credentials.
   * @param opts Resource options.
   */
  constructor(name: string, args: LiveMessageGroupsArgs, opts?: pulumi.CustomResourceOptions) {
    const props: pulumi.Inputs = {};
    for (const output of OUTPUTS) props[output] = undefined;
    // `ids` as an argument is the filter; as an output it is replaced by the result's IDs.
    Object.assign(props, args);
    super(liveMessageGroupsShim, name, props, opts, "live-message-groups", "LiveMessageGroups");
  }
}
