import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Emulator, EmulatorKeyPair } from "../../emulator/types";
import { buildSchema } from "../../provider/plugin/schema";
import { assertDestroyTouchesNoGroup, sortedAdmins, storedAdmins, storedIds } from "./support/checks";
import { E2eStack, goProject, type E2eProject } from "./support/e2eProject";
import { itLeavesNoCredentialsAndDestroys, itUpsAndRefreshes, type PluginProgramShape } from "./support/pluginProgram";
import { startEngineSession } from "./support/engineSession";
import { formatResult, REPO_DIR, type PulumiCli } from "./support/pulumiCli";

const APP = "e2e-go-app";
const KEY_PAIR: EmulatorKeyPair = {
  accessKeyId: "LTAIe2eGoKeyId",
  accessKeySecret: "e2e-go-access-key-secret-0123456789",
};

/** Pulumi's Go SDK exports output-type structs by their `pulumi:"..."` tags: the schema's names. */
const SHAPE: PluginProgramShape = { app: APP, keyPair: KEY_PAIR, groupFields: { id: ["groupId"], name: ["groupName"] }, label: "go" };

/** The Go SDK's import path (the schema's `language.go.importBasePath`) and its module (one element up). */
const IMPORT_PATH = (buildSchema("0.0.0").language as { go: { importBasePath: string } }).go.importBasePath;
const MODULE_PATH = dirname(IMPORT_PATH);

/** A Go program calling getLiveMessageGroups (Lookup...) and declaring LiveMessageGroups, through the generated SDK. */
const PROGRAM = `package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	lmg "${IMPORT_PATH}"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		appID := config.Require(ctx, "appId")
		groups := lmg.LookupLiveMessageGroupsOutput(ctx, lmg.LookupLiveMessageGroupsOutputArgs{AppId: pulumi.String(appID)})
		watched, err := lmg.NewLiveMessageGroups(ctx, "watched", &lmg.LiveMessageGroupsArgs{
			AppId:  pulumi.String(appID),
			Detail: lmg.DetailFull,
		})
		if err != nil {
			return err
		}
		ctx.Export("groupIds", groups.Ids())
		ctx.Export("deletedIds", groups.DeletedIds())
		ctx.Export("adminsByGroupId", groups.AdminsByGroupId())
		ctx.Export("watchedGroups", watched.Groups)
		ctx.Export("watchedDigest", watched.Digest)
		return nil
	})
}
`;

/**
 * The provider plugin (plugin/) under the real engine, from a Go program: `pulumi package add
 * <repo>/plugin` generates the Go SDK through the Go language host's GeneratePackage, records the
 * plugin under `packages:`, points go.mod at the SDK with a `replace` (Link) and runs `go mod
 * tidy` (InstallDependencies). pulumi-language-go (scripts/pulumi-language-go) compiles and runs
 * the program; the engine starts the plugin through the Node.js language host's RunPlugin. The
 * first `go build` compiles Pulumi's Go SDK and its dependencies (about 1-2 min on 2 cores).
 */
