import assert from "node:assert/strict";
import { join } from "node:path";
import type { Emulator, EmulatorKeyPair } from "../../emulator/types";
import { E2eStack, nodeProject, yamlProject } from "./support/e2eProject";
import { startEngineSession } from "./support/engineSession";
import { formatResult, REPO_DIR, type PulumiCli } from "./support/pulumiCli";

const APP = "e2e-progress-app";
const RESOURCE_APP = "e2e-progress-resource-app";
const KEY_PAIR: EmulatorKeyPair = {
  accessKeyId: "LTAIe2eProgressKeyId",
  accessKeySecret: "e2e-progress-access-key-secret-0123456789",
};
/**
 * The function's app: 75 groups, a page each, at 10 calls/s; the resource's: 60 at 8 calls/s. About
 * 7 s a listing, past the first note's 5 s; the page count tells whose note it is.
 */
const GROUPS = 75;
const RESOURCE_GROUPS = 60;
const NOTE = /listing live message groups: page \d+\/(75|60), \d+ groups, \d+ groups\/s, 0 retries/;
const FUNCTION_NOTE = /listing live message groups: page \d+\/75, /;
const RESOURCE_NOTE = /listing live message groups: page \d+\/60, /;

/** The YAML twin of programs/longListing, through the provider plugin. */
const YAML_PROGRAM = `packages:
  live-message-groups: ${join(REPO_DIR, "plugin")}
config:
  appId:
    type: string
  resourceAppId:
    type: string
variables:
  groups:
    fn::invoke:
      function: live-message-groups:index:getLiveMessageGroups
      arguments:
        appId: \${appId}
        pageSize: 1
        requestsPerSecond: 10
resources:
  watched:
    type: live-message-groups:index:LiveMessageGroups
    properties:
      appId: \${resourceAppId}
      pageSize: 1
      requestsPerSecond: 8
outputs:
  functionCount: \${groups.existingCount}
  resourceCount: \${watched.existingCount}
`;

/**
 * A listing of a large app takes minutes; Pulumi's display shows progress notes while it runs
 * (ephemeral info: a line in a non-interactive display, not kept among the update's diagnostics),
 * from a TypeScript program's function call and dynamic resource, and through the plugin.
 */
describe("e2e: progress of long listings in Pulumi's display", function () {
  this.timeout(5 * 60 * 1000);
  let emulator: Emulator;
  let cli: PulumiCli;

  before(async function () {
    this.timeout(45 * 60 * 1000); // a cold engine build
    ({ emulator, cli } = await startEngineSession(KEY_PAIR, [{ appId: APP, groups: GROUPS, deletedFraction: 0 }, { appId: RESOURCE_APP, groups: RESOURCE_GROUPS, deletedFraction: 0 }]));
  });
  after(async () => {
    await emulator?.close();
    cli?.dispose();
  });

  /** `up` shows notes of the function on the stack's row and of the resource on `resourceRow`. */
  const upShowsNotes = async (stack: E2eStack, resourceRow: RegExp): Promise<void> => {
    await stack.init();
    await stack.setAlicloudConfig(APP, emulator.url, KEY_PAIR, { resourceAppId: RESOURCE_APP });
    const up = await stack.ok(["up"], ["--yes"]);
    const notes = up.stdout.split("\n").filter((line) => NOTE.test(line));
    if (process.env.LMG_E2E_SHOW === "1") process.stdout.write(`${notes.join("\n")}\n`);
    assert.ok(notes.some((line) => /pulumi:pulumi:Stack/.test(line) && FUNCTION_NOTE.test(line)), formatResult(up));
    assert.ok(notes.some((line) => resourceRow.test(line) && RESOURCE_NOTE.test(line)), formatResult(up));
    // Ephemeral: not among the diagnostics printed at the end.
    const diagnostics = up.stdout.split(/^Diagnostics:$/m)[1] ?? "";
    assert.doesNotMatch(diagnostics.split(/^Outputs:$/m)[0] ?? "", NOTE, formatResult(up));
    assert.deepEqual(await stack.outputs(), { functionCount: GROUPS, resourceCount: RESOURCE_GROUPS });
    await stack.ok(["destroy"], ["--yes"]);
    await stack.remove();
  };

  it("TypeScript: the function call's notes on the stack's row, the dynamic resource's too (its host is not told the URN)", async () => {
    const project = nodeProject(cli, "lmg-progress-ts", join(REPO_DIR, "dist", "tests", "e2e", "programs", "longListing", "index.js"));
    await upShowsNotes(new E2eStack(cli, project, "e2e"), /pulumi:pulumi:Stack/);
  });

  it("YAML through the plugin: the function's notes on the stack's row, the resource's on its own", async () => {
    const project = yamlProject(cli, "lmg-progress-yaml", YAML_PROGRAM);
    await upShowsNotes(new E2eStack(cli, project, "e2e"), /live-message-groups:index:LiveMessageGroups\s+watched/);
  });
});
