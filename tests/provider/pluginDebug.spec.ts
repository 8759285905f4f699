import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "../../emulator";
import type { Emulator } from "../../emulator/types";
import { FUNCTION_TOKEN } from "../../provider/tokens";
import { startPlugin, type PluginClient, type StartMode } from "./support/pluginClient";

/**
 * The engine runs the provider plugin as `pulumi-resource-live-message-groups` (the package's
 * executable) or through its plugin directory; a CI job that sets DEBUG=* for another tool must not
 * make either print the listing's request headers (the ACS3 signature, the STS token) on stderr,
 * which Pulumi's -v logging and the plugin's log file keep.
 */
describe("the provider plugin under DEBUG=*", function () {
  this.timeout(60_000);
  const SECRET = "PlantedSecretForDebug0123456789";
  const TOKEN = "CAISPlantedStsTokenForDebug+abc/def==";
  let emulator: Emulator;
  let workDir: string;
  let plugin: PluginClient | undefined;

  before(async () => {
    emulator = await startEmulator({
      callsPerSecond: 0,
      keyPairs: [{ accessKeyId: "LTAIPlantedDebugKey001", accessKeySecret: SECRET, securityToken: TOKEN }],
      apps: [{ appId: "app", groups: 3 }],
    });
    workDir = mkdtempSync(join(tmpdir(), "lmg-plugin-debug-"));
  });
  afterEach(async () => {
    await plugin?.close();
    plugin = undefined;
  });
  after(async () => {
    await emulator.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  for (const mode of ["bin", "pluginDir"] as const satisfies readonly StartMode[]) {
    it(`prints no header, signature or token (${mode})`, async () => {
      plugin = await startPlugin({
        mode, cwd: workDir,
        env: {
          HOME: workDir, DEBUG: "*",
          ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIPlantedDebugKey001", ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET, ALIBABA_CLOUD_SECURITY_TOKEN: TOKEN,
        },
      });
      await plugin.configure({ args: { endpoint: emulator.url } });
      const { outputs } = await plugin.invoke(FUNCTION_TOKEN, { appId: "app" });
      assert.equal(outputs.totalCount, 3);
      const stderr = plugin.stderr();
      assert.ok(!stderr.includes(TOKEN), "the STS token is on the plugin's stderr");
      assert.doesNotMatch(stderr, /httpx|Signature=|authorization|x-acs-/i, stderr.slice(0, 2000));
    });
  }
});
