import assert from "node:assert/strict";
import type { Emulator, EmulatorKeyPair } from "../../../emulator/types";
import { assertDestroyTouchesNoGroup, assertRefreshDetects, assertStateHoldsNoCredentials, sortedAdmins, storedAdmins, storedIds } from "./checks";
import type { E2eStack } from "./e2eProject";
import { formatResult } from "./pulumiCli";

/** What a spec of a program through the provider plugin has once its `before` hook ran. */
export interface PluginProgramRun {
  readonly stack: E2eStack;
  readonly emulator: Emulator;
}

/**
 * The same program in every language that reaches the package through the provider plugin: it
 * calls getLiveMessageGroups on `appId` with the defaults and declares LiveMessageGroups "watched"
 * with detail "full", and exports `groupIds`, `deletedIds`, `adminsByGroupId` (the function's),
 * `watchedGroups` and `watchedDigest` (the resource's).
 */
export interface PluginProgramShape {
  readonly app: string;
  readonly keyPair: EmulatorKeyPair;
  /**
   * How the language's SDK names a group's ID and name in an exported output object: the names it
   * may use, the first one the exported objects have is taken (every object must have it).
   */
  readonly groupFields: { readonly id: readonly string[]; readonly name: readonly string[] };
  /** Names given to the drift this spec makes (unique per language, so the refresh output names them). */
  readonly label: string;
}

/**
 * Registers the checks every such program gets under the real engine: preview and up (outputs
 * equal the emulator's groups), a second up and a refresh with no changes, drift after a delete, a
 * rename and an admin change.
 */
export function itUpsAndRefreshes(run: () => PluginProgramRun, { app, groupFields, label }: PluginProgramShape): void {
  it("pulumi preview, up: the outputs equal the emulator's groups", async () => {
    const { stack, emulator } = run();
    const preview = await stack.ok(["preview"], ["--diff"]);
    assert.match(preview.stdout, /\+ live-message-groups:index:LiveMessageGroups: \(create\)/, formatResult(preview));
    await stack.ok(["up"], ["--yes"]);
    const outputs = await stack.outputs();
    assert.deepEqual(outputs.groupIds, storedIds(emulator, app));
    assert.deepEqual(outputs.deletedIds, storedIds(emulator, app, (g) => g.deleted));
    assert.deepEqual(sortedAdmins(outputs.adminsByGroupId), storedAdmins(emulator, app));
    // detail "full" stores `groups` only (through the plugin the resource's `ids` output is null in this mode).
    const watchedGroups = outputs.watchedGroups as Record<string, unknown>[];
    const keys = Object.keys(watchedGroups[0] ?? {});
    const idField = groupFields.id.find((name) => keys.includes(name));
    const nameField = groupFields.name.find((name) => keys.includes(name));
    assert.ok(idField !== undefined && nameField !== undefined, `an exported group has none of ${JSON.stringify(groupFields)}: ${JSON.stringify(keys)}`);
    assert.deepEqual(watchedGroups.map((g) => g[idField]), storedIds(emulator, app));
    assert.deepEqual(watchedGroups.map((g) => g[nameField]), emulator.store.groups(app)
      .sort((a, b) => a.createTime - b.createTime || (a.groupId < b.groupId ? -1 : 1)).map((g) => g.groupName));
    assert.match(String(outputs.watchedDigest), /^[0-9a-f]{64}$/);
  });

  it("a second up shows no changes; refresh --expect-no-changes exits 0", async () => {
    const { stack } = run();
    await stack.ok(["up"], ["--yes", "--expect-no-changes"]);
    await stack.ok(["refresh"], ["--yes", "--expect-no-changes"]);
  });

  it("refresh --expect-no-changes fails after a delete, a rename and an admin change", async () => {
    const { stack, emulator } = run();
    const [deleted, renamed, reassigned] = storedIds(emulator, app, (g) => !g.deleted);
    assert.ok(deleted !== undefined && renamed !== undefined && reassigned !== undefined);
    await assertRefreshDetects(stack, () => emulator.store.deleteGroup(app, deleted), [deleted]);
    await assertRefreshDetects(stack, () => emulator.store.updateGroup(app, renamed, { groupName: `${label}-renamed` }), [`${label}-renamed`]);
    await assertRefreshDetects(stack, () => emulator.store.updateGroup(app, reassigned, { adminList: [`${label}-admin`] }), [`${label}-admin`]);
  });
}

/**
 * Registers the last check: the stack export holds no AccessKeySecret or signature, nor the
 * AccessKeyId (the schema marks the provider's accessKey secret, so the engine encrypts it wherever
 * the provider's inputs are stored, though the tests set it without --secret); destroy touches no
 * group; the stack is removed.
 */
export function itLeavesNoCredentialsAndDestroys(run: () => PluginProgramRun, { app, keyPair }: PluginProgramShape): void {
  it("stack export holds no AccessKeySecret, signature or AccessKeyId; destroy touches no group", async () => {
    const { stack, emulator } = run();
    await assertStateHoldsNoCredentials(stack, keyPair, true);
    assert.ok(!(await stack.exportState()).includes(keyPair.accessKeyId), "the AccessKeyId is in plain text in the stack export");
    await assertDestroyTouchesNoGroup(stack, emulator, [app]);
    await stack.remove();
  });
}

/**
 * A YAML program that calls getLiveMessageGroups (detail "ids") and declares LiveMessageGroups with
 * the defaults, exporting `groupIds` and `watchedExisting`. `pluginDir`: its `packages:` entry; none
 * when the engine finds the plugin among the installed ones.
 */
export function idsAndSummaryYaml(pluginDir?: string): string {
  return `${pluginDir === undefined ? "" : `packages:\n  live-message-groups: ${pluginDir}\n`}config:
  appId:
    type: string
variables:
  groups:
    fn::invoke:
      function: live-message-groups:index:getLiveMessageGroups
      arguments:
        appId: \${appId}
        detail: ids
resources:
  watched:
    type: live-message-groups:index:LiveMessageGroups
    properties:
      appId: \${appId}
outputs:
  groupIds: \${groups.ids}
  watchedExisting: \${watched.existingCount}
`;
}

/**
 * A new stack `stackName` of {@link idsAndSummaryYaml} in `project`, through the plugin: preview plans
 * the resource, up's outputs equal the emulator's groups, refresh finds no change, the export holds
 * no credentials, destroy touches no group; the stack is removed.
 */
export async function assertIdsAndSummaryStack(stack: E2eStack, emulator: Emulator, app: string, keyPair: EmulatorKeyPair): Promise<void> {
  await stack.init();
  await stack.setPluginConfig(app, emulator.url, keyPair);
  const preview = await stack.ok(["preview"], ["--diff"]);
  assert.match(preview.stdout, /\+ live-message-groups:index:LiveMessageGroups: \(create\)/, formatResult(preview));
  await stack.ok(["up"], ["--yes"]);
  const outputs = await stack.outputs();
  assert.deepEqual(outputs.groupIds, storedIds(emulator, app));
  assert.equal(outputs.watchedExisting, storedIds(emulator, app, (g) => !g.deleted).length);
  await stack.ok(["refresh"], ["--yes", "--expect-no-changes"]);
  await assertStateHoldsNoCredentials(stack, keyPair, true);
  await assertDestroyTouchesNoGroup(stack, emulator, [app]);
  await stack.remove();
}
