import { assertNoAccountProvider } from "./providerOptions";
import * as pulumi from "@pulumi/pulumi";
import { mocksInForce, programRun } from "./pulumiInternals";
import { readLiveMessageGroups } from "./readLiveMessageGroups";
import { programSettingsSources, warnOfUnknownConfigKeys } from "./settingsSources";
import { withProgressNotes } from "./progressNotes";
import { freshListing, isOwnMocks, sharedListing } from "./sharedListing";
import { FUNCTION_TOKEN } from "./tokens";
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
 * In a unit test under `pulumi.runtime.setMocks`, the call goes to the mocks' `call` with the token
 * `live-message-groups:index:getLiveMessageGroups` and these arguments, as a generated SDK's
 * function does, and returns what it answers; under `liveMessageGroupsMocks` it lists the groups
 * given there. Either way no request reaches the API unless those mocks ask for it.
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
 * @param opts Accepted for the convention of Pulumi provider SDKs; `parent` and `version` have
 *   no effect because no provider plugin is involved (they reach the mocks' `call`). A `provider`
 *   of this package or of `alicloud` (or one of this package inherited from `parent`) is refused:
 *   the account is the stack's `alicloud:*` config, never a provider resource.
 */
export async function getLiveMessageGroups<D extends Detail = "full">(
  args: GetLiveMessageGroupsArgs<D>,
  opts?: pulumi.InvokeOptions,
): Promise<GetLiveMessageGroupsResultFor<D>> {
  assertNoAccountProvider("getLiveMessageGroups", opts);
  return readInProgram(args, opts, new Set());
}

/**
 * {@link getLiveMessageGroups} with the names of the arguments that were secret Outputs
 * ({@link getLiveMessageGroupsOutput} knows them): a bad one is reported without its value.
 * @internal
 */
export async function readInProgram<D extends Detail>(
  args: GetLiveMessageGroupsArgs<D>,
  opts: pulumi.InvokeOptions | undefined,
  secretArgs: ReadonlySet<string>,
  afterDependencies = false,
): Promise<GetLiveMessageGroupsResultFor<D>> {
  const mocks = mocksInForce();
  if (mocks !== null && !isOwnMocks(mocks)) {
    return pulumi.runtime.invoke(FUNCTION_TOKEN, args as unknown as pulumi.Inputs, opts) as Promise<GetLiveMessageGroupsResultFor<D>>;
  }
  warnOfUnknownConfigKeys();
  const list = withProgressNotes(afterDependencies ? freshListing : sharedListing, programProgressNote);
  const result = await readLiveMessageGroups(args as unknown as Readonly<Record<string, unknown>>, programSettingsSources(), list, secretArgs);
  return result as unknown as GetLiveMessageGroupsResultFor<D>;
}

/**
 * A progress note of a program's listing: ephemeral info on the stack's row (a function call has no
 * resource), which Pulumi shows while the program runs and does not keep. Only under an engine:
 * without one (a script, unit tests under mocks) Pulumi's log prints to stdout.
 */
function programProgressNote(text: string): void {
  if (programRun() === null || mocksInForce() !== null) return;
  pulumi.log.info(text, undefined, undefined, true).catch(() => undefined);
}
