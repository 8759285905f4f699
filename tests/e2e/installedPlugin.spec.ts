import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startEmulator } from "../../emulator";
import type { Emulator, EmulatorKeyPair } from "../../emulator/types";
import { E2eStack, yamlProject } from "./support/e2eProject";
import { assertIdsAndSummaryStack, idsAndSummaryYaml } from "./support/pluginProgram";
import { provideEngine, PulumiCli, REPO_DIR } from "./support/pulumiCli";

const APP = "e2e-installed-plugin-app";
const KEY_PAIR: EmulatorKeyPair = {
  accessKeyId: "LTAIe2eInstalledKeyId",
  accessKeySecret: "e2e-installed-plugin-secret-0123456789",
};


/**
 * The plugin tarball (`npm run pack:plugin`) installed by the real CLI, as the README tells users:
 * `pulumi plugin install resource live-message-groups <version> --file <tarball>` extracts it into
 * PULUMI_HOME/plugins and has the Node.js language host install its npm dependencies (the npm
 * registry must be reachable); then a program that declares no `packages:` entry uses it.
 */
describe("e2e: the plugin tarball installed with `pulumi plugin install --file`", function () {
  this.timeout(5 * 60 * 1000);
  const version = (JSON.parse(readFileSync(join(REPO_DIR, "package.json"), "utf8")) as { version: string }).version;
  let emulator: Emulator;
  let cli: PulumiCli;

  before(async function () {
    this.timeout(45 * 60 * 1000); // a cold engine build, then npm install of the plugin
    const binDir = provideEngine();
    emulator = await startEmulator({ keyPairs: [KEY_PAIR], apps: [{ appId: APP, groups: 15, deletedFraction: 0.2 }] });
    cli = new PulumiCli(binDir, KEY_PAIR);
    await cli.login();
    const tarball = execFileSync(process.execPath, [join(REPO_DIR, "scripts", "pack-plugin.mjs"), join(cli.root, "pack")], { cwd: REPO_DIR, encoding: "utf8" }).trim();
    await cli.ok(["plugin", "install", "resource", "live-message-groups", version, "--file", tarball], cli.root);
  });

  after(async () => {
    cli?.dispose();
    await emulator?.close();
  });

  it("pulumi plugin ls lists it, with its npm dependencies installed", async () => {
    const listed = JSON.parse((await cli.ok(["plugin", "ls", "--json"], cli.root)).stdout) as { name: string; kind: string; version: string }[];
    assert.deepEqual(listed.filter((p) => p.name === "live-message-groups").map((p) => [p.kind, p.version]), [["resource", version]]);
    const dir = join(cli.root, "home", "plugins", `resource-live-message-groups-v${version}`);
    assert.ok(existsSync(join(dir, "node_modules", "pulumi-alicloud-live-message-groups", "package.json")), `no installed package in ${dir}`);
  });

  it("a YAML program without a packages: entry uses it: preview, up, refresh, destroy", async () => {
    // No plugin path: the engine finds the plugin among the installed ones.
    await assertIdsAndSummaryStack(new E2eStack(cli, yamlProject(cli, "lmg-installed", idsAndSummaryYaml()), "e2e"), emulator, APP, KEY_PAIR);
  });
});
