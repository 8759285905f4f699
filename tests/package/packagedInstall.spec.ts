import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import * as ts from "typescript";
import { startEmulator } from "../../emulator";
import type { Emulator } from "../../emulator/types";
import { connectProvider, message, spawnPlugin, Struct } from "../provider/support/grpcPlugin";
import { newestNodeLts } from "./newestNodeLts";

const run = promisify(execFile);
const ROOT = resolve(__dirname, "../../..");
const INSTALL_TIMEOUT_MS = 10 * 60_000;
/** The oldest @pulumi/pulumi the package supports (its peer range's floor). */
const OLDEST_PULUMI = (require(join(ROOT, "package.json")) as { peerDependencies: Record<string, string> }).peerDependencies["@pulumi/pulumi"]?.replace(/^\^/, "") ?? "";

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
    const choice = await newestNodeLts();
    nodeLts = choice.major;
    console.log(`      newest Node LTS: ${choice.major} (${choice.major}.0.0 published ${choice.publishedAt}, ${choice.ageDays} days ago)`);
    project = mkdtempSync(join(tmpdir(), "lmg-packaged-"));
    // dist/ is already built by `npm test`; --ignore-scripts keeps `prepare` from rebuilding it
    // under the running suite.
    const packed = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", project], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    const tarball = (JSON.parse(packed.stdout) as { filename: string }[])[0]?.filename ?? "";
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "lmg-packaged-smoke", private: true, version: "0.0.0" }));
    await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", join(project, tarball), "@pulumi/pulumi@latest", `node@${nodeLts}`, `pulumi-oldest@npm:@pulumi/pulumi@${OLDEST_PULUMI}`],
      { cwd: project, timeout: INSTALL_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
    copyFileSync(join(__dirname, "smokeProgram.js"), join(project, "smoke.js"));
    // The gRPC driver of Pulumi's dynamic-provider host; inside the project it resolves
    // @pulumi/pulumi (and its @grpc/grpc-js, google-protobuf) from the project's node_modules.
    mkdirSync(join(project, "support"));
    for (const file of ["grpcPlugin.js", "providerHost.js", "runMockProgram.js"]) copyFileSync(join(__dirname, "..", "provider", "support", file), join(project, "support", file));
  });
  after(() => { if (project) rmSync(project, { recursive: true, force: true }); });

  it("loads, lists against the installed emulator, runs a mock program, Configure/Check/Create through the installed provider host, and the installed provider plugin, with the newest Node LTS", async () => {
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
    assert.deepEqual(result.invoked, ["live-message-groups:index:getLiveMessageGroups"], "under plain mocks the function goes to the mocks' call");
    assert.equal(result.providerMentionsPackage, true);
    assert.equal(result.providerHasSecret, false);
    // The installed provider code, run by the installed host from the project directory.
    const host = result.host as { checkFailures: unknown[]; id: string; createdIds: number; emulatorIds: number; stateHasSecret: boolean };
    assert.deepEqual(host.checkFailures, []);
    assert.equal(host.id, "cn-shanghai/smoke-app");
    assert.equal(host.createdIds, 75);
    assert.equal(host.createdIds, host.emulatorIds);
    assert.equal(host.stateHasSecret, false);
    // The installed provider plugin, through the executable (as the engine runs it) and through its
    // PulumiPlugin.yaml directory (as Pulumi's Node.js language host runs it).
    const plugins = result.plugins as Record<string, { version: string; schemaName: string; listed: number; hasSecret: boolean }>;
    for (const mode of ["bin", "pluginDir"]) {
      assert.deepEqual(plugins[mode], { version: result.packageVersion, schemaName: "live-message-groups", listed: 75, hasSecret: false }, mode);
    }
    // A real install, not a link back to this repository: the host can only have loaded the tarball's files.
    assert.equal(lstatSync(join(project, "node_modules", "pulumi-alicloud-live-message-groups")).isSymbolicLink(), false);
  });

  it("its entry points type-check from the tarball, declaration files included, in a `pulumi new typescript` project (Node10) and under NodeNext", () => {
    // Named imports of every entry point the READMEs show. Node10 resolution ignores `exports`, so
    // the subpaths need `typesVersions` (a linked checkout would find the sources instead).
    writeFileSync(join(project, "entryPoints.ts"), [
      'import { getLiveMessageGroupsOutput, LiveMessageGroups } from "pulumi-alicloud-live-message-groups";',
      'import { listLiveMessageGroups, type ListLiveMessageGroupsOptions } from "pulumi-alicloud-live-message-groups/sdk";',
      'import { startEmulator } from "pulumi-alicloud-live-message-groups/emulator";',
      'import { servePlugin } from "pulumi-alicloud-live-message-groups/plugin";',
      'const options: ListLiveMessageGroupsOptions = { appId: "app" };',
      "export const uses = [getLiveMessageGroupsOutput, LiveMessageGroups, listLiveMessageGroups, startEmulator, servePlugin, options];",
    ].join("\n"));
    // Node10: the compiler options of `pulumi new typescript`'s tsconfig.json, as they are: neither
    // esModuleInterop nor skipLibCheck, so every declaration file loaded is checked (a dependency's
    // that needs esModuleInterop, as zod's do, fails the user's build).
    const template: ts.CompilerOptions = {
      strict: true, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10,
      sourceMap: true, experimentalDecorators: true, noFallthroughCasesInSwitch: true, noImplicitReturns: true, forceConsistentCasingInFileNames: true,
    };
    for (const [name, options] of [
      ["Node10", template],
      ["NodeNext", { strict: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2020 }],
    ] as const) {
      const program = ts.createProgram([join(project, "entryPoints.ts")], { ...options, noEmit: true });
      const diagnostics = ts.getPreEmitDiagnostics(program)
        .map((d) => `${d.file === undefined ? "" : `${d.file.fileName.slice(project.length + 1)}: `}${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
      assert.deepEqual(diagnostics, [], name);
      // Resolved into the installed tarball, not a source file.
      const sdk = program.getSourceFiles().map((f) => f.fileName).find((f) => /pulumi-alicloud-live-message-groups\/dist\/sdk\/index\.d\.ts$/.test(f));
      assert.ok(sdk !== undefined, `${name}: the sdk's declarations were not loaded`);
    }
  });

  it(`the Pulumi internals it reads (a component's children, the mocks in force, which config keys are secret) hold on the oldest supported (${OLDEST_PULUMI}) and the newest @pulumi/pulumi`, async () => {
    const versions: string[] = [];
    for (const [label, installed] of [["oldest", "pulumi-oldest"], ["newest", join("@pulumi", "pulumi")]] as const) {
      const dir = join(project, `internals-${label}`);
      mkdirSync(join(dir, "node_modules", "@pulumi"), { recursive: true });
      symlinkSync(join(project, "node_modules", installed), join(dir, "node_modules", "@pulumi", "pulumi"), "dir");
      copyFileSync(join(ROOT, "dist", "provider", "pulumiInternals.js"), join(dir, "pulumiInternals.js"));
      copyFileSync(join(__dirname, "componentChildrenCheck.js"), join(dir, "check.js"));
      // The oldest release predates the newest Node LTS: it runs on the Node these tests run on.
      const { stdout } = await run(process.execPath, ["check.js"], { cwd: dir, timeout: 60_000 });
      const report = JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as Record<string, unknown>;
      assert.deepEqual({ ...report, version: undefined }, { version: undefined, parent: ["child", "nested"], nested: ["grandchild"], childIsLeaf: 0, mocksFound: true, configSecret: [null, true, false], grandchild: ["grandchild"] }, JSON.stringify(report));
      versions.push(String(report.version));
    }
    assert.equal(versions[0], OLDEST_PULUMI);
    assert.notEqual(versions[1], OLDEST_PULUMI);
  });
});

