import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildResult as buildAnyResult } from "../../provider/buildResult";
import type { GetLiveMessageGroupsResult } from "../../provider/types";
import { resolveCredentials } from "../../provider/resolveCredentials";
import { resolveQuotaSettings, resolveSettings } from "../../provider/resolveSettings";
import { type SettingsSources, unreadAlicloudKeys, UNREAD_ALICLOUD_KEYS } from "../../provider/settingsSources";
import { createSharedListing, type ListingScope } from "../../provider/sharedListing";
import { GROUP_ID_ALLOWED, validateArgs } from "../../provider/validateArgs";
import type { ListLiveMessageGroupsOptions, LiveMessageGroup, LiveMessageGroupList } from "../../sdk/types";
import { listLiveMessageGroups } from "../../sdk";
import { startEmulator } from "../../emulator";

const sources = (config: Record<string, string> = {}, env: Record<string, string> = {}): SettingsSources =>
  ({ config: (key) => config[key], env });

const group = (groupId: string, createTime: number, extra: Partial<LiveMessageGroup> = {}): LiveMessageGroup => ({
  groupId, groupName: `name-${groupId}`, groupInfo: "", creatorId: "u1", adminList: ["b", "a"], createTime, deleted: false, ...extra,
});

/** buildResult with detail "full" (the settings here ask for it), typed as such. */
const buildResult = (...args: Parameters<typeof buildAnyResult>): GetLiveMessageGroupsResult => buildAnyResult(...args) as GetLiveMessageGroupsResult;

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
      { args: { appId: "a", ids: ["x", 1] }, failures: ["ids[1]"] },
      { args: { appId: "a", ids: "x" }, failures: ["ids"] },
      { args: { appId: "a", secretKey: "s" }, failures: ["secretKey"] },
      { args: { appId: "a", creatorId: null, nameRegex: undefined }, failures: [] },
      { args: { appId: "a", detail: "ids" }, failures: [] },
      { args: { appId: "a", detail: "all" }, failures: ["detail"] },
      // The filters: refused here rather than failing after the listing (an invalid RegExp) or
      // matching nothing (a creatorId that is a number).
      { args: { appId: "a", nameRegex: "^name-", creatorId: "", outputFile: "out.json" }, failures: [] },
      { args: { appId: "a", nameRegex: "(", creatorId: 5, outputFile: "" }, failures: ["nameRegex", "creatorId", "outputFile"] },
      { args: { appId: "a", nameRegex: 5, outputFile: "  " }, failures: ["nameRegex", "outputFile"] },
      { args: { appId: "a", outputFile: 5 }, failures: ["outputFile"] },
      // A list given to another argument is that argument's failure, not an element of ids.
      { args: { appId: "a", creatorId: ["u1", "u1"] }, failures: ["creatorId"] },
      { args: [] as unknown as Record<string, unknown>, failures: ["args"] },
    ];
    for (const { args, failures } of cases) {
      it(`${JSON.stringify(args)} -> [${failures.join(", ")}]`, () => {
        const result = validateArgs(args);
        assert.deepEqual(result.failures.map((f) => f.property), failures);
        assert.equal(result.args === null, failures.length > 0);
      });
    }
    it("reports a property that is not an argument as unknown, listing the valid ones (and where credentials go)", async () => {
      const { readLiveMessageGroups } = await import("../../provider/readLiveMessageGroups");
      const listNothing = () => Promise.reject(new Error("must not list"));
      await assert.rejects(readLiveMessageGroups({ appId: "a", detial: "ids" }, sources(), listNothing), (e: Error & { kind?: string; parameter?: string }) => {
        assert.equal(e.kind, "InvalidArgument");
        assert.equal(e.parameter, "detial");
        assert.match(e.message, /^Unknown argument "detial": expected no value: it is not an argument \(valid arguments: appId, dataCenter, .*, detail\)\.$/);
        assert.doesNotMatch(e.message, /credential/i);
        return true;
      });
      await assert.rejects(readLiveMessageGroups({ appId: "a", accessKeySecret: "s3cr3t-value" }, sources(), listNothing), (e: Error) => {
        assert.match(e.message, /^Unknown argument "accessKeySecret".*credentials are never arguments: set alicloud:accessKey/);
        assert.ok(!e.message.includes("s3cr3t-value"));
        return true;
      });
    });
    it("an endpoint with credentials written into it is rejected without them, as argument, config or environment", async () => {
      const { readLiveMessageGroups } = await import("../../provider/readLiveMessageGroups");
      const listNothing = () => Promise.reject(new Error("must not list"));
      for (const endpoint of ["https://LTAIabc:EndpointSecret123@live.aliyuncs.com", "LTAIabc:EndpointSecret123@live.aliyuncs.com"]) {
        await assert.rejects(readLiveMessageGroups({ appId: "a", endpoint }, sources(), listNothing), (e: Error & { parameter?: string }) =>
          e.parameter === "endpoint" && !e.message.includes("EndpointSecret123") && e.message.includes("***@live.aliyuncs.com"));
        assert.throws(() => resolveSettings({ appId: "a" }, sources({ "live-message-groups:endpoint": endpoint })), (e: Error) => !e.message.includes("EndpointSecret123"));
        assert.throws(() => resolveSettings({ appId: "a" }, sources({}, { LIVE_MESSAGE_GROUPS_ENDPOINT: endpoint })), (e: Error) => !e.message.includes("EndpointSecret123"));
      }
    });
    it("outputFile that cannot be written is named before any request; a write that fails after the listing is named too, escaped", async () => {
      const { readLiveMessageGroups } = await import("../../provider/readLiveMessageGroups");
      const dir = mkdtempSync(join(tmpdir(), "lmg-outputfile-"));
      try {
        writeFileSync(join(dir, "a-file"), "");
        mkdirSync(join(dir, "dir\u001b[31mred"));
        let listed = 0;
        const listNothing = (): Promise<never> => {
          listed++;
          return Promise.reject(new Error("must not list"));
        };
        const cases: [string, RegExp][] = [
          [join(dir, "dir\u001b[31mred"), /^Invalid outputFile: .*dir\\x1b\[31mred is a directory; expected a path to a file/],
          [join(dir, "a-file", "x.json"), /^Invalid outputFile: .*a-file is not a directory; expected a path to a file/],
          [join(dir, "a-file", "deeper", "x.json"), /^Invalid outputFile: .*a-file is not a directory/],
          ["nul\u0000name", /^Invalid outputFile: expected a non-empty file path without a NUL character/],
          // A link to a file in a directory that does not exist: the write would fail after the listing.
          [join(dir, "dangling.json"), /^Invalid outputFile: \/nonexistent-dir-lmg is not a directory/],
        ];
        symlinkSync("/nonexistent-dir-lmg/x.json", join(dir, "dangling.json"));
        for (const [outputFile, message] of cases) {
          await assert.rejects(readLiveMessageGroups({ appId: "a", outputFile }, sources(), listNothing), (e: Error & { kind?: string; parameter?: string }) => {
            assert.equal(e.kind, "InvalidArgument", e.message);
            assert.equal(e.parameter, "outputFile");
            assert.match(e.message, message);
            // eslint-disable-next-line no-control-regex -- the point: escaped
            assert.doesNotMatch(e.message, /[\u0000-\u001f]/);
            return true;
          });
        }
        assert.equal(listed, 0, "nothing was listed");
        // An existing file is written in place, whatever its directory: /dev/null, a link to a file.
        const listOneGroup = (): Promise<LiveMessageGroupList> => Promise.resolve({ groups: [group("g1", 1)], totalCount: 1, requests: 1 } as unknown as LiveMessageGroupList);
        writeFileSync(join(dir, "target.json"), "");
        symlinkSync(join(dir, "target.json"), join(dir, "link.json"));
        for (const outputFile of ["/dev/null", join(dir, "link.json")]) await readLiveMessageGroups({ appId: "a", outputFile }, sources(), listOneGroup);
        assert.match(readFileSync(join(dir, "target.json"), "utf8"), /"g1"/);
        // A full disk: the listing succeeded, the write did not.
        const listOne = (): Promise<LiveMessageGroupList> => Promise.resolve({ groups: [group("g1", 1)], totalCount: 1, requests: 1 } as unknown as LiveMessageGroupList);
        await assert.rejects(readLiveMessageGroups({ appId: "a", outputFile: "/dev/full" }, sources(), listOne), (e: Error & { kind?: string; code?: string }) => {
          assert.equal(e.code, "OutputFileNotWritten");
          assert.match(e.message, /^outputFile: could not write \/dev\/full \(ENOSPC\); the listing itself succeeded\.$/);
          return true;
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
    it("undefined means not set, for a property that is no argument too (a spread of optional fields)", () => {
      assert.deepEqual(validateArgs({ appId: "a", extra: undefined }), { args: { appId: "a" }, failures: [] });
    });
    it("a refused argument's message names it and the values it accepts", async () => {
      const { readLiveMessageGroups } = await import("../../provider/readLiveMessageGroups");
      const listNothing = () => Promise.reject(new Error("must not list"));
      const cases: [Record<string, unknown>, string][] = [
        [{ ids: "g1" }, 'Invalid ids: expected a list of group IDs, each given once, received "g1".'],
        [{ nameRegex: "(" }, 'Invalid nameRegex: expected a valid JavaScript regular expression, received "(".'],
        [{ creatorId: 5 }, "Invalid creatorId: expected a string, received 5."],
        [{ outputFile: "" }, 'Invalid outputFile: expected a non-empty file path without a NUL character, received "".'],
        [{ detail: "all" }, 'Invalid detail: expected one of full, ids, summary, received "all".'],
        // An element is quoted, not the list.
        [{ ids: ["g1", 7] }, `Invalid ids[1]: expected ${GROUP_ID_ALLOWED}, received 7.`],
      ];
      for (const [args, message] of cases) {
        await assert.rejects(readLiveMessageGroups({ appId: "a", ...args }, sources(), listNothing), (e: Error & { kind?: string; parameter?: string }) => {
          assert.equal(e.kind, "InvalidArgument");
          assert.equal(e.message, message);
          return true;
        });
      }
    });
    it("does not judge unknown values and returns no args while any is unknown", () => {
      const result = validateArgs({ appId: "?", ids: ["?"] }, (v) => v === "?");
      assert.deepEqual(result, { args: null, failures: [] });
    });
  });

  describe("buildResult", () => {
    const settings = { appId: "app", dataCenter: "cn-shanghai", groupStatus: "all", sortOrder: "asc", detail: "full" } as const;
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
        assert.deepEqual(result.names, result.groups?.map((g) => g.groupName));
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

  describe("buildResult detail and digest", () => {
    const base = { appId: "app", dataCenter: "cn-shanghai", groupStatus: "all", sortOrder: "asc", detail: "full" } as const;
    const listing = { totalCount: 4, groups: [group("c", 2), group("b", 2), group("a", 1, { deleted: true }), group("d", 3)] };
    const build = (detail: "full" | "ids" | "summary", sortOrder: "asc" | "desc" = "asc", l = listing, args: Record<string, unknown> = {}) =>
      buildAnyResult({ appId: "app", ...args }, { ...base, detail, sortOrder }, l) as unknown as Record<string, unknown>;

    it("every detail and order: the same counts and digest; only the per-group fields differ", () => {
      const results = (["full", "ids", "summary"] as const).flatMap((d) => (["asc", "desc"] as const).map((o) => build(d, o)));
      for (const r of results) {
        assert.deepEqual([r.totalCount, r.existingCount, r.deletedCount, r.digest], [4, 3, 1, results[0]?.digest]);
        assert.match(String(r.digest), /^[0-9a-f]{64}$/);
      }
      assert.deepEqual(Object.keys(build("summary")).filter((k) => ["ids", "existingIds", "deletedIds", "groups", "names", "adminsByGroupId"].includes(k)), []);
      const ids = build("ids", "desc");
      assert.deepEqual([ids.ids, ids.existingIds, ids.deletedIds], [["d", "c", "b", "a"], ["d", "c", "b"], ["a"]]);
      assert.ok(!("groups" in ids) && !("names" in ids) && !("adminsByGroupId" in ids));
      assert.equal(build("full").detail, "full");
    });

    it("every detail: exactly its documented fields, every optional argument given echoed under its name (ids as requestedIds)", () => {
      const given = { pageSize: 7, endpoint: "http://127.0.0.1:1", requestsPerSecond: 3, maxAttempts: 2, timeoutMs: 900, ids: ["a", "b"], nameRegex: "name", creatorId: "u1", outputFile: "out.json" };
      const summary = build("summary", "asc", listing, given);
      const { ids: requestedIds, ...echoed } = given;
      assert.deepEqual(summary, {
        id: "cn-shanghai/app", appId: "app", dataCenter: "cn-shanghai", groupStatus: "all", sortOrder: "asc", detail: "summary", ...echoed, requestedIds,
        totalCount: 4, existingCount: 1, deletedCount: 1, digest: summary.digest,
      });
      const perGroup = { ids: ["a", "b"], existingIds: ["b"], deletedIds: ["a"] };
      assert.deepEqual(build("ids", "asc", listing, given), { ...summary, detail: "ids", ...perGroup });
      const full = build("full", "asc", listing, given);
      assert.deepEqual(Object.keys(full).sort(), [...Object.keys(summary), ...Object.keys(perGroup), "groups", "names", "adminsByGroupId"].sort());
    });

    it("orders by creation time first, then by group ID in code-unit order (not the locale's), and sorts admins the same way", () => {
      const created = { totalCount: 2, groups: [group("z", 1), group("a", 2)] };
      assert.deepEqual([build("ids", "asc", created).ids, build("ids", "desc", created).ids], [["z", "a"], ["a", "z"]]);
      const ties = { totalCount: 6, groups: ["b", "B", "aa", "_", "a", "A"].map((id) => group(id, 5, { adminList: ["b", "B", "aa", "_", "a", "A"] })) };
      const codeUnitOrder = ["A", "B", "_", "a", "aa", "b"];
      const full = build("full", "asc", ties);
      assert.deepEqual(full.ids, codeUnitOrder);
      assert.deepEqual(build("ids", "desc", ties).ids, [...codeUnitOrder].reverse());
      assert.deepEqual((full.groups as { adminList: string[] }[])[0]?.adminList, codeUnitOrder);
    });

    it("the digest of a known listing is the one it always was", () => {
      // The digest is in the state of every stack holding the resource: a change to how it is
      // computed would show every watched app as drifted on the first refresh after an upgrade.
      // The value: `sha256sum` of the four groups, one JSON array a line
      // (`["a","name-a","","u1",["a","b"],1,true]` ... `["d","name-d","","u1",["a","b"],3,false]`).
      assert.equal(build("summary").digest, "a16b14c1c755be7fb8b0f60fe11734aec11deeeae2f1b047f634d595cb72374b");
    });

    const edits: { name: string; edit: (g: LiveMessageGroup) => LiveMessageGroup }[] = [
      { name: "renamed", edit: (g) => ({ ...g, groupName: "new name" }) },
      { name: "info changed", edit: (g) => ({ ...g, groupInfo: "{}" }) },
      { name: "admins changed", edit: (g) => ({ ...g, adminList: ["z"] }) },
      { name: "admin added", edit: (g) => ({ ...g, adminList: [...g.adminList, "c"] }) },
      { name: "creator changed", edit: (g) => ({ ...g, creatorId: "u9" }) },
      { name: "deleted", edit: (g) => ({ ...g, deleted: true }) },
      { name: "creation time changed", edit: (g) => ({ ...g, createTime: g.createTime + 1 }) },
      { name: "ID changed", edit: (g) => ({ ...g, groupId: "b2" }) },
      // Field boundaries are unambiguous: moving text from one field to the next is a change.
      { name: "text moved between fields", edit: (g) => ({ ...g, groupName: g.groupName + "x", groupInfo: g.groupInfo.slice(1) }) },
    ];
    for (const { name, edit } of edits) {
      it(`a group ${name}: the digest changes in every detail`, () => {
        const changed = { totalCount: 4, groups: listing.groups.map((g) => (g.groupId === "b" ? edit({ ...g, groupInfo: "i" }) : g)) };
        const reference = { totalCount: 4, groups: listing.groups.map((g) => (g.groupId === "b" ? { ...g, groupInfo: "i" } : g)) };
        for (const detail of ["full", "ids", "summary"] as const) assert.notEqual(build(detail, "asc", changed).digest, build(detail, "asc", reference).digest);
      });
    }
    it("a group added or removed changes the digest; shuffled pages and admin order do not", () => {
      const added = { totalCount: 5, groups: [...listing.groups, group("e", 9)] };
      const removed = { totalCount: 3, groups: listing.groups.slice(1) };
      const shuffled = { totalCount: 4, groups: [...listing.groups].reverse().map((g) => ({ ...g, adminList: [...g.adminList].reverse() })) };
      assert.notEqual(build("summary", "asc", added).digest, build("summary").digest);
      assert.notEqual(build("summary", "asc", removed).digest, build("summary").digest);
      assert.equal(build("summary", "asc", shuffled).digest, build("summary").digest);
    });
    it("the digest covers the listing after filters", () => {
      const filtered = build("summary", "asc", listing, { ids: ["a", "b"] });
      assert.deepEqual([filtered.existingCount, filtered.deletedCount, filtered.totalCount], [1, 1, 4]);
      assert.equal(filtered.digest, build("summary", "asc", { totalCount: 4, groups: listing.groups.filter((g) => ["a", "b"].includes(g.groupId)) }).digest);
    });
  });

  describe("resolveSettings precedence: args, then config, then environment", () => {
    const cases: { name: string; args?: Record<string, unknown>; config?: Record<string, string>; env?: Record<string, string>; expect: Record<string, unknown> }[] = [
      { name: "defaults", expect: { dataCenter: "cn-shanghai", groupStatus: "all", sortOrder: "asc" } },
      { name: "plain decimals", config: { "live-message-groups:requestsPerSecond": "12.5", "live-message-groups:timeoutMs": "60000" }, expect: { requestsPerSecond: 12.5, timeoutMs: 60_000 } },
      { name: "env", env: { LIVE_MESSAGE_GROUPS_ENDPOINT: "http://127.0.0.1:1", LIVE_MESSAGE_GROUPS_MAX_ATTEMPTS: "3", ALICLOUD_REGION: "ap-southeast-1" }, expect: { endpoint: "http://127.0.0.1:1", maxAttempts: 3, dataCenter: "ap-southeast-1" } },
      { name: "config over env", config: { "live-message-groups:endpoint": "http://127.0.0.1:2", "live-message-groups:timeoutMs": "900", "alicloud:region": "ap-southeast-1" }, env: { LIVE_MESSAGE_GROUPS_ENDPOINT: "http://127.0.0.1:1", LIVE_MESSAGE_GROUPS_DATA_CENTER: "cn-shanghai" }, expect: { endpoint: "http://127.0.0.1:2", timeoutMs: 900, dataCenter: "ap-southeast-1" } },
      { name: "args over config", args: { endpoint: "http://127.0.0.1:3", dataCenter: "cn-shanghai", requestsPerSecond: 7 }, config: { "live-message-groups:endpoint": "http://127.0.0.1:2", "live-message-groups:dataCenter": "ap-southeast-1", "live-message-groups:requestsPerSecond": "20" }, expect: { endpoint: "http://127.0.0.1:3", dataCenter: "cn-shanghai", requestsPerSecond: 7 } },
      { name: "a region that is not a data center is ignored", config: { "alicloud:region": "cn-hangzhou" }, expect: { dataCenter: "cn-shanghai" } },
      // An empty value is not set: config falls through to the environment, the environment to the default.
      { name: "empty values are unset", config: { "live-message-groups:maxAttempts": "", "live-message-groups:endpoint": "", "live-message-groups:dataCenter": "" }, env: { LIVE_MESSAGE_GROUPS_MAX_ATTEMPTS: "4", LIVE_MESSAGE_GROUPS_ENDPOINT: "", LIVE_MESSAGE_GROUPS_TIMEOUT_MS: "", LIVE_MESSAGE_GROUPS_DATA_CENTER: "ap-southeast-1" }, expect: { maxAttempts: 4, endpoint: undefined, timeoutMs: undefined, dataCenter: "ap-southeast-1" } },
      { name: "the data center of config over alicloud:region and env", config: { "live-message-groups:dataCenter": "ap-southeast-1", "alicloud:region": "cn-shanghai" }, env: { LIVE_MESSAGE_GROUPS_DATA_CENTER: "cn-shanghai" }, expect: { dataCenter: "ap-southeast-1" } },
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
      [{ "live-message-groups:endpoint": "ftp://evil:8080" }, {}, "live-message-groups:endpoint"],
      [{}, { LIVE_MESSAGE_GROUPS_ENDPOINT: "http://example.com:80" }, "LIVE_MESSAGE_GROUPS_ENDPOINT"],
      // Number() would read these as 16, 3, 1000 and Infinity; the CLI's flags refuse them.
      [{ "live-message-groups:maxAttempts": "0x10" }, {}, "live-message-groups:maxAttempts"],
      [{}, { LIVE_MESSAGE_GROUPS_MAX_ATTEMPTS: "0b11" }, "LIVE_MESSAGE_GROUPS_MAX_ATTEMPTS"],
      [{ "live-message-groups:timeoutMs": "1e3" }, {}, "live-message-groups:timeoutMs"],
      [{}, { LIVE_MESSAGE_GROUPS_REQUESTS_PER_SECOND: "Infinity" }, "LIVE_MESSAGE_GROUPS_REQUESTS_PER_SECOND"],
      [{ "live-message-groups:requestsPerSecond": " 12.5 " }, {}, "live-message-groups:requestsPerSecond"],
      // A CRLF env file: the same value is refused from every source.
      [{}, { LIVE_MESSAGE_GROUPS_MAX_ATTEMPTS: "3\r" }, "LIVE_MESSAGE_GROUPS_MAX_ATTEMPTS"],
    ];
    for (const [config, env, key] of bad) {
      it(`rejects a malformed ${key}, naming it`, () => {
        assert.throws(() => resolveSettings({ appId: "app" }, sources(config, env)), (e: Error & { parameter?: string }) => e.parameter === key && e.message.startsWith(`Invalid ${key}: `));
      });
    }
    it("a malformed data center is told the data centers", () => {
      assert.throws(() => resolveSettings({ appId: "app" }, sources({ "live-message-groups:dataCenter": "mars" })),
        (e: Error) => e.message === 'Invalid live-message-groups:dataCenter: expected one of cn-shanghai, ap-southeast-1, received "mars".');
    });
    it("nothing set: the defaults, the function's detail among them, and no optional setting (not even as undefined)", () => {
      const defaults = { appId: "app", dataCenter: "cn-shanghai", groupStatus: "all", sortOrder: "asc", detail: "full" };
      assert.deepEqual(resolveSettings({ appId: "app" }, sources()), defaults);
      assert.deepEqual(resolveSettings({ appId: "app", pageSize: 7, detail: "ids" }, sources()), { ...defaults, pageSize: 7, detail: "ids" });
    });
  });

  describe("resolveQuotaSettings", () => {
    it("reads live-message-groups:redisUrl and :quotaKey; unset leaves them to the sdk (environment, then none)", () => {
      assert.deepEqual(resolveQuotaSettings(sources()), {});
      assert.deepEqual(resolveQuotaSettings(sources({ "live-message-groups:redisUrl": "", "live-message-groups:quotaKey": "" })), {}, "empty is unset");
      assert.deepEqual(
        resolveQuotaSettings(sources({ "live-message-groups:redisUrl": "redis://10.0.0.5:6379", "live-message-groups:quotaKey": "1234" })),
        { redisUrl: "redis://10.0.0.5:6379", quotaKey: "1234" },
      );
    });

    it("rejects a malformed redisUrl naming the config key, without echoing it", () => {
      // The sdk's rules, naming the config key: a padded URL (which ioredis cannot read), a database
      // that is not a number, a quota key with a CR (another quota than the processes meant to share).
      for (const [key, value] of [["redisUrl", " redis://h:6379"], ["redisUrl", "redis://h/abc"], ["quotaKey", "acct\r"], ["quotaKey", " acct"]] as const) {
        assert.throws(() => resolveQuotaSettings(sources({ [`live-message-groups:${key}`]: value })),
          (e: Error & { parameter?: string }) => e.parameter === `live-message-groups:${key}`, `${key} ${JSON.stringify(value)}`);
      }
      assert.throws(() => resolveQuotaSettings(sources({ "live-message-groups:redisUrl": "http://u:hunter2@h" })),
        (e: Error & { parameter?: string }) => e.parameter === "live-message-groups:redisUrl" && !e.message.includes("hunter2"));
      // What is wrong is said, the URL still not shown: the refused query parameter by name.
      assert.throws(() => resolveQuotaSettings(sources({ "live-message-groups:redisUrl": "redis://:hunter2@h:6379?commandTimeout=3000" })),
        (e: Error & { parameter?: string }) => e.parameter === "live-message-groups:redisUrl" && !e.message.includes("hunter2") &&
          /received "<redacted>": its query parameter "commandTimeout" is not taken\.$/.test(e.message));
      // Pasted in forms no URL pattern recognizes: the value is never echoed at all.
      for (const pasted of ["default:Hunter2RedisPassw0rd@r-bp1.redis.rds.aliyuncs.com:6379", "redis://r-bp1:6379 Hunter2RedisPassw0rd",
        "redis-cli -h r-bp1 -a Hunter2RedisPassw0rd"]) {
        assert.throws(() => resolveQuotaSettings(sources({ "live-message-groups:redisUrl": pasted })),
          (e: Error & { parameter?: string }) => e.parameter === "live-message-groups:redisUrl" && !e.message.includes("Hunter2") && /<redacted>/.test(e.message), pasted);
      }
    });
  });

  describe("resolveCredentials", () => {
    it("uses alicloud:* config keys, and leaves env and chain to the sdk otherwise", async () => {
      assert.deepEqual(await resolveCredentials(sources({ "alicloud:accessKey": "id", "alicloud:secretKey": "sk", "alicloud:securityToken": "t" })), { credentials: { accessKeyId: "id", accessKeySecret: "sk", securityToken: "t" } });
      assert.equal(await resolveCredentials(sources({}, { ALIBABA_CLOUD_ACCESS_KEY_ID: "env" })), undefined);
    });
    it("rejects half a key pair without echoing the half that is set", async () => {
      await assert.rejects(resolveCredentials(sources({ "alicloud:secretKey": "half-secret" })), (e: Error & { parameter?: string }) =>
        e.parameter === "alicloud:accessKey" && !e.message.includes("half-secret"));
    });
    it("alicloud:profile: checked against the Alibaba Cloud CLI configuration, then read by the listing itself (so its credentials refresh), which signs with it", async () => {
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
        assert.deepEqual(await resolveCredentials(sources({ "alicloud:profile": "ops" })), { credentialsProfile: "ops" });
        const emulator = await startEmulator({ keyPairs: [{ accessKeyId: "LTAIops", accessKeySecret: "ops-secret" }], apps: [{ appId: "app", groups: 3 }] });
        try {
          const listing = await listLiveMessageGroups({ appId: "app", endpoint: emulator.url, credentialsProfile: "ops" });
          assert.equal(listing.groups.length, 3);
          assert.deepEqual([...new Set(emulator.requestLog().map((entry) => entry.accessKeyId))], ["LTAIops"]);
        } finally {
          await emulator.close();
        }
        await assert.rejects(resolveCredentials(sources({ "alicloud:profile": "missing" })), (e: Error & { parameter?: string }) =>
          e.parameter === "alicloud:profile" && /received "missing": the file holds no profile of that name\.$/.test(e.message));
        // A file that is not JSON is said to be so, not taken for a misspelled name; its text is never quoted.
        writeFileSync(join(home, ".aliyun", "config.json"), '{"profiles": [{"name": "ops", "access_key_secret": "ops-secret"}');
        await assert.rejects(resolveCredentials(sources({ "alicloud:profile": "ops" })), (e: Error & { parameter?: string }) =>
          e.parameter === "alicloud:profile" && /: the file is not valid JSON\.$/.test(e.message) && !e.message.includes("ops-secret"));
        rmSync(join(home, ".aliyun", "config.json"));
        await assert.rejects(resolveCredentials(sources({ "alicloud:profile": "ops" })), (e: Error & { parameter?: string }) =>
          e.parameter === "alicloud:profile" && /: the file cannot be read \(ENOENT\)\.$/.test(e.message));
        writeFileSync(join(home, ".aliyun", "config.json"), JSON.stringify({ current: "default", profiles: [
          { name: "ops", mode: "AK", access_key_id: "LTAIops", access_key_secret: "ops-secret" },
        ] }));
        // The CLI profiles switched off: the profile exists, and the error says what keeps it from being read.
        process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED = "true";
        await assert.rejects(resolveCredentials(sources({ "alicloud:profile": "ops" })), (e: Error & { parameter?: string }) =>
          e.parameter === "alicloud:profile" && /read only while ALIBABA_CLOUD_CLI_PROFILE_DISABLED is not true/.test(e.message));
      } finally {
        if (saved.HOME === undefined) delete process.env.HOME; else process.env.HOME = saved.HOME;
        if (saved.disabled === undefined) delete process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED; else process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED = saved.disabled;
        rmSync(home, { recursive: true, force: true });
      }
    });
    it("alicloud:profile: its source is asked by the listing alone, and a source that fails is named as such, not as a profile that is not there", async () => {
      const home = mkdtempSync(join(tmpdir(), "lmg-home-"));
      const saved = { HOME: process.env.HOME, disabled: process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED };
      try {
        mkdirSync(join(home, ".aliyun"));
        // An External profile (a company's SSO helper) that counts its runs: each is an STS call of the helper.
        const helper = join(home, "helper.js");
        const runs = join(home, "runs");
        writeFileSync(helper, [
          `require('node:fs').appendFileSync(${JSON.stringify(runs)}, 'x');`,
          "if (process.argv[2] === 'fail') { process.stderr.write('sso: unreachable'); process.exit(1); }",
          "process.stdout.write(JSON.stringify({ mode: 'StsToken', access_key_id: 'STS.ops', access_key_secret: 'ops-secret', sts_token: 'ops-token',",
          "  expiration: new Date(Date.now() + 3600000).toISOString() }));",
        ].join("\n"));
        writeFileSync(join(home, ".aliyun", "config.json"), JSON.stringify({ current: "ops", profiles: [
          { name: "ops", mode: "External", process_command: `${process.execPath} ${helper}` },
          { name: "broken", mode: "External", process_command: `${process.execPath} ${helper} fail` },
        ] }));
        process.env.HOME = home;
        delete process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED;
        const { readLiveMessageGroups } = await import("../../provider/readLiveMessageGroups");
        const emulator = await startEmulator({ keyPairs: [{ accessKeyId: "STS.ops", accessKeySecret: "ops-secret", securityToken: "ops-token" }], apps: [{ appId: "app", groups: 3 }] });
        try {
          const result = await readLiveMessageGroups({ appId: "app", endpoint: emulator.url, detail: "ids" }, sources({ "alicloud:profile": "ops" }), listLiveMessageGroups);
          assert.equal(result.totalCount, 3);
          assert.equal(readFileSync(runs, "utf8").length, 1, "the profile's source is asked once for a listing");
        } finally {
          await emulator.close();
        }
        // The profile is there; its helper fails: said so, with the chain's few words, under the config key's error.
        const error = await readLiveMessageGroups({ appId: "app", endpoint: "127.0.0.1:9" }, sources({ "alicloud:profile": "broken" }), listLiveMessageGroups)
          .then(() => assert.fail("listed"), (e: unknown) => e as Error & { kind?: string; code?: string });
        assert.equal(error.kind, "ClientError", error.message);
        assert.equal(error.code, "CredentialsNotFound");
        assert.match(error.message, /^The profile broken that alicloud:profile names gave no Alibaba Cloud credentials\. The credential chain said: .*failed to execute external command/);
        assert.ok(!error.message.includes("unreachable"), error.message);
      } finally {
        if (saved.HOME === undefined) delete process.env.HOME; else process.env.HOME = saved.HOME;
        if (saved.disabled === undefined) delete process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED; else process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED = saved.disabled;
        rmSync(home, { recursive: true, force: true });
      }
    });
  });

  describe("readLiveMessageGroups: what the listing throws", () => {
    it("any failure but CredentialsNotFound is passed on as it is; CredentialsNotFound is told in Pulumi's terms, with the chain's account when it has one", async () => {
      const { readLiveMessageGroups, noCredentialsMessage } = await import("../../provider/readLiveMessageGroups");
      const { ClientError } = await import("../../sdk/errors");
      const { NO_SOURCE_CONFIGURED } = await import("../../sdk/transport/credentialChain");
      for (const failure of [new ClientError("app a not found", { code: "ResourceNotExist" }), new Error("socket hang up")]) {
        await assert.rejects(readLiveMessageGroups({ appId: "a" }, sources(), () => Promise.reject(failure)), (e: Error) => e === failure);
      }
      // The sdk's CredentialsNotFound comes with a cause (the chain's account) or without one.
      for (const [cause, said] of [[undefined, ""], [new Error(NO_SOURCE_CONFIGURED), ""], [new Error("credential_uri: ECONNREFUSED"), " The credential chain said: credential_uri: ECONNREFUSED"]] as const) {
        const notFound = () => Promise.reject(new ClientError("the chain's own words", { code: "CredentialsNotFound", ...(cause === undefined ? {} : { cause }) }));
        await assert.rejects(readLiveMessageGroups({ appId: "a" }, sources(), notFound), (e: Error & { code?: string }) => {
          assert.equal(e.code, "CredentialsNotFound");
          assert.equal(e.message, noCredentialsMessage() + said);
          return true;
        });
      }
      // Every key and variable it names, as a user reads them.
      for (const named of ["alicloud:accessKey", "alicloud:secretKey", "alicloud:securityToken", "alicloud:profile", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"]) {
        assert.ok(noCredentialsMessage().includes(named), named);
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

    it("shares within a program run only: another run lists afresh; without keepDone only a listing in flight is shared", async () => {
      let calls = 0;
      let release: () => void = () => undefined;
      const shared = createSharedListing(async (options) => {
        calls++;
        await new Promise<void>((resolve) => { release = resolve; });
        return listing(options.appId);
      }, () => scope);
      const runA = {};
      const runB = {};
      let scope: ListingScope = { run: runA, prefix: "", keepDone: true };
      const first = shared({ appId: "a" });
      release();
      await first;
      assert.equal(shared({ appId: "a" }), first, "the same run keeps its finished listing");
      scope = { run: runB, prefix: "", keepDone: true };
      const second = shared({ appId: "a" });
      assert.notEqual(second, first, "another run (an Automation API service's next up) lists afresh");
      release();
      await second;
      assert.equal(calls, 2);
      // No run boundary (mocks, no engine): the calls in flight together share, a later one lists again.
      scope = { run: {}, prefix: "", keepDone: false };
      const inFlight = [shared({ appId: "a" }), shared({ appId: "a" })];
      assert.equal(inFlight[0], inFlight[1]);
      release();
      await Promise.all(inFlight);
      assert.equal(calls, 3);
      const later = shared({ appId: "a" });
      assert.notEqual(later, inFlight[0]);
      release();
      await later;
      assert.equal(calls, 4);
    });
  });
});

describe("unreadAlicloudKeys: @pulumi/alicloud keys that choose the identity or the Live endpoint", () => {
  it("names each one set (either config form), not an empty one, and alicloud:endpoints only when it sets live", () => {
    assert.deepEqual(unreadAlicloudKeys({}), []);
    const all = Object.fromEntries(Object.keys(UNREAD_ALICLOUD_KEYS).map((key) => [key, "x"]));
    assert.deepEqual(unreadAlicloudKeys(all).map((note) => note.split(": ")[0]),
      ["alicloud:assumeRole", "alicloud:assumeRoleWithOidc", "alicloud:sharedCredentialsFile", "alicloud:ecsRoleName", "alicloud:credentialsUri"]);
    assert.deepEqual(unreadAlicloudKeys({ "alicloud:config:ecsRoleName": "deployer", "alicloud:assumeRole": "" }).map((note) => note.split(": ")[0]), ["alicloud:ecsRoleName"]);
    assert.deepEqual(unreadAlicloudKeys({ "alicloud:endpoints": JSON.stringify([{ ecs: "ecs-vpc.cn-shanghai.aliyuncs.com" }]) }), []);
    assert.deepEqual(unreadAlicloudKeys({ "alicloud:endpoints": JSON.stringify([{ ecs: "e" }, { live: "l" }]) }).map((note) => note.split(": ")[0]), ["alicloud:endpoints"]);
    assert.deepEqual(unreadAlicloudKeys({ "live-message-groups:endpoint": "http://127.0.0.1:1", "alicloud:profile": "ci", "alicloud:region": "cn-shanghai" }), [], "keys this package reads");
  });
});
