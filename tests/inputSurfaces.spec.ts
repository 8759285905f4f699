import assert from "node:assert/strict";
import { parseDurationMs } from "../cli/listingFlags";
import { parseLatency } from "../cli/commands/emulatorCommand";
import { LiveMessageGroupsPlugin } from "../provider/plugin/pluginProvider";
import { readLiveMessageGroups } from "../provider/readLiveMessageGroups";
import { configuredKeyPair } from "../provider/resolveCredentials";
import { CONFIG_KEYS, PLUGIN_CONFIG_KEYS, type ConfigKeys, type SettingsSources } from "../provider/settingsSources";
import { validateArgs } from "../provider/validateArgs";
import { parseListing } from "./cli/helpers/parseListing";
import { SECRET_SIG_KEY, UNKNOWN } from "./provider/support/runMockProgram";

/**
 * Inputs that were accepted and then ignored, or refused without naming the parameter, on one
 * surface (found by a review of every input surface; each case failed before its fix).
 */
const sources = (config: Record<string, string>, keys: ConfigKeys = CONFIG_KEYS): SettingsSources => ({ config: (key) => config[key], env: {}, keys });
const listNothing = (): Promise<never> => Promise.reject(new Error("must not list"));
const PLUGIN_URN = "urn:pulumi:s::p::live-message-groups:index:LiveMessageGroups::w";
const FUNCTION_TOKEN = "live-message-groups:index:getLiveMessageGroups";
const secret = (value: unknown): Record<string, unknown> => ({ [SECRET_SIG_KEY]: "1b47061264138c4ac30d75fd1eb44270", value });

