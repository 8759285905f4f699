import type * as pulumi from "@pulumi/pulumi";
import { readLiveMessageGroups } from "./readLiveMessageGroups";
import { programSettingsSources } from "./settingsSources";
import { sharedListing } from "./sharedListing";
import type { GetLiveMessageGroupsArgs, GetLiveMessageGroupsResult } from "./types";

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
 * ## Example Usage
 *
 * ```typescript
 * import * as lmg from "pulumi-alicloud-live-message-groups";
 *
 * const groups = await lmg.getLiveMessageGroups({
 *     appId: "my-app",
 *     dataCenter: "cn-shanghai",
 *     groupStatus: "existing",
 *     nameRegex: "^room-",
 * });
 * export const roomIds = groups.ids;
 * ```
 *
 * @param args What to list and how to filter it.
 * @param _opts Accepted for the convention of Pulumi provider SDKs; `provider`, `parent` and
 *   `version` have no effect because no provider plugin is involved.
 */
export async function getLiveMessageGroups(args: GetLiveMessageGroupsArgs, _opts?: pulumi.InvokeOptions): Promise<GetLiveMessageGroupsResult> {
  return readLiveMessageGroups(args as unknown as Readonly<Record<string, unknown>>, programSettingsSources(), sharedListing);
}
