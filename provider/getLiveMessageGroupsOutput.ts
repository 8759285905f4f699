import * as pulumi from "@pulumi/pulumi";
import { getLiveMessageGroups } from "./getLiveMessageGroups";
import type { GetLiveMessageGroupsArgs, GetLiveMessageGroupsOutputArgs, GetLiveMessageGroupsResult } from "./types";
import { waitForDependencies } from "./waitForDependencies";

/**
 * Output form of {@link getLiveMessageGroups}: every argument may be a `pulumi.Input`.
 *
 * Waits for `opts.dependsOn`. During a preview, when an argument or a dependency is not known
 * yet, the result is unknown and the API is not called. A secret argument makes the result secret.
 *
 * ## Example Usage
 *
 * ```typescript
 * import * as pulumi from "@pulumi/pulumi";
 * import * as lmg from "pulumi-alicloud-live-message-groups";
 *
 * const config = new pulumi.Config();
 * const groups = lmg.getLiveMessageGroupsOutput({
 *     appId: config.require("appId"),
 *     groupStatus: "existing",
 * });
 * export const groupIds = groups.ids;
 * export const adminsByGroupId = groups.adminsByGroupId;
 * ```
 */
export function getLiveMessageGroupsOutput(args: GetLiveMessageGroupsOutputArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetLiveMessageGroupsResult> {
  const ready = waitForDependencies(opts?.dependsOn);
  // pulumi.all deep-unwraps the arguments: the apply runs only when all of them (and the
  // dependencies) are known, and carries their secretness and resources into the result.
  return pulumi.all([pulumi.output(args), ready]).apply(([plain]) =>
    // undefined members mean "not set": validateArgs skips them.
    getLiveMessageGroups(plain as unknown as GetLiveMessageGroupsArgs, opts));
}
