import assert from "node:assert/strict";
import { parseDurationMs } from "../cli/listingFlags";
import { parseLatency } from "../cli/commands/emulatorCommand";
import { LiveMessageGroupsPlugin } from "../provider/plugin/pluginProvider";
import { readLiveMessageGroups } from "../provider/readLiveMessageGroups";
import { configuredKeyPair } from "../provider/resolveCredentials";
import { CONFIG_KEYS, PLUGIN_CONFIG_KEYS, type ConfigKeys, type SettingsSources } from "../provider/settingsSources";
import { validateArgs } from "../provider/validateArgs";
import { parseListing } from "./cli/helpers/parseListing";

/**
 * Inputs that were accepted and then ignored, or refused without naming the parameter, on one
 * surface (found by a review of every input surface; each case failed before its fix).
 */
const sources = (config: Record<string, string>, keys: ConfigKeys = CONFIG_KEYS): SettingsSources => ({ config: (key) => config[key], env: {}, keys });
const listNothing = (): Promise<never> => Promise.reject(new Error("must not list"));

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
