import assert from "node:assert/strict";
import { join } from "node:path";
import { startEmulator } from "../../emulator";
import type { Emulator, EmulatorKeyPair } from "../../emulator/types";
import { assertDestroyTouchesNoGroup, assertStateHoldsNoCredentials, storedIds } from "./support/checks";
import { E2eStack, nodeProject } from "./support/e2eProject";
import { formatResult, provideEngine, PulumiCli, REPO_DIR } from "./support/pulumiCli";

const APP = "e2e-unknown-app";
const KEY_PAIR: EmulatorKeyPair = {
  accessKeyId: "LTAIe2eUnknownKeyId",
  accessKeySecret: "e2e-unknown-access-key-secret-0123456789",
};

/** Inputs unknown until apply (tests/e2e/programs/unknownInput) under the real engine. */
describe("e2e: inputs unknown until apply", function () {
  this.timeout(5 * 60 * 1000);
  let emulator: Emulator;
  let cli: PulumiCli;
  let stack: E2eStack;

  before(async function () {
    this.timeout(45 * 60 * 1000); // a cold engine build
    const binDir = provideEngine();
    emulator = await startEmulator({ keyPairs: [KEY_PAIR], apps: [{ appId: APP, groups: 15, deletedFraction: 0.2 }] });
    cli = new PulumiCli(binDir, KEY_PAIR);
    await cli.login();
    stack = new E2eStack(cli, nodeProject(cli, "lmg-unknown-input", join(REPO_DIR, "dist", "tests", "e2e", "programs", "unknownInput", "index.js")), "e2e");
    await stack.init();
    await stack.setAlicloudConfig(APP, emulator.url, KEY_PAIR);
  });

  after(async () => {
    await emulator?.close();
    cli?.dispose();
  });

  it("pulumi preview succeeds with the IDs unknown and shows the outputs as unknown", async () => {
    const preview = await stack.ok(["preview"], ["--diff"]);
    assert.match(preview.stdout, /5 to create/, formatResult(preview));
    // What depends on `first` is unknown in a preview: second's `ids` input and the outputs.
    assert.match(preview.stdout, /requestedIds: \[unknown\]/, formatResult(preview));
    assert.match(preview.stdout, /secondIds\s*: \[unknown\]/, formatResult(preview));
    assert.match(preview.stdout, /functionIds\s*: \[unknown\]/, formatResult(preview));
  });

  it("pulumi up resolves them: second and the function select exactly first's existing groups", async () => {
    await stack.ok(["up"], ["--yes"]);
    const outputs = await stack.outputs();
    const existing = storedIds(emulator, APP, (g) => !g.deleted);
    assert.deepEqual(outputs.firstExistingIds, existing);
    assert.deepEqual(outputs.secondIds, existing);
    assert.deepEqual(outputs.functionIds, existing);
    assert.equal(outputs.thirdKept, 15, "`third` keeps every group, by `full`'s ids and names");
    // Nothing changed: a preview (the gate of a pull request) shows nothing to do. The lists fed on
    // must be known from the state, not unknown for the outputs the resources' detail does not store.
    const preview = await stack.ok(["preview"], ["--diff", "--expect-no-changes"]);
    assert.match(preview.stdout, /5 unchanged/, formatResult(preview));
    await stack.ok(["up"], ["--yes", "--expect-no-changes"]);
    await stack.ok(["refresh"], ["--yes", "--expect-no-changes"]);
  });

  it("stack export holds no AccessKeySecret or signature; destroy touches no group", async () => {
    await assertStateHoldsNoCredentials(stack, KEY_PAIR, true);
    await assertDestroyTouchesNoGroup(stack, emulator, [APP]);
    await stack.remove();
  });
});
