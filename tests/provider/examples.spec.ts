import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { startEmulator } from "../../emulator";
import type { Emulator } from "../../emulator/types";
import { emulatorConfig, storedIds } from "./support/emulatorConfig";
import { makeProjectDir, startProviderHost } from "./support/providerHost";
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
    // The real @pulumi/alicloud class, not a stand-in declared in the example.
    const source = readFileSync(join(ROOT, "examples", "feedAlicloud", "index.ts"), "utf8");
    assert.match(source, /new alicloud\.oss\.BucketObject\(/);
    assert.doesNotMatch(source, /extends pulumi\.CustomResource/);
    const object = result.resources.find((r) => r.type === "alicloud:oss/bucketObject:BucketObject");
    assert.equal(object?.inputs.key, `live-message-groups/${APP}/roster.json`);
    assert.equal(object?.inputs.bucket, "moderation");
    assert.equal(object?.inputs.contentType, "application/json");
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

  // `pulumi up`, then `pulumi refresh` against the state that up stored: the example's resource
  // with its real ID and outputs (including `__provider`), read through Pulumi's provider host.
  it("driftCheck: refreshing the example's own state shows no change, then each kind of drift", async () => {
    const result = await run("driftCheck");
    assert.equal(result.error, undefined, result.stderr);
    assert.deepEqual(result.exports.groupIds, storedIds(emulator, APP));
    const resource = result.resources.find((r) => r.name === "watched-groups");
    assert.ok(resource?.id !== undefined && resource.state !== undefined, "the example created its resource");
    const project = makeProjectDir();
    const host = await startProviderHost(project.dir);
    try {
      await host.configure(emulatorConfig(emulator));
      let stored = resource.state;
      const unchanged = await host.read(resource.id, stored);
      assert.equal(unchanged.id, resource.id);
      assert.deepEqual(unchanged.properties, stored, "--expect-no-changes passes");
      const drifts: { name: string; change: (groupId: string) => void; changed: string[] }[] = [
        { name: "a group added", change: () => { emulator.store.createGroup(APP, { groupId: "zz-drift-added", groupName: "Added" }); }, changed: ["totalCount", "existingCount", "groups", "digest"] },
        { name: "a group deleted", change: (id) => emulator.store.deleteGroup(APP, id), changed: ["groups", "existingCount", "deletedCount", "digest"] },
        { name: "a group renamed", change: (id) => emulator.store.updateGroup(APP, id, { groupName: "Renamed by drift" }), changed: ["groups", "digest"] },
        { name: "admins changed", change: (id) => emulator.store.updateGroup(APP, id, { adminList: ["user-drift"] }), changed: ["groups", "digest"] },
      ];
      for (const drift of drifts) {
        drift.change(storedIds(emulator, APP, (g) => !g.deleted)[0] ?? "");
        const refreshed = await host.read(resource.id, stored);
        const changed = Object.keys(refreshed.properties).filter((k) => JSON.stringify(refreshed.properties[k]) !== JSON.stringify(stored[k]));
        assert.deepEqual(changed.sort(), [...drift.changed].sort(), drift.name);
        assert.deepEqual((refreshed.properties.groups as { groupId: string }[]).map((g) => g.groupId), storedIds(emulator, APP), drift.name);
        stored = refreshed.properties;
      }
    } finally {
      await host.close();
      project.remove();
    }
  });
});
