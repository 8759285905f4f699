import { assertNoAccountProvider } from "./providerOptions";
import * as pulumi from "@pulumi/pulumi";
import { readInProgram } from "./getLiveMessageGroups";
import type { Detail, GetLiveMessageGroupsArgs, GetLiveMessageGroupsOutputArgs, GetLiveMessageGroupsResultFor } from "./types";
import { waitForArgumentResources, waitForDependencies } from "./waitForDependencies";

/**
 * Output form of {@link getLiveMessageGroups}: every argument may be a `pulumi.Input`, and every
 * field of the result is an Output that feeds other resources' inputs.
 *
 * Waits for `opts.dependsOn` (custom resources, and components with their children) and for the
 * resources its arguments come from. During a preview, when an argument or a dependency is not
 * known yet, or an argument comes from a resource not created yet, the result is unknown and the
 * API is not called. A secret argument makes the result secret. The result's shape follows `detail`:
 * `"full"` (the default) has every group, `"ids"` the ID lists, `"summary"` only the counts and the
 * digest.
 *
 * ## Example Usage
 *
 * ```typescript
 * import * as pulumi from "@pulumi/pulumi";
 * import * as alicloud from "@pulumi/alicloud";
 * import * as lmg from "pulumi-alicloud-live-message-groups";
 *
 * const config = new pulumi.Config();
 * const groups = lmg.getLiveMessageGroupsOutput({
 *     appId: config.require("appId"),
 *     groupStatus: "existing",
 *     nameRegex: config.get("nameRegex"),
 * });
 * const roster = new alicloud.oss.BucketObject("rooms", {
 *     bucket: "my-bucket",
 *     key: "rooms.json",
 *     content: groups.adminsByGroupId.apply((admins) => JSON.stringify(admins)),
 * });
 * export const groupIds = groups.ids;
 * export const groupCount = groups.existingCount;
 * ```
 *
 * @param args What to list, how to filter it and how much of each group to return; each an Input.
 * @param opts `dependsOn` is waited for; `parent` and `version` have no effect because no provider
 *   plugin is involved. A `provider` of this package or of `alicloud` (or one of this package
 *   inherited from `parent`) is refused: the account is the stack's `alicloud:*` config.
 */
export function getLiveMessageGroupsOutput<D extends Detail = "full">(
  args: GetLiveMessageGroupsOutputArgs<D>,
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<GetLiveMessageGroupsResultFor<D>> {
  assertNoAccountProvider("getLiveMessageGroupsOutput", opts);
  const ready = waitForDependencies(opts?.dependsOn);
  const argumentsReady = waitForArgumentResources("getLiveMessageGroupsOutput", args);
  // pulumi.all deep-unwraps the arguments: the apply runs only when all of them (and the
  // dependencies, and the resources the arguments come from) are known, and carries their
  // secretness and resources into the result.
  const result = pulumi.all([pulumi.output(args), ready, argumentsReady, secretArguments(args)]).apply(([plain, dependencies, argumentResources, secretArgs]) =>
    // undefined members mean "not set": validateArgs skips them. A call that waited for resources
    // lists afresh: a listing shared from earlier in the run may predate what they did (a group
    // they created).
    readInProgram(plain as unknown as GetLiveMessageGroupsArgs<D>, opts, new Set(secretArgs), dependencies + argumentResources > 0));
  return result as unknown as pulumi.Output<GetLiveMessageGroupsResultFor<D>>;
}

/**
 * The names of the arguments given as secret Outputs (an error about one never quotes its value).
 * @internal
 */
export async function secretArguments(args: object): Promise<string[]> {
  // No args at all: readInProgram names `args` (Object.entries would throw a TypeError first).
  const entries = typeof args === "object" && args !== null ? Object.entries(args as Record<string, unknown>) : [];
  // A list holding a secret Output (`ids: [pulumi.secret("room-1")]`) is secret as a whole.
  const secret = await Promise.all(entries.map(([, value]) => pulumi.Output.isInstance(value) ? pulumi.isSecret(value)
    : Array.isArray(value) ? pulumi.isSecret(pulumi.output(value)) : Promise.resolve(false)));
  return entries.filter((_, i) => secret[i]).map(([name]) => name);
}
