import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { startEmulator } from "../../emulator";
import type { Emulator, EmulatorKeyPair } from "../../emulator/types";
import { newestNodeLts } from "../package/newestNodeLts";
import { assertDestroyTouchesNoGroup, assertRefreshDetects, assertStateHoldsNoCredentials, storedIds } from "./support/checks";
import { E2eStack, yamlProject } from "./support/e2eProject";
import { assertIdsAndSummaryStack, idsAndSummaryYaml } from "./support/pluginProgram";
import { formatResult, provideEngine, PulumiCli, REPO_DIR } from "./support/pulumiCli";

const run = promisify(execFile);
const INSTALL_TIMEOUT_MS = 10 * 60_000;

/**
 * The newest Pulumi these machines can have, CLI and `@pulumi/pulumi` at one version: the newest
 * `pkg/v3` the Go module proxy serves, which is also the npm registry's `latest` (2026-12-06). The
 * rest of the e2e suite runs the pinned 3.248.0, the last `@pulumi/pulumi` that runs on Node 20;
 * this one needs Node 22 or newer. To move it: a version both serve, in this constant.
 */
export const NEWEST_PULUMI = "3.276.0";

const APP = "e2e-newest-pulumi-app";
const KEY_PAIR: EmulatorKeyPair = {
  accessKeyId: "LTAIe2eNewestPulumiKey",
  accessKeySecret: "e2e-newest-pulumi-secret-0123456789",
};

/** A `pulumi new typescript`-style program: the function and the resource, read from the package as installed. */
const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { readFileSync } from "node:fs";
import { getLiveMessageGroupsOutput, LiveMessageGroups } from "pulumi-alicloud-live-message-groups";

const config = new pulumi.Config();
const appId = config.require("appId");

const groups = getLiveMessageGroupsOutput({ appId });
const watched = new LiveMessageGroups("watched-groups", { appId, detail: "full" });