/**
 * The plugin tarball of `npm run pack:plugin`, installed the way `pulumi plugin install resource
 * live-message-groups <version> --file <tarball>` installs it: extracted into a plugin directory,
 * then `npm install --loglevel=error --production` there; then run the way Pulumi's Node.js
 * language host runs a PulumiPlugin.yaml plugin (the directory's own @pulumi/pulumi run-plugin).
 */
describe("plugin tarball (npm run pack:plugin -> extracted and installed as `pulumi plugin install --file` does)", function () {
  this.timeout(INSTALL_TIMEOUT_MS + 60_000);
  let pluginDir: string;
  let emulator: Emulator;
  /** What `npm install` printed in the plugin directory. */
  let installOutput: string;
  before(async () => {
    emulator = await startEmulator({ callsPerSecond: 0, apps: [{ appId: "tarball-app", groups: 12 }] });
    pluginDir = mkdtempSync(join(tmpdir(), "lmg-plugin-tarball-"));
    const packed = await run(process.execPath, [join(ROOT, "scripts", "pack-plugin.mjs"), join(pluginDir, "out")], { cwd: ROOT });
    await run("tar", ["-xzf", packed.stdout.trim(), "-C", pluginDir]);
    const installed = await run("npm", ["install", "--production", "--no-audit", "--no-fund"], { cwd: pluginDir, timeout: INSTALL_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
    installOutput = installed.stdout + installed.stderr;
  });
  after(async () => {
    if (pluginDir) rmSync(pluginDir, { recursive: true, force: true });
    await emulator?.close();
  });

  it("its package.json carries the package's allowScripts: npm notes no dependency's install script (protobufjs's is denied)", () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { allowScripts: Record<string, boolean> };
    assert.equal(manifest.allowScripts.protobufjs, false);
    assert.deepEqual((JSON.parse(readFileSync(join(pluginDir, "package.json"), "utf8")) as { allowScripts: unknown }).allowScripts, manifest.allowScripts);
    // npm 11.16 and later list unreviewed install scripts (this machine's npm is 11.19); the
    // package's own `prepare` is listed (not run for a tarball), no dependency's.
    const noted = installOutput.split("\n").filter((line) => /^npm warn install-scripts +\S+@/.test(line));
    assert.deepEqual(noted.filter((line) => !line.includes("pulumi-alicloud-live-message-groups@")), [], installOutput);
  });

  it("serves the schema and the function from the installed plugin directory", async () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    assert.match(readFileSync(join(pluginDir, "PulumiPlugin.yaml"), "utf8"), /^runtime: nodejs$/m);
    const runPlugin = join(pluginDir, "node_modules", "@pulumi", "pulumi", "cmd", "run-plugin", "index.js");
    const plugin = await spawnPlugin(process.execPath, [runPlugin, pluginDir, "127.0.0.1:1"], { cwd: tmpdir() });
    const client = connectProvider(plugin.port);
    try {
      type Response = Record<string, () => unknown>;
      const schema = await client.call<Response>("getSchema", message("GetSchemaRequest", { setVersion: 0 }));
      assert.deepEqual(pick(JSON.parse(String(schema.getSchema?.call(schema))) as Record<string, unknown>, ["name", "version"]), { name: "live-message-groups", version: manifest.version });
      await client.call("configure", message("ConfigureRequest", {
        setArgs: Struct.fromJavaScript({ endpoint: emulator.url, accessKey: emulator.credentials.accessKeyId, secretKey: emulator.credentials.accessKeySecret }),
      }));
      const invoked = await client.call<Response>("invoke", message("InvokeRequest", {
        setTok: "live-message-groups:index:getLiveMessageGroups", setArgs: Struct.fromJavaScript({ appId: "tarball-app" }),
      }));
      const outputs = (invoked.getReturn?.call(invoked) as { toJavaScript(): Record<string, unknown> }).toJavaScript();
      assert.equal((outputs.ids as string[]).length, 12);
      // The plugin runs the tarball's copy of the package, not this repository.
      assert.ok(lstatSync(join(pluginDir, "node_modules", "pulumi-alicloud-live-message-groups")).isDirectory());
    } finally {
      client.close();
      await plugin.close();
    }
  });
});

function pick(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, record[k]]));
}
