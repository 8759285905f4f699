import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "../../emulator";
import type { Emulator } from "../../emulator/types";
import { emulatorConfig, storedIds } from "./support/emulatorConfig";
import { runMockProgram, UNKNOWN, unwrapSecret } from "./support/runMockProgram";

const PROGRAMS = join(__dirname, "programs");
const APP = "mock-app";
/** A one-page app listed by the mock runner before the slow dependency resolves. */
const BARRIER_APP = "barrier-app";

describe("provider under Pulumi mocks (one child process per program)", function () {
  this.timeout(120_000);
  let emulator: Emulator;

  before(async () => {
    emulator = await startEmulator({ callsPerSecond: 0, apps: [{ appId: APP, groups: 120, deletedFraction: 0.2 }, { appId: BARRIER_APP, groups: 1 }] });
  });
  after(async () => { await emulator.close(); });
  beforeEach(() => emulator.resetStats());

  const listRequests = () => emulator.requestLog().filter((e) => e.action === "ListLiveMessageGroupByPage");

  describe("preview with values not known yet", () => {
    it("returns unknown results and never calls the API", async () => {
      const run = await runMockProgram({
        program: join(PROGRAMS, "previewUnknowns.js"), preview: true,
        config: emulatorConfig(emulator, { "lmg-test:appId": APP }),
      });
      assert.equal(run.error, undefined, run.stderr);
      const table: [string, unknown][] = [
        ["unknownInput", UNKNOWN],
        ["unknownDependency", UNKNOWN],
        ["unknownNestedInput", UNKNOWN],
        ["inputOfUncreated", UNKNOWN],
        ["resourceIds", UNKNOWN],
        ["known", null],
      ];
      for (const [name, expected] of table) assert.deepEqual(run.exports[name], expected, name);
      assert.equal(listRequests().length, 0);
    });

    it("calls the API during a preview when every input and dependency is known", async () => {
      const run = await runMockProgram({
        program: join(PROGRAMS, "previewUnknowns.js"), preview: true,
        config: emulatorConfig(emulator, { "lmg-test:appId": APP, "lmg-test:includeKnown": "true" }),
      });
      assert.equal(run.error, undefined, run.stderr);
      assert.deepEqual(run.exports.known, storedIds(emulator, APP));
      assert.equal(run.exports.unknownDependency, UNKNOWN);
    });

    it("waits for dependencies and resolves them outside a preview", async () => {
      const run = await runMockProgram({
        program: join(PROGRAMS, "previewUnknowns.js"), preview: false,
        config: emulatorConfig(emulator, { "lmg-test:appId": APP }),
      });
      assert.equal(run.error, undefined, run.stderr);
      const dependent = run.exports.unknownDependency as { ids: string[] };
      assert.deepEqual(dependent.ids, storedIds(emulator, APP));
      assert.deepEqual((run.exports.unknownInput as { ids: string[] }).ids, storedIds(emulator, APP));
      assert.deepEqual((run.exports.inputOfUncreated as { ids: string[] }).ids, storedIds(emulator, APP));
    });
  });

  describe("outputFile", () => {
    it("writes pretty JSON of the result, creating directories, with no undefined and no credential", async () => {
      const dir = mkdtempSync(join(tmpdir(), "lmg-output-"));
      try {
        const functionFile = join(dir, "nested", "deeper", "groups.json");
        const resourceFile = join(dir, "other", "watched.json");
        const run = await runMockProgram({
          program: join(PROGRAMS, "outputFile.js"),
          config: emulatorConfig(emulator, { "lmg-test:appId": APP, "lmg-test:functionFile": functionFile, "lmg-test:resourceFile": resourceFile }),
        });
        assert.equal(run.error, undefined, run.stderr);
        const cases: { file: string; ids: string[]; echoed: Record<string, unknown> }[] = [
          { file: functionFile, ids: storedIds(emulator, APP, (g) => !g.deleted), echoed: { groupStatus: "existing", outputFile: functionFile } },
          { file: resourceFile, ids: storedIds(emulator, APP), echoed: { nameRegex: ".", outputFile: resourceFile } },
        ];
        for (const c of cases) {
          assert.ok(existsSync(c.file), c.file);
          const text = readFileSync(c.file, "utf8");
          const parsed = JSON.parse(text) as Record<string, unknown>;
          assert.equal(text, JSON.stringify(parsed, null, 2) + "\n", "pretty-printed, two spaces, final newline");
          assert.ok(!text.includes("undefined") && !text.includes("null"), "no undefined or null values");
          assert.ok(!text.includes(emulator.credentials.accessKeySecret) && !text.includes(emulator.credentials.accessKeyId), "no credential");
          assert.deepEqual(parsed.ids, c.ids);
          assert.equal(parsed.id, `cn-shanghai/${APP}`);
          for (const [key, value] of Object.entries(c.echoed)) assert.deepEqual(parsed[key], value, key);
        }
        assert.deepEqual(JSON.parse(readFileSync(functionFile, "utf8")), run.exports.fromFunction, "the file is the function's result");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe("dependsOn outside a preview", () => {
    it("lists only after a slowly created dependency has resolved", async () => {
      // The dependency resolves only after 3 whole listings of another app, one after the other;
      // a program that ignored dependsOn would list its app at once, among or before them.
      const arrivals: string[] = [];
      emulator.onListPage((request) => { arrivals.push(request.appId); });
      try {
        const run = await runMockProgram({
          program: join(PROGRAMS, "slowDependency.js"),
          config: emulatorConfig(emulator, { "lmg-test:appId": APP }),
          env: {
            LMG_SLOW_TYPE: "test:index:Slow",
            LMG_SLOW_BARRIER: JSON.stringify({
              endpoint: emulator.url, accessKeyId: emulator.credentials.accessKeyId,
              accessKeySecret: emulator.credentials.accessKeySecret, appId: BARRIER_APP, rounds: 3,
            }),
          },
        });
        assert.equal(run.error, undefined, run.stderr);
        assert.deepEqual(run.exports.afterSlow, storedIds(emulator, APP));
        assert.equal(run.slowResolved, true, "the program finished before its dependency was created");
        const firstOwn = arrivals.indexOf(APP);
        assert.ok(firstOwn !== -1, "no page was listed");
        assert.equal(arrivals.filter((appId) => appId === BARRIER_APP).length, 3, arrivals.join(" "));
        assert.ok(arrivals.slice(firstOwn).every((appId) => appId === APP), `the app was listed before its dependency resolved: ${arrivals.join(" ")}`);
      } finally {
        emulator.onListPage(null);
      }
    });
  });

  describe("LiveMessageGroups outputs", () => {
    const COMPUTED = ["ids", "names", "totalCount", "groups", "adminsByGroupId", "existingIds", "deletedIds", "existingCount", "deletedCount", "digest"];
    const wanted = () => storedIds(emulator, APP).slice(0, 3);
    const run = (preview: boolean) => runMockProgram({
      program: join(PROGRAMS, "resourceOutputs.js"), preview,
      config: emulatorConfig(emulator, { "lmg-test:appId": APP, "lmg-test:wantedIds": JSON.stringify(wanted()) }),
    });

    it("ignoreChanges and replaceOnChanges naming the `ids` filter reach the engine as its input, requestedIds", async () => {
      const result = await run(true);
      assert.equal(result.error, undefined, result.stderr);
      assert.deepEqual(result.exports.filterOptions, { ignoreChanges: ["requestedIds", "nameRegex"], replaceOnChanges: ["requestedIds"] });
    });

    it("in a preview (state = inputs, as the engine answers Create), computed outputs are unknown, not the filter", async () => {
      const result = await run(true);
      assert.equal(result.error, undefined, result.stderr);
      const outputs = result.exports.filteredOutputs as Record<string, unknown>;
      for (const name of COMPUTED) assert.equal(outputs[name], UNKNOWN, name);
      assert.deepEqual(outputs.requestedIds, wanted());
      assert.equal(outputs.appId, APP);
      assert.equal(outputs.nameRegex, ".");
      const inputs = result.resources.find((r) => r.name === "filtered")?.inputs ?? {};
      assert.ok(!("ids" in inputs), `inputs: ${Object.keys(inputs).join(",")}`);
      assert.equal(listRequests().length, 0);
    });

    it("in an update, ids are the listed IDs that pass the filter", async () => {
      const result = await run(false);
      assert.equal(result.error, undefined, result.stderr);
      const outputs = result.exports.filteredOutputs as Record<string, unknown>;
      assert.deepEqual(outputs.ids, wanted());
      assert.deepEqual(outputs.requestedIds, wanted());
      assert.equal(outputs.totalCount, 120);
    });

    for (const preview of [false, true]) {
      it(`secret outputs are declared statically: the listing secret, every list derived from it too (${preview ? "preview" : "update"}); none otherwise`, async () => {
        const result = await run(preview);
        assert.equal(result.error, undefined, result.stderr);
        const secretOnes = result.exports.secretOutputs as Record<string, unknown>;
        const plainOnes = result.exports.filteredOutputs as Record<string, unknown>;
        for (const name of ["groups", "ids", "names", "adminsByGroupId", "existingIds", "deletedIds"]) {
          const value = secretOnes[name];
          // Unknown during a preview: nothing to mark (the engine's wire form has no secret unknowns here).
          if (value === undefined || value === null || value === UNKNOWN) continue;
          assert.equal(unwrapSecret(value).secret, true, `with-secret ${name}`);
        }
        for (const [name, value] of Object.entries(plainOnes)) assert.equal(unwrapSecret(value).secret, false, `filtered ${name}`);
        // Decided at construction (nothing is added asynchronously): any per-group output named
        // names every one the state may hold, and only those (the derived ones are not stored).
        const declared = (name: string): readonly string[] | undefined => result.resources.find((r) => r.name === name)?.additionalSecretOutputs;
        assert.deepEqual(declared("with-secret"), ["ids", "deletedIds", "groups"]);
        assert.deepEqual(declared("full-named-by-ids"), ["ids", "deletedIds", "groups"]);
        assert.deepEqual(declared("ids-named-by-derived"), ["digest", "ids", "deletedIds", "groups"]);
        assert.deepEqual(declared("filtered") ?? [], []);
        // The provider is told which arguments were secret (names only), so its errors never quote them.
        const inputsOf = (name: string): Record<string, unknown> | undefined => result.resources.find((r) => r.name === name)?.inputs;
        assert.deepEqual(inputsOf("with-secret")?.secretArguments, ["ids"]);
        assert.equal(inputsOf("filtered")?.secretArguments, undefined, "none given: no such input, the state as before");
        for (const [program, outputs] of [["full-named-by-ids", result.exports.fullNamedByIdsOutputs], ["ids-named-by-derived", result.exports.idsNamedByDerivedOutputs]] as const) {
          const lists = program === "full-named-by-ids" ? ["groups", "ids", "names", "adminsByGroupId", "existingIds", "deletedIds"] : ["ids", "existingIds", "deletedIds"];
          for (const name of lists) {
            const value = (outputs as Record<string, unknown>)[name];
            if (preview && (value === undefined || value === null || value === UNKNOWN)) continue;
            assert.equal(unwrapSecret(value).secret, true, `${program} ${name}: ${JSON.stringify(value)?.slice(0, 80)}`);
          }
        }
        if (!preview) assert.equal(unwrapSecret((result.exports.idsNamedByDerivedOutputs as Record<string, unknown>).digest).secret, true, "a named digest is secret");
        if (!preview) {
          assert.deepEqual(unwrapSecret(secretOnes.ids), { secret: true, value: wanted().slice(0, 1) });
          assert.equal(unwrapSecret(secretOnes.digest).secret, false, "outputs not declared secret stay plain");
        }
      });
    }
  });

  describe("a program using both functions and the resource", () => {
    it("lists, filters, shares identical listings, marks secrets and feeds other resources", async () => {
      const creatorId = emulator.store.groups(APP)[0]?.creatorId ?? "";
      const run = await runMockProgram({
        program: join(PROGRAMS, "bothForms.js"),
        config: emulatorConfig(emulator, { "lmg-test:appId": APP, "lmg-test:creatorId": creatorId }),
      });
      assert.equal(run.error, undefined, run.stderr);
      assert.doesNotMatch(run.stderr, /not a configuration key/, "known keys only: no warning");
      const plain = run.exports.plain as { ids: string[]; totalCount: number; id: string; deletedIds: string[] };
      assert.deepEqual(plain.ids, storedIds(emulator, APP));
      assert.equal(plain.totalCount, 120);
      assert.equal(plain.id, `cn-shanghai/${APP}`);
      assert.deepEqual(plain.deletedIds, storedIds(emulator, APP, (g) => g.deleted));

      const filtered = run.exports.filtered as { ids: string[]; creatorId: string; totalCount: number };
      assert.deepEqual(filtered.ids, storedIds(emulator, APP, (g) => g.creatorId === creatorId));
      assert.equal(filtered.creatorId, creatorId);
      assert.equal(filtered.totalCount, 120);

      const secret = unwrapSecret(run.exports.fromSecret);
      assert.equal(secret.secret, true, "a secret input makes the result secret");
      assert.deepEqual((secret.value as { ids: string[] }).ids, storedIds(emulator, APP, (g) => !g.deleted));

      assert.deepEqual(run.exports.resourceIds, storedIds(emulator, APP, (g) => !g.deleted));
      assert.deepEqual(run.exports.resourceExisting, run.exports.resourceIds);
      assert.equal(run.exports.resourceId, `cn-shanghai/${APP}`);

      const consumer = run.resources.find((r) => r.type === "test:index:Consumer");
      assert.deepEqual(consumer?.inputs.groupIds, filtered.ids);
      assert.deepEqual(Object.keys(consumer?.inputs.admins as object), run.exports.resourceIds);

      // `plain` and `filtered` share one listing of status "all": no full page was fetched twice.
      // (Single-group requests are the sdk's consistency probes, not pages of a listing.)
      const allStatusPages = listRequests()
        .filter((e) => e.params.GroupStatus === "0" && e.params.PageSize === "50" && e.status === 200)
        .map((e) => e.params.PageNumber);
      assert.ok(allStatusPages.length > 0);
      assert.equal(new Set(allStatusPages).size, allStatusPages.length, `pages fetched: ${allStatusPages.join(",")}`);
    });
  });

  describe("a call that waits for resources", () => {
    it("lists afresh instead of sharing a listing that started before they existed", async () => {
      // Slow answers: the first call's listing is still in flight when the resource exists.
      const slow = await startEmulator({ callsPerSecond: 0, latencyMs: 300, apps: [{ appId: APP, groups: 120 }] });
      try {
        const run = await runMockProgram({ program: join(PROGRAMS, "dependsOnFresh.js"), config: emulatorConfig(slow, { "lmg-test:appId": APP }) });
        assert.equal(run.error, undefined, run.stderr);
        assert.equal(run.exports.early, 120);
        assert.equal(run.exports.afterMarker, 120);
        const pages = slow.requestLog().filter((e) => e.action === "ListLiveMessageGroupByPage" && e.params.PageSize === "50").map((e) => e.params.PageNumber);
        assert.deepEqual(pages.sort(), ["1", "1", "2", "2", "3", "3"], "two listings, one per call");
      } finally {
        await slow.close();
      }
    });
  });

  describe("a provider of another account handed to the TypeScript layer", () => {
    it("is refused with a message saying what to use, whichever way it is handed; a component's alicloud provider is ignored", async () => {
      const run = await runMockProgram({ program: join(PROGRAMS, "accountProviders.js"), config: emulatorConfig(emulator, { "lmg-test:appId": APP }) });
      assert.equal(run.error, undefined, run.stderr);
      const expected: Record<string, RegExp> = {
        resourceWithProvider: /^LiveMessageGroups direct was given the provider option of package live-message-groups, which the TypeScript layer cannot use: .* read the account of the stack's alicloud:\* config .* use the provider plugin's resource or function \(type live-message-groups:index:LiveMessageGroups\)/,
        resourceWithAlicloudProvider: /^LiveMessageGroups alicloud was given the provider option of package alicloud, /,
        resourceWithProvidersList: /^LiveMessageGroups alicloudList was given the providers option of package alicloud, /,
        resourceWithProvidersMap: /^LiveMessageGroups alicloudMap was given the providers option of package alicloud, /,
        resourceUnderComponent: /^LiveMessageGroups child was given a provider inherited from its parent \(a component's providers\) of package live-message-groups, /,
        resourceNamedWithColons: /^LiveMessageGroups prod:eu:groups was given a provider inherited from its parent/,
        outputWithProvider: /^getLiveMessageGroupsOutput was given the provider option of package live-message-groups, /,
        outputUnderComponent: /^getLiveMessageGroupsOutput was given a provider inherited from its parent/,
        promiseWithProvider: /^getLiveMessageGroups was given the provider option of package alicloud, /,
      };
      for (const [name, pattern] of Object.entries(expected)) assert.match(String(run.exports[name]), pattern, name);
      assert.ok(typeof run.exports.underRegional === "number" || run.exports.underRegional === UNKNOWN, JSON.stringify(run.exports.underRegional));
    });
  });

  describe("a misspelled config key of the package's namespace", () => {
    it("is named once in a warning with the valid keys, instead of being ignored without a word", async () => {
      const run = await runMockProgram({
        program: join(PROGRAMS, "bothForms.js"),
        config: emulatorConfig(emulator, {
          "lmg-test:appId": APP, "lmg-test:creatorId": "nobody",
          "live-message-groups:requestspersecond": "5", "live-message-groups:pageSize": "10",
          // The provider plugin's keys (a second account reached through the plugin in the same stack): read, not misspelled.
          "live-message-groups:accessKey": "LTAIpluginAccount", "live-message-groups:secretKey": "plugin-secret-Qq1",
        }),
      });
      assert.equal(run.error, undefined, run.stderr);
      const warnings = run.stderr.split("\n").filter((line) => line.includes("not configuration keys of live-message-groups"));
      assert.equal(warnings.length, 1, run.stderr);
      assert.match(warnings[0] ?? "", /live-message-groups:pageSize, live-message-groups:requestspersecond: not configuration keys of live-message-groups, ignored \(valid keys: endpoint, dataCenter, requestsPerSecond, maxAttempts, timeoutMs, redisUrl, quotaKey\)/);
      const notes = run.stdout.split("\n").filter((line) => line.includes("read only by the provider plugin"));
      assert.equal(notes.length, 1, run.stdout);
      assert.match(notes[0] ?? "", /live-message-groups:accessKey, live-message-groups:secretKey: read only by the provider plugin .*read alicloud:accessKey, alicloud:secretKey instead\./);
      assert.ok(!run.stderr.includes("plugin-secret-Qq1") && !run.stdout.includes("plugin-secret-Qq1"));
    });
  });

  describe("@pulumi/alicloud keys that choose the identity or the Live endpoint, which listings do not read", () => {
    it("are each named once in a note with what listings use instead; the listing runs as configured", async () => {
      const run = await runMockProgram({
        program: join(PROGRAMS, "bothForms.js"),
        config: emulatorConfig(emulator, {
          "lmg-test:appId": APP, "lmg-test:creatorId": "nobody",
          "alicloud:assumeRole": JSON.stringify({ roleArn: "acs:ram::123:role/deployer", sessionName: "ci" }),
          "alicloud:sharedCredentialsFile": "/ci/aliyun.json",
          "alicloud:endpoints": JSON.stringify([{ live: "live-vpc.cn-shanghai.aliyuncs.com" }]),
          "alicloud:ecsRoleName": "",
        }),
      });
      assert.equal(run.error, undefined, run.stderr);
      const notes = run.stdout.split("\n").filter((line) => line.includes("getLiveMessageGroups and LiveMessageGroups: alicloud:"));
      assert.equal(notes.length, 3, run.stdout);
      assert.match(notes[0] ?? "", /alicloud:assumeRole: the role is not assumed: listings use alicloud:accessKey \/ alicloud:secretKey, alicloud:profile or the environment; to list as the role, name an aliyun CLI profile of mode RamRoleArn with alicloud:profile\.$/);
      assert.match(notes[1] ?? "", /alicloud:sharedCredentialsFile: not read: alicloud:profile names a profile of ~\/\.aliyun\/config\.json\.$/);
      assert.match(notes[2] ?? "", /alicloud:endpoints: its live endpoint is not read: listings use live-message-groups:endpoint, else the data center's public endpoint\.$/);
      assert.doesNotMatch(run.stdout + run.stderr, /deployer|aliyun\.json|live-vpc/, "names the keys, never their values");
    });
  });

  describe("a credential set in plain config (Pulumi stores the whole config in the dynamic-provider host's state)", () => {
    const config = (): Record<string, string> => emulatorConfig(emulator, {
      "lmg-test:appId": APP, "lmg-test:creatorId": "nobody",
      "live-message-groups:redisUrl": "redis://:redis-pass-Zz9@127.0.0.1:1", "live-message-groups:quotaKey": "plain-is-fine",
    });
    const plainWarnings = (stderr: string): string[] => stderr.split("\n").filter((line) => line.includes("set in plain text"));

    it("is named once in a warning, with the command that makes it secret, never its value", async () => {
      const run = await runMockProgram({
        program: join(PROGRAMS, "bothForms.js"), config: config(),
        env: { PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(["alicloud:accessKey"]) },
      });
      assert.equal(run.error, undefined, run.stderr);
      const warnings = plainWarnings(run.stderr);
      assert.equal(warnings.length, 1, run.stderr);
      assert.match(warnings[0] ?? "", /alicloud:secretKey, live-message-groups:redisUrl: set in plain text\. Pulumi stores the stack's configuration in the state of its dynamic-provider host \(pulumi:providers:pulumi-nodejs\), where only secret values are encrypted: set each with `pulumi config set --secret <key> <value>`\./);
      assert.ok(!run.stderr.includes(emulator.credentials.accessKeySecret) && !run.stderr.includes("redis-pass-Zz9"));
    });

    it("says nothing when they are secret, or when Pulumi does not tell which keys are", async () => {
      for (const secretKeys of [JSON.stringify(["alicloud:secretKey", "live-message-groups:redisUrl"]), undefined]) {
        const run = await runMockProgram({
          program: join(PROGRAMS, "bothForms.js"), config: config(),
          env: secretKeys === undefined ? {} : { PULUMI_CONFIG_SECRET_KEYS: secretKeys },
        });
        assert.equal(run.error, undefined, run.stderr);
        assert.deepEqual(plainWarnings(run.stderr), [], String(secretKeys));
      }
    });
  });

  describe("the serialized __provider", () => {
    it("holds no credential while credentials are set in the environment and in config", async () => {
      const secrets = {
        envId: "LTAIenvAccessKeyId000", envSecret: "envSecretValue-aaaaaaaaaaaa", envToken: "envSecurityToken-bbbbbbbb",
        legacyId: "LTAIlegacyKeyId00000", legacySecret: "legacySecretValue-ccccccc",
        configId: "LTAIconfigKeyId00000", configSecret: "configSecretValue-dddddddd", configToken: "configToken-eeeeeeeeee",
      };
      const run = await runMockProgram({
        program: join(PROGRAMS, "providerSecrets.js"), preview: true,
        config: { "lmg-test:appId": APP, "alicloud:accessKey": secrets.configId, "alicloud:secretKey": secrets.configSecret, "alicloud:securityToken": secrets.configToken },
        env: {
          ALIBABA_CLOUD_ACCESS_KEY_ID: secrets.envId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: secrets.envSecret, ALIBABA_CLOUD_SECURITY_TOKEN: secrets.envToken,
          ALICLOUD_ACCESS_KEY: secrets.legacyId, ALICLOUD_SECRET_KEY: secrets.legacySecret,
        },
      });
      assert.equal(run.error, undefined, run.stderr);
      const resource = run.resources.find((r) => r.type === "pulumi-nodejs:dynamic/live-message-groups:LiveMessageGroups");
      const serialized = resource?.inputs.__provider;
      assert.equal(typeof serialized, "string");
      // It is the shim: it loads the implementation by package name at run time.
      assert.match(serialized as string, /pulumi-alicloud-live-message-groups/);
      assert.doesNotMatch(serialized as string, /zod|openapi-client|accessKeySecret/);
      const everything = JSON.stringify(run.resources) + JSON.stringify(run.exports);
      for (const [name, value] of Object.entries(secrets)) {
        assert.ok(!everything.includes(value), `${name} leaked into resources or exports`);
      }
    });
  });
});