export const groupIds: pulumi.Output<string[]> = groups.ids;
export const existingIds = groups.existingIds;
export const watchedTotalCount = watched.totalCount;
export const runtime = {
  node: process.version,
  pulumi: (JSON.parse(readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8")) as { version: string }).version,
};
`;

/** The compiler options of `pulumi new typescript`'s tsconfig.json. */
const TSCONFIG = {
  compilerOptions: {
    strict: true, outDir: "bin", target: "es2020", module: "commonjs", moduleResolution: "node", sourceMap: true,
    experimentalDecorators: true, pretty: true, noFallthroughCasesInSwitch: true, noImplicitReturns: true, forceConsistentCasingInFileNames: true,
  },
  files: ["index.ts"],
};

/**
 * A user's setup of today under the real engine: the newest Pulumi CLI ({@link NEWEST_PULUMI}, built
 * by scripts/provide-pulumi.sh like the pinned one) running a TypeScript program on the newest Node
 * LTS (the registry's `node` package), with the newest `@pulumi/pulumi` and the package installed
 * from its tarball (`npm pack`), not linked to this checkout. preview, up, a second up, refresh,
 * drift on refresh, and destroy, as the root stack's spec does on the pinned engine; then a YAML
 * program through the provider plugin the tarball holds (run by that Node.js with that
 * `@pulumi/pulumi`). Needs the npm registry; a cold engine build adds 4-6 minutes.
 */
describe(`e2e: the newest Pulumi (CLI and @pulumi/pulumi ${NEWEST_PULUMI}) on the newest Node LTS, the package from its tarball`, function () {
  this.timeout(5 * 60 * 1000);
  let emulator: Emulator;
  let cli: PulumiCli;
  let stack: E2eStack;
  let lts: number;
  let work: string;

  before(async function () {
    this.timeout(45 * 60 * 1000); // a cold engine build, then npm install
    const binDir = provideEngine(NEWEST_PULUMI);
    lts = (await newestNodeLts()).major;
    emulator = await startEmulator({ keyPairs: [KEY_PAIR], apps: [{ appId: APP, groups: 30, deletedFraction: 0.2 }] });
    // The project first, so the CLI's PATH can lead with the node it installs.
    work = mkdtempSync(join(tmpdir(), "lmg-newest-"));
    const dir = join(work, "lmg-newest");
    mkdirSync(dir);
    const packed = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], { cwd: REPO_DIR, maxBuffer: 64 * 1024 * 1024 });
    const tarball = (JSON.parse(packed.stdout) as { filename: string }[])[0]?.filename ?? "";
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "lmg-newest", private: true, version: "0.0.0", main: "index.ts" }));
    await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", join(dir, tarball), `@pulumi/pulumi@${NEWEST_PULUMI}`,
      "typescript@~5.9.3", `@types/node@${lts}`, `node@${lts}`], { cwd: dir, timeout: INSTALL_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
    writeFileSync(join(dir, "Pulumi.yaml"), "name: lmg-newest\nruntime:\n  name: nodejs\n  options:\n    packagemanager: npm\n");
    writeFileSync(join(dir, "tsconfig.json"), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
    writeFileSync(join(dir, "index.ts"), PROGRAM);
    cli = new PulumiCli(binDir, KEY_PAIR, [join(dir, "node_modules", ".bin")]);
    await cli.login();
    stack = new E2eStack(cli, { name: "lmg-newest", dir }, "e2e");
    await stack.init();
    await stack.setAlicloudConfig(APP, emulator.url, KEY_PAIR);
  });

  after(async () => {
    await emulator?.close();
    cli?.dispose();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it(`runs Pulumi ${NEWEST_PULUMI}, and the package is installed from the tarball`, async () => {
    const version = await cli.ok(["version"], stack.project.dir);
    assert.equal(version.stdout.trim(), `v${NEWEST_PULUMI}`);
    assert.equal(lstatSync(join(stack.project.dir, "node_modules", "pulumi-alicloud-live-message-groups")).isSymbolicLink(), false);
  });

  it("pulumi preview plans the stack and the LiveMessageGroups resource", async () => {
    const preview = await stack.ok(["preview"], ["--diff"]);
    assert.match(preview.stdout, /\+ pulumi-nodejs:dynamic\/live-message-groups:LiveMessageGroups: \(create\)/, formatResult(preview));
    assert.match(preview.stdout, /2 to create/, formatResult(preview));
  });

  it("pulumi up: the outputs equal the emulator's groups, on the newest Node LTS and @pulumi/pulumi", async () => {
    const up = await stack.ok(["up"], ["--yes"]);
    assert.match(up.stdout, /2 created/, formatResult(up));
    const outputs = await stack.outputs();
    assert.deepEqual(outputs.groupIds, storedIds(emulator, APP));
    assert.deepEqual(outputs.existingIds, storedIds(emulator, APP, (g) => !g.deleted));
    assert.equal(outputs.watchedTotalCount, 30);
    const runtime = outputs.runtime as { node: string; pulumi: string };
    assert.match(runtime.node, new RegExp(`^v${lts}\\.`));
    assert.equal(runtime.pulumi, NEWEST_PULUMI);
  });

  it("a second up shows no changes; refresh --expect-no-changes passes; the state holds no secret", async () => {
    await stack.ok(["up"], ["--yes", "--expect-no-changes"]);
    await stack.ok(["refresh"], ["--yes", "--expect-no-changes"]);
    await assertStateHoldsNoCredentials(stack, KEY_PAIR, true);
  });

  it("after a group is renamed, refresh --expect-no-changes fails and names the new name", async () => {
    const [target] = storedIds(emulator, APP, (g) => !g.deleted);
    assert.ok(target);
    await assertRefreshDetects(stack, () => emulator.store.updateGroup(APP, target, { groupName: "renamed-newest-pulumi" }), ["renamed-newest-pulumi"]);
  });

  it("pulumi destroy touches no group", async () => {
    await assertDestroyTouchesNoGroup(stack, emulator, [APP]);
    await stack.remove();
  });

  it("the installed package's provider plugin, from a YAML program: preview, up, refresh, destroy", async () => {
    const pluginDir = join(stack.project.dir, "node_modules", "pulumi-alicloud-live-message-groups", "plugin");
    await assertIdsAndSummaryStack(new E2eStack(cli, yamlProject(cli, "lmg-newest-yaml", idsAndSummaryYaml(pluginDir)), "e2e"), emulator, APP, KEY_PAIR);
  });
});
