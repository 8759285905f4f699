import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { startEmulator } from "../../emulator";
import type { Emulator } from "../../emulator/types";
import { liveMessageGroupsShim } from "../../provider/dynamic/shim";
import { emulatorConfig, storedIds } from "./support/emulatorConfig";
import { LOG_SEVERITY, startFakeEngine } from "./support/grpcPlugin";
import { DIFF, makeProjectDir, startProviderHost, type ProviderHost } from "./support/providerHost";
import { UNKNOWN } from "./support/runMockProgram";

const APP = "host-app";
const OTHER_APP = "other-app";

/** What dynamic.Resource stores in `__provider`: the closure serializer's text of the shim. */
async function serializedProvider(): Promise<string> {
  const provider = liveMessageGroupsShim;
  return (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
}

describe("LiveMessageGroups through Pulumi's dynamic-provider host (gRPC, as the engine drives it)", function () {
  this.timeout(90_000);
  let emulator: Emulator;
  let host: ProviderHost;
  let project: { dir: string; remove(): void };
  let providerText: string;
  let created: { id: string; properties: Record<string, unknown> };

  // The resource's default detail is "summary"; most steps here watch every field, so ask for "full".
  const inputs = (extra: Record<string, unknown> = {}) => ({ appId: APP, detail: "full", __provider: providerText, ...extra });
  const groupIds = (properties: Record<string, unknown>): string[] => (properties.groups as { groupId: string }[]).map((g) => g.groupId);

  before(async () => {
    emulator = await startEmulator({ callsPerSecond: 0, apps: [{ appId: APP, groups: 60, deletedFraction: 0.2 }, { appId: OTHER_APP, groups: 3 }] });
    providerText = await serializedProvider();
    project = makeProjectDir();
    // The environment holds a wrong key pair: config must win over it.
    host = await startProviderHost(project.dir, { ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIwrongEnvKey", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "wrong-env-secret" });
    await host.configure(emulatorConfig(emulator));
  });
  after(async () => {
    await host?.close();
    project?.remove();
    await emulator?.close();
  });

  it("Check fills the listing defaults and accepts unknown values", async () => {
    const checked = await host.check({}, { appId: APP, __provider: providerText });
    assert.deepEqual(checked.failures, []);
    const { checkedDigest, checkedTotalCount, ...rest } = checked.inputs;
    assert.deepEqual({ ...rest, __provider: null }, { appId: APP, dataCenter: "cn-shanghai", groupStatus: "all", sortOrder: "asc", detail: "summary", __provider: null });
    assert.match(String(checkedDigest), /^[0-9a-f]{64}$/, "Check records the digest of the groups it saw");
    assert.equal(checkedTotalCount, 60, "and the count before the filters");
    emulator.resetStats();
    const preview = await host.check({}, inputs({ appId: UNKNOWN, requestedIds: [UNKNOWN] }));
    assert.deepEqual(preview.failures, []);
    assert.ok(!("checkedDigest" in preview.inputs), "nothing is listed while an input is unknown");
    assert.equal(emulator.stats().requests, 0);
  });

  it("Check reports each bad argument by name in its reason, never by property (the engine would print the value, a secret one too)", async () => {
    const cases: { news: Record<string, unknown>; properties: string[] }[] = [
      { news: { appId: "" }, properties: ["appId"] },
      { news: { appId: APP, pageSize: 51, sortOrder: "up" }, properties: ["sortOrder", "pageSize"] },
      { news: { appId: APP, dataCenter: "eu-central-1", nameRegex: "([" }, properties: ["dataCenter", "nameRegex"] },
      { news: { appId: APP, accessKeySecret: "leaked-secret-value" }, properties: ["accessKeySecret"] },
      // As the program wrote it: the filter `ids` travels as input requestedIds.
      { news: { appId: APP, requestedIds: "g1", maxAttempts: 0 }, properties: ["maxAttempts", "ids"] },
      { news: { appId: APP, detail: "everything" }, properties: ["detail"] },
      { news: { appId: APP, detial: "ids" }, properties: ["detial"] },
      // The filter travels as input requestedIds; an input `ids` would preview as the result.
      { news: { appId: APP, ids: ["g1"] }, properties: ["ids"] },
    ];
    for (const { news, properties } of cases) {
      const checked = await host.check({}, { ...news, __provider: providerText });
      assert.deepEqual(checked.failures.map((f) => f.property), properties.map(() => ""), JSON.stringify(news));
      const named = (f: { reason: string }): string => f.reason.slice(0, f.reason.indexOf(": expected"));
      assert.deepEqual(checked.failures.map(named), properties, JSON.stringify(checked.failures));
      for (const f of checked.failures.filter((x) => ["detial", "accessKeySecret"].includes(named(x)))) {
        assert.match(f.reason, /not an argument \(valid arguments: appId, .*detail\)/, "an unknown property is reported as unknown, with the valid arguments");
      }
      assert.ok(!JSON.stringify(checked.failures).includes("leaked-secret-value"));
    }
  });

  it("Create lists the groups into deterministic outputs with no credential in them", async () => {
    const checked = await host.check({}, inputs());
    created = await host.create(checked.inputs);
    assert.equal(created.id, `cn-shanghai/${APP}`);
    assert.deepEqual(groupIds(created.properties), storedIds(emulator, APP));
    assert.equal(created.properties.deletedCount, storedIds(emulator, APP, (g) => g.deleted).length);
    assert.equal(created.properties.totalCount, 60);
    // Each group is stored once: the ID lists, names and admins are derived in the program.
    for (const derived of ["ids", "names", "adminsByGroupId", "existingIds", "deletedIds"]) assert.ok(!(derived in created.properties), derived);
    assert.equal(created.properties.__provider, providerText);
    const state = JSON.stringify(created.properties);
    for (const secret of [emulator.credentials.accessKeySecret, "wrong-env-secret"]) assert.ok(!state.includes(secret));
    assert.ok(!state.includes(emulator.credentials.accessKeyId));
  });

  it("several resources checked before they are created: each Create takes its own Check's listing (an up lists each once)", async () => {
    const names = ["one", "two", "three"];
    const news = names.map((name) => inputs({ nameRegex: `^(?!${name}$)`, detail: "ids" }));
    emulator.resetStats();
    const checkedInputs = [];
    for (const n of news) checkedInputs.push((await host.check({}, n)).inputs);
    const afterChecks = emulator.stats().requests;
    assert.ok(afterChecks > 0);
    for (const c of checkedInputs) await host.create(c);
    assert.equal(emulator.stats().requests, afterChecks, "no Create listed again");
    // Kept for the last 8 checked only (a preview creates nothing): the first of 9 lists again.
    const nine = Array.from({ length: 9 }, (_, i) => inputs({ nameRegex: `^x{0,${i}}`, detail: "summary" }));
    const nineChecked = [];
    for (const n of nine) nineChecked.push((await host.check({}, n)).inputs);
    const afterNine = emulator.stats().requests;
    await host.create(nineChecked[1] as Record<string, unknown>);
    assert.equal(emulator.stats().requests, afterNine, "the second is still kept");
    await host.create(nineChecked[0] as Record<string, unknown>);
    assert.equal(emulator.stats().requests, afterNine + (afterChecks / 3), "the first was let go and lists again");
  });

  it("two resources with the same arguments and a group created between their Checks: each Create and Update takes the listing its own Check saw (outputs.digest is its checkedDigest, so the next refresh shows no false drift)", async () => {
    // Arguments no other step uses (pageSize), on the small app: a listing of its own key.
    const news = inputs({ appId: OTHER_APP, detail: "summary", pageSize: 7 });
    const before = emulator.store.groups(OTHER_APP).length;
    const a = (await host.check({}, news)).inputs;
    emulator.store.createGroup(OTHER_APP, { groupId: "zz-created-between-checks", groupName: "Between the checks" });
    const b = (await host.check({}, news)).inputs;
    assert.notEqual(a.checkedDigest, b.checkedDigest, "the group created between the Checks changed the digest");
    emulator.resetStats();
    const createdA = await host.create(a);
    const createdB = await host.create(b);
    assert.equal(createdA.properties.digest, a.checkedDigest, "a's outputs are the listing a's Check saw");
    assert.equal(createdA.properties.totalCount, before);
    assert.equal(createdB.properties.digest, b.checkedDigest, "b's outputs are the listing b's Check saw");
    assert.equal(createdB.properties.totalCount, before + 1);
    assert.equal(emulator.stats().requests, 0, "no Create listed again: each took its Check's listing");
    assert.equal((await host.diff(createdA.id, createdA.properties, a)).changes, DIFF.NONE);
    assert.equal((await host.diff(createdB.id, createdB.properties, b)).changes, DIFF.NONE);
    // The next refresh of b (nothing changed since its Check): clean, as `--expect-no-changes` expects.
    const refreshedB = await host.read(createdB.id, createdB.properties);
    assert.equal((await host.diff(createdB.id, refreshedB.properties, b)).changes, DIFF.NONE, "no drift for b");

    // The same for two Updates (both resources move to other arguments, a group created between their Checks).
    const updatedNews = inputs({ appId: OTHER_APP, detail: "summary", pageSize: 8 });
    const a2 = (await host.check(createdA.properties, updatedNews)).inputs;
    emulator.store.createGroup(OTHER_APP, { groupId: "zz-created-between-checks-2", groupName: "Between the checks, again" });
    const b2 = (await host.check(createdB.properties, updatedNews)).inputs;
    assert.notEqual(a2.checkedDigest, b2.checkedDigest);
    emulator.resetStats();
    const updatedA = await host.update(createdA.id, createdA.properties, a2);
    const updatedB = await host.update(createdB.id, createdB.properties, b2);
    assert.equal(updatedA.digest, a2.checkedDigest, "a's outputs are the listing a's Check saw");
    assert.equal(updatedB.digest, b2.checkedDigest, "b's outputs are the listing b's Check saw");
    assert.equal(emulator.stats().requests, 0, "no Update listed again");
  });

  it("a group added outside the filters changes only totalCount: Check records it, `up` updates the output, and refresh reports it (and an old state without checkedTotalCount compares the digest alone)", async () => {
    const app = "filtered-app";
    emulator.store.createApp(app);
    const kept = emulator.store.createGroup(app, { groupId: "kept-group", groupName: "Kept" });
    emulator.store.createGroup(app, { groupId: "other-group", groupName: "Other" });
    const news = inputs({ appId: app, detail: "summary", requestedIds: [kept.groupId] });
    const checked = (await host.check({}, news)).inputs;
    assert.equal(checked.checkedTotalCount, 2, "Check records the count before the filters");
    const created = await host.create(checked);
    assert.deepEqual([created.properties.totalCount, created.properties.existingCount], [2, 1]);

    emulator.store.createGroup(app, { groupId: "outside-the-filter", groupName: "Outside" });
    // up: Check lists again; the kept group is unchanged, so the digest is the same, the count not.
    const next = (await host.check(created.properties, news)).inputs;
    assert.equal(next.checkedDigest, created.properties.digest, "the groups kept did not change");
    assert.equal((await host.diff(created.id, created.properties, next)).changes, DIFF.SOME, "the stored totalCount is stale: update");
    const updated = await host.update(created.id, created.properties, next);
    assert.equal(updated.totalCount, 3);
    assert.equal((await host.diff(created.id, updated, next)).changes, DIFF.NONE, "clean after the update");

    // refresh (default mode: Diff of the refreshed outputs against the stored inputs) of the state before the update.
    const refreshed = await host.read(created.id, created.properties);
    assert.equal(refreshed.properties.totalCount, 3);
    assert.equal((await host.diff(created.id, refreshed.properties, checked)).changes, DIFF.SOME, "refresh reports the count that changed");
    assert.equal(refreshed.inputs?.checkedTotalCount, 3, "an accepted refresh stores the new count");
    assert.equal((await host.diff(created.id, refreshed.properties, refreshed.inputs ?? {})).changes, DIFF.NONE, "clean after an accepted refresh");
    // A state written before checkedTotalCount existed: its inputs hold the digest only, and the refresh compares that alone.
    const { checkedTotalCount: _count, ...oldInputs } = checked;
    assert.equal((await host.diff(created.id, refreshed.properties, oldInputs)).changes, DIFF.NONE);
  });

  it("Check escapes control characters in a property name it reports", async () => {
    const checked = await host.check({}, { appId: APP, "evil\u001b[2J\rkey": "x", __provider: providerText });
    assert.equal(checked.failures.length, 1);
    // eslint-disable-next-line no-control-regex -- the point: no raw control character
    assert.ok(!/[\u0000-\u001f]/.test(checked.failures[0]?.reason ?? ""), JSON.stringify(checked.failures));
    assert.match(checked.failures[0]?.reason ?? "", /^evil\\x1b\[2J\\rkey: expected/);
  });

  it("Create writes outputFile (relative to the project directory) as pretty JSON without credentials", async () => {
    const relative = join("reports", "nested", "groups.json");
    const checked = await host.check({}, inputs({ groupStatus: "deleted", outputFile: relative }));
    const written = await host.create(checked.inputs);
    const file = join(project.dir, relative);
    const text = readFileSync(file, "utf8");
    const parsed = JSON.parse(text) as Record<string, unknown>;
    assert.equal(text, JSON.stringify(parsed, null, 2) + "\n");
    assert.ok(!text.includes("undefined") && !text.includes("null"));
    for (const credential of [emulator.credentials.accessKeySecret, emulator.credentials.accessKeyId, "wrong-env-secret"]) assert.ok(!text.includes(credential));
    assert.deepEqual(parsed.ids, storedIds(emulator, APP, (g) => g.deleted));
    const { __provider: _provider, ...outputs } = written.properties;
    for (const [name, value] of Object.entries(outputs)) assert.deepEqual(parsed[name], value, `the file holds output ${name}`);
    assert.equal(parsed.id, written.id);
  });

  it("Read after nothing changed returns identical outputs", async () => {
    const refreshed = await host.read(created.id, created.properties);
    assert.equal(refreshed.id, created.id);
    assert.deepEqual(refreshed.properties, created.properties);
  });

  it("Read of an app that no longer exists returns an empty ID: a refresh drops the resource instead of failing", async () => {
    const gone = await host.read("cn-shanghai/no-such-app", { ...created.properties, appId: "no-such-app", maxAttempts: 1 });
    assert.equal(gone.id, "");
  });

  // Top-level its (not a nested describe): mocha runs nested describes after every outer it, and
  // these steps must run in order against one resource.
  {
    const drifts: { name: string; change: (e: Emulator, groupId: string) => void; changed: string[] }[] = [
      { name: "a group deleted", change: (e, id) => e.store.deleteGroup(APP, id), changed: ["groups", "existingCount", "deletedCount", "digest"] },
      { name: "a group renamed", change: (e, id) => e.store.updateGroup(APP, id, { groupName: "Renamed by drift" }), changed: ["groups", "digest"] },
      { name: "admins changed", change: (e, id) => e.store.updateGroup(APP, id, { adminList: ["user-drift"] }), changed: ["groups", "digest"] },
      { name: "info changed", change: (e, id) => e.store.updateGroup(APP, id, { groupInfo: "{\"topic\":\"drift\"}" }), changed: ["groups", "digest"] },
      { name: "a group added", change: (e) => { e.store.createGroup(APP, { groupId: "zz-added-by-drift", groupName: "Added" }); }, changed: ["totalCount", "existingCount", "groups", "digest"] },
    ];
    for (const drift of drifts) {
      it(`Read shows drift as changed outputs: ${drift.name}`, async () => {
        const before = await host.read(created.id, created.properties);
        const target = storedIds(emulator, APP, (g) => !g.deleted)[0] ?? "";
        drift.change(emulator, target);
        const after = await host.read(created.id, before.properties);
        const changed = Object.keys(after.properties).filter((k) => JSON.stringify(after.properties[k]) !== JSON.stringify(before.properties[k]));
        assert.deepEqual(changed.sort(), [...drift.changed].sort());
        assert.deepEqual(groupIds(after.properties), storedIds(emulator, APP));
        // Pulumi's refresh (without PULUMI_ENABLE_LEGACY_REFRESH_DIFF) calls Diff with the refreshed
        // outputs against the stored inputs: drift must show there too, and only there.
        const storedInputs = (await host.check({}, inputs())).inputs;
        assert.equal((await host.diff(created.id, after.properties, storedInputs)).changes, DIFF.NONE, "no drift since the inputs were checked");
        assert.equal((await host.diff(created.id, after.properties, { ...storedInputs, checkedDigest: before.properties.digest })).changes, DIFF.SOME, "drift since the last check");
        // Read returns the inputs an accepted refresh stores: the next refresh of the same groups is clean.
        const { __provider: _shim, ...readInputs } = after.inputs ?? {};
        const { __provider: _checkedShim, ...checkedInputs } = storedInputs;
        assert.deepEqual(readInputs, { ...checkedInputs, checkedDigest: after.properties.digest });
        assert.equal((await host.diff(created.id, after.properties, after.inputs ?? {})).changes, DIFF.NONE, "clean after an accepted refresh");
        created = { id: created.id, properties: after.properties };
      });
    }
  }

  it("Diff replaces on app or data center changes and updates on filter changes", async () => {
    const cases: { news: Record<string, unknown>; changes: number; replaces: string[] }[] = [
      { news: {}, changes: DIFF.NONE, replaces: [] },
      { news: { dataCenter: "cn-shanghai", groupStatus: "all", sortOrder: "asc" }, changes: DIFF.NONE, replaces: [] },
      { news: { appId: OTHER_APP }, changes: DIFF.SOME, replaces: ["appId"] },
      { news: { dataCenter: "ap-southeast-1" }, changes: DIFF.SOME, replaces: ["dataCenter"] },
      { news: { appId: UNKNOWN }, changes: DIFF.SOME, replaces: ["appId"] },
      { news: { nameRegex: "^A" }, changes: DIFF.SOME, replaces: [] },
      { news: { requestedIds: ["g1"] }, changes: DIFF.SOME, replaces: [] },
      { news: { groupStatus: "existing" }, changes: DIFF.SOME, replaces: [] },
      { news: { requestsPerSecond: 10 }, changes: DIFF.SOME, replaces: [] },
      { news: { detail: "summary" }, changes: DIFF.SOME, replaces: [] },
    ];
    for (const { news, changes, replaces } of cases) {
      const diff = await host.diff(created.id, created.properties, inputs(news));
      assert.deepEqual({ changes: diff.changes, replaces: diff.replaces }, { changes, replaces }, JSON.stringify(news));
    }
  });

  it("Update re-lists with the new filters; Diff then sees no change", async () => {
    const wanted = storedIds(emulator, APP).slice(0, 3);
    const news = (await host.check(created.properties, inputs({ requestedIds: wanted, groupStatus: "all" }))).inputs;
    const updated = await host.update(created.id, created.properties, news);
    assert.deepEqual(groupIds(updated), wanted);
    assert.deepEqual(updated.requestedIds, wanted);
    assert.equal(updated.totalCount, emulator.store.groups(APP).length);
    const diff = await host.diff(created.id, updated, news);
    assert.equal(diff.changes, DIFF.NONE);
    created = { id: created.id, properties: updated };
  });

  it("Delete forgets the resource and never touches a group", async () => {
    const before = JSON.stringify(emulator.store.groups(APP));
    emulator.resetStats();
    await host.delete(created.id, created.properties);
    assert.equal(JSON.stringify(emulator.store.groups(APP)), before);
    assert.equal(emulator.stats().requests, 0);
  });

  it("an app that does not exist yet passes Check (a preview of a program that creates it); Create then reports the service error without credentials", async () => {
    const checked = await host.check({}, inputs({ appId: "no-such-app", maxAttempts: 1 }));
    assert.deepEqual(checked.failures, []);
    assert.equal(checked.inputs.checkedDigest, "", "no digest: the app was not found");
    // An existing resource whose app is gone: Diff sees a change, so up updates it and fails there.
    const diff = await host.diff(created.id, created.properties, checked.inputs);
    assert.equal(diff.changes, DIFF.SOME);
    await assert.rejects(host.create(checked.inputs), (error: Error) => {
      assert.match(error.message, /ResourceNotExist/);
      assert.ok(!error.message.includes(emulator.credentials.accessKeySecret));
      return true;
    });
    assert.ok(!host.stderr().includes(emulator.credentials.accessKeySecret));
  });

  it("arguments the program gave as secrets (named in input secretArguments by the class) are not quoted by Create, Update or Read errors", async () => {
    const secretApp = "acme-private-app-777";
    const checked = await host.check({}, inputs({ appId: secretApp, maxAttempts: 1, secretArguments: ["appId"] }));
    assert.deepEqual(checked.failures, []);
    assert.deepEqual(checked.inputs.secretArguments, ["appId"], "kept for Create and Update");
    for (const operation of [() => host.create(checked.inputs), () => host.update(created.id, created.properties, checked.inputs)]) {
      await assert.rejects(operation(), (error: Error) => {
        assert.match(error.message, /ResourceNotExist/);
        assert.ok(!error.message.includes(secretApp), error.message);
        return true;
      });
    }
    // Read (a refresh) knows them from the outputs Create stored: a listing that fails there does not quote them.
    const stored = await host.create(inputs({ appId: OTHER_APP, secretArguments: ["appId", "endpoint"] }));
    assert.deepEqual(stored.properties.secretArguments, ["appId", "endpoint"]);
    const endpoint = "http://127.0.0.1:1";
    await assert.rejects(host.read(stored.id, { ...stored.properties, endpoint, maxAttempts: 1 }), (error: Error) => {
      assert.ok(!error.message.includes("127.0.0.1:1"), error.message);
      return true;
    });
    assert.ok(!host.stderr().includes(secretApp), host.stderr());
  });

  it("a failing listing at Check other than a missing app (here a wrong key) fails Check, without credentials", async () => {
    const wrong = await startProviderHost(project.dir, {});
    try {
      await wrong.configure(emulatorConfig(emulator, { "alicloud:secretKey": "wrong-secret-Zz9" }));
      await assert.rejects(wrong.check({}, inputs({ maxAttempts: 1 })), (error: Error) => {
        assert.match(error.message, /SignatureDoesNotMatch/);
        assert.ok(!error.message.includes("wrong-secret-Zz9") && !error.message.includes(emulator.credentials.accessKeySecret));
        return true;
      });
    } finally {
      await wrong.close();
    }
  });

  it("DEBUG=* (set in a CI job for another tool): the host prints no header, signature or Redis command of the listing", async () => {
    const debugging = await startProviderHost(project.dir, { DEBUG: "*" });
    try {
      await debugging.configure(emulatorConfig(emulator, { "live-message-groups:redisUrl": "redis://:RedisPass9@127.0.0.1:1" }));
      const checked = await debugging.check({}, inputs());
      assert.deepEqual(checked.failures, []);
      const stderr = debugging.stderr();
      assert.doesNotMatch(stderr, /httpx|ioredis|Signature=|authorization|x-acs-|RedisPass9/i, stderr.slice(0, 2000));
    } finally {
      await debugging.close();
    }
  });
});

describe("the serialized provider in a project where the package is not installed", function () {
  this.timeout(60_000);

  it("says which package to install and where, instead of only 'Cannot find module'", async () => {
    const providerText = await serializedProvider();
    const bare = mkdtempSync(join(tmpdir(), "lmg-bare-project-"));
    // A project of its own, as every Pulumi project is: without a package.json, a TMPDIR inside a
    // clone of this repository put the directory in this package's scope, where Node resolves
    // the package by its own name (self-reference) and the spec saw a listing, not the error.
    writeFileSync(join(bare, "package.json"), JSON.stringify({ name: "bare-project", private: true }));
    const host = await startProviderHost(bare);
    try {
      await host.configure({});
      await assert.rejects(host.check({}, { appId: APP, __provider: providerText }), (error: Error) => {
        assert.match(error.message, /needs the npm package pulumi-alicloud-live-message-groups/);
        assert.match(error.message, /direct dependency of the project/, "pnpm resolves only those: a component library's dependency is not enough");
        assert.match(error.message, /npm install pulumi-alicloud-live-message-groups/);
        assert.match(error.message, /pnpm add pulumi-alicloud-live-message-groups/);
        assert.ok(error.message.includes(realpathSync(bare)) || error.message.includes(bare), error.message);
        return true;
      });
    } finally {
      await host.close();
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it("captures no free `require`: a program bundled to ESM (esbuild) rewrites it into a helper the serializer cannot capture", async () => {
    const providerText = await serializedProvider();
    assert.doesNotMatch(providerText, /(?<![\w.])require\b/, providerText);
    assert.match(providerText, /getBuiltinModule/);
  });
});

describe("LiveMessageGroups in Pulumi's dynamic-provider host: a listing's warning and progress reach the engine's log (the engine hides the host's stderr)", function () {
  this.timeout(120_000);

  it("an unreachable Redis quota's warning, then a progress note of a listing that runs long, both on the stack's row (the host is not told the URN)", async () => {
    const emulator = await startEmulator({ callsPerSecond: 0, apps: [{ appId: APP, groups: 75 }] });
    const engine = await startFakeEngine();
    const project = makeProjectDir();
    const host = await startProviderHost(project.dir, {}, { engineAddress: engine.address });
    try {
      await host.configure(emulatorConfig(emulator, { "live-message-groups:redisUrl": "redis://:pw@127.0.0.1:1" }));
      // 75 pages at 10 calls/s: about 6.5 s, past the first note's 5 s.
      const checked = await host.check({}, { appId: APP, pageSize: 1, requestsPerSecond: 10, __provider: await serializedProvider() });
      assert.deepEqual(checked.failures, []);
      // The host answers after the warning reached the engine, not the note (sent about 1.5 s
      // before the answer): it is waited for, at most the host's own deadline for a Log call
      // (LOG_DEADLINE_MS, 30 s), past which the note is lost anyway.
      const [warning, ...notes] = await engine.logsReceived(2, 30_000);
      assert.equal(warning?.severity, LOG_SEVERITY.WARNING, JSON.stringify(engine.logs));
      assert.equal(warning?.ephemeral, false);
      assert.equal(warning?.urn, "");
      assert.match(warning?.message ?? "", /^live-message-groups: Redis quota at redis:\/\/:\*\*\*@127\.0\.0\.1:1 unavailable /);
      assert.equal(notes.length, 1, JSON.stringify(engine.logs));
      assert.deepEqual({ ...notes[0], message: "" }, { severity: LOG_SEVERITY.INFO, ephemeral: true, urn: "", message: "" });
      assert.match(notes[0]?.message ?? "", /^listing live message groups: page \d+\/75, /);
      assert.doesNotMatch(host.stderr(), /Redis quota/);
    } finally {
      await host.close();
      await engine.close();
      project.remove();
      await emulator.close();
    }
  });
});