describe("input surfaces: nothing is silently ignored, every refusal names its parameter", () => {
  describe("LiveMessageGroups: an argument `requestedIds` (the resource's input and output name of the filter)", () => {
    // Both are refused before the resource registers: no engine and no mocks are needed (mocks are
    // process-wide, and would leak into every spec that runs after this one in the same mocha).
    it("is refused, naming it and the argument to use (it was dropped: every group listed, unfiltered)", async () => {
      const { LiveMessageGroups } = await import("../provider/LiveMessageGroups");
      const args = { appId: "app", requestedIds: ["g1"] } as unknown as ConstructorParameters<typeof LiveMessageGroups>[1];
      assert.throws(() => new LiveMessageGroups("filtered", args), (error: Error & { kind?: string; parameter?: string }) => {
        assert.equal(error.kind, "InvalidArgument");
        assert.equal(error.parameter, "requestedIds");
        assert.match(error.message, /Unknown argument "requestedIds".*the group-ID filter argument is ids/);
        return true;
      });
    });

    it("no args at all: a refusal naming args, not a TypeError", async () => {
      const { LiveMessageGroups } = await import("../provider/LiveMessageGroups");
      assert.throws(() => new LiveMessageGroups("none", undefined as never), (error: Error & { kind?: string }) => {
        assert.equal(error.kind, "InvalidArgument", String(error));
        assert.match(error.message, /\bargs\b.*an object of arguments with at least appId/);
        return true;
      });
    });
  });

  describe("getLiveMessageGroups: args that are no object", () => {
    for (const raw of [undefined, null]) {
      it(`${String(raw)}: an InvalidArgumentError naming args (was a TypeError)`, async () => {
        assert.deepEqual(validateArgs(raw as never).failures.map((f) => f.property), ["args"]);
        await assert.rejects(readLiveMessageGroups(raw as never, sources({}), listNothing), (error: Error & { kind?: string; parameter?: string }) => {
          assert.equal(error.kind, "InvalidArgument", String(error));
          assert.equal(error.parameter, "args");
          assert.match(error.message, /an object of arguments with at least appId/);
          return true;
        });
      });
    }
  });

  describe("the ids filter: an element no group can have, or one given twice, is refused naming it (it matched nothing, silently, or was echoed twice in requestedIds)", () => {
    // Every surface agreeing on every value: listingOptionsAgreement.spec.ts. Here: secrets and previews.
    it("a secret list: the element is named, never quoted, by the functions and the plugin's function", async () => {
      await assert.rejects(readLiveMessageGroups({ appId: "app", ids: ["room-1", "hidden-room\n"] }, sources({}), listNothing, new Set(["ids"])), (error: Error & { parameter?: string }) => {
        assert.equal(error.parameter, "ids[1]");
        assert.match(error.message, /^Invalid ids\[1\]: expected a group ID: .*, received a secret value \(not shown\)\.$/);
        assert.ok(!error.message.includes("hidden-room"), error.message);
        return true;
      });
      const plugin = new LiveMessageGroupsPlugin(listNothing);
      for (const ids of [secret(["hidden-room", "hidden-room"]), ["room-1", secret("hidden-room"), "hidden-room"]]) {
        await assert.rejects(plugin.invoke(FUNCTION_TOKEN, { appId: "app", ids }), (error: Error & { parameter?: string }) => {
          assert.match(error.message, /^Invalid ids\[\d\]: expected a group ID not already in the list \(it repeats ids\[\d\]; give each ID once\), received a secret value \(not shown\)\.$/);
          assert.ok(!error.message.includes("hidden-room"), error.message);
          return true;
        });
      }
    });

    it("a preview: unknown elements are not judged and nothing is listed; a known bad element is refused already", async () => {
      const plugin = new LiveMessageGroupsPlugin(listNothing);
      assert.deepEqual((await plugin.check(PLUGIN_URN, { appId: "app", requestedIds: [UNKNOWN, "room-1"] })).failures, []);
      assert.deepEqual((await plugin.check(PLUGIN_URN, { appId: "app", requestedIds: UNKNOWN })).failures, []);
      const known = await plugin.check(PLUGIN_URN, { appId: "app", requestedIds: [UNKNOWN, "room-1", "room-1"] });
      assert.deepEqual(known.failures.map((f) => f.reason), ["requestedIds[2]: expected a group ID not already in the list (it repeats requestedIds[1]; give each ID once)"]);
      assert.deepEqual(validateArgs({ appId: "app", ids: [UNKNOWN, UNKNOWN] }, (v) => v === UNKNOWN), { args: null, failures: [] });
    });
  });

  describe("a security token set in config without the key pair", () => {
    it("is refused naming its key (it was ignored: the environment's or the chain's keys signed without it)", () => {
      for (const keys of [CONFIG_KEYS, PLUGIN_CONFIG_KEYS] as ConfigKeys[]) {
        assert.throws(() => configuredKeyPair(sources({ [keys.securityToken]: "sts-token-value" }, keys)), (error: Error & { parameter?: string }) => {
          assert.equal(error.parameter, keys.securityToken);
          assert.ok(error.message.includes(keys.accessKey) && error.message.includes(keys.secretKey), error.message);
          assert.ok(!error.message.includes("sts-token-value"), error.message);
          return true;
        });
      }
      // With the pair it is taken, as before; unset or empty it is nothing.
      assert.deepEqual(configuredKeyPair(sources({ [CONFIG_KEYS.accessKey]: "id", [CONFIG_KEYS.secretKey]: "sk", [CONFIG_KEYS.securityToken]: "t" })), { accessKeyId: "id", accessKeySecret: "sk", securityToken: "t" });
      assert.equal(configuredKeyPair(sources({ [CONFIG_KEYS.securityToken]: "" })), undefined);
    });

    it("the plugin's CheckConfig names it", () => {
      const plugin = new LiveMessageGroupsPlugin(listNothing);
      const { failures } = plugin.checkConfig({ securityToken: "sts-token-value" });
      assert.equal(failures.length, 1, JSON.stringify(failures));
      assert.match(failures[0]?.reason ?? "", /^Invalid live-message-groups:securityToken: /);
      assert.ok(!JSON.stringify(failures).includes("sts-token-value"));
    });
  });

  describe("the plugin's CheckConfig refuses a profile the listings would refuse, with their message (it passed, and every listing failed)", () => {
    /** The message a listing of a plugin configured with `config` fails with. */
    const listingFailure = async (config: Record<string, unknown>): Promise<string> => {
      const plugin = new LiveMessageGroupsPlugin(listNothing);
      plugin.configure(config, {});
      return plugin.invoke(FUNCTION_TOKEN, { appId: "app" }).then(() => assert.fail("listed"), (error: Error) => error.message);
    };
    for (const profile of [" dev", "dev\r", "de\u001bv", "\ud800"]) {
      it(`profile ${JSON.stringify(profile)}`, async () => {
        const { failures } = new LiveMessageGroupsPlugin(listNothing).checkConfig({ profile });
        assert.deepEqual(failures.map((f) => f.reason), [await listingFailure({ profile })]);
        assert.match(failures[0]?.reason ?? "", /^Invalid live-message-groups:profile: expected a profile of the Alibaba Cloud CLI configuration \(~\/\.aliyun\/config\.json\): a non-empty string/);
      });
    }

    it("any profile while ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true", async () => {
      const before = process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED;
      process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED = "true";
      try {
        const { failures } = new LiveMessageGroupsPlugin(listNothing).checkConfig({ profile: "dev" });
        assert.deepEqual(failures.map((f) => f.reason), [await listingFailure({ profile: "dev" })]);
        assert.match(failures[0]?.reason ?? "", /ALIBABA_CLOUD_CLI_PROFILE_DISABLED/);
      } finally {
        if (before === undefined) delete process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED;
        else process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED = before;
      }
    });

    it("what the listings do not read is not judged (empty, unknown, beside a key pair); a secret one is never quoted", () => {
      const plugin = new LiveMessageGroupsPlugin(listNothing);
      for (const config of [{ profile: "" }, { profile: UNKNOWN }, { profile: "dev" }, { profile: " dev", accessKey: "LTAIsomething", secretKey: "s3cr3t-value" }]) {
        assert.deepEqual(plugin.checkConfig(config).failures, [], JSON.stringify(config));
      }
      const hidden = plugin.checkConfig({ profile: secret("hidden-profile\n") }).failures;
      assert.deepEqual(hidden.map((f) => f.property), ["profile"]);
      assert.ok(hidden[0]?.reason.endsWith("received a secret value (not shown)."), hidden[0]?.reason);
    });
  });

  it("the plugin's CheckConfig takes an empty endpoint as unset, as Configure, the TypeScript program and the environment do", () => {
    const plugin = new LiveMessageGroupsPlugin(listNothing);
    assert.deepEqual(plugin.checkConfig({ endpoint: "" }).failures, []);
    assert.equal(plugin.checkConfig({ endpoint: " " }).failures.length, 1);
  });

  describe("CLI: a duration or latency with spaces or a newline around it is refused, as every other number is", () => {
    for (const raw of [" 5 ", "5\n", "\t30s"]) {
      it(`--timeout ${JSON.stringify(raw)}`, () => {
        assert.ok(Number.isNaN(parseDurationMs(raw)));
        assert.throws(() => parseListing(["--app-id", "a", `--timeout=${raw}`]), /invalid value for --timeout/);
      });
    }
    for (const raw of [" 50", "50\n", "20-80 "]) it(`--latency ${JSON.stringify(raw)}`, () => assert.equal(parseLatency(raw), undefined));
    it("a plain one still parses", () => {
      assert.equal(parseDurationMs("5"), 5000);
      assert.equal(parseLatency("20-80") !== undefined, true);
    });
  });
});
