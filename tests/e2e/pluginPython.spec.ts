import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Emulator, EmulatorKeyPair } from "../../emulator/types";
import { assertDestroyTouchesNoGroup, storedIds } from "./support/checks";
import { E2eStack, pythonProject, pythonPulumiRequirement, type E2eProject } from "./support/e2eProject";
import { itLeavesNoCredentialsAndDestroys, itUpsAndRefreshes, type PluginProgramShape } from "./support/pluginProgram";
import { startEngineSession } from "./support/engineSession";
import { formatResult, REPO_DIR, type PulumiCli } from "./support/pulumiCli";

const APP = "e2e-python-app";
const KEY_PAIR: EmulatorKeyPair = {
  accessKeyId: "LTAIe2ePythonKeyId",
  accessKeySecret: "e2e-python-access-key-secret-0123456789",
};

/**
 * Under the pinned engine, Pulumi's Python SDK exports output-type objects with their Python
 * property names (group_id, group_name, ...), not the schema's (groupId), which the YAML and Go
 * programs export; with the SDK the 3.276.0 CLI generates and `pulumi` 3.272.0 it exports the
 * schema's (seen 2026-12-06, with that CLI first on PATH).
 */
const SHAPE: PluginProgramShape = { app: APP, keyPair: KEY_PAIR, groupFields: { id: ["group_id", "groupId"], name: ["group_name", "groupName"] }, label: "python" };

/** A Python program calling getLiveMessageGroups and declaring LiveMessageGroups, through the generated SDK. */
const PROGRAM = `import pulumi
import pulumi_live_message_groups as lmg

app_id = pulumi.Config().require("appId")

groups = lmg.get_live_message_groups_output(app_id=app_id)
watched = lmg.LiveMessageGroups("watched", app_id=app_id, detail=lmg.Detail.FULL)

pulumi.export("groupIds", groups.ids)
pulumi.export("deletedIds", groups.deleted_ids)
pulumi.export("adminsByGroupId", groups.admins_by_group_id)
pulumi.export("watchedGroups", watched.groups)
pulumi.export("watchedDigest", watched.digest)
`;

/**
 * The provider plugin (plugin/) under the real engine, from a Python program: `pulumi package add
 * <repo>/plugin` generates the SDK (pulumi_live_message_groups) through the Python language
 * host's GeneratePackage, records the plugin under `packages:`, and through Link and
 * InstallDependencies adds the SDK to requirements.txt and installs it, with `pulumi` from PyPI,
 * into the project's virtualenv. pulumi-language-python (scripts/pulumi-language-python) runs the
 * program; the engine starts the plugin through the Node.js language host's RunPlugin.
 */
describe("e2e: a Python program through the provider plugin", function () {
  this.timeout(5 * 60 * 1000);
  let emulator: Emulator;
  let cli: PulumiCli;
  let stack: E2eStack;
  let engineVersion: string;

  before(async function () {
    this.timeout(45 * 60 * 1000); // a cold engine build
    ({ emulator, cli } = await startEngineSession(KEY_PAIR, [{ appId: APP, groups: 20, deletedFraction: 0.2 }], "pulumi-language-python"));
    engineVersion = await cli.version();
    const project = pythonProject(cli, "lmg-python", PROGRAM, engineVersion);
    // Generates sdks/live-message-groups, writes `packages:`, links and installs (venv, pip: PyPI).
    const added = await cli.ok(["package", "add", join(REPO_DIR, "plugin")], project.dir);
    assert.match(added.stdout + added.stderr, /import pulumi_live_message_groups/, formatResult(added));
    assert.match(readFileSync(join(project.dir, "Pulumi.yaml"), "utf8"), /packages:\n {2}live-message-groups: .*plugin/);
    assert.deepEqual(readFileSync(join(project.dir, "requirements.txt"), "utf8").trim().split("\n"), [pythonPulumiRequirement(engineVersion), "sdks/live-message-groups"]);
    stack = new E2eStack(cli, project, "e2e");
    await stack.init();
    await stack.setPluginConfig(APP, emulator.url, KEY_PAIR);
  });

  after(async () => {
    await emulator?.close();
    cli?.dispose();
  });

  itUpsAndRefreshes(() => ({ stack, emulator }), SHAPE);
  itLeavesNoCredentialsAndDestroys(() => ({ stack, emulator }), SHAPE);

  it("examples/python as documented: pulumi install (SDK and venv from Pulumi.yaml and requirements.txt), up, destroy", async () => {
    // The example's files, its `packages:` path made absolute (the project is outside the checkout).
    const dir = join(cli.root, "example-python");
    mkdirSync(dir);
    const example = join(REPO_DIR, "examples", "python");
    const pulumiYaml = readFileSync(join(example, "Pulumi.yaml"), "utf8");
    assert.match(pulumiYaml, /live-message-groups: \.\.\/\.\.\/plugin$/m);
    writeFileSync(join(dir, "Pulumi.yaml"), pulumiYaml.replace(/(live-message-groups: )\.\.\/\.\.\/plugin$/m, `$1${join(REPO_DIR, "plugin")}`));
    for (const file of ["requirements.txt", "__main__.py"]) copyFileSync(join(example, file), join(dir, file));
    const project: E2eProject = { name: "lmg-python", dir };
    // The example takes any `pulumi` 3.x from 3.248.0 (a newer CLI's generated SDK asks for a newer
    // one); here pip is held to the engine's version at most, so the run is the same every time.
    const constraints = join(cli.root, "python-constraints.txt");
    writeFileSync(constraints, `pulumi<=${engineVersion}\n`);
    assert.equal(readFileSync(join(dir, "requirements.txt"), "utf8").split("\n")[0], "pulumi>=3.248.0,<4.0.0");
    await cli.ok(["install"], dir, { PIP_CONSTRAINT: constraints });
    assert.ok(existsSync(join(dir, "sdks", "live-message-groups", "pulumi_live_message_groups", "__init__.py")), "pulumi install generated no SDK");
    const exampleStack = new E2eStack(cli, project, "example");
    await exampleStack.init();
    await exampleStack.setPluginConfig(APP, emulator.url, KEY_PAIR);
    await exampleStack.ok(["up"], ["--yes"]);
    const outputs = await exampleStack.outputs();
    assert.deepEqual(outputs.deletedIds, storedIds(emulator, APP, (g) => g.deleted));
    assert.match(String(outputs.digest), /^[0-9a-f]{64}$/);
    await assertDestroyTouchesNoGroup(exampleStack, emulator, [APP]);
    await exampleStack.remove();
  });
});
