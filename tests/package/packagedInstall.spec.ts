import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { pickNewestNodeLts } from "./newestNodeLts";

const run = promisify(execFile);
const ROOT = resolve(__dirname, "../../..");
const INSTALL_TIMEOUT_MS = 10 * 60_000;

/**
 * A packaged install, as a user gets it: `npm pack`, install the tarball into a fresh project next
 * to the newest @pulumi/pulumi on the newest Node LTS (the registry's `node` package), and run a
 * smoke test there with that node. Needs the npm registry; takes a couple of minutes.
 */
describe("packaged install (npm pack -> fresh project, newest @pulumi/pulumi, Node LTS)", function () {
  this.timeout(INSTALL_TIMEOUT_MS + 120_000);
  let project: string;
  /** The newest Node LTS major, decided at test time (see newestNodeLts.ts for the rule). */
  let nodeLts: number;

  before(async () => {
    const times = await run("npm", ["view", "node", "time", "--json"], { maxBuffer: 64 * 1024 * 1024 });
    const choice = pickNewestNodeLts(JSON.parse(times.stdout) as Record<string, string>, new Date());
    nodeLts = choice.major;
    console.log(`      newest Node LTS: ${choice.major} (${choice.major}.0.0 published ${choice.publishedAt}, ${choice.ageDays} days ago)`);
    project = mkdtempSync(join(tmpdir(), "lmg-packaged-"));
    // dist/ is already built by `npm test`; --ignore-scripts keeps `prepare` from rebuilding it
    // under the running suite.
    const packed = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", project], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    const tarball = (JSON.parse(packed.stdout) as { filename: string }[])[0]?.filename ?? "";
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "lmg-packaged-smoke", private: true, version: "0.0.0" }));
    await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", join(project, tarball), "@pulumi/pulumi@latest", `node@${nodeLts}`],
      { cwd: project, timeout: INSTALL_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
    copyFileSync(join(__dirname, "smokeProgram.js"), join(project, "smoke.js"));
    // The gRPC driver of Pulumi's dynamic-provider host; inside the project it resolves
    // @pulumi/pulumi (and its @grpc/grpc-js, google-protobuf) from the project's node_modules.
    mkdirSync(join(project, "support"));
    for (const file of ["grpcPlugin.js", "providerHost.js", "runMockProgram.js"]) copyFileSync(join(__dirname, "..", "provider", "support", file), join(project, "support", file));
  });
  after(() => { if (project) rmSync(project, { recursive: true, force: true }); });

  it("loads, lists against the installed emulator, runs a mock program, and Configure/Check/Create through the installed provider host, with the newest Node LTS", async () => {
    const nodeBin = join(project, "node_modules", ".bin", "node");
    const { stdout } = await run(nodeBin, ["smoke.js"], {
      cwd: project, timeout: 120_000,
      env: { PATH: process.env.PATH ?? "", HOME: project, ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true", ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "true" },
    });
    const result = JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as Record<string, unknown>;
    assert.match(String(result.node), new RegExp(`^v${nodeLts}\\.`));
    for (const name of ["getLiveMessageGroups", "getLiveMessageGroupsOutput", "LiveMessageGroups", "listLiveMessageGroups", "startEmulator"]) {
      assert.ok((result.exportsNames as string[]).includes(name), name);
    }
    assert.equal(result.listed, 75);
    assert.equal(result.existingFromOutput, result.existingInEmulator);
    assert.equal(result.providerMentionsPackage, true);
    assert.equal(result.providerHasSecret, false);
    // The installed provider code, run by the installed host from the project directory.
    const host = result.host as { checkFailures: unknown[]; id: string; createdIds: number; emulatorIds: number; stateHasSecret: boolean };
    assert.deepEqual(host.checkFailures, []);
    assert.equal(host.id, "cn-shanghai/smoke-app");
    assert.equal(host.createdIds, 75);
    assert.equal(host.createdIds, host.emulatorIds);
    assert.equal(host.stateHasSecret, false);
    // A real install, not a link back to this repository: the host can only have loaded the tarball's files.
    assert.equal(lstatSync(join(project, "node_modules", "pulumi-alicloud-live-message-groups")).isSymbolicLink(), false);
  });
});
