import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildResult } from "../../provider/buildResult";
import { resolveCredentials } from "../../provider/resolveCredentials";
import { resolveQuotaSettings, resolveSettings } from "../../provider/resolveSettings";
import type { SettingsSources } from "../../provider/settingsSources";
import { createSharedListing } from "../../provider/sharedListing";
import { validateArgs } from "../../provider/validateArgs";
import type { ListLiveMessageGroupsOptions, LiveMessageGroup, LiveMessageGroupList } from "../../sdk/types";

const sources = (config: Record<string, string> = {}, env: Record<string, string> = {}): SettingsSources =>
  ({ config: (key) => config[key], env });

const group = (groupId: string, createTime: number, extra: Partial<LiveMessageGroup> = {}): LiveMessageGroup => ({
  groupId, groupName: `name-${groupId}`, groupInfo: "", creatorId: "u1", adminList: ["b", "a"], createTime, deleted: false, ...extra,
});

describe("provider units", () => {
  describe("validateArgs", () => {
    const cases: { args: Record<string, unknown>; failures: string[] }[] = [
      { args: { appId: "a" }, failures: [] },
      { args: {}, failures: ["appId"] },
      { args: { appId: "a", pageSize: 0 }, failures: ["pageSize"] },
      { args: { appId: "a", requestsPerSecond: 0.4 }, failures: ["requestsPerSecond"] },
      { args: { appId: "a", endpoint: "http://live.aliyuncs.com" }, failures: ["endpoint"] },
      { args: { appId: "a", endpoint: "http://127.0.0.1:8080" }, failures: [] },
      { args: { appId: "a", pageSize: 50, requestsPerSecond: 0.5, maxAttempts: 1, timeoutMs: 1 }, failures: [] },
      { args: { appId: "a", groupStatus: "gone", endpoint: "has space" }, failures: ["groupStatus", "endpoint"] },
      { args: { appId: "a", ids: ["x", 1] }, failures: ["ids"] },
      { args: { appId: "a", secretKey: "s" }, failures: ["secretKey"] },
      { args: { appId: "a", creatorId: null, nameRegex: undefined }, failures: [] },
    ];
    for (const { args, failures } of cases) {
      it(`${JSON.stringify(args)} -> [${failures.join(", ")}]`, () => {
        const result = validateArgs(args);
        assert.deepEqual(result.failures.map((f) => f.property), failures);
        assert.equal(result.args === null, failures.length > 0);
      });
    }
    it("does not judge unknown values and returns no args while any is unknown", () => {
      const result = validateArgs({ appId: "?", ids: ["?"] }, (v) => v === "?");
      assert.deepEqual(result, { args: null, failures: [] });
    });
  });

  describe("buildResult", () => {
    const settings = { appId: "app", dataCenter: "cn-shanghai", groupStatus: "all", sortOrder: "asc" } as const;
    const listing = { totalCount: 4, groups: [group("c", 2), group("b", 2), group("a", 1, { deleted: true, creatorId: "u2" }), group("d", 3, { groupName: "other" })] };
    const cases: { name: string; args: Record<string, unknown>; sortOrder?: "desc"; ids: string[] }[] = [
      { name: "no filter, ascending, ties by ID", args: {}, ids: ["a", "b", "c", "d"] },
      { name: "descending", args: {}, sortOrder: "desc", ids: ["d", "c", "b", "a"] },
      { name: "ids filter keeps listing order", args: { ids: ["d", "a", "zz"] }, ids: ["a", "d"] },
      { name: "nameRegex", args: { nameRegex: "^name-" }, ids: ["a", "b", "c"] },
      { name: "creatorId", args: { creatorId: "u1" }, ids: ["b", "c", "d"] },
      { name: "filters combine", args: { creatorId: "u1", nameRegex: "name", ids: ["c", "d"] }, ids: ["c"] },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const result = buildResult({ appId: "app", ...c.args }, { ...settings, sortOrder: c.sortOrder ?? "asc" }, listing);
        assert.deepEqual(result.ids, c.ids);
        assert.deepEqual(result.names, result.groups.map((g) => g.groupName));
        assert.equal(result.totalCount, 4);
        assert.equal(result.id, "cn-shanghai/app");
      });
    }
    it("is deterministic: shuffled pages and admin order give an identical result", () => {
      const shuffled = { totalCount: 4, groups: [...listing.groups].reverse().map((g) => ({ ...g, adminList: [...g.adminList].reverse() })) };
      assert.deepEqual(buildResult({ appId: "app" }, settings, shuffled), buildResult({ appId: "app" }, settings, listing));
    });
    it("splits existing and deleted IDs, sorts admins, echoes given args only", () => {
      const result = buildResult({ appId: "app", ids: ["a", "b"], pageSize: 10 }, settings, listing);
      assert.deepEqual([result.existingIds, result.deletedIds], [["b"], ["a"]]);
      assert.deepEqual(result.adminsByGroupId, { a: ["a", "b"], b: ["a", "b"] });
      assert.deepEqual(result.requestedIds, ["a", "b"]);
      assert.equal(result.pageSize, 10);
      assert.ok(!("nameRegex" in result) && !("endpoint" in result));
    });
  });

  describe("resolveSettings precedence: args, then config, then environment", () => {
    const cases: { name: string; args?: Record<string, unknown>; config?: Record<string, string>; env?: Record<string, string>; expect: Record<string, unknown> }[] = [
      { name: "defaults", expect: { dataCenter: "cn-shanghai", groupStatus: "all", sortOrder: "asc" } },
      { name: "env", env: { LIVE_MESSAGE_GROUPS_ENDPOINT: "http://127.0.0.1:1", LIVE_MESSAGE_GROUPS_MAX_ATTEMPTS: "3", ALICLOUD_REGION: "ap-southeast-1" }, expect: { endpoint: "http://127.0.0.1:1", maxAttempts: 3, dataCenter: "ap-southeast-1" } },
      { name: "config over env", config: { "live-message-groups:endpoint": "http://127.0.0.1:2", "live-message-groups:timeoutMs": "900", "alicloud:region": "ap-southeast-1" }, env: { LIVE_MESSAGE_GROUPS_ENDPOINT: "http://127.0.0.1:1", LIVE_MESSAGE_GROUPS_DATA_CENTER: "cn-shanghai" }, expect: { endpoint: "http://127.0.0.1:2", timeoutMs: 900, dataCenter: "ap-southeast-1" } },
      { name: "args over config", args: { endpoint: "http://127.0.0.1:3", dataCenter: "cn-shanghai", requestsPerSecond: 7 }, config: { "live-message-groups:endpoint": "http://127.0.0.1:2", "live-message-groups:dataCenter": "ap-southeast-1", "live-message-groups:requestsPerSecond": "20" }, expect: { endpoint: "http://127.0.0.1:3", dataCenter: "cn-shanghai", requestsPerSecond: 7 } },
      { name: "a region that is not a data center is ignored", config: { "alicloud:region": "cn-hangzhou" }, expect: { dataCenter: "cn-shanghai" } },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const resolved = resolveSettings({ appId: "app", ...c.args }, sources(c.config, c.env)) as unknown as Record<string, unknown>;
        for (const [key, value] of Object.entries(c.expect)) assert.deepEqual(resolved[key], value, key);
      });
    }
    const bad: [Record<string, string>, Record<string, string>, string][] = [
      [{ "live-message-groups:maxAttempts": "2.5" }, {}, "live-message-groups:maxAttempts"],
      [{}, { LIVE_MESSAGE_GROUPS_REQUESTS_PER_SECOND: "fast" }, "LIVE_MESSAGE_GROUPS_REQUESTS_PER_SECOND"],
      [{ "live-message-groups:dataCenter": "mars" }, {}, "live-message-groups:dataCenter"],
    ];
    for (const [config, env, key] of bad) {
      it(`rejects a malformed ${key}, naming it`, () => {
        assert.throws(() => resolveSettings({ appId: "app" }, sources(config, env)), (e: Error & { parameter?: string }) => e.parameter === key);
      });
    }
  });

  describe("resolveQuotaSettings", () => {
    it("reads live-message-groups:redisUrl and :quotaKey; unset leaves them to the sdk (environment, then none)", () => {
      assert.deepEqual(resolveQuotaSettings(sources()), {});
      assert.deepEqual(
        resolveQuotaSettings(sources({ "live-message-groups:redisUrl": "redis://10.0.0.5:6379", "live-message-groups:quotaKey": "1234" })),
        { redisUrl: "redis://10.0.0.5:6379", quotaKey: "1234" },
      );
    });

    it("rejects a malformed redisUrl naming the config key, without echoing it", () => {
      assert.throws(() => resolveQuotaSettings(sources({ "live-message-groups:redisUrl": "http://u:hunter2@h" })),
        (e: Error & { parameter?: string }) => e.parameter === "live-message-groups:redisUrl" && !e.message.includes("hunter2"));
    });
  });

  describe("resolveCredentials", () => {
    it("uses alicloud:* config keys, and leaves env and chain to the sdk otherwise", async () => {
      assert.deepEqual(await resolveCredentials(sources({ "alicloud:accessKey": "id", "alicloud:secretKey": "sk", "alicloud:securityToken": "t" })), { accessKeyId: "id", accessKeySecret: "sk", securityToken: "t" });
      assert.equal(await resolveCredentials(sources({}, { ALIBABA_CLOUD_ACCESS_KEY_ID: "env" })), undefined);
    });
    it("rejects half a key pair without echoing the half that is set", async () => {
      await assert.rejects(resolveCredentials(sources({ "alicloud:secretKey": "half-secret" })), (e: Error & { parameter?: string }) =>
        e.parameter === "alicloud:accessKey" && !e.message.includes("half-secret"));
    });
    it("reads alicloud:profile from the Alibaba Cloud CLI configuration", async () => {
      const home = mkdtempSync(join(tmpdir(), "lmg-home-"));
      const saved = { HOME: process.env.HOME, disabled: process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED };
      try {
        mkdirSync(join(home, ".aliyun"));
        writeFileSync(join(home, ".aliyun", "config.json"), JSON.stringify({ current: "default", profiles: [
          { name: "default", mode: "AK", access_key_id: "LTAIdefault", access_key_secret: "default-secret" },
          { name: "ops", mode: "AK", access_key_id: "LTAIops", access_key_secret: "ops-secret" },
        ] }));
        process.env.HOME = home;
        delete process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED;
        assert.deepEqual(await resolveCredentials(sources({ "alicloud:profile": "ops" })), { accessKeyId: "LTAIops", accessKeySecret: "ops-secret" });
        await assert.rejects(resolveCredentials(sources({ "alicloud:profile": "missing" })), (e: Error & { parameter?: string }) => e.parameter === "alicloud:profile");
      } finally {
        if (saved.HOME === undefined) delete process.env.HOME; else process.env.HOME = saved.HOME;
        if (saved.disabled !== undefined) process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED = saved.disabled;
        rmSync(home, { recursive: true, force: true });
      }
    });
  });

  describe("createSharedListing", () => {
    const listing = (appId: string): LiveMessageGroupList => ({ appId, dataCenter: "cn-shanghai", groupStatus: "all", sortOrder: "asc", totalCount: 0, groups: [], requests: 1, retries: 0, elapsedMs: 0 });
    it("shares identical listings, separates different ones, forgets failures", async () => {
      const calls: ListLiveMessageGroupsOptions[] = [];
      let fail = true;
      const shared = createSharedListing(async (options) => {
        calls.push(options);
        if (options.appId === "flaky" && fail) { fail = false; throw new Error("boom"); }
        return listing(options.appId);
      });
      const cases: [ListLiveMessageGroupsOptions, number][] = [
        [{ appId: "a" }, 1],
        [{ appId: "a", requestsPerSecond: 3 }, 1],
        [{ appId: "a", groupStatus: "deleted" }, 2],
        [{ appId: "a", credentials: { accessKeyId: "k", accessKeySecret: "s" } }, 3],
        [{ appId: "a", credentials: { accessKeyId: "k", accessKeySecret: "s" } }, 3],
      ];
      for (const [options, expectedCalls] of cases) {
        await shared(options);
        assert.equal(calls.length, expectedCalls, JSON.stringify(options));
      }
      await assert.rejects(shared({ appId: "flaky" }));
      assert.equal((await shared({ appId: "flaky" })).appId, "flaky");
      assert.equal(calls.length, 5);
    });
  });
});
