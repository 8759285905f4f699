import assert from "node:assert/strict";
import { z } from "zod";
import { isUsageError } from "../cli/program";
import { createLiveMessageGroupsProvider } from "../provider/dynamic/liveMessageGroupsProvider";
import { LiveMessageGroupsPlugin } from "../provider/plugin/pluginProvider";
import { readLiveMessageGroups } from "../provider/readLiveMessageGroups";
import type { SettingsSources } from "../provider/settingsSources";
import type { ListFunction } from "../provider/sharedListing";
import { ARGUMENTS, validateArgs } from "../provider/validateArgs";
import { isLiveMessageGroupsError, type ListLiveMessageGroupsOptions } from "../sdk";
import { escapeControl } from "../sdk/errors";
import { LISTING_OPTIONS_SCHEMA, LISTING_OPTION_NAMES, listingOption, redisUrlProblem, type ListingOptionName } from "../sdk/options/listingOptionsSchema";
import { validateOptions } from "../sdk/options/validateOptions";
import { parseListing } from "./cli/helpers/parseListing";

/**
 * The sdk, the provider and the CLI judge every listing option by the sdk's one schema: for each
 * input, the layers that have the option all accept it or all reject it, and a rejection names the
 * option (or flag) and the schema's allowed values.
 */
type Row = readonly [value: unknown, accepted: boolean];

const TABLE: Readonly<Record<ListingOptionName, readonly Row[]>> = {
  appId: [["a", true], ["app 1", true], ["应用-1", true], [" ", false], ["", false], [42, false], ["app\n", false], ["a\u0000b", false], ["a\u009bb", false], ["\tapp", false], [" app", false], ["app ", false], ["\ud800", false], ["a\udc00", false], ["😀", true]],
  dataCenter: [["cn-shanghai", true], ["ap-southeast-1", true], ["us-east-1", false], ["", false], [" cn-shanghai", false], ["CN-SHANGHAI", false], [1, false]],
  groupStatus: [["all", true], ["existing", true], ["deleted", true], ["live", false], [0, false]],
  sortOrder: [["asc", true], ["desc", true], ["ascending", false]],
  pageSize: [[1, true], [50, true], [0, false], [51, false], [2.5, false], [-1, false], ["10", false]],
  endpoint: [["live.aliyuncs.com", true], ["https://live.example.com:8443", true], ["http://127.0.0.1:9000", true], ["http://example.com", false], ["ftp://x", false], ["https://h/path", false]],
  requestsPerSecond: [[0.5, true], [12.5, true], [10_000, true], [0.4, false], [0, false], [10_001, false], [-1, false], [Number.POSITIVE_INFINITY, false], [Number.NaN, false]],
  concurrency: [[1, true], [50, true], [0, false], [51, false], [1.5, false]],
  maxAttempts: [[1, true], [100, true], [0, false], [101, false], [1.5, false]],
  // Whole milliseconds from 1 to one day everywhere (0.5 once passed the sdk and failed the provider).
  timeoutMs: [[1, true], [1500, true], [86_400_000, true], [0.5, false], [1.5, false], [0, false], [-1, false], [86_400_001, false], [2_147_483_648, false]],
  // Padded or with a CR (a CRLF env file), a quota key named another quota and the processes did not share.
  quotaKey: [["acct-1", true], ["k".repeat(256), true], ["k".repeat(257), false], [" ", false], ["", false], ["acct\r", false], [" acct", false], ["a\u001b[2Jb", false]],
  // The URL parser forgives spaces around a URL; ioredis does not (it then fell back without sharing).
  // ioredis let the query override the package's client options: ?commandTimeout=3000 removed the
  // command timeout, ?sentinels= retried a Sentinel for ever. Only ?password= is read (the CLI flag refuses
  // any password: validateOptions.spec.ts accepts it).
  redisUrl: [["redis://127.0.0.1:6379", true], ["rediss://u@h:6380/2", true], ["http://h:6379", false], ["redis//h", false], [" redis://h:6379", false], ["redis://h:6379\n", false], ["redis://h/abc", false],
    ["redis://h:6379?", true], ["redis://h:6379?commandTimeout=3000", false], ["redis://h:6379/?name=mymaster&sentinels=127.0.0.1", false],
    ["redis://h:6379?password=a&password=b", false], ["redis://h:6379?password=p&db=3", false]],
  burst: [[true, true], [false, true], ["yes", false], [1, false]],
};

