import assert from "node:assert/strict";
import { join } from "node:path";
import { startEmulator } from "../../emulator";
import type { Emulator, EmulatorKeyPair } from "../../emulator/types";
import { assertDestroyTouchesNoGroup, assertRefreshDetects, assertStateHoldsNoCredentials, sortedAdmins, storedAdmins, storedIds } from "./support/checks";
import { E2eStack, nodeProject } from "./support/e2eProject";
import { formatResult, provideEngine, PulumiCli, REPO_DIR } from "./support/pulumiCli";

const KEY_PAIR: EmulatorKeyPair = {
  accessKeyId: "LTAIe2eExamplesKeyId",
  accessKeySecret: "e2e-examples-access-key-secret-0123456789",
};

/**
 * The TypeScript examples (examples/README.md), each in a project of its own that installs the
 * package as a link, under the real Pulumi engine against the emulator. feedAlicloud needs the
 * @pulumi/alicloud provider plugin, which these machines cannot download: it runs under mocks only
 * (tests/provider/examples.spec.ts). stackReference runs in rootStack.spec.ts.
 */
describe("e2e: the TypeScript examples under the Pulumi engine", function () {
  this.timeout(5 * 60 * 1000);
  let emulator: Emulator;
  let cli: PulumiCli;

  before(async function () {
    this.timeout(45 * 60 * 1000); // a cold engine build
    const binDir = provideEngine();
    emulator = await startEmulator({
      keyPairs: [KEY_PAIR],
      apps: [{ appId: "e2e-read-app", groups: 40, deletedFraction: 0.25 }, { appId: "e2e-drift-app", groups: 20, deletedFraction: 0.1 }],
    });
    cli = new PulumiCli(binDir, KEY_PAIR);
    await cli.login();
  });

  after(async () => {
    await emulator?.close();
    cli?.dispose();
  });

  /** A stack of an example, configured with the app, the emulator and secret credentials. */
  async function exampleStack(example: string, appId: string, extra: Record<string, string> = {}): Promise<E2eStack> {
    const stack = new E2eStack(cli, nodeProject(cli, `lmg-${example}`, join(REPO_DIR, "dist", "examples", example, "index.js")), "e2e");
    await stack.init();
    await stack.setAlicloudConfig(appId, emulator.url, KEY_PAIR, extra);
    return stack;
  }

  describe("readGroups", () => {
    const APP = "e2e-read-app";
    let stack: E2eStack;

    it("preview, up: the outputs equal the emulator's groups", async () => {
      stack = await exampleStack("readGroups", APP);
      const preview = await stack.ok(["preview"]);
      assert.match(preview.stdout, /1 to create/, formatResult(preview));
      await stack.ok(["up"], ["--yes"]);
      const outputs = await stack.outputs();
      assert.equal(outputs.totalCount, 40);
      assert.deepEqual(outputs.groupIds, storedIds(emulator, APP));
      assert.deepEqual(outputs.deletedIds, storedIds(emulator, APP, (g) => g.deleted));
      const names = new Map(emulator.store.groups(APP).map((g) => [g.groupId, g.groupName]));
      assert.deepEqual(outputs.groupNames, storedIds(emulator, APP).map((id) => names.get(id)));
      assert.deepEqual(sortedAdmins(outputs.adminsByGroupId), storedAdmins(emulator, APP));
    });

    it("a second up shows no changes; refresh --expect-no-changes exits 0", async () => {
      await stack.ok(["up"], ["--yes", "--expect-no-changes"]);
      await stack.ok(["refresh"], ["--yes", "--expect-no-changes"]);
    });

    it("stack export holds no AccessKeySecret or signature; destroy touches no group", async () => {
      await assertStateHoldsNoCredentials(stack, KEY_PAIR, false);
      await assertDestroyTouchesNoGroup(stack, emulator, [APP]);
      await stack.remove();
    });
  });

  describe("driftCheck", () => {
    const APP = "e2e-drift-app";
    let stack: E2eStack;

    it("preview, up: the outputs equal the emulator's groups", async () => {
      stack = await exampleStack("driftCheck", APP);
      const preview = await stack.ok(["preview"]);
      assert.match(preview.stdout, /2 to create/, formatResult(preview));
      await stack.ok(["up"], ["--yes"]);
      const outputs = await stack.outputs();
      assert.deepEqual(outputs.groupIds, storedIds(emulator, APP));
      assert.deepEqual(outputs.deletedIds, storedIds(emulator, APP, (g) => g.deleted));
      assert.deepEqual(sortedAdmins(outputs.adminsByGroupId), storedAdmins(emulator, APP));
    });

    it("a second up shows no changes; refresh --expect-no-changes exits 0", async () => {
      await stack.ok(["up"], ["--yes", "--expect-no-changes"]);
      await stack.ok(["refresh"], ["--yes", "--expect-no-changes"]);
    });

    it("refresh --expect-no-changes fails after a delete, a rename and an admin change", async () => {
      const [deleted, renamed, reassigned] = storedIds(emulator, APP, (g) => !g.deleted);
      assert.ok(deleted !== undefined && renamed !== undefined && reassigned !== undefined);
      await assertRefreshDetects(stack, () => emulator.store.deleteGroup(APP, deleted), [deleted]);
      await assertRefreshDetects(stack, () => emulator.store.updateGroup(APP, renamed, { groupName: "drift-renamed" }), ["drift-renamed"]);
      await assertRefreshDetects(stack, () => emulator.store.updateGroup(APP, reassigned, { adminList: ["drift-admin"] }), ["drift-admin"]);
    });

    it("stack export holds no AccessKeySecret or signature; destroy touches no group", async () => {
      await assertStateHoldsNoCredentials(stack, KEY_PAIR, true);
      await assertDestroyTouchesNoGroup(stack, emulator, [APP]);
      await stack.remove();
    });
  });
});