describe("e2e: a Go program through the provider plugin", function () {
  this.timeout(8 * 60 * 1000);
  let emulator: Emulator;
  let cli: PulumiCli;
  let stack: E2eStack;
  let engineVersion: string;

  before(async function () {
    this.timeout(45 * 60 * 1000); // a cold engine build
    ({ emulator, cli } = await startEngineSession(KEY_PAIR, [{ appId: APP, groups: 20, deletedFraction: 0.2 }], "pulumi-language-go"));
    engineVersion = await cli.version();
    const project = goProject(cli, "lmg-go", PROGRAM, engineVersion);
    // Generates sdks/live-message-groups, writes `packages:`, adds the replace, runs go mod tidy.
    const added = await cli.ok(["package", "add", join(REPO_DIR, "plugin")], project.dir);
    assert.ok((added.stdout + added.stderr).includes(`import "${IMPORT_PATH}"`), formatResult(added));
    assert.match(readFileSync(join(project.dir, "Pulumi.yaml"), "utf8"), /packages:\n {2}live-message-groups: .*plugin/);
    const goMod = readFileSync(join(project.dir, "go.mod"), "utf8");
    assert.ok(goMod.includes(`replace ${MODULE_PATH} => ./sdks/live-message-groups`), goMod);
    assert.match(readFileSync(join(project.dir, "sdks", "live-message-groups", "go.mod"), "utf8"), new RegExp(`^module ${MODULE_PATH}$`, "m"));
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

  it("a program that fails leaves no compiled binary behind (the engine interrupts the host while Run is in flight)", async () => {
    // Its own TMPDIR, where the host builds the program: empty again once the command ended.
    const tmp = mkdtempSync(join(cli.root, "tmp-"));
    const failing = new E2eStack(cli, stack.project, "failing");
    await failing.init();
    await failing.setPluginConfig(" not an app id ", emulator.url, KEY_PAIR);
    const preview = await failing.run(["preview"], [], { TMPDIR: tmp });
    assert.notEqual(preview.code, 0, formatResult(preview));
    assert.match(preview.stdout + preview.stderr, /appId/, formatResult(preview));
    // (The plugin's Node.js runtime keeps a ts-node cache there too.)
    assert.deepEqual(readdirSync(tmp).filter((name) => name.startsWith("pulumi-go-program")), [], "the compiled program is still in TMPDIR");
    await failing.remove();
  });

  it("examples/go as documented: pulumi install (SDK generated and linked, go mod tidy), up, destroy", async () => {
    // The example's files, its `packages:` path made absolute (the project is outside the checkout).
    const dir = join(cli.root, "example-go");
    mkdirSync(dir);
    const example = join(REPO_DIR, "examples", "go");
    const pulumiYaml = readFileSync(join(example, "Pulumi.yaml"), "utf8");
    assert.match(pulumiYaml, /live-message-groups: \.\.\/\.\.\/plugin$/m);
    writeFileSync(join(dir, "Pulumi.yaml"), pulumiYaml.replace(/(live-message-groups: )\.\.\/\.\.\/plugin$/m, `$1${join(REPO_DIR, "plugin")}`));
    copyFileSync(join(example, "main.go"), join(dir, "main.go"));
    // Under a newer engine than the pinned one, its generated SDK asks for Pulumi's Go SDK at that
    // engine's minimum, and `go mod tidy` would take exactly that version, whose dependencies the
    // module proxy here may not serve (v3.269.0's pulumi-cloud-sdk/go: 403): require the engine's own.
    const goMod = readFileSync(join(example, "go.mod"), "utf8");
    assert.match(goMod, /github\.com\/pulumi\/pulumi\/sdk\/v3 v3\.248\.0$/m);
    writeFileSync(join(dir, "go.mod"), goMod.replace(/(github\.com\/pulumi\/pulumi\/sdk\/v3) v3\.248\.0$/m, `$1 v${engineVersion}`));
    const project: E2eProject = { name: "lmg-go", dir };
    await cli.ok(["install"], dir);
    assert.ok(existsSync(join(dir, "sdks", "live-message-groups", "livemessagegroups", "getLiveMessageGroups.go")), "pulumi install generated no SDK");
    // The example filters names with ^room-: give two existing groups such names.
    const [first, second] = storedIds(emulator, APP, (g) => !g.deleted);
    assert.ok(first !== undefined && second !== undefined);
    emulator.store.updateGroup(APP, first, { groupName: "room-one" });
    emulator.store.updateGroup(APP, second, { groupName: "room-two" });
    const exampleStack = new E2eStack(cli, project, "example");
    await exampleStack.init();
    await exampleStack.setPluginConfig(APP, emulator.url, KEY_PAIR);
    await exampleStack.ok(["up"], ["--yes"]);
    const outputs = await exampleStack.outputs();
    assert.deepEqual(outputs.roomIds, storedIds(emulator, APP, (g) => !g.deleted && g.groupName.startsWith("room-")));
    assert.deepEqual(sortedAdmins(outputs.adminsByGroupId), storedAdmins(emulator, APP, (g) => !g.deleted && g.groupName.startsWith("room-")));
    assert.deepEqual(outputs.deletedIds, storedIds(emulator, APP, (g) => g.deleted));
    assert.match(String(outputs.digest), /^[0-9a-f]{64}$/);
    await assertDestroyTouchesNoGroup(exampleStack, emulator, [APP]);
    await exampleStack.remove();
  });
});