const BASE = { appId: "app-1" };

/** undefined when accepted, else the error message. */
function sdk(name: ListingOptionName, value: unknown): string | undefined {
  try {
    validateOptions({ ...BASE, [name]: value } as unknown as ListLiveMessageGroupsOptions);
    return undefined;
  } catch (error) {
    assert.ok(isLiveMessageGroupsError(error) && error.kind === "InvalidArgument", String(error));
    return error.message;
  }
}

function provider(name: ListingOptionName, value: unknown): string | undefined {
  const { failures } = validateArgs({ ...BASE, [name]: value });
  if (failures.length === 0) return undefined;
  assert.deepEqual(failures.map((f) => f.property), [name]);
  return `${failures[0]?.property}: ${failures[0]?.allowed}`;
}

/**
 * What a command line would carry for `value`: a numeric option's number as written (timeoutMs as a
 * duration in `ms`), a string option's string. A value of another type cannot be typed on a command line.
 */
function cliArgument(name: ListingOptionName, value: unknown): string | undefined {
  const numeric = LISTING_OPTIONS_SCHEMA.shape[name] instanceof z.ZodNumber;
  if (numeric && typeof value === "number") return name === "timeoutMs" ? `${value}ms` : String(value);
  return !numeric && typeof value === "string" ? value : undefined;
}

function cli(name: ListingOptionName, raw: string): string | undefined {
  const flag = listingOption(name).flag as string;
  try {
    parseListing(flag === "app-id" ? [`--app-id=${raw}`] : ["--app-id", "app-1", `--${flag}=${raw}`]);
    return undefined;
  } catch (error) {
    assert.ok(isUsageError(error), String(error));
    return error.message;
  }
}

describe("listing options: one schema, three layers agree", () => {
  it("the table covers every option of the schema", () => assert.deepEqual(Object.keys(TABLE).sort(), [...LISTING_OPTION_NAMES].sort()));

  for (const name of LISTING_OPTION_NAMES) {
    const meta = listingOption(name);
    const inProvider = Object.hasOwn(ARGUMENTS, name);
    for (const [value, accepted] of TABLE[name]) {
      const shown = typeof value === "string" && value.length > 20 ? `${value.slice(0, 8)}...(${value.length})` : String(typeof value === "string" ? JSON.stringify(value) : value);
      it(`${name} = ${shown} is ${accepted ? "accepted" : "rejected"} by the sdk${inProvider ? ", the provider" : ""}${meta.flag === undefined ? "" : ", the CLI"}`, () => {
        const sdkError = sdk(name, value);
        assert.equal(sdkError === undefined, accepted, `sdk: ${sdkError ?? "accepted"}`);
        if (sdkError !== undefined) {
          assert.match(sdkError, new RegExp(`\\b${name}\\b`));
          // endpoint: parseEndpoint says precisely what is wrong instead of the generic list.
          if (name !== "endpoint") assert.ok(sdkError.includes(meta.allowed), sdkError);
        }
        if (inProvider) {
          const providerError = provider(name, value);
          assert.equal(providerError === undefined, accepted, `provider: ${providerError ?? "accepted"}`);
          if (providerError !== undefined) assert.ok(providerError.includes(meta.allowed), providerError);
        }
        const raw = cliArgument(name, value);
        if (meta.flag !== undefined && raw !== undefined) {
          const cliError = cli(name, raw);
          assert.equal(cliError === undefined, accepted, `cli: ${cliError ?? "accepted"}`);
          if (cliError !== undefined) {
            assert.ok(cliError.includes(`--${meta.flag}`), cliError);
            if (name !== "endpoint" && name !== "timeoutMs") assert.ok(cliError.includes(meta.allowed), cliError);
            // A secret value is never echoed: both layers say what is wrong with it, in the same words.
            if (name === "redisUrl") assert.ok(cliError.endsWith(`: ${redisUrlProblem(value) as string}`) && sdkError?.endsWith(`: ${redisUrlProblem(value) as string}.`), `${cliError}\n${sdkError}`);
          }
        }
      });
    }
  }
});

