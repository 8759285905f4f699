import assert from "node:assert/strict";
import { join } from "node:path";
import { startEmulator } from "../../emulator";
import type { Emulator, EmulatorKeyPair } from "../../emulator/types";
import { assertDestroyTouchesNoGroup, assertRefreshDetects, LEGACY_REFRESH_DIFF, assertStateHoldsNoCredentials, sortedAdmins, storedAdmins, storedIds } from "./support/checks";
import { E2eStack, nodeProject, rootProject } from "./support/e2eProject";
import { formatResult, provideEngine, PulumiCli, REPO_DIR } from "./support/pulumiCli";

const APP = "e2e-root-app";
/** STS-style credentials, so the checks also cover the security token. */
const KEY_PAIR: EmulatorKeyPair = {
  accessKeyId: "STS.e2eRootAccessKeyId",
  accessKeySecret: "e2e-root-access-key-secret-0123456789",
  securityToken: "e2e-root-security-token-abcdefghijklmnop",
};

/**
 * The repository's root Pulumi.yaml stack under the real Pulumi engine, against the emulator,
 * then a second stack that consumes its `existingIds` through a StackReference.
 */
describe("e2e: the root Pulumi.yaml stack under the Pulumi engine", function () {
  this.timeout(5 * 60 * 1000);
  let emulator: Emulator;
  let cli: PulumiCli;
  let stack: E2eStack;
  let consumer: E2eStack;

  before(async function () {
    this.timeout(45 * 60 * 1000); // a cold engine build
    const binDir = provideEngine();
    emulator = await startEmulator({ keyPairs: [KEY_PAIR], apps: [{ appId: APP, groups: 30, deletedFraction: 0.2 }] });
    cli = new PulumiCli(binDir, KEY_PAIR);
    await cli.login();
    stack = new E2eStack(cli, rootProject(cli, "root"), "e2e");
    await stack.init();
    await stack.setAlicloudConfig(APP, emulator.url, KEY_PAIR);
  });

  after(async () => {
    await emulator?.close();
    cli?.dispose();
  });

  it("pulumi preview plans the stack and the LiveMessageGroups resource", async () => {
    const preview = await stack.ok(["preview"], ["--diff"]);
    assert.match(preview.stdout, /\+\s+pulumi:pulumi:Stack/, formatResult(preview));
    assert.match(preview.stdout, /\+ pulumi-nodejs:dynamic\/live-message-groups:LiveMessageGroups: \(create\)/, formatResult(preview));
    assert.match(preview.stdout, /2 to create/, formatResult(preview));
  });

  it("pulumi up creates it; the stack outputs equal the emulator's groups", async () => {
    const up = await stack.ok(["up"], ["--yes"]);
    assert.match(up.stdout, /2 created/, formatResult(up));
    const outputs = await stack.outputs();
    assert.deepEqual(outputs.groupIds, storedIds(emulator, APP));
    assert.deepEqual(outputs.existingIds, storedIds(emulator, APP, (g) => !g.deleted));
    assert.deepEqual(outputs.deletedIds, storedIds(emulator, APP, (g) => g.deleted));
    assert.deepEqual(sortedAdmins(outputs.adminsByGroupId), storedAdmins(emulator, APP));
    assert.equal(outputs.watchedTotalCount, 30);
  });

  it("a second pulumi up shows no changes", async () => {
    const up = await stack.ok(["up"], ["--yes", "--expect-no-changes"]);
    assert.match(up.stdout, /2 unchanged/, formatResult(up));
  });

  it("pulumi refresh --expect-no-changes exits 0 while the groups are unchanged", async () => {
    await stack.ok(["refresh"], ["--yes", "--expect-no-changes"]);
  });

  it("pulumi stack export holds no AccessKeySecret, security token or signature", async () => {
    await assertStateHoldsNoCredentials(stack, KEY_PAIR, true);
  });

  it("a second stack reads existingIds through a StackReference and feeds them into a resource", async () => {
    const project = nodeProject(cli, "lmg-consumer", join(REPO_DIR, "dist", "examples", "stackReference", "index.js"));
    consumer = new E2eStack(cli, project, "e2e");
    await consumer.init();
    await consumer.setAlicloudConfig(APP, emulator.url, KEY_PAIR, { sourceStack: stack.fullyQualifiedName });
    await consumer.ok(["up"], ["--yes"]);
    const produced = (await stack.outputs()).existingIds as string[];
    const outputs = await consumer.outputs();
    assert.ok(produced.length > 0);
    assert.deepEqual(outputs.sourceExistingIds, produced);
    // The referenced IDs are the resource's `ids` input (echoed as requestedIds) ...
    assert.deepEqual(outputs.watchedRequestedIds, produced);
    // ... and select exactly those groups.
    assert.deepEqual(outputs.watchedIds, produced);
    await consumer.ok(["up"], ["--yes", "--expect-no-changes"]);
    await consumer.ok(["refresh"], ["--yes", "--expect-no-changes"]);
    await assertStateHoldsNoCredentials(consumer, KEY_PAIR, true);
  });

  // Pulumi's legacy refresh diff compares refreshed outputs with stored ones; the tests below run
  // the default mode, where the provider's Diff decides (checkedDigest against the outputs' digest).
  it("legacy refresh mode: refresh --expect-no-changes fails after a group is renamed", async () => {
    const [target] = storedIds(emulator, APP, (g) => !g.deleted);
    assert.ok(target);
    await assertRefreshDetects(stack, () => emulator.store.updateGroup(APP, target, { groupName: "renamed-legacy-mode" }), ["renamed-legacy-mode"], LEGACY_REFRESH_DIFF);
  });

  it("after a group is deleted in the emulator, refresh --expect-no-changes fails and names it", async () => {
    const [victim] = storedIds(emulator, APP, (g) => !g.deleted);
    assert.ok(victim);
    await assertRefreshDetects(stack, () => emulator.store.deleteGroup(APP, victim), [victim]);
  });

  it("after a group is renamed, refresh --expect-no-changes fails and names the new name", async () => {
    const [target] = storedIds(emulator, APP, (g) => !g.deleted);
    assert.ok(target);
    const newName = "renamed-by-e2e";
    await assertRefreshDetects(stack, () => emulator.store.updateGroup(APP, target, { groupName: newName }), [newName]);
  });

  it("after a group's admins change, refresh --expect-no-changes fails and names the admin", async () => {
    const [target] = storedIds(emulator, APP, (g) => !g.deleted).slice(-1);
    assert.ok(target);
    const admin = "admin-added-by-e2e";
    await assertRefreshDetects(stack, () => emulator.store.updateGroup(APP, target, { adminList: [admin] }), [admin]);
  });

  it("pulumi destroy of both stacks touches no group", async () => {
    await assertDestroyTouchesNoGroup(consumer, emulator, [APP]);
    await assertDestroyTouchesNoGroup(stack, emulator, [APP]);
    await consumer.remove();
    await stack.remove();
  });
});
