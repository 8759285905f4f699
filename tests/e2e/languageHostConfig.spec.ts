import assert from "node:assert/strict";
import { join } from "node:path";
import { E2eStack, nodeProject } from "./support/e2eProject";
import { formatResult, provideEngine, PulumiCli, REPO_DIR } from "./support/pulumiCli";

/**
 * A stack with no config at all under this repository's Node.js language host
 * (scripts/pulumi-language-nodejs): the engine then sends Run an empty config, which the program
 * must see as no config (Pulumi's host passes PULUMI_CONFIG `{}`), so a program reading a key
 * fails or goes on exactly as under Pulumi's own host. No emulator: nothing reaches the API.
 */
describe("e2e: a Node.js program on a stack without config", function () {
  this.timeout(5 * 60 * 1000);
  let cli: PulumiCli;

  before(async function () {
    this.timeout(45 * 60 * 1000); // a cold engine build
    const binDir = provideEngine();
    cli = new PulumiCli(binDir, { accessKeyId: "LTAIe2eNoConfigKey", accessKeySecret: "e2e-no-config-secret-0123456789" });
    await cli.login();
  });

  after(() => {
    cli?.dispose();
  });

  it("the root stack's program fails on its missing appId with Pulumi's message, naming the key and how to set it", async () => {
    const stack = new E2eStack(cli, nodeProject(cli, "lmg-no-config", join(REPO_DIR, "dist", "examples", "stack", "index.js")), "e2e");
    await stack.init();
    const preview = await stack.run(["preview"]);
    assert.notEqual(preview.code, 0, formatResult(preview));
    const output = preview.stdout + preview.stderr;
    assert.match(output, /Missing required configuration variable 'lmg-no-config:appId'/, formatResult(preview));
    assert.match(output, /pulumi config set lmg-no-config:appId <value>/, formatResult(preview));
    assert.doesNotMatch(output, /TypeError|Cannot convert undefined or null to object/, formatResult(preview));
  });
});