/**
 * The `ids` filter is no sdk option, but four surfaces take it: the functions (one read path), the
 * TypeScript resource's check, and the plugin's function and resource. For each list they all accept
 * it or all refuse it, naming the element (`ids[2]`; the plugin's resource: `requestedIds[2]`).
 */
describe("the ids filter: every surface that takes it agrees, naming the element it refuses", () => {
  const PLUGIN_URN = "urn:pulumi:s::p::live-message-groups:index:LiveMessageGroups::w";
  const noGroups: ListFunction = async (options) => ({ appId: options.appId, dataCenter: "cn-shanghai", groupStatus: "all", sortOrder: "asc", totalCount: 0, groups: [], requests: 1, retries: 0, elapsedMs: 0 });
  const sources: SettingsSources = { config: () => undefined, env: {} };
  // [ids, the element refused (its index) or null when accepted]
  const IDS: readonly (readonly [ids: readonly unknown[], refused: number | null])[] = [
    [["room-1", "房间-2", "😀"], null], [[], null], [["g 1"], null],
    [[""], 0], [["room-1", " room-2"], 1], [["room-1 "], 0], [["a\nb"], 0], [["a\u0000b"], 0], [["a\u009bb"], 0], [["\ud800"], 0], [[42], 0], [[null], 0],
    [["g1", "g2", "g1"], 2], [["g1", "g1", ""], 1],
  ];
  for (const [ids, refused] of IDS) {
    it(`ids ${escapeControl(JSON.stringify(ids))} is ${refused === null ? "accepted" : `refused at ids[${refused}]`} by the functions, the TypeScript resource and the plugin`, async () => {
      const element = `ids[${String(refused)}]`;
      const read = await readLiveMessageGroups({ appId: "app-1", ids }, sources, noGroups).then(() => undefined, (error: Error & { parameter?: string }) => error);
      const dynamic = await createLiveMessageGroupsProvider({ sources: () => sources, list: noGroups }).check({}, { appId: "app-1", requestedIds: ids });
      const plugin = new LiveMessageGroupsPlugin(noGroups);
      const pluginCheck = await plugin.check(PLUGIN_URN, { appId: "app-1", requestedIds: ids });
      const invoked = await plugin.invoke("live-message-groups:index:getLiveMessageGroups", { appId: "app-1", ids }).then(() => undefined, (error: Error & { parameter?: string }) => error);
      if (refused === null) {
        assert.deepEqual([read, dynamic.failures, pluginCheck.failures, invoked], [undefined, [], [], undefined]);
        return;
      }
      for (const error of [read, invoked]) {
        assert.ok(isLiveMessageGroupsError(error) && error.kind === "InvalidArgument", String(error));
        assert.equal((error as Error & { parameter?: string }).parameter, element);
        assert.ok(error.message.startsWith(`Invalid ${element}: expected a group ID`), error.message);
        // One line of text whatever the element holds.
        // eslint-disable-next-line no-control-regex
        assert.doesNotMatch(error.message, /[\u0000-\u001f\u007f-\u009f]/);
      }
      assert.deepEqual(dynamic.failures?.map((f) => f.reason.split(": ")[0]), [element]);
      assert.deepEqual(pluginCheck.failures.map((f) => f.reason.split(": ")[0]), [`requestedIds[${String(refused)}]`]);
      assert.ok(pluginCheck.failures.every((f) => !/\bids\[/.test(f.reason.replace(/requestedIds/g, ""))), JSON.stringify(pluginCheck.failures));
    });
  }
});
