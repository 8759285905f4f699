import assert from "node:assert/strict";
import { join } from "node:path";
import type { Emulator, EmulatorKeyPair } from "../../emulator/types";
import { E2eStack, yamlProject } from "./support/e2eProject";
import { itLeavesNoCredentialsAndDestroys, itUpsAndRefreshes, type PluginProgramShape } from "./support/pluginProgram";
import { startEngineSession } from "./support/engineSession";
import { formatResult, REPO_DIR, type PulumiCli } from "./support/pulumiCli";

const APP = "e2e-yaml-app";
const KEY_PAIR: EmulatorKeyPair = {
  accessKeyId: "LTAIe2eYamlKeyId",
  accessKeySecret: "e2e-yaml-access-key-secret-0123456789",
};

const SHAPE: PluginProgramShape = { app: APP, keyPair: KEY_PAIR, groupFields: { id: ["groupId"], name: ["groupName"] }, label: "yaml" };

/** A Pulumi YAML program calling getLiveMessageGroups and declaring LiveMessageGroups. */
const PROGRAM = `packages:
  live-message-groups: ${join(REPO_DIR, "plugin")}
config:
  appId:
    type: string
variables:
  groups:
    fn::invoke:
      function: live-message-groups:index:getLiveMessageGroups
      arguments:
        appId: \${appId}
resources:
  watched:
    type: live-message-groups:index:LiveMessageGroups
    properties:
      appId: \${appId}
      detail: full
outputs:
  groupIds: \${groups.ids}
  deletedIds: \${groups.deletedIds}
  adminsByGroupId: \${groups.adminsByGroupId}
  watchedGroups: \${watched.groups}
  watchedDigest: \${watched.digest}
`;

/**
 * The provider plugin (plugin/, PulumiPlugin.yaml with runtime nodejs) under the real engine, from
 * a YAML program: its `packages:` entry names the plugin directory, pulumi-language-yaml runs the
 * program, the engine starts the plugin through the Node.js language host's RunPlugin. The same
 * from Python: pluginPython.spec.ts.
 */
describe("e2e: a YAML program through the provider plugin", function () {
  this.timeout(5 * 60 * 1000);
  let emulator: Emulator;
  let cli: PulumiCli;
  let stack: E2eStack;

  before(async function () {
    this.timeout(45 * 60 * 1000); // a cold engine build
    ({ emulator, cli } = await startEngineSession(KEY_PAIR, [{ appId: APP, groups: 20, deletedFraction: 0.2 }], "pulumi-language-yaml"));
    // The `packages:` entry is what `pulumi package add <repo>/plugin` writes; the command itself
    // fails at its last step with this YAML host ("linking package: method Link not implemented":
    // pulumi-yaml v1.25.0, the newest the proxy serves, predates Link).
    const project = yamlProject(cli, "lmg-yaml", PROGRAM);
    stack = new E2eStack(cli, project, "e2e");
    await stack.init();
    await stack.setPluginConfig(APP, emulator.url, KEY_PAIR);
  });

  after(async () => {
    await emulator?.close();
    cli?.dispose();
  });

  itUpsAndRefreshes(() => ({ stack, emulator }), SHAPE);

  it("pulumi import takes a LiveMessageGroups resource from its ID, with the default arguments; an unknown app imports nothing", async () => {
    const type = "live-message-groups:index:LiveMessageGroups";
    await stack.ok(["import", type, "imported", `cn-shanghai/${APP}`], ["--yes", "--protect=false", "--generate-code=false"]);
    const state = JSON.parse(await stack.exportState()) as { deployment: { resources: { urn: string; id?: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> }[] } };
    const imported = state.deployment.resources.find((resource) => resource.urn.endsWith(`${type}::imported`));
    assert.ok(imported !== undefined, "no imported resource in the state");
    assert.equal(imported.id, `cn-shanghai/${APP}`);
    assert.deepEqual([imported.inputs.appId, imported.inputs.detail, imported.inputs.groupStatus, imported.outputs.totalCount], [APP, "summary", "all", 20]);
    const missing = await stack.run(["import", type, "nothing", "cn-shanghai/no-such-app"], ["--yes", "--protect=false", "--generate-code=false"]);
    assert.notEqual(missing.code, 0, formatResult(missing));
    assert.ok(!(await stack.exportState()).includes("::nothing"), "an app that does not exist was imported");
  });

  itLeavesNoCredentialsAndDestroys(() => ({ stack, emulator }), SHAPE);
});
