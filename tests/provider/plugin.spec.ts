import assert from "node:assert/strict";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer, type Server } from "node:http";
import { join, resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { startEmulator } from "../../emulator";
import type { Emulator } from "../../emulator/types";
import { toStoredOutputs } from "../../provider/dynamic/liveMessageGroupsProvider";
import { getLiveMessageGroups } from "../../provider/getLiveMessageGroups";
import { noCredentialsMessage } from "../../provider/readLiveMessageGroups";
import { PLUGIN_CONFIG_KEYS } from "../../provider/settingsSources";
import type { GetLiveMessageGroupsArgs } from "../../provider/types";
import { ARGUMENT_NAMES } from "../../provider/validateArgs";
import type { LiveMessageGroupsError } from "../../sdk/errors";
import { emulatorConfig, storedIds } from "./support/emulatorConfig";
import { LOG_SEVERITY, startFakeEngine, type CallError, type EngineLogEntry, type FakeEngine } from "./support/grpcPlugin";
import { resourceUrn, startPlugin, type PluginClient } from "./support/pluginClient";
import { SECRET_SIG_KEY, UNKNOWN } from "./support/runMockProgram";

const APP = "plugin-app";
const OTHER_APP = "plugin-other-app";
const FUNCTION = "live-message-groups:index:getLiveMessageGroups";
const URN = resourceUrn("watched");
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** A loopback port nothing listens on: the environment's endpoint, which config must override. */
const DEAD_ENDPOINT = "http://127.0.0.1:9";
const DIFF = { NONE: 1, SOME: 2 } as const;
const ROOT = resolve(__dirname, "../../..");

const secret = (value: unknown): Record<string, unknown> => ({ [SECRET_SIG_KEY]: SECRET_SIG, value });
/** Output `ids` as the plugin always returns it (null where the detail has none: input `ids` is the filter). */
const withIds = (outputs: Record<string, unknown>): Record<string, unknown> => ("ids" in outputs ? outputs : { ...outputs, ids: null });
/**
 * The configuration key a CheckConfig failure is about, from its reason: failures name no property
 * (the engine would print that input's value, a secret one too), every reason names its key.
 */
const configKey = (f: { property: string; reason: string }): string => {
  assert.equal(f.property, "", `a failure names property ${f.property}: the engine would print its value`);
  return /^Invalid live-message-groups:(\w+): /.exec(f.reason)?.[1] ?? /^(\w+): not a configuration key/.exec(f.reason)?.[1] ?? f.reason;
};
const isSecret = (value: unknown): boolean => typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG;

describe("provider plugin pulumi-resource-live-message-groups (started and driven over gRPC as the engine does)", function () {
  this.timeout(120_000);
  let emulator: Emulator;
  let plugin: PluginClient;
  let workDir: string;
  let credentials: string[];

  /** The plugin's provider configuration as the engine sends it: typed args, credentials as secrets. */
  const configArgs = (extra: Record<string, unknown> = {}): Record<string, unknown> => Object.fromEntries(Object.entries({
    endpoint: emulator.url,
    accessKey: secret(emulator.credentials.accessKeyId),
    secretKey: secret(emulator.credentials.accessKeySecret),
    ...extra,
  }).filter(([, v]) => v !== undefined));

  before(async () => {
    emulator = await startEmulator({ callsPerSecond: 0, apps: [{ appId: APP, groups: 60, deletedFraction: 0.2 }, { appId: OTHER_APP, groups: 3 }] });
    workDir = mkdtempSync(join(tmpdir(), "lmg-plugin-"));
    // The environment holds a wrong key pair and a dead endpoint: config must win over both.
    plugin = await startPlugin({
      mode: "bin", cwd: workDir,
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIwrongEnvKey", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "wrong-env-secret", LIVE_MESSAGE_GROUPS_ENDPOINT: DEAD_ENDPOINT },
    });
    credentials = [emulator.credentials.accessKeySecret, "wrong-env-secret"];
    // The TypeScript function reads the same settings from the program's stack config.
    pulumi.runtime.setAllConfig(emulatorConfig(emulator));
  });
  after(async () => {
    pulumi.runtime.setAllConfig({});
    await plugin?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
    await emulator?.close();
  });

  it("GetPluginInfo reports the npm package's version", async () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    assert.equal(await plugin.getPluginInfo(), manifest.version);
  });

  it("GetSchema: every token, $ref and required property resolves; every property has a type and a description; the fields are the TypeScript function's", async () => {
    interface Spec { type?: string; $ref?: string; description?: string; items?: Spec; additionalProperties?: Spec; secret?: boolean; enum?: { value: string }[] }
    interface ObjectSpec { properties: Record<string, Spec>; required?: string[] }
    const schema = JSON.parse(await plugin.getSchema()) as {
      name: string; version: string; config: { variables: Record<string, Spec> }; provider: { inputProperties: Record<string, Spec> };
      types: Record<string, Spec & Partial<ObjectSpec>>; functions: Record<string, { description: string; inputs: ObjectSpec; outputs: ObjectSpec }>;
      resources: Record<string, { description: string; inputProperties: Record<string, Spec>; requiredInputs: string[]; properties: Record<string, Spec>; required: string[] }>;
      language: { python: { packageName: string }; go: { importBasePath: string }; csharp: { rootNamespace: string }; nodejs: { packageName: string } };
    };
    const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    assert.equal(schema.name, "live-message-groups");
    assert.equal(schema.version, manifest.version);
    const tokens = [...Object.keys(schema.types), ...Object.keys(schema.functions), ...Object.keys(schema.resources)];
    for (const token of tokens) assert.match(token, /^live-message-groups:index:[A-Za-z]+$/);
    assert.deepEqual(Object.keys(schema.functions), [FUNCTION]);
    assert.deepEqual(Object.keys(schema.resources), ["live-message-groups:index:LiveMessageGroups"]);
    const checkType = (where: string, spec: Spec | undefined): void => {
      assert.ok(spec !== undefined, `${where}: no type`);
      if (spec.$ref !== undefined) {
        const target = spec.$ref.replace(/^#\/types\//, "");
        assert.ok(spec.$ref.startsWith("#/types/") && schema.types[target] !== undefined, `${where}: $ref ${spec.$ref} does not resolve`);
      } else {
        assert.ok(["string", "integer", "number", "boolean", "array", "object"].includes(spec.type ?? ""), `${where}: type ${spec.type}`);
      }
      if (spec.type === "array") checkType(`${where}[]`, spec.items);
      if (spec.type === "object" && spec.$ref === undefined && spec.additionalProperties !== undefined) checkType(`${where}{}`, spec.additionalProperties);
    };
    const checkProperties = (where: string, properties: Record<string, Spec>, required: readonly string[] = []): void => {
      assert.ok(Object.keys(properties).length > 0, `${where}: no properties`);
      for (const [name, spec] of Object.entries(properties)) {
        assert.ok(typeof spec.type === "string", `${where}.${name}: no type`);
        assert.ok((spec.description ?? "").trim().length > 10, `${where}.${name}: no description`);
        checkType(`${where}.${name}`, spec);
      }
      for (const name of required) assert.ok(properties[name] !== undefined, `${where}: required ${name} is not a property`);
    };
    checkProperties("config", schema.config.variables);
    checkProperties("provider", schema.provider.inputProperties);
    for (const [token, type] of Object.entries(schema.types)) {
      assert.ok((type.description ?? "").length > 10, `${token}: no description`);
      if (type.type === "object") checkProperties(token, type.properties ?? {}, type.required);
      else assert.ok((type.enum ?? []).length > 1 && type.enum?.every((e) => typeof e.value === "string"), `${token}: not an enum`);
    }
    for (const [token, fn] of Object.entries(schema.functions)) {
      checkProperties(`${token} inputs`, fn.inputs.properties, fn.inputs.required);
      checkProperties(`${token} outputs`, fn.outputs.properties, fn.outputs.required);
    }
    for (const [token, resource] of Object.entries(schema.resources)) {
      checkProperties(`${token} inputs`, resource.inputProperties, resource.requiredInputs);
      checkProperties(`${token} outputs`, resource.properties, resource.required);
      // A stored list names the details whose state holds it (the generated SDKs' field comments).
      for (const [name, details] of [["ids", "`ids`"], ["deletedIds", "`ids`"], ["groups", "`full`"]] as const) {
        assert.match(resource.properties[name]?.description ?? "", new RegExp(`Detail ${details} \\(null in the others\\)\\.$`), `${token}.${name}`);
      }
    }
    for (const key of ["accessKey", "secretKey", "securityToken"]) {
      assert.equal(schema.config.variables[key]?.secret, true, `config ${key} is secret`);
      assert.equal(schema.provider.inputProperties[key]?.secret, true, `provider input ${key} is secret`);
    }
    for (const key of ["endpoint", "dataCenter", "requestsPerSecond", "maxAttempts", "timeoutMs", "profile"]) assert.ok(schema.config.variables[key], key);
    // The same fields as the TypeScript layer: its validator's arguments, and a real result with every field set.
    const fn = schema.functions[FUNCTION];
    assert.deepEqual(Object.keys(fn?.inputs.properties ?? {}), [...ARGUMENT_NAMES]);
    assert.deepEqual(fn?.inputs.required, ["appId"]);
    const allArgs: GetLiveMessageGroupsArgs = {
      appId: APP, dataCenter: "cn-shanghai", groupStatus: "all", sortOrder: "asc", pageSize: 50, endpoint: emulator.url, requestsPerSecond: 100,
      maxAttempts: 3, timeoutMs: 60_000, ids: ["x"], nameRegex: ".", creatorId: "u", outputFile: join(workDir, "schema-check.json"),
    };
    const full = JSON.parse(JSON.stringify(await getLiveMessageGroups({ ...allArgs, detail: "full" }))) as Record<string, unknown>;
    const minimal = JSON.parse(JSON.stringify(await getLiveMessageGroups({ appId: APP, detail: "summary" }))) as Record<string, unknown>;
    assert.deepEqual(Object.keys(fn?.outputs.properties ?? {}).sort(), Object.keys(full).sort());
    assert.deepEqual([...(fn?.outputs.required ?? [])].sort(), Object.keys(minimal).sort());
    const resource = schema.resources["live-message-groups:index:LiveMessageGroups"];
    // The resource's filter is `requestedIds` (the function's `ids`): its output `ids` holds the IDs found.
    assert.deepEqual(Object.keys(resource?.inputProperties ?? {}), ARGUMENT_NAMES.map((name) => (name === "ids" ? "requestedIds" : name)));
    // The resource's outputs are what the dynamic resource stores, in any detail.
    const storedKeys = new Set<string>();
    for (const detail of ["full", "ids", "summary"] as const) for (const key of Object.keys(toStoredOutputs(await getLiveMessageGroups({ ...allArgs, detail })))) storedKeys.add(key);
    assert.deepEqual(Object.keys(resource?.properties ?? {}).sort(), [...storedKeys].sort());
    assert.deepEqual([...(resource?.required ?? [])].sort(), Object.keys(toStoredOutputs(await getLiveMessageGroups({ appId: APP, detail: "summary" }))).sort());
    assert.ok(schema.language.python.packageName && schema.language.go.importBasePath && schema.language.csharp.rootNamespace && schema.language.nodejs.packageName);
  });

  it("GetSchema: no language section pins Pulumi's SDK, so each generated SDK asks for the one its code needs", async () => {
    // A pin overrides the code generator's own minimum: the 3.276 CLI writes a Node.js SDK that calls
    // `pulumi.runtime.existsResource` (from 3.269), and `^3.145.0` let npm keep a project's older
    // @pulumi/pulumi, on which the SDK's postinstall `tsc` fails; likewise a Python SDK on an older `pulumi`.
    const { language } = JSON.parse(await plugin.getSchema()) as {
      language: { nodejs: { dependencies?: Record<string, string>; devDependencies?: Record<string, string>; peerDependencies?: Record<string, string> }; python: { requires?: Record<string, string> } };
    };
    for (const field of ["dependencies", "devDependencies", "peerDependencies"] as const) {
      assert.equal(language.nodejs[field]?.["@pulumi/pulumi"], undefined, `language.nodejs.${field} pins @pulumi/pulumi`);
    }
    assert.equal(language.python.requires?.pulumi, undefined, "language.python.requires pins pulumi");
  });

  it("CheckConfig accepts good configuration (strings as the engine sends stack config, or typed) and reports each bad key, never echoing a credential", async () => {
    const good = await plugin.checkConfig({ endpoint: emulator.url, dataCenter: "ap-southeast-1", requestsPerSecond: "20", maxAttempts: 3, timeoutMs: "60000", accessKey: "LTAIsomething", secretKey: "s3cr3t-value" });
    assert.deepEqual(good.failures, []);
    // The keys the schema marks secret come back secret even when set in plain text, so the engine
    // encrypts them in state; the rest come back as they were.
    assert.ok(isSecret(good.inputs.accessKey) && isSecret(good.inputs.secretKey), JSON.stringify(good.inputs));
    assert.ok(!isSecret(good.inputs.endpoint) && !isSecret(good.inputs.dataCenter));
    const alreadySecret = await plugin.checkConfig({ accessKey: secret("LTAIsomething"), secretKey: secret("s3cr3t-value"), redisUrl: "redis://127.0.0.1:6379" });
    assert.deepEqual([alreadySecret.inputs.secretKey, alreadySecret.inputs.redisUrl].map(isSecret), [true, true]);
    assert.equal((alreadySecret.inputs.secretKey as { value: unknown }).value, "s3cr3t-value", "wrapped once");
    // A credential a CRLF file left a "\r" on is named, never quoted.
    const crlf = await plugin.checkConfig({ accessKey: "LTAIsomething\r", secretKey: "s3cr3t-value\r" });
    assert.deepEqual(crlf.failures.map(configKey), ["accessKey"]);
    const crlfSecret = await plugin.checkConfig({ accessKey: "LTAIsomething", secretKey: "s3cr3t-value\r" });
    assert.deepEqual(crlfSecret.failures.map(configKey), ["secretKey"]);
    assert.ok(!JSON.stringify(crlfSecret.failures).includes("s3cr3t"));
    const bad = await plugin.checkConfig({ endpoint: "ftp://x", dataCenter: "eu-central-1", requestsPerSecond: "0.1", maxAttempts: "0", timeoutMs: "soon", secretKey: "leaked-config-secret" });
    assert.deepEqual(bad.failures.map(configKey).sort(), ["accessKey", "dataCenter", "endpoint", "maxAttempts", "requestsPerSecond", "timeoutMs"]);
    for (const f of bad.failures) assert.match(f.reason, /^Invalid live-message-groups:\w+: expected /, f.reason);
    // The inputs go back to the engine as they came (it keeps them secret); the failures never quote a credential.
    assert.ok(!JSON.stringify(bad.failures).includes("leaked-config-secret"));
    const withUserinfo = await plugin.checkConfig({ endpoint: "https://LTAIabc:EndpointSecret123@live.aliyuncs.com" });
    assert.deepEqual(withUserinfo.failures.map(configKey), ["endpoint"]);
    assert.ok(!JSON.stringify(withUserinfo.failures).includes("EndpointSecret123"), JSON.stringify(withUserinfo.failures));
    const unknown = await plugin.checkConfig({ endpoint: UNKNOWN });
    assert.deepEqual(unknown.failures, []);
    // An empty value is unset, as Configure reads it (a YAML provider's `endpoint: ""`): no failure.
    const empty = await plugin.checkConfig({ endpoint: "", dataCenter: "", requestsPerSecond: "", redisUrl: "", quotaKey: "" });
    assert.deepEqual(empty.failures, []);
    // One half of the key pair unknown in a preview (a secret from another resource), plain or secret: set, not missing.
    for (const half of [{ accessKey: "LTAIsomething", secretKey: UNKNOWN }, { accessKey: UNKNOWN, secretKey: secret(UNKNOWN) }, { accessKey: secret("LTAIsomething"), secretKey: secret(UNKNOWN) }]) {
      assert.deepEqual((await plugin.checkConfig(half)).failures, [], JSON.stringify(half));
    }
    // The known half is still checked, and secret values are checked as their text.
    const badKeyId = await plugin.checkConfig({ accessKey: "LTAIsomething\r", secretKey: UNKNOWN });
    assert.deepEqual(badKeyId.failures.map(configKey), ["accessKey"]);
    // The schema marks accessKey secret: its value is never echoed, not even the AccessKeyId.
    assert.doesNotMatch(JSON.stringify(badKeyId.failures), /LTAIsomething/);
    assert.match(badKeyId.failures[0]?.reason ?? "", /accessKey: expected a non-empty string without spaces or control characters, received a secret value \(not shown\)/);
    assert.deepEqual((await plugin.checkConfig({ accessKey: secret("LTAIsomething"), secretKey: secret("s3cr3t-value\r") })).failures.map(configKey), ["secretKey"]);
    // A misspelled key would be ignored and a default used: each is named, with the valid keys.
    const misspelled = await plugin.checkConfig({ secretkey: "s3cr3t-typo", endPoint: emulator.url, dataCentre: "ap-southeast-1", version: "0.1.0" });
    assert.deepEqual(misspelled.failures.map(configKey).sort(), ["dataCentre", "endPoint", "secretkey"]);
    for (const f of misspelled.failures) assert.match(f.reason, /not a configuration key of live-message-groups \(valid keys: endpoint, dataCenter, .*secretKey/);
    assert.ok(!JSON.stringify(misspelled.failures).includes("s3cr3t-typo"));
    // A key name with control characters (a YAML provider's properties) is named escaped.
    const odd = await plugin.checkConfig({ "bad\nkey\u202e": "x" });
    assert.equal(odd.failures.length, 1);
    assert.ok(odd.failures[0]?.reason.startsWith("bad\\nkey\\u202e: not a configuration key"), odd.failures[0]?.reason);
    assert.doesNotMatch(odd.failures[0]?.reason ?? "", /[\n\u202e]/);
  });

  it("DiffConfig names the changed keys and never asks to replace", async () => {
    assert.deepEqual(await plugin.diffConfig({ endpoint: "a:1" }, { endpoint: "a:1" }), { changes: DIFF.NONE, diffs: [] });
    assert.deepEqual(await plugin.diffConfig({ endpoint: "a:1", maxAttempts: "3" }, { endpoint: "b:1", timeoutMs: "5" }), { changes: DIFF.SOME, diffs: ["endpoint", "maxAttempts", "timeoutMs"] });
    // A credential stored plain (before the schema marked it secret) and sent secret now is no change; another value is.
    assert.deepEqual(await plugin.diffConfig({ accessKey: "LTAIsame", secretKey: "s" }, { accessKey: secret("LTAIsame"), secretKey: secret("s") }), { changes: DIFF.NONE, diffs: [] });
    assert.deepEqual(await plugin.diffConfig({ accessKey: "LTAIsame" }, { accessKey: secret("LTAIother") }), { changes: DIFF.SOME, diffs: ["accessKey"] });
  });

  it("Configure takes secret credentials and declares secrets and preview support", async () => {
    assert.deepEqual(await plugin.configure({ args: configArgs() }), { acceptSecrets: true, supportsPreview: true });
    const result = await plugin.invoke(FUNCTION, { appId: APP });
    assert.deepEqual(result.failures, []);
    assert.deepEqual(result.outputs.ids, storedIds(emulator, APP));
  });

  describe("Invoke getLiveMessageGroups returns exactly what the TypeScript function returns", () => {
    const filters: { name: string; args: (e: Emulator) => Partial<GetLiveMessageGroupsArgs> }[] = [
      { name: "no filter", args: () => ({}) },
      { name: "ids", args: (e) => ({ ids: [...storedIds(e, APP).filter((_, i) => i % 7 === 0), "no-such-group"] }) },
      { name: "nameRegex", args: (e) => ({ nameRegex: `^${(e.store.groups(APP)[0]?.groupName ?? "x").split(" ")[0] ?? "x"}` }) },
      { name: "creatorId", args: (e) => ({ creatorId: e.store.groups(APP)[3]?.creatorId ?? "" }) },
      { name: "all filters, settings echoed", args: (e) => ({ ids: storedIds(e, APP).slice(0, 30), nameRegex: "e", creatorId: e.store.groups(APP)[3]?.creatorId ?? "", pageSize: 7, requestsPerSecond: 500, maxAttempts: 2, timeoutMs: 60_000, dataCenter: "cn-shanghai" }) },
    ];
    for (const groupStatus of ["all", "existing", "deleted"] as const) {
      for (const sortOrder of ["asc", "desc"] as const) {
        for (const detail of [undefined, "full", "ids", "summary"] as const) {
        for (const filter of filters) {
          it(`groupStatus ${groupStatus}, sortOrder ${sortOrder}, detail ${detail ?? "(default)"}, ${filter.name}`, async () => {
            const args: GetLiveMessageGroupsArgs = { appId: APP, groupStatus, sortOrder, ...(detail === undefined ? {} : { detail }), ...filter.args(emulator) };
            const expected = JSON.parse(JSON.stringify(await getLiveMessageGroups(args))) as Record<string, unknown>;
            const actual = await plugin.invoke(FUNCTION, args as unknown as Record<string, unknown>);
            assert.deepEqual(actual.failures, []);
            assert.deepEqual(actual.outputs, expected);
            assert.match(String(expected.digest), /^[0-9a-f]{64}$/);
            if (Array.isArray(expected.ids)) {
              // The counts agree with the lists they count (the function's own result, checked, not only echoed).
              assert.equal((expected.existingCount as number) + (expected.deletedCount as number), expected.ids.length);
              assert.equal(expected.deletedCount, (expected.deletedIds as unknown[]).length);
              const deletedInStore = new Set(storedIds(emulator, APP, (g) => g.deleted));
              assert.ok((expected.deletedIds as string[]).every((id) => deletedInStore.has(id)), "deletedIds are deleted groups");
            }
          });
        }
        }
      }
    }
  });

  it("Invoke writes outputFile relative to the plugin's working directory, as the TypeScript function does to the program's", async () => {
    const result = await plugin.invoke(FUNCTION, { appId: APP, groupStatus: "deleted", outputFile: "out/groups.json" });
    const written = JSON.parse(readFileSync(join(workDir, "out", "groups.json"), "utf8")) as Record<string, unknown>;
    assert.deepEqual(written, result.outputs);
  });

  it("a secret argument makes every output of Invoke secret", async () => {
    const result = await plugin.invoke(FUNCTION, { appId: secret(APP), groupStatus: "existing" });
    assert.ok(Object.values(result.outputs).every(isSecret));
    assert.deepEqual((result.outputs.ids as { value: unknown }).value, storedIds(emulator, APP, (g) => !g.deleted));
  });

  it("a secret argument's value is never quoted in an error, from Invoke, Create, Read or Update", async () => {
    const hidden = "tenant-acme-private";
    const invoked = await plugin.invoke(FUNCTION, { appId: secret(hidden), maxAttempts: 1 }).then(() => assert.fail("invoke succeeded"), (e: Error) => e);
    assert.match(invoked.message, /ResourceNotExist/);
    assert.ok(!invoked.message.includes(hidden), invoked.message);
    const badRegex = await plugin.invoke(FUNCTION, { appId: APP, nameRegex: secret("(?<pw>hunter2") }).then(() => assert.fail("invoke succeeded"), (e: Error) => e);
    assert.match(badRegex.message, /nameRegex/);
    assert.ok(!badRegex.message.includes("hunter2"), badRegex.message);
    // Nor as a message would quote it: JSON-escaped, control characters escaped, cut short, a number.
    const refused: [string, unknown][] = [
      ["nameRegex", '(hunter2"pw'], ["endpoint", "https://hunter2\tpw:1"], ["dataCenter", `hunter2-${"x".repeat(80)}`],
      ["appId", "hunter2-app\u0007"], ["requestsPerSecond", 31337.25], ["pageSize", 4242],
    ];
    for (const [name, value] of refused) {
      const error = await plugin.invoke(FUNCTION, { appId: APP, [name]: secret(value) }).then(() => assert.fail(`invoke with ${name} succeeded`), (e: Error) => e);
      assert.match(error.message, new RegExp(`Invalid ${name}: .*received a secret value \\(not shown\\)`));
      assert.ok(!/hunter2|31337|4242/.test(error.message), error.message);
    }
    const created = await plugin.create(URN, { appId: secret(hidden), dataCenter: "cn-shanghai", groupStatus: "all", sortOrder: "asc", detail: "summary" })
      .then(() => assert.fail("create succeeded"), (e: Error) => e);
    assert.ok(!created.message.includes(hidden), created.message);
    // Read and Update of a stored resource whose secret argument is now refused (a bad pattern).
    const stored = { appId: APP, dataCenter: "cn-shanghai", groupStatus: "all", sortOrder: "asc", detail: "summary", nameRegex: secret("(?<pw>hunter2") };
    const read = await plugin.read(`cn-shanghai/${APP}`, URN, stored).then(() => assert.fail("read succeeded"), (e: Error) => e);
    const updated = await plugin.update(`cn-shanghai/${APP}`, URN, stored, stored).then(() => assert.fail("update succeeded"), (e: Error) => e);
    for (const error of [read, updated]) {
      assert.match(error.message, /nameRegex/);
      assert.ok(!error.message.includes("hunter2"), error.message);
    }
  });

  it("settings precedence: explicit argument, then provider config, then environment", async () => {
    // The environment's endpoint is dead; config names the emulator.
    assert.equal((await plugin.invoke(FUNCTION, { appId: OTHER_APP })).outputs.totalCount, 3);
    // Config names a dead endpoint; the argument names the emulator.
    await plugin.configure({ args: configArgs({ endpoint: DEAD_ENDPOINT }) });
    assert.equal((await plugin.invoke(FUNCTION, { appId: OTHER_APP, endpoint: emulator.url })).outputs.totalCount, 3);
    // Without config, the environment's dead endpoint is used.
    await plugin.configure({ args: configArgs({ endpoint: undefined }) });
    await assert.rejects(plugin.invoke(FUNCTION, { appId: OTHER_APP, maxAttempts: 1 }), (error: Error) => error.message.startsWith("Network: "));
    // Older engines send `<pkg>:config:<key>` variables only.
    await plugin.configure({ variables: {
      "live-message-groups:config:endpoint": emulator.url,
      "live-message-groups:config:accessKey": emulator.credentials.accessKeyId,
      "live-message-groups:config:secretKey": emulator.credentials.accessKeySecret,
    } });
    assert.equal((await plugin.invoke(FUNCTION, { appId: OTHER_APP })).outputs.totalCount, 3);
    await plugin.configure({ args: configArgs() });
  });

  it("errors keep the TypeScript layer's kind, code, RequestId and advice", async () => {
    const args = { appId: "no-such-app", maxAttempts: 1 };
    const expected = await getLiveMessageGroups(args).then(() => assert.fail("listing an unknown app succeeded"), (e: LiveMessageGroupsError) => e);
    const error = await plugin.invoke(FUNCTION, args).then(() => assert.fail("invoke succeeded"), (e: CallError) => e);
    const requestId = String(error.metadata?.get("lmg-request-id")[0]);
    assert.equal(error.metadata?.get("lmg-kind")[0], expected.kind);
    assert.equal(error.metadata?.get("lmg-code")[0], expected.code);
    assert.equal(error.metadata?.get("lmg-http-status")[0], String(expected.httpStatus));
    assert.match(requestId, /\S/);
    // Same message but for the RequestId of this second request.
    const withoutRequestId = (text: string, id: string): string => text.replace(id, "<RequestId>");
    assert.equal(withoutRequestId(error.message, requestId), withoutRequestId(`${expected.kind}: ${expected.message}`, expected.requestId ?? ""));
    assert.match(error.message, /^ClientError: app no-such-app not found in data center cn-shanghai: check appId and dataCenter/);
    // A bad argument: InvalidArgument naming the parameter and its allowed values.
    const invalid = await plugin.invoke(FUNCTION, { appId: APP, pageSize: 51 }).then(() => assert.fail("invoke succeeded"), (e: CallError) => e);
    const tsInvalid = await getLiveMessageGroups({ appId: APP, pageSize: 51 }).then(() => assert.fail("succeeded"), (e: Error) => e);
    assert.equal(invalid.message, `InvalidArgument: ${tsInvalid.message}`);
    assert.match(invalid.message, /pageSize: expected an integer from 1 to 50/);
  });

  it("an error whose Code or RequestId is not printable ASCII (a gateway's) is answered, its facts escaped in the metadata, for Invoke and Create", async () => {
    // A gateway in front of the service answers in its own words: a Chinese code and an ANSI escape in the RequestId.
    const gateway: Server = createServer((_request, response) => {
      response.writeHead(403, { "content-type": "application/json" });
      response.end(JSON.stringify({ RequestId: "RID\u001b[31m-1", Code: "请求被拒绝", Message: "rejected by the gateway" }));
    });
    await new Promise<void>((resolve) => gateway.listen(0, "127.0.0.1", resolve));
    try {
      const endpoint = `http://127.0.0.1:${(gateway.address() as { port: number }).port}`;
      const answered = <T>(call: Promise<T>): Promise<CallError> => Promise.race([
        call.then(() => assert.fail("the call succeeded"), (error: CallError) => error),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no answer in 20 s")), 20_000).unref()),
      ]);
      const invoked = await answered(plugin.invoke(FUNCTION, { appId: APP, endpoint, maxAttempts: 1 }));
      assert.equal(invoked.metadata?.get("lmg-code")[0], "\\u8bf7\\u6c42\\u88ab\\u62d2\\u7edd");
      assert.equal(invoked.metadata?.get("lmg-request-id")[0], "RID\\x1b[31m-1");
      assert.equal(invoked.metadata?.get("lmg-kind")[0], "ClientError");
      assert.equal(invoked.message, "ClientError: the service rejected the request: rejected by the gateway (code 请求被拒绝, HTTP 403, RequestId RID\\x1b[31m-1, 1 attempt).");
      const created = await answered(plugin.create(resourceUrn("behind-a-gateway"), {
        appId: APP, dataCenter: "cn-shanghai", groupStatus: "all", sortOrder: "asc", detail: "summary", endpoint, maxAttempts: 1,
      }));
      assert.equal(created.metadata?.get("lmg-code")[0], "\\u8bf7\\u6c42\\u88ab\\u62d2\\u7edd");
      assert.match(created.message, /^ClientError: .*rejected by the gateway/);
      assert.match(await plugin.getPluginInfo(), /^\d+\.\d+\.\d+/, "the plugin is still serving");
    } finally {
      await new Promise((resolve) => gateway.close(resolve));
    }
  });

  describe("the LiveMessageGroups resource", () => {
    let created: { id: string; properties: Record<string, unknown> };

    it("Check fills the listing defaults, keeps secret inputs secret, and accepts unknown values", async () => {
      const checked = await plugin.check(URN, {}, { appId: APP });
      // With every input known, Check lists and records the digest (the dynamic provider's drift check).
      const { checkedDigest, checkedTotalCount, ...inputs } = checked.inputs;
      assert.deepEqual({ inputs, failures: checked.failures }, { inputs: { appId: APP, dataCenter: "cn-shanghai", groupStatus: "all", sortOrder: "asc", detail: "summary" }, failures: [] });
      assert.match(String(checkedDigest), /^[0-9a-f]{64}$/);
      assert.equal(checkedTotalCount, emulator.store.groups(APP).length, "and the count before the filters");
      const secretApp = await plugin.check(URN, {}, { appId: secret(APP), requestedIds: ["g1"] });
      assert.ok(isSecret(secretApp.inputs.appId));
      assert.deepEqual(secretApp.inputs.requestedIds, ["g1"]);
      // The state of a resource made when the filter was the input `ids`: read as requestedIds.
      assert.deepEqual((await plugin.check(URN, {}, { appId: APP, ids: ["g1"] })).inputs.requestedIds, ["g1"]);
      // The digest of a listing a secret shaped is secret too, as every output is.
      assert.ok(isSecret(secretApp.inputs.checkedDigest), JSON.stringify(secretApp.inputs));
      assert.ok(isSecret(secretApp.inputs.checkedTotalCount), JSON.stringify(secretApp.inputs));
      const preview = await plugin.check(URN, {}, { appId: UNKNOWN, requestedIds: [UNKNOWN], dataCenter: UNKNOWN });
      assert.deepEqual(preview, { inputs: { appId: UNKNOWN, requestedIds: [UNKNOWN], dataCenter: UNKNOWN, groupStatus: "all", sortOrder: "asc", detail: "summary" }, failures: [] });
    });

    it("Check reports each bad argument by name, never echoing a value", async () => {
      const cases: { news: Record<string, unknown>; properties: string[] }[] = [
        { news: { appId: "" }, properties: ["appId"] },
        { news: { appId: APP, pageSize: 51, sortOrder: "up" }, properties: ["sortOrder", "pageSize"] },
        { news: { appId: APP, dataCenter: "eu-central-1", nameRegex: "([" }, properties: ["dataCenter", "nameRegex"] },
        { news: { appId: APP, accessKeySecret: "leaked-secret-value" }, properties: ["accessKeySecret"] },
        { news: { appId: APP, requestedIds: "g1", maxAttempts: 0 }, properties: ["maxAttempts", "requestedIds"] },
      ];
      for (const { news, properties } of cases) {
        const checked = await plugin.check(URN, {}, news);
        assert.deepEqual(checked.failures.map((f) => f.property), properties.map(() => ""), JSON.stringify(news));
        assert.deepEqual(checked.failures.map((f) => f.reason.slice(0, f.reason.indexOf(": expected"))), properties, JSON.stringify(checked.failures));
        assert.ok(!JSON.stringify(checked.failures).includes("leaked-secret-value"));
      }
    });

    it("preview: Create echoes the arguments and leaves the listing's outputs unknown, without a request", async () => {
      emulator.resetStats();
      const checked = await plugin.check(URN, {}, { appId: UNKNOWN, requestedIds: ["g1"] });
      const preview = await plugin.create(URN, checked.inputs, true);
      assert.equal(preview.id, "");
      assert.deepEqual(preview.properties, {
        appId: UNKNOWN, requestedIds: ["g1"], dataCenter: "cn-shanghai", groupStatus: "all", sortOrder: "asc", detail: "summary",
        totalCount: UNKNOWN, existingCount: UNKNOWN, deletedCount: UNKNOWN, digest: UNKNOWN, ids: null,
      });
      assert.equal(emulator.stats().requests, 0);
      // (Check lists when every input is known; the preview Create still does not.)
      const fullInputs = (await plugin.check(URN, {}, { appId: APP, detail: "full" })).inputs;
      emulator.resetStats();
      const full = await plugin.create(URN, fullInputs, true);
      assert.equal(full.properties.groups, UNKNOWN);
      assert.equal(full.properties.checkedDigest, undefined);
      assert.equal(emulator.stats().requests, 0);
    });

    it("Create lists the groups into the outputs the dynamic resource stores, in every detail", async () => {
      for (const detail of ["full", "ids", "summary"] as const) {
        const checked = await plugin.check(URN, {}, { appId: APP, detail });
        const made = await plugin.create(URN, checked.inputs);
        assert.equal(made.id, `cn-shanghai/${APP}`);
        assert.deepEqual(made.properties, withIds(toStoredOutputs(await getLiveMessageGroups({ appId: APP, detail }))), detail);
      }
      const checked = await plugin.check(URN, {}, { appId: APP });
      created = await plugin.create(URN, checked.inputs);
      assert.equal(created.properties.detail, "summary");
      assert.equal(created.properties.existingCount, storedIds(emulator, APP, (g) => !g.deleted).length);
    });

    it("Read after nothing changed returns identical outputs and the stored arguments as inputs", async () => {
      const refreshed = await plugin.read(created.id, URN, created.properties);
      assert.equal(refreshed.id, created.id);
      assert.deepEqual(refreshed.properties, created.properties);
      // checkedDigest and checkedTotalCount: the refreshed ones, so an accepted refresh stores inputs the next refresh compares against.
      assert.deepEqual(refreshed.inputs, {
        appId: APP, dataCenter: "cn-shanghai", groupStatus: "all", sortOrder: "asc", detail: "summary", checkedDigest: created.properties.digest, checkedTotalCount: created.properties.totalCount,
      });
    });

    it("a secret argument makes every output of Create, Read and Update secret (the engine does not mark them again)", async () => {
      const args = { appId: secret(APP), dataCenter: "cn-shanghai", groupStatus: "all", sortOrder: "asc", detail: "ids" };
      const checked = await plugin.check(URN, {}, args);
      const plainOutputs = (outputs: Record<string, unknown>): string[] =>
        Object.entries(outputs).filter(([, value]) => value !== undefined && value !== null && !isSecret(value)).map(([name]) => name);
      const made = await plugin.create(URN, checked.inputs);
      assert.ok(Array.isArray((made.properties.ids as { value?: unknown }).value), "the listing is there, wrapped");
      assert.deepEqual(plainOutputs(made.properties), []);
      const read = await plugin.read(made.id, URN, made.properties);
      assert.deepEqual(plainOutputs(read.properties), []);
      assert.deepEqual(plainOutputs(await plugin.update(made.id, URN, made.properties, checked.inputs)), []);
    });

    it("Read (a refresh) returns secret the inputs Check made secret, no others: the next up after drift names no argument as changed", async () => {
      const checked = await plugin.check(URN, {}, { appId: secret(APP), detail: "ids" });
      const made = await plugin.create(URN, checked.inputs);
      const secretNames = (inputs: Record<string, unknown>): string[] => Object.keys(inputs).filter((name) => isSecret(inputs[name])).sort();
      assert.deepEqual(secretNames(checked.inputs), ["appId", "checkedDigest", "checkedTotalCount"]);
      // The engine sends the stored inputs with a refresh: an accepted refresh stores the inputs it
      // returns, which the next Check's are compared against (a plain dataCenter against a secret
      // one showed as `[diff: ~dataCenter,detail,groupStatus,sortOrder]` once the groups drifted).
      const refreshed = await plugin.read(made.id, URN, made.properties, checked.inputs);
      assert.deepEqual(secretNames(refreshed.inputs), secretNames(checked.inputs), JSON.stringify(refreshed.inputs));
      assert.equal(refreshed.inputs.dataCenter, "cn-shanghai");
      // Without stored inputs (an older engine), every input is secret, as every output is.
      const unknownInputs = await plugin.read(made.id, URN, made.properties);
      assert.deepEqual(secretNames(unknownInputs.inputs), Object.keys(unknownInputs.inputs).sort());
      // No secret argument, the digest made secret by the engine (additionalSecretOutputs): its checked copy stays secret.
      const plainChecked = await plugin.check(URN, {}, { appId: APP, detail: "ids" });
      const plainMade = await plugin.create(URN, plainChecked.inputs);
      const withSecretDigest = await plugin.read(plainMade.id, URN, { ...plainMade.properties, digest: secret(plainMade.properties.digest) }, plainChecked.inputs);
      assert.deepEqual(secretNames(withSecretDigest.inputs), ["checkedDigest"]);
    });

    it("Read (a refresh) of a resource without secret arguments keeps secret the outputs stored secret, and only those", async () => {
      // `additionalSecretOutputs: ["digest"]`: the engine stores the digest secret. Marking every
      // output secret turned the program's ids and counts into secrets after a refresh (the next
      // `pulumi up` showed `~ total: 5 => [secret]`).
      const secretNames = (outputs: Record<string, unknown>): string[] => Object.keys(outputs).filter((name) => isSecret(outputs[name])).sort();
      const checked = await plugin.check(URN, {}, { appId: APP, detail: "ids" });
      const made = await plugin.create(URN, checked.inputs);
      assert.deepEqual(secretNames(made.properties), []);
      const stored = { ...made.properties, digest: secret(made.properties.digest), ids: secret(made.properties.ids) };
      for (const inputs of [checked.inputs, undefined]) {
        const refreshed = await plugin.read(made.id, URN, stored, inputs);
        assert.deepEqual(secretNames(refreshed.properties), ["digest", "ids"], inputs === undefined ? "without stored inputs" : "with stored inputs");
        assert.deepEqual((refreshed.properties.ids as { value?: unknown }).value, made.properties.ids);
      }
    });

    it("Read after a group changed in the emulator shows the drift", async () => {
      const target = storedIds(emulator, APP, (g) => !g.deleted)[0] ?? "";
      emulator.store.updateGroup(APP, target, { groupName: "Renamed by drift", adminList: ["user-drift"] });
      emulator.store.deleteGroup(APP, storedIds(emulator, APP, (g) => !g.deleted)[1] ?? "");
      const after = await plugin.read(created.id, URN, created.properties);
      const changed = Object.keys(after.properties).filter((k) => JSON.stringify(after.properties[k]) !== JSON.stringify(created.properties[k]));
      assert.deepEqual(changed.sort(), ["deletedCount", "digest", "existingCount"]);
      assert.equal(after.properties.deletedCount, storedIds(emulator, APP, (g) => g.deleted).length);
      // Pulumi's refresh diffs the refreshed state against the inputs stored before it: drift shows.
      assert.equal((await plugin.diff(created.id, URN, after.properties, { ...after.inputs, checkedDigest: created.properties.digest })).changes, DIFF.SOME);
      // Once the refresh is accepted, its inputs are stored: the next refresh of the same groups is clean.
      assert.equal(after.inputs.checkedDigest, after.properties.digest);
      assert.equal((await plugin.diff(created.id, URN, after.properties, after.inputs)).changes, DIFF.NONE);
      created = { id: created.id, properties: after.properties };
    });

    it("a group added outside the filters: Diff sees the count before the filters change (up updates it, refresh reports it)", async () => {
      const kept = storedIds(emulator, OTHER_APP)[0] ?? "";
      const news = { appId: OTHER_APP, requestedIds: [kept], pageSize: 9 };
      const checked = (await plugin.check(URN, {}, news)).inputs;
      const made = await plugin.create(URN, checked);
      emulator.store.createGroup(OTHER_APP, { groupId: "zz-plugin-outside-filter", groupName: "Outside the filter" });
      const next = (await plugin.check(URN, made.properties, news)).inputs;
      assert.equal(next.checkedDigest, made.properties.digest, "the group kept did not change");
      assert.equal((await plugin.diff(made.id, URN, made.properties, next)).changes, DIFF.SOME);
      const refreshed = await plugin.read(made.id, URN, made.properties);
      assert.equal(refreshed.properties.totalCount, (made.properties.totalCount as number) + 1);
      assert.equal((await plugin.diff(made.id, URN, refreshed.properties, checked)).changes, DIFF.SOME, "refresh reports it");
      assert.equal((await plugin.diff(made.id, URN, refreshed.properties, refreshed.inputs)).changes, DIFF.NONE, "clean once accepted");
    });

    it("Read of an import (no properties, as `pulumi import` sends it) takes the app from the ID", async () => {
      const imported = await plugin.read(`cn-shanghai/${OTHER_APP}`, URN, null);
      assert.deepEqual(imported.properties, withIds(toStoredOutputs(await getLiveMessageGroups({ appId: OTHER_APP, detail: "summary" }))));
      assert.deepEqual(imported.inputs, {
        appId: OTHER_APP, dataCenter: "cn-shanghai", groupStatus: "all", sortOrder: "asc", detail: "summary", checkedDigest: imported.properties.digest, checkedTotalCount: imported.properties.totalCount,
      });
    });

    it("Read of an app that no longer exists (a refresh) or never did (an import) returns an empty ID: the resource is gone", async () => {
      const imported = await plugin.read("cn-shanghai/no-such-app", URN, null);
      // No properties at all: the engine takes an empty property map for a resource that exists.
      assert.deepEqual(imported, { id: "", properties: {}, inputs: {}, hasProperties: false });
      const refreshed = await plugin.read("cn-shanghai/no-such-app", URN, { ...created.properties, appId: "no-such-app" });
      assert.equal(refreshed.id, "");
    });

    it("a summary resource's output ids is null, never the filter (Python's SDK reads an output returned as null as the input of that name: the filter is requestedIds)", async () => {
      const checked = await plugin.check(URN, {}, { appId: APP, requestedIds: ["no-such-group"] });
      assert.ok(!("ids" in checked.inputs), JSON.stringify(checked.inputs));
      const made = await plugin.create(URN, checked.inputs);
      assert.equal(made.properties.ids, null);
      assert.deepEqual(made.properties.requestedIds, ["no-such-group"]);
    });

    it("Diff replaces on app or data center changes and updates on other argument changes", async () => {
      // diffs: the arguments that changed, which the engine applies `replaceOnChanges` to.
      const cases: { news: Record<string, unknown>; changes: number; replaces: string[]; diffs: string[] }[] = [
        { news: {}, changes: DIFF.NONE, replaces: [], diffs: [] },
        { news: { dataCenter: "cn-shanghai", groupStatus: "all", sortOrder: "asc" }, changes: DIFF.NONE, replaces: [], diffs: [] },
        { news: { appId: OTHER_APP }, changes: DIFF.SOME, replaces: ["appId"], diffs: ["appId"] },
        { news: { dataCenter: "ap-southeast-1" }, changes: DIFF.SOME, replaces: ["dataCenter"], diffs: ["dataCenter"] },
        { news: { appId: UNKNOWN }, changes: DIFF.SOME, replaces: ["appId"], diffs: ["appId"] },
        { news: { nameRegex: "^A" }, changes: DIFF.SOME, replaces: [], diffs: ["nameRegex"] },
        { news: { requestedIds: ["g1"] }, changes: DIFF.SOME, replaces: [], diffs: ["requestedIds"] },
        { news: { groupStatus: "existing" }, changes: DIFF.SOME, replaces: [], diffs: ["groupStatus"] },
        { news: { requestsPerSecond: 10 }, changes: DIFF.SOME, replaces: [], diffs: ["requestsPerSecond"] },
        { news: { detail: "full" }, changes: DIFF.SOME, replaces: [], diffs: ["detail"] },
        { news: { detail: "summary" }, changes: DIFF.NONE, replaces: [], diffs: [] },
      ];
      for (const { news, changes, replaces, diffs } of cases) {
        const diff = await plugin.diff(created.id, URN, created.properties, { appId: APP, ...news });
        assert.deepEqual(diff, { changes, replaces, diffs }, JSON.stringify(news));
      }
    });

    it("Update re-lists with the new filters (preview: unknown listing outputs); Diff then sees no change", async () => {
      const wanted = storedIds(emulator, APP).slice(0, 3);
      const news = (await plugin.check(URN, created.properties, { appId: APP, requestedIds: wanted, groupStatus: "all", detail: "ids" })).inputs;
      const previewed = await plugin.update(created.id, URN, created.properties, news, true);
      assert.equal(previewed.ids, UNKNOWN);
      assert.deepEqual(previewed.requestedIds, wanted);
      const updated = await plugin.update(created.id, URN, created.properties, news);
      assert.deepEqual(updated.ids, wanted);
      assert.deepEqual(updated.requestedIds, wanted);
      assert.equal(updated.totalCount, emulator.store.groups(APP).length);
      // (The TypeScript function shares its listing for the whole process run: compare with the emulator after the drift.)
      assert.deepEqual(updated.deletedIds, storedIds(emulator, APP, (g) => g.deleted).filter((id) => wanted.includes(id)));
      assert.equal(updated.existingIds, undefined, "derived in the TypeScript class, not stored");
      const diff = await plugin.diff(created.id, URN, updated, news);
      assert.equal(diff.changes, DIFF.NONE);
      created = { id: created.id, properties: updated };
    });

    it("Delete forgets the resource and never touches a group", async () => {
      const before = JSON.stringify(emulator.store.groups(APP));
      emulator.resetStats();
      await plugin.delete(created.id, URN, created.properties);
      assert.equal(JSON.stringify(emulator.store.groups(APP)), before);
      assert.equal(emulator.stats().requests, 0);
    });

    it("a resource of another type is refused", async () => {
      await assert.rejects(plugin.check("urn:pulumi:dev::p::live-message-groups:index:Other::x", {}, { appId: APP }), /unknown resource type live-message-groups:index:Other/);
    });
  });

  // Nested describes run after every outer it: this one runs after every call above.
  describe("after every call", () => {
    it("no credential in any response or in the plugin's stderr", () => {
      assert.ok(plugin.responses().length > 60);
      const everything = [...plugin.responses(), plugin.stderr()].join("\n");
      for (const credential of credentials) assert.ok(!everything.includes(credential), "a secret leaked");
      // The AccessKeyId appears only in the advice of errors (never in a response body).
      assert.ok(!plugin.responses().join("\n").includes(emulator.credentials.accessKeyId));
    });
  });
});

describe("provider plugin started from its PulumiPlugin.yaml directory, as Pulumi's Node.js language host runs it", function () {
  this.timeout(60_000);
  let plugin: PluginClient;
  let workDir: string;
  before(async () => {
    workDir = mkdtempSync(join(tmpdir(), "lmg-plugin-dir-"));
    // No credentials anywhere: no config, no environment, an empty home directory.
    plugin = await startPlugin({ mode: "pluginDir", cwd: workDir, env: { HOME: workDir } });
  });
  after(async () => {
    await plugin?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it("declares runtime nodejs and serves the same plugin", async () => {
    assert.match(readFileSync(join(ROOT, "plugin", "PulumiPlugin.yaml"), "utf8"), /^runtime: nodejs$/m);
    const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    assert.equal(await plugin.getPluginInfo(), manifest.version);
    assert.equal((JSON.parse(await plugin.getSchema()) as { name: string }).name, "live-message-groups");
  });

  it("without credentials, says which of the plugin's config keys to set", async () => {
    await plugin.configure({ args: { endpoint: "http://127.0.0.1:9" } });
    const error = await plugin.invoke(FUNCTION, { appId: APP, maxAttempts: 1 }).then(() => assert.fail("invoke succeeded"), (e: CallError) => e);
    assert.equal(error.message, `ClientError: ${noCredentialsMessage(PLUGIN_CONFIG_KEYS)}`);
    assert.match(error.message, /pulumi config set live-message-groups:accessKey <id>/);
  });
});

describe("provider plugin: the engine's Cancel (Ctrl-C) stops a listing in flight", function () {
  this.timeout(60_000);
  let plugin: PluginClient;
  let workDir: string;
  let silent: Server;
  before(async () => {
    workDir = mkdtempSync(join(tmpdir(), "lmg-plugin-cancel-"));
    // A service that takes requests and never answers: without Cancel, a listing retries to its deadline.
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    plugin = await startPlugin({ mode: "bin", cwd: workDir, env: { HOME: workDir } });
    await plugin.configure({ args: { endpoint: `http://127.0.0.1:${(silent.address() as { port: number }).port}`, accessKey: "LTAIcancelTest", secretKey: "cancel-test-secret" } });
  });
  after(async () => {
    await plugin?.close();
    silent?.closeAllConnections();
    await new Promise((resolve) => silent?.close(resolve));
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it("Invoke rejects with Aborted within seconds of Cancel instead of retrying for minutes", async () => {
    // Cancelled once the plugin asked the service: waited for as the request itself (a loop of
    // immediates spun a core while the plugin, another process, needed it to get there).
    const asked = once(silent, "request");
    const invoked = plugin.invoke(FUNCTION, { appId: APP }).then(() => assert.fail("invoke succeeded"), (e: CallError) => e);
    assert.equal(await Promise.race([asked.then(() => "asked"), invoked.then((e) => `answered before it asked the service: ${e.message}`)]), "asked");
    const cancelledAt = Date.now();
    await plugin.cancel();
    const error = await invoked;
    // Names why: another step failed or Ctrl-C, never a fault of this listing.
    assert.match(error.message, /^Aborted: The listing was aborted by its signal: the Pulumi engine cancelled the operation\./);
    assert.ok(Date.now() - cancelledAt < 5_000, `${Date.now() - cancelledAt} ms after Cancel`);
  });
});

describe("provider plugin: a listing's warning (an unreachable Redis quota) reaches the engine's log, attached to the resource that listed", function () {
  this.timeout(120_000);
  const REDIS_URL = "redis://:pw@127.0.0.1:1";
  const FALLBACK = /^live-message-groups: Redis quota at redis:\/\/:\*\*\*@127\.0\.0\.1:1 unavailable \(.+\); falling back to the local adaptive rate limiter for this listing\.$/;
  let emulator: Emulator;
  let engine: FakeEngine;
  let plugin: PluginClient;
  let workDir: string;

  before(async () => {
    emulator = await startEmulator({ callsPerSecond: 0, apps: [{ appId: APP, groups: 5 }] });
    engine = await startFakeEngine();
    workDir = mkdtempSync(join(tmpdir(), "lmg-plugin-warn-"));
    plugin = await startPlugin({ mode: "bin", cwd: workDir, env: { HOME: workDir }, engineAddress: engine.address });
    await plugin.configure({ args: { endpoint: emulator.url, accessKey: emulator.credentials.accessKeyId, secretKey: { [SECRET_SIG_KEY]: SECRET_SIG, value: emulator.credentials.accessKeySecret }, redisUrl: { [SECRET_SIG_KEY]: SECRET_SIG, value: REDIS_URL } } });
  });
  after(async () => {
    await plugin?.close();
    await engine?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
    await emulator?.close();
  });

  /** The Log requests an operation sent (the plugin answers after its warnings reached the engine). */
  const logsOf = async (operation: () => Promise<unknown>): Promise<EngineLogEntry[]> => {
    const before = engine.logs.length;
    await operation();
    return engine.logs.slice(before);
  };
  const assertOneFallbackWarning = (logs: EngineLogEntry[], urn: string): void => {
    assert.equal(logs.length, 1, JSON.stringify(logs));
    const [log] = logs as [EngineLogEntry];
    assert.equal(log.severity, LOG_SEVERITY.WARNING);
    assert.equal(log.ephemeral, false, "a warning stays among the update's diagnostics");
    assert.equal(log.urn, urn);
    assert.match(log.message, FALLBACK);
    // eslint-disable-next-line no-control-regex -- the point: no raw control character
    assert.ok(!log.message.includes(":pw@") && !/[\u0000-\u001f\u007f]/.test(log.message), log.message);
  };

  it("Invoke: one warning, attached to no resource (an invoke has none)", async () => {
    assertOneFallbackWarning(await logsOf(() => plugin.invoke(FUNCTION, { appId: APP })), "");
  });

  it("Check, Read and Update: one warning per listing, attached to the resource's URN (Create takes Check's listing: no second warning)", async () => {
    const urn = resourceUrn("redis-warned");
    let inputs: Record<string, unknown> = {};
    assertOneFallbackWarning(await logsOf(async () => { inputs = (await plugin.check(urn, {}, { appId: APP })).inputs; }), urn);
    let created = { id: "", properties: {} as Record<string, unknown> };
    assert.deepEqual(await logsOf(async () => { created = await plugin.create(urn, inputs); }), []);
    assert.notEqual(created.id, "");
    assertOneFallbackWarning(await logsOf(() => plugin.read(created.id, urn, created.properties)), urn);
    assertOneFallbackWarning(await logsOf(() => plugin.update(created.id, urn, created.properties, { ...inputs, sortOrder: "desc" })), urn);
  });

  it("the warnings went to the engine, not to the plugin's stderr (which the engine hides)", () => {
    assert.doesNotMatch(plugin.stderr(), /Redis quota/, plugin.stderr());
  });

  it("with no engine listening at the address, the warning goes to stderr, as before", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lmg-plugin-warn-noengine-"));
    const alone = await startPlugin({ mode: "bin", cwd: dir, env: { HOME: dir } });
    try {
      await alone.configure({ args: { endpoint: emulator.url, accessKey: emulator.credentials.accessKeyId, secretKey: emulator.credentials.accessKeySecret, redisUrl: REDIS_URL } });
      await alone.invoke(FUNCTION, { appId: APP });
      const lines = alone.stderr().split("\n").filter((line) => line.includes("Redis quota"));
      assert.equal(lines.length, 1, alone.stderr());
      assert.match(lines[0] as string, FALLBACK);
    } finally {
      await alone.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("provider plugin: a long listing's progress reaches the engine's log as ephemeral info, next to the resource that lists", function () {
  this.timeout(120_000);
  // 75 pages at 10 calls/s: about 6.5 s, past the first note's 5 s.
  const SLOW = { pageSize: 1, requestsPerSecond: 10 };
  let emulator: Emulator;
  let engine: FakeEngine;
  let plugin: PluginClient;
  let workDir: string;

  before(async () => {
    emulator = await startEmulator({ callsPerSecond: 0, apps: [{ appId: APP, groups: 75 }] });
    engine = await startFakeEngine();
    workDir = mkdtempSync(join(tmpdir(), "lmg-plugin-progress-"));
    plugin = await startPlugin({ mode: "bin", cwd: workDir, env: { HOME: workDir }, engineAddress: engine.address });
    await plugin.configure({ args: { endpoint: emulator.url, accessKey: emulator.credentials.accessKeyId, secretKey: secret(emulator.credentials.accessKeySecret) } });
  });
  after(async () => {
    await plugin?.close();
    await engine?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
    await emulator?.close();
  });

  /**
   * The progress notes of `operation`: the plugin answers without waiting for a note, so the first
   * is waited for. It is sent about 1.5 s before the answer; the bound is the plugin's own deadline
   * for a Log call (LOG_DEADLINE_MS, 30 s), past which the note is lost anyway.
   */
  const notesOf = async (operation: () => Promise<unknown>): Promise<EngineLogEntry[]> => {
    const before = engine.logs.length;
    await operation();
    return (await engine.logsReceived(before + 1, 30_000)).slice(before);
  };
  const assertOneNote = (logs: EngineLogEntry[], urn: string): void => {
    assert.equal(logs.length, 1, JSON.stringify(logs));
    const [log] = logs as [EngineLogEntry];
    assert.equal(log.severity, LOG_SEVERITY.INFO);
    assert.equal(log.ephemeral, true, "shown while the step runs, not kept among its diagnostics");
    assert.equal(log.urn, urn);
    assert.match(log.message, /^listing live message groups: page \d+\/75, \d+ groups, \d+ groups\/s, 0 retries$/);
    assert.ok(!log.message.includes(APP), "the app's ID (possibly a secret) is not in the note");
  };

  it("Invoke: one note, on the stack (an invoke has no resource)", async () => {
    assertOneNote(await notesOf(() => plugin.invoke(FUNCTION, { appId: APP, ...SLOW })), "");
  });

  it("Check of a resource: one note, attached to its URN", async () => {
    const urn = resourceUrn("slow");
    assertOneNote(await notesOf(() => plugin.check(urn, {}, { appId: APP, ...SLOW })), urn);
  });
});
