import * as pulumi from "@pulumi/pulumi";
import type { DataCenter, GroupStatus, SortOrder } from "../sdk/types";
import { liveMessageGroupsShim } from "./dynamic/shim";
import { ARGUMENT_NAMES } from "./validateArgs";
import type { LiveMessageGroupsArgs, LiveMessageGroupsResultGroup } from "./types";

/** Outputs computed by a listing. None of them is an input, so each is unknown during a preview. */
const COMPUTED_OUTPUTS = ["totalCount", "groups", "ids", "names", "adminsByGroupId", "existingIds", "deletedIds"] as const;

/** Arguments echoed as outputs; the `ids` filter travels as input and output `requestedIds`. */
const ECHOED_OUTPUTS = [...ARGUMENT_NAMES.filter((name) => name !== "ids"), "requestedIds"] as const;

/** Echoed outputs the provider always sets (the others only when the argument is given). */
const ALWAYS_ECHOED = ["appId", "dataCenter", "groupStatus", "sortOrder"] as const;

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
  constructor(name: string, args: LiveMessageGroupsArgs, opts: pulumi.CustomResourceOptions = {}) {
    // Every output must be present in the registered props (as `undefined` when not given) for
    // Pulumi to create its Output on the resource.
    const props: pulumi.Inputs = {};
    for (const output of [...ECHOED_OUTPUTS, ...COMPUTED_OUTPUTS]) props[output] = undefined;
    // During a preview the engine answers Create with the inputs. The `ids` filter therefore must
    // not be input `ids`, or `watched.ids` would preview as the filter instead of unknown.
    const { ids, ...rest } = args;
    Object.assign(props, rest, { requestedIds: ids });

    // The host accepts no secrets, so the engine only re-marks same-named outputs secret. When any
    // argument is secret, every output is marked secret with additionalSecretOutputs. Secretness is
    // only known asynchronously: the list is completed before appId can be serialized, and the
    // registration reads the options only after every prop is serialized.
    const secretOutputs = [...(opts.additionalSecretOutputs ?? [])];
    const present = [...ALWAYS_ECHOED, ...ECHOED_OUTPUTS.filter((o) => (o === "requestedIds" ? ids : rest[o as keyof typeof rest]) !== undefined), ...COMPUTED_OUTPUTS];
    const secretsMarked = pulumi.isSecret(pulumi.output(args)).then((secret) => {
      if (secret) for (const output of present) if (!secretOutputs.includes(output)) secretOutputs.push(output);
    });
    props.appId = pulumi.all([args.appId, secretsMarked]).apply(([appId]) => appId);
    super(liveMessageGroupsShim, name, props, { ...opts, additionalSecretOutputs: secretOutputs }, "live-message-groups", "LiveMessageGroups");
  }
}
