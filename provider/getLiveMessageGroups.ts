import type * as pulumi from "@pulumi/pulumi";
import { readLiveMessageGroups } from "./readLiveMessageGroups";
import { programSettingsSources } from "./settingsSources";
import { sharedListing } from "./sharedListing";
import type { Detail, GetLiveMessageGroupsArgs, GetLiveMessageGroupsResultFor } from "./types";

/**
 * Lists the interactive-messaging groups of an ApsaraVideo Live app, with the client-side filters
 * of Alibaba Cloud data sources.
 *
 * Runs in the program (a dynamic provider cannot serve functions), so it is called on preview and
 * on update. Identical listings in one program run are shared. Settings: explicit args, then
 * Pulumi config (`live-message-groups:*`), then environment. Credentials: `alicloud:accessKey` /
 * `alicloud:secretKey` / `alicloud:securityToken` or `alicloud:profile` config, then the
 * environment, then the Alibaba Cloud credential chain.
 *
 * The result's shape follows `detail`: `"full"` (the default) has every group, `"ids"` the ID
 * lists, `"summary"` only the counts and the digest.
 *
 * ## Example Usage
 *
 * ```typescript
 * import * as alicloud from "@pulumi/alicloud";
 * import * as lmg from "pulumi-alicloud-live-message-groups";
 *
 * const roomIds = lmg.getLiveMessageGroups({
 *     appId: "my-app",
 *     dataCenter: "cn-shanghai",
 *     groupStatus: "existing",
 *     nameRegex: "^room-",
 * }).then((groups) => groups.ids);
 * const roster = new alicloud.oss.BucketObject("rooms", {
 *     bucket: "my-bucket",
 *     key: "rooms.json",
 *     content: roomIds.then((ids) => JSON.stringify(ids)),
 * });
 * export const rooms = roomIds;
 * ```
 *
 * @param args What to list, how to filter it and how much of each group to return.
 * @param _opts Accepted for the convention of Pulumi provider SDKs; `provider`, `parent` and
 *   `version` have no effect because no provider plugin is involved.
 */
export async function getLiveMessageGroups<D extends Detail = "full">(
  args: GetLiveMessageGroupsArgs<D>,
  _opts?: pulumi.InvokeOptions,
): Promise<GetLiveMessageGroupsResultFor<D>> {
  const result = await readLiveMessageGroups(args as unknown as Readonly<Record<string, unknown>>, programSettingsSources(), sharedListing);
  return result as unknown as GetLiveMessageGroupsResultFor<D>;
}
