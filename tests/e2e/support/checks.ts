import assert from "node:assert/strict";
import type { Emulator, EmulatorGroup, EmulatorKeyPair } from "../../../emulator/types";
import type { E2eStack } from "./e2eProject";
import { formatResult } from "./pulumiCli";

/** Group IDs of an app in the emulator, by creation time then ID (the listing's `asc` order). */
export function storedIds(emulator: Emulator, appId: string, keep: (g: EmulatorGroup) => boolean = () => true): string[] {
  return emulator.store.groups(appId)
    .filter(keep)
    .sort((a, b) => a.createTime - b.createTime || (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0))
    .map((g) => g.groupId);
}

/** adminsByGroupId as the emulator holds it (admins sorted, as the result holds them). */
export function storedAdmins(emulator: Emulator, appId: string, keep: (g: EmulatorGroup) => boolean = () => true): Record<string, string[]> {
  const admins: Record<string, string[]> = {};
  for (const group of emulator.store.groups(appId).filter(keep)) admins[group.groupId] = [...group.adminList].sort();
  return admins;
}

/** Sorts each admin list, so outputs and the store compare whatever order the API returned. */
export function sortedAdmins(value: unknown): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [id, admins] of Object.entries(value as Record<string, string[]>)) result[id] = [...admins].sort();
  return result;
}

/**
 * `pulumi stack export` holds none of the credentials' secret parts, no request signature and no
 * Authorization header, while it does hold the resource (so the check looks at a real state).
 */
export async function assertStateHoldsNoCredentials(stack: E2eStack, keyPair: EmulatorKeyPair, expectResource: boolean): Promise<void> {
  const state = await stack.exportState();
  assert.ok(state.includes('"deployment"'), `not a stack export:\n${state.slice(0, 500)}`);
  if (expectResource) assert.ok(state.includes("LiveMessageGroups"), "the export holds no LiveMessageGroups resource");
  assert.ok(!state.includes(keyPair.accessKeySecret), "the AccessKeySecret is in the stack export");
  if (keyPair.securityToken !== undefined) assert.ok(!state.includes(keyPair.securityToken), "the security token is in the stack export");
  for (const marker of ["ACS3-HMAC-SHA256", "Signature=", "SignedHeaders", "x-acs-security-token", "Authorization"]) {
    assert.ok(!state.includes(marker), `the stack export contains ${marker}`);
  }
}

/**
 * Pulumi's legacy refresh diff (refreshed outputs against stored outputs). The default mode of
 * Pulumi 3.248 instead asks the provider's Diff (inputs against the refreshed state); the provider
 * reports drift in both, through the `checkedDigest` input it records at Check.
 */
export const LEGACY_REFRESH_DIFF: Readonly<Record<string, string>> = { PULUMI_ENABLE_LEGACY_REFRESH_DIFF: "true" };

/**
 * Changes the emulator, then checks that `pulumi refresh --expect-no-changes` fails and that its
 * output names the change (`expectInOutput`), then accepts the refreshed state with a plain
 * `pulumi refresh`, after which `--expect-no-changes` passes again. `env` is added to the
 * refreshes' environment (default: none, Pulumi's default refresh mode).
 */
export async function assertRefreshDetects(stack: E2eStack, change: () => void, expectInOutput: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<void> {
  change();
  // The documented CI gate: a refresh that is not applied, so it fails again on the next run (an
  // applied `refresh --yes --expect-no-changes` writes the drift into the state and passes next time).
  // Pulumi refuses --preview-only with --yes, which PULUMI_SKIP_CONFIRMATIONS (set for these tests) implies.
  const gateEnv = { ...env, PULUMI_SKIP_CONFIRMATIONS: "false" };
  for (const run of [1, 2]) {
    const drifted = await stack.run(["refresh"], ["--preview-only", "--expect-no-changes", "--diff"], gateEnv);
    assert.notEqual(drifted.code, 0, `run ${run}: refresh --preview-only --expect-no-changes passed after a change:\n${formatResult(drifted)}`);
    const output = drifted.stdout + drifted.stderr;
    for (const text of expectInOutput) assert.ok(output.includes(text), `refresh output does not name ${text}:\n${formatResult(drifted)}`);
  }
  await stack.ok(["refresh"], ["--yes"], env);
  await stack.ok(["refresh"], ["--preview-only", "--expect-no-changes"], gateEnv);
}

/** `pulumi destroy` creates, changes and deletes no group, and calls no mutating action. */
export async function assertDestroyTouchesNoGroup(stack: E2eStack, emulator: Emulator, appIds: readonly string[]): Promise<void> {
  const before = JSON.stringify(appIds.map((appId) => emulator.store.groups(appId)));
  const logBefore = emulator.requestLog().length;
  const destroyed = await stack.ok(["destroy"], ["--yes"]);
  assert.equal(JSON.stringify(appIds.map((appId) => emulator.store.groups(appId))), before, "destroy changed groups");
  const mutating = emulator.requestLog().slice(logBefore).filter((entry) => entry.action !== "ListLiveMessageGroupByPage");
  assert.deepEqual(mutating.map((entry) => entry.action), [], `destroy called other actions:\n${formatResult(destroyed)}`);
}
