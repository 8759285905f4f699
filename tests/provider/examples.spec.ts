import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { startEmulator } from "../../emulator";
import type { Emulator } from "../../emulator/types";
import { liveMessageGroupsProvider } from "../../provider/dynamic/liveMessageGroupsProvider";
import type * as pulumi from "@pulumi/pulumi";
import { emulatorConfig, storedIds } from "./support/emulatorConfig";
import { runMockProgram } from "./support/runMockProgram";

const ROOT = resolve(__dirname, "../../..");
const EXAMPLES = join(ROOT, "dist", "examples");
const APP = "example-app";

/**
 * Each example in examples/ (and the root stack program) runs under mocks against the emulator.
 * The examples import the package by name, so they are compiled by examples/tsconfig.json (the
 * main build excludes examples/) and resolve the package through its self-reference.
 */
describe("examples/ and the root stack program", function () {
  this.timeout(120_000);
  let emulator: Emulator;

  before(async () => {
    await promisify(execFile)(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(ROOT, "examples", "tsconfig.json")], { cwd: ROOT });
    emulator = await startEmulator({ callsPerSecond: 0, apps: [{ appId: APP, groups: 25, deletedFraction: 0.2 }] });
  });
  after(async () => { await emulator?.close(); });

  const run = (example: string, extra: Record<string, string> = {}) => runMockProgram({
    program: join(EXAMPLES, example, "index.js"),
    config: emulatorConfig(emulator, { "lmg-test:appId": APP, ...extra }),
  });

  it("the root Pulumi.yaml points at the compiled stack program", () => {
    const main = /^main:\s*(\S+)\s*$/m.exec(readFileSync(join(ROOT, "Pulumi.yaml"), "utf8"))?.[1];
    assert.equal(main, "dist/examples/stack/index.js");
    assert.ok(existsSync(join(ROOT, main)));
  });

  it("readGroups exports ids, names, admins and deleted ids", async () => {
    const result = await run("readGroups", { "lmg-test:nameRegex": "." });
    assert.equal(result.error, undefined, result.stderr);
    assert.deepEqual(result.exports.groupIds, storedIds(emulator, APP));
    assert.deepEqual(result.exports.deletedIds, storedIds(emulator, APP, (g) => g.deleted));
    assert.equal(result.exports.totalCount, 25);
    assert.deepEqual(Object.keys(result.exports.adminsByGroupId as object), storedIds(emulator, APP));
  });

  it("feedAlicloud builds an OSS object from group IDs and admins", async () => {
    const result = await run("feedAlicloud", { "lmg-test:bucket": "moderation" });
    assert.equal(result.error, undefined, result.stderr);
    const object = result.resources.find((r) => r.type === "alicloud:oss/bucketObject:BucketObject");
    assert.equal(object?.inputs.key, `live-message-groups/${APP}/roster.json`);
    const roster = JSON.parse(String(object?.inputs.content)) as { groupId: string; admins: string[] }[];
    assert.deepEqual(roster.map((r) => r.groupId), storedIds(emulator, APP, (g) => !g.deleted));
    const stored = new Map(emulator.store.groups(APP).map((g) => [g.groupId, [...g.adminList].sort()]));
    for (const entry of roster) assert.deepEqual(entry.admins, stored.get(entry.groupId));
  });

  it("the stack program exports ids, admins and deleted ids", async () => {
    const result = await run("stack");
    assert.equal(result.error, undefined, result.stderr);
    assert.deepEqual(result.exports.groupIds, storedIds(emulator, APP));
    assert.deepEqual(result.exports.deletedIds, storedIds(emulator, APP, (g) => g.deleted));
    assert.equal(result.exports.watchedTotalCount, 25);
  });

  it("driftCheck: an unchanged app refreshes to identical outputs, a change does not", async () => {
    const result = await run("driftCheck");
    assert.equal(result.error, undefined, result.stderr);
    assert.deepEqual(result.exports.groupIds, storedIds(emulator, APP));
    // `pulumi refresh` calls read with the stored outputs; do the same with the created state.
    const config = emulatorConfig(emulator);
    await liveMessageGroupsProvider.configure({ config: { get: (key: string) => config[key] } } as unknown as pulumi.dynamic.ConfigureRequest);
    const stored = { appId: APP, dataCenter: "cn-shanghai", groupStatus: "all", sortOrder: "asc" };
    const first = await liveMessageGroupsProvider.read(`cn-shanghai/${APP}`, stored);
    const unchanged = await liveMessageGroupsProvider.read(`cn-shanghai/${APP}`, first.props as Record<string, unknown>);
    assert.deepEqual(unchanged.props, first.props, "--expect-no-changes passes");
    assert.deepEqual((first.props as { ids: string[] }).ids, result.exports.groupIds);
    const victim = storedIds(emulator, APP, (g) => !g.deleted)[0] ?? "";
    emulator.store.deleteGroup(APP, victim);
    const drifted = await liveMessageGroupsProvider.read(`cn-shanghai/${APP}`, first.props as Record<string, unknown>);
    assert.notDeepEqual(drifted.props, first.props, "--expect-no-changes fails");
    assert.ok((drifted.props as { deletedIds: string[] }).deletedIds.includes(victim));
  });
});
