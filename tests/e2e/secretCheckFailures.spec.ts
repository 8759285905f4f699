import assert from "node:assert/strict";
import { join } from "node:path";
import type { Emulator, EmulatorKeyPair } from "../../emulator/types";
import { E2eStack, nodeProject, yamlProject } from "./support/e2eProject";
import { startEngineSession } from "./support/engineSession";
import { formatResult, REPO_DIR, type PulumiCli } from "./support/pulumiCli";

const APP = "e2e-secret-check-app";
const KEY_PAIR: EmulatorKeyPair = {
  accessKeyId: "LTAIe2eSecretCheckKeyId",
  accessKeySecret: "e2e-secret-check-access-key-secret-0123",
};
const SECRET_REGEX = "(secret-regex-NOT-PRINTED";
const SECRET_PASSWORD = "RedisPasswordNOTPRINTED";

/** YAML programs: the same secret bad argument; an explicit provider whose redisUrl (with its password) is malformed. */
const YAML_HEAD = `packages:
  live-message-groups: ${join(REPO_DIR, "plugin")}
config:
  appId:
    type: string
resources:
`;
const YAML_PROGRAMS = {
  nameRegex: `${YAML_HEAD}  watched:
    type: live-message-groups:index:LiveMessageGroups
    properties:
      appId: \${appId}
      nameRegex:
        fn::secret: "${SECRET_REGEX}"
`,
  redisUrl: `${YAML_HEAD}  explicit:
    type: pulumi:providers:live-message-groups
    properties:
      redisUrl: redis://user:${SECRET_PASSWORD}@127.0.0.1:notaport
`,
};
const REASONS = { nameRegex: /nameRegex: expected a valid JavaScript regular expression/, redisUrl: /Invalid live-message-groups:redisUrl: expected a redis:\/\// };

/**
 * A check failure under the real engine: for a failure that names a property, the engine prints
 * that input's value ("property nameRegex value {&{{...}}} has a problem"), a secret one too. The
 * dynamic provider and the plugin name none; their reasons name the argument.
 */
describe("e2e: a secret argument that fails validation is named, never printed", function () {
  this.timeout(5 * 60 * 1000);
  let emulator: Emulator;
  let cli: PulumiCli;

  before(async function () {
    this.timeout(45 * 60 * 1000); // a cold engine build
    ({ emulator, cli } = await startEngineSession(KEY_PAIR, [{ appId: APP, groups: 3 }]));
  });

  after(async () => {
    await emulator?.close();
    cli?.dispose();
  });

  it("TypeScript (the dynamic provider): pulumi preview fails naming nameRegex, without its secret value", async () => {
    const stack = new E2eStack(cli, nodeProject(cli, "lmg-secret-check-ts", join(REPO_DIR, "dist", "tests", "e2e", "programs", "secretBadArgument", "index.js")), "e2e");
    await stack.init();
    await stack.setConfig({ appId: APP, "live-message-groups:endpoint": emulator.url });
    const preview = await stack.run(["preview"]);
    assert.notEqual(preview.code, 0, formatResult(preview));
    assert.match(preview.stdout + preview.stderr, /nameRegex: expected a valid JavaScript regular expression/, formatResult(preview));
    assert.ok(!(preview.stdout + preview.stderr).includes("secret-regex-NOT-PRINTED"), formatResult(preview));
    await stack.remove();
  });

  for (const name of ["nameRegex", "redisUrl"] as const) {
    it(`YAML (the provider plugin): pulumi preview fails naming ${name}, without its secret value`, async () => {
      const stack = new E2eStack(cli, yamlProject(cli, `lmg-secret-check-${name.toLowerCase()}`, YAML_PROGRAMS[name]), "e2e");
      await stack.init();
      await stack.setPluginConfig(APP, emulator.url, KEY_PAIR);
      const preview = await stack.run(["preview"]);
      const text = preview.stdout + preview.stderr;
      assert.notEqual(preview.code, 0, formatResult(preview));
      assert.match(text, REASONS[name], formatResult(preview));
      for (const secret of ["secret-regex-NOT-PRINTED", SECRET_PASSWORD]) assert.ok(!text.includes(secret), formatResult(preview));
      await stack.remove();
    });
  }
});
