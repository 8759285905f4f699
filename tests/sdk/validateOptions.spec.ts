import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { isLiveMessageGroupsError } from "../../sdk/errors";
import { parseEndpoint } from "../../sdk/transport/parseEndpoint";
import type { ListLiveMessageGroupsOptions } from "../../sdk/types";
import { validateOptions } from "../../sdk/options/validateOptions";
import { listLiveMessageGroups, paginateLiveMessageGroups } from "../../sdk";

const base = { appId: "app-1" };


/** What `run` writes to process.stderr, each write a chunk (stderr itself gets nothing). */
function stderrOf(run: () => void): string[] {
  const written: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string) => written.push(chunk) > 0) as typeof process.stderr.write;
  try {
    run();
  } finally {
    process.stderr.write = write;
  }
  return written;
}

describe("validateOptions", () => {
  it("fills every default", () => {
    const resolved = validateOptions(base);
    assert.equal(resolved.dataCenter, "cn-shanghai");
    assert.equal(resolved.groupStatus, "all");
    assert.equal(resolved.sortOrder, "asc");
    assert.equal(resolved.pageSize, 50);
    assert.deepEqual(resolved.endpoint, { host: "live.aliyuncs.com", protocol: "HTTPS" });
    assert.equal(resolved.credentials, null);
    assert.equal(resolved.requestsPerSecond, 50);
    assert.equal(resolved.concurrency, 50);
    assert.equal(resolved.maxAttempts, 10);
    assert.equal(resolved.timeoutMs, null, "derived from the work once the page count is known");
    assert.equal(resolved.burst, true);
    assert.equal(resolved.quotaKey, null);
    assert.equal(resolved.redisUrl, null);
    assert.equal(resolved.requestTimeoutMs, 10_000);
  });

  it("quota options: the environment when the option is absent; a bad Redis URL is named, never echoed", () => {
    const saved = { url: process.env.LIVE_MESSAGE_GROUPS_REDIS_URL, key: process.env.LIVE_MESSAGE_GROUPS_QUOTA_KEY };
    try {
      process.env.LIVE_MESSAGE_GROUPS_REDIS_URL = "redis://127.0.0.1:6399";
      process.env.LIVE_MESSAGE_GROUPS_QUOTA_KEY = "account-1";
      assert.deepEqual([validateOptions(base).redisUrl, validateOptions(base).quotaKey], ["redis://127.0.0.1:6399", "account-1"]);
      assert.equal(validateOptions({ ...base, quotaKey: "mine" }).quotaKey, "mine");
      // null: none, whatever the environment says (the demo and the bench list their own emulator).
      assert.deepEqual([validateOptions({ ...base, redisUrl: null, quotaKey: null }).redisUrl, validateOptions({ ...base, quotaKey: null }).quotaKey], [null, null]);
      process.env.LIVE_MESSAGE_GROUPS_REDIS_URL = "http://user:pw@host";
      assert.throws(() => validateOptions(base), (error: Error) => /LIVE_MESSAGE_GROUPS_REDIS_URL/.test(error.message) && !/pw/.test(error.message));
      process.env.LIVE_MESSAGE_GROUPS_REDIS_URL = "";
      process.env.LIVE_MESSAGE_GROUPS_QUOTA_KEY = "k".repeat(300);
      assert.throws(() => validateOptions(base), { parameter: "LIVE_MESSAGE_GROUPS_QUOTA_KEY" });
      assert.throws(() => validateOptions({ ...base, quotaKey: "k".repeat(300) }), { parameter: "quotaKey" });
    } finally {
      if (saved.url === undefined) delete process.env.LIVE_MESSAGE_GROUPS_REDIS_URL;
      else process.env.LIVE_MESSAGE_GROUPS_REDIS_URL = saved.url;
      if (saved.key === undefined) delete process.env.LIVE_MESSAGE_GROUPS_QUOTA_KEY;
      else process.env.LIVE_MESSAGE_GROUPS_QUOTA_KEY = saved.key;
    }
    assert.throws(() => validateOptions({ ...base, redisUrl: "redis//nope:secret@x" }), (error: Error) => /redisUrl/.test(error.message) && !/secret/.test(error.message));
    // Rejected before any request, rather than a fallback warning once a listing connects.
    for (const malformed of ["redis://u:Pa%zz@127.0.0.1:1", "redis://127.0.0.1:6379/x"]) {
      assert.throws(() => validateOptions({ ...base, redisUrl: malformed }), (error: Error) => /redisUrl/.test(error.message) && !/Pa%zz/.test(error.message), malformed);
    }
    for (const fine of ["redis://127.0.0.1:6379", "redis://127.0.0.1:6379/", "rediss://u:p%40ss@cache:6380/2", "redis://127.0.0.1:6379/3?password=p%26w"]) {
      assert.equal(validateOptions({ ...base, redisUrl: fine }).redisUrl, fine);
    }
    // ioredis let the query override the package's client options (timeouts, no reconnection): only
    // ?password= is taken, and the message says so, never echoing the URL.
    for (const query of ["?commandTimeout=3000&password=hunter2", "?name=mymaster&sentinels=127.0.0.1", "?db=3"]) {
      assert.throws(() => validateOptions({ ...base, redisUrl: `redis://127.0.0.1:6379${query}` }), (error: Error) =>
        /redisUrl/.test(error.message) && /the only query parameter taken is password, since the package sets the Redis client's other options itself/.test(error.message) &&
        !/hunter2|mymaster/.test(error.message), query);
    }
    assert.throws(() => validateOptions({ ...base, burst: "yes" } as unknown as ListLiveMessageGroupsOptions), /burst/);
    assert.throws(() => validateOptions({ ...base, quotaKey: " " }), /quotaKey/);
  });

  it("a rejected Redis URL is never echoed, but the message says what is wrong with it (the refused query parameter by name)", () => {
    const base: ListLiveMessageGroupsOptions = { appId: "a" };
    // [URL, what the message says, what it must not show]
    const cases: readonly (readonly [string, RegExp, RegExp])[] = [
      ["redis://127.0.0.1:6379?commandTimeout=3000&password=hunter2", /: its query parameter "commandTimeout" is not taken\.$/, /hunter2|3000/],
      ["redis://127.0.0.1:6379/?name=mymaster&sentinels=127.0.0.1", /: its query parameter "name" is not taken\.$/, /mymaster/],
      ["redis://:pw1@127.0.0.1:6379/?db=3", /: its query parameter "db" is not taken\.$/, /pw1/],
      ["redis://127.0.0.1:6379?password=hunter2&password=hunter3", /: its query parameter "password" is given more than once\.$/, /hunter/],
      // A bare name may be a password pasted without its "password=".
      ["redis://127.0.0.1:6379?Hunter2RedisPassw0rd", /: it has a query parameter without a value, which is not taken\.$/, /Hunter2/],
      [`redis://127.0.0.1:6379?${"n".repeat(50)}=1`, /: its query parameter "n{40}\.\.\." is not taken\.$/, /n{41}/],
      // Escaped: a percent-encoded line break in a name does not break the message's line.
      ["redis://127.0.0.1:6379?a%0Ab=1", /: its query parameter "a\\nb" is not taken\.$/, /\n/],
      ["http://user:hunter2@127.0.0.1:6379", /: it does not start with redis:\/\/ or rediss:\/\/\.$/, /hunter2/],
      ["redis://u:Pa%zz@127.0.0.1:1", /: its user or password is not valid percent-encoding\.$/, /Pa%zz/],
      ["redis://127.0.0.1:6379/x", /: its path is not a database number\.$/, /\/x/],
      ["redis://r-bp1:6379 Hunter2RedisPassw0rd", /: it contains spaces, control characters or broken Unicode\.$/, /Hunter2/],
      ["Hunter2RedisPassw0rd@r-bp1", /: it is not a URL\.$/, /Hunter2/],
      // No host: ioredis would connect to its default, localhost, instead of refusing.
      ["redis:///0", /: it names no host\.$/, /redis:\/\/\/0/],
      ["rediss://", /: it names no host\.$/, /"rediss:\/\/"/],
      ["", /: it is empty\.$/, /(?!)/],
    ];
    for (const [url, says, hidden] of cases) {
      assert.throws(() => validateOptions({ ...base, redisUrl: url }), (error: Error) => {
        assert.match(error.message, /^Invalid redisUrl: expected a redis:\/\/ or rediss:\/\/ URL/);
        assert.match(error.message, says);
        assert.doesNotMatch(error.message, hidden);
        return true;
      }, url);
    }
    // The environment variable's value alike, under its own name.
    const saved = process.env.LIVE_MESSAGE_GROUPS_REDIS_URL;
    process.env.LIVE_MESSAGE_GROUPS_REDIS_URL = "redis://127.0.0.1:6379?sentinelPassword=hunter2";
    try {
      assert.throws(() => validateOptions(base), (error: Error) =>
        /^Invalid LIVE_MESSAGE_GROUPS_REDIS_URL: /.test(error.message) && /: its query parameter "sentinelPassword" is not taken\.$/.test(error.message) && !/hunter2/.test(error.message));
    } finally {
      if (saved === undefined) delete process.env.LIVE_MESSAGE_GROUPS_REDIS_URL;
      else process.env.LIVE_MESSAGE_GROUPS_REDIS_URL = saved;
    }
  });

  it("an onWarning that throws stops nothing: the warning and what it threw go to stderr, one line", () => {
    const { onWarning } = validateOptions({ appId: "a", onWarning: () => { throw new Error("boom\nsecond line"); } });
    const written = stderrOf(() => onWarning("live-message-groups: Redis quota unavailable"));
    assert.deepEqual(written, ["live-message-groups: Redis quota unavailable (onWarning threw: boom\\nsecond line)\n"]);
  });

  describe("a key that is no option is refused, naming it (a misspelt option would list with the default)", () => {
    const misspelt: ReadonlyArray<readonly [string, string | null]> = [
      ["groupstatus", "groupStatus"], ["order", "sortOrder"], ["timeout", "timeoutMs"], ["pagesize", "pageSize"], ["appID", "appId"],
      ["datacenter", "dataCenter"], ["maxAttempt", "maxAttempts"], ["requestPerSecond", "requestsPerSecond"], ["credential", "credentials"],
      ["colour", null], ["ids", null],
    ];
    for (const [key, closest] of misspelt) {
      it(`${key}: ${closest === null ? "no suggestion" : `did you mean ${closest}?`}`, () => {
        assert.throws(() => validateOptions({ ...base, [key]: "deleted" } as unknown as ListLiveMessageGroupsOptions), (error: unknown) => {
          assert.ok(isLiveMessageGroupsError(error));
          assert.equal(error.name, "InvalidArgumentError");
          assert.equal((error as { parameter?: string }).parameter, key);
          assert.ok(error.message.startsWith(`Unknown option "${key}": ${closest === null ? "Expected" : `did you mean ${closest}? Expected`} one of the options appId, `), error.message);
          assert.doesNotMatch(error.message, /deleted/, "the value is never shown");
          return true;
        });
      });
    }

    it("the value of a misplaced credential is never shown; nor is an undefined-valued unknown key let through", () => {
      assert.throws(() => validateOptions({ ...base, accessKeySecret: "Sup3r-Secret-Value" } as unknown as ListLiveMessageGroupsOptions),
        (error: Error) => /^Unknown option "accessKeySecret": /.test(error.message) && !error.message.includes("Sup3r"));
      assert.throws(() => validateOptions({ ...base, groupstatus: undefined } as unknown as ListLiveMessageGroupsOptions), { parameter: "groupstatus" });
    });

    it("a long or control-character key is quoted cut short and escaped", () => {
      const key = `x\u202e${"y".repeat(200)}`;
      assert.throws(() => validateOptions({ ...base, [key]: 1 } as unknown as ListLiveMessageGroupsOptions), (error: Error) =>
        error.message.startsWith(`Unknown option "x\\u202e${"y".repeat(58)}...": `) && !error.message.includes("\u202e") &&
        !((error as { parameter?: string }).parameter ?? "").includes("\u202e"));
    });

    it("listLiveMessageGroups and paginateLiveMessageGroups refuse it before any request: {appId, groupstatus: 'deleted', order: 'desc'}", async () => {
      let requests = 0;
      const server = createServer((_request, response) => {
        requests++;
        response.writeHead(500).end();
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const options = {
          appId: "app1", endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, credentials: { accessKeyId: "AK", accessKeySecret: "secret-1" },
          quotaKey: null, redisUrl: null, maxAttempts: 1, groupstatus: "deleted", order: "desc",
        } as unknown as ListLiveMessageGroupsOptions;
        const expected = { name: "InvalidArgumentError", parameter: "groupstatus", message: /^Unknown option "groupstatus": did you mean groupStatus\?/ };
        await assert.rejects(listLiveMessageGroups(options), expected);
        await assert.rejects(paginateLiveMessageGroups(options).next(), expected);
        assert.equal(requests, 0);
      } finally {
        server.close();
      }
    });

    it("every option the interface declares is accepted, the runtime-only ones too, and so is each one set to undefined", () => {
      const clock = { now: () => 0, sleep: () => Promise.resolve(), random: () => 0.5 };
      // Required<>: an option added to the interface must be added here, and to validateOptions' list, or this does not compile.
      const every: Required<ListLiveMessageGroupsOptions> = {
        appId: "app-1", dataCenter: "ap-southeast-1", groupStatus: "deleted", sortOrder: "desc", pageSize: 10, endpoint: "http://127.0.0.1:9",
        credentials: { accessKeyId: "AK", accessKeySecret: "secret-1" }, credentialsProfile: "default", requestsPerSecond: 5, quotaKey: "account-1",
        burst: false, redisUrl: null, onWarning: () => undefined, concurrency: 2, maxAttempts: 3, timeoutMs: 1_000, requestTimeoutMs: 500,
        signal: new AbortController().signal, onProgress: () => undefined, clock,
      };
      const resolved = validateOptions(every);
      assert.deepEqual([resolved.groupStatus, resolved.sortOrder, resolved.pageSize, resolved.clock], ["deleted", "desc", 10, clock]);
      const allUndefined = Object.fromEntries(Object.keys(every).map((key) => [key, undefined]));
      assert.equal(validateOptions({ ...allUndefined, appId: "app-1" } as ListLiveMessageGroupsOptions).groupStatus, "all");
    });
  });

  const invalid: ReadonlyArray<readonly [string, Record<string, unknown>, RegExp]> = [
    ["appId", { appId: "" }, /non-empty string/],
    ["appId", { appId: 42 }, /non-empty string/],
    ["appId", { appId: undefined }, /received undefined/],
    ["dataCenter", { dataCenter: "us-east-1" }, /one of cn-shanghai, ap-southeast-1/],
    ["groupStatus", { groupStatus: 1 }, /one of all, existing, deleted/],
    ["sortOrder", { sortOrder: "ascending" }, /one of asc, desc/],
    ["pageSize", { pageSize: 0 }, /integer from 1 to 50/],
    ["pageSize", { pageSize: 51 }, /integer from 1 to 50/],
    ["pageSize", { pageSize: 2.5 }, /integer from 1 to 50/],
    ["concurrency", { concurrency: 0 }, /integer from 1 to 50/],
    ["concurrency", { concurrency: 51 }, /integer from 1 to 50/],
    ["maxAttempts", { maxAttempts: 0 }, /integer from 1 to 100/],
    ["maxAttempts", { maxAttempts: 101 }, /integer from 1 to 100/],
    ["requestsPerSecond", { requestsPerSecond: 0 }, /a number from 0\.5 to 10000/],
    ["requestsPerSecond", { requestsPerSecond: 0.4 }, /a number from 0\.5 to 10000/],
    ["requestsPerSecond", { requestsPerSecond: Number.POSITIVE_INFINITY }, /a number from 0\.5 to 10000/],
    ["requestsPerSecond", { requestsPerSecond: 10_001 }, /a number from 0\.5 to 10000/],
    ["timeoutMs", { timeoutMs: -1 }, /an integer number of milliseconds from 1 to 86400000/],
    ["timeoutMs", { timeoutMs: 86_400_001 }, /an integer number of milliseconds from 1 to 86400000/],
    ["timeoutMs", { timeoutMs: 2_147_483_648 }, /an integer number of milliseconds from 1 to 86400000/],
    ["timeoutMs", { timeoutMs: 0.5 }, /an integer number of milliseconds from 1 to 86400000/],
    ["requestTimeoutMs", { requestTimeoutMs: 3e9 }, /> 0 and <= 2147483647/],
    ["requestTimeoutMs", { requestTimeoutMs: "10s" }, /> 0/],
    ["endpoint", { endpoint: "http://live.aliyuncs.com" }, /loopback/],
    ["endpoint", { endpoint: "ftp://host" }, /host\[:port\]/],
    ["endpoint", { endpoint: "https://host/path" }, /host\[:port\]/],
    ["endpoint", { endpoint: "" }, /host\[:port\]/],
    // Not the service's endpoint: an emulator URL that came back null must not send signed requests there.
    ["endpoint", { endpoint: null }, /host\[:port\]/],
    ["credentials", { credentials: "AK:SECRET" }, /accessKeyId, accessKeySecret/],
    ["credentials.accessKeyId", { credentials: { accessKeySecret: "x" } }, /non-empty string/],
    ["credentials.accessKeySecret", { credentials: { accessKeyId: "AK", accessKeySecret: 12345678 } }, /non-empty string/],
    ["credentials.securityToken", { credentials: { accessKeyId: "AK", accessKeySecret: "s", securityToken: "" } }, /non-empty/],
    ["signal", { signal: {} }, /AbortSignal/],
    ["onProgress", { onProgress: "yes" }, /function/],
    ["clock", { clock: { now: () => 0 } }, /Clock/],
  ];
  for (const [parameter, patch, allowed] of invalid) {
    it(`rejects ${parameter} = ${JSON.stringify(patch[parameter.split(".")[0] as string]) ?? "undefined"}`, () => {
      assert.throws(() => validateOptions({ ...base, ...patch } as unknown as ListLiveMessageGroupsOptions), (error: unknown) => {
        assert.ok(isLiveMessageGroupsError(error));
        assert.equal(error.kind, "InvalidArgument");
        assert.equal((error as unknown as { parameter: string }).parameter, parameter);
        assert.match(error.message, allowed);
        assert.match(error.message, new RegExp(parameter.replace(".", "\\.")));
        return true;
      });
    });
  }

  it("refuses options that are no object, naming them", () => {
    for (const options of [null, "app-1", 42, undefined]) {
      assert.throws(() => validateOptions(options as unknown as ListLiveMessageGroupsOptions), { name: "InvalidArgumentError", parameter: "options" }, String(options));
    }
  });

  it("refuses a requestTimeoutMs of 0, below it, or not finite; and an onWarning, signal or clock of the wrong type", () => {
    for (const requestTimeoutMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => validateOptions({ ...base, requestTimeoutMs }), (error: Error) =>
        (error as { parameter?: string }).parameter === "requestTimeoutMs" && /expected a number > 0 and <= 2147483647, received/.test(error.message), String(requestTimeoutMs));
    }
    assert.throws(() => validateOptions({ ...base, onWarning: "yes" } as unknown as ListLiveMessageGroupsOptions), (error: Error) =>
      (error as { parameter?: string }).parameter === "onWarning" && /^Invalid onWarning: expected a function, received "yes"\.$/.test(error.message));
    const signalLike = { aborted: "no", addEventListener: () => undefined };
    assert.throws(() => validateOptions({ ...base, signal: signalLike } as unknown as ListLiveMessageGroupsOptions), { parameter: "signal" });
    const clock = { now: () => 0, sleep: () => Promise.resolve(), random: () => 0.5 };
    for (const bad of [{ ...clock, now: 0 }, { ...clock, timer: "soon" }]) {
      assert.throws(() => validateOptions({ ...base, clock: bad } as unknown as ListLiveMessageGroupsOptions), { parameter: "clock" });
    }
  });

  it("keeps a security token given with the credentials, and adds none when absent", () => {
    const withToken = validateOptions({ ...base, credentials: { accessKeyId: "STS.abc", accessKeySecret: "s", securityToken: "tok-1" } });
    assert.deepEqual(withToken.credentials, { accessKeyId: "STS.abc", accessKeySecret: "s", securityToken: "tok-1" });
    const without = validateOptions({ ...base, credentials: { accessKeyId: "AK", accessKeySecret: "s" } });
    assert.deepEqual(without.credentials, { accessKeyId: "AK", accessKeySecret: "s" });
    assert.ok(!Object.hasOwn(without.credentials ?? {}, "securityToken"));
    assert.throws(() => validateOptions({ ...base, credentials: null } as unknown as ListLiveMessageGroupsOptions), { name: "InvalidArgumentError", parameter: "credentials" });
  });

  it("a rejected Redis URL is received as its scheme alone; a password in its path is not quoted", () => {
    assert.throws(() => validateOptions({ ...base, redisUrl: "redis://r-bp1:6379/Hunter2pw" }), (error: Error) =>
      /, received "<a redis: URL>": its path is not a database number\.$/.test(error.message) && !error.message.includes("Hunter2pw"));
    assert.throws(() => validateOptions({ ...base, redisUrl: "Hunter2pw@r-bp1" }), /, received "<unparseable string>": it is not a URL\.$/);
    assert.throws(() => validateOptions({ ...base, redisUrl: 6379 } as unknown as ListLiveMessageGroupsOptions), /, received "<number>": it is not a string\.$/);
  });

  it("an environment variable set to \"\" is unset: no quota key, no Redis URL", () => {
    const saved = { url: process.env.LIVE_MESSAGE_GROUPS_REDIS_URL, key: process.env.LIVE_MESSAGE_GROUPS_QUOTA_KEY };
    try {
      process.env.LIVE_MESSAGE_GROUPS_REDIS_URL = "";
      process.env.LIVE_MESSAGE_GROUPS_QUOTA_KEY = "";
      const resolved = validateOptions(base);
      assert.deepEqual([resolved.redisUrl, resolved.quotaKey], [null, null]);
    } finally {
      if (saved.url === undefined) delete process.env.LIVE_MESSAGE_GROUPS_REDIS_URL;
      else process.env.LIVE_MESSAGE_GROUPS_REDIS_URL = saved.url;
      if (saved.key === undefined) delete process.env.LIVE_MESSAGE_GROUPS_QUOTA_KEY;
      else process.env.LIVE_MESSAGE_GROUPS_QUOTA_KEY = saved.key;
    }
  });

  it("a long message thrown by onWarning goes to stderr cut to 200 characters", () => {
    const { onWarning } = validateOptions({ appId: "a", onWarning: () => { throw new Error("x".repeat(300)); } });
    const written = stderrOf(() => onWarning("w"));
    assert.deepEqual(written, [`w (onWarning threw: ${"x".repeat(200)})\n`]);
  });

  it("accepts the bounds: requestsPerSecond 0.5, maxAttempts 100, timeoutMs 86400000, requestTimeoutMs 2147483647", () => {
    const resolved = validateOptions({ ...base, requestsPerSecond: 0.5, maxAttempts: 100, timeoutMs: 86_400_000, requestTimeoutMs: 2_147_483_647 });
    assert.deepEqual([resolved.requestsPerSecond, resolved.maxAttempts, resolved.timeoutMs, resolved.requestTimeoutMs], [0.5, 100, 86_400_000, 2_147_483_647]);
  });

  const secretBearing: ReadonlyArray<readonly [string, Record<string, unknown>, string, RegExp]> = [
    ["credentials as a string", { credentials: "LTAIkey:SeCrEtVaLuE123" }, "SeCrEtVaLuE123", /received "<string>"/],
    ["credentials as a number", { credentials: 123456789 }, "123456789", /received "<number>"/],
    ["accessKeySecret as a number", { credentials: { accessKeyId: "AK", accessKeySecret: 98765432 } }, "98765432", /"<number>"/],
    ["securityToken as a number", { credentials: { accessKeyId: "AK", accessKeySecret: "s", securityToken: 55554444 } }, "55554444", /"<number>"/],
    ["endpoint with userinfo", { endpoint: "https://LTAIkey:SeCrEtVaLuE123@live.aliyuncs.com" }, "SeCrEtVaLuE123", /"https:\/\/\*\*\*@live\.aliyuncs\.com"/],
    ["bare endpoint with userinfo", { endpoint: "key:SeCrEtVaLuE123@host" }, "SeCrEtVaLuE123", /"\*\*\*@host"/],
    // A `/` in the secret ended the mask there: the whole of it was quoted.
    ["endpoint with userinfo holding a /", { endpoint: "https://LTAIkey:SeCrEt/VaLuE123@live.aliyuncs.com" }, "SeCrEt", /"https:\/\/\*\*\*@live\.aliyuncs\.com"/],
    ["bare endpoint with userinfo holding a /", { endpoint: "key:SeCrEt/VaLuE123@host:443" }, "SeCrEt", /"\*\*\*@host:443"/],
    // A key pair pasted whole into the AccessKeyId's place, or swapped: the secret is not echoed.
    ["accessKeyId with its secret pasted beside it", { credentials: { accessKeyId: "LTAI5tKeyId12345 SeCrEtVaLuE123", accessKeySecret: "s" } },
      "SeCrEtVaLuE123", /received a value with a space or control character inside \(not shown: it may hold the AccessKeySecret beside the AccessKeyId\)\.$/],
    ["accessKeyId that is no AccessKeyId, with a CRLF file's \\r", { credentials: { accessKeyId: "SeCrEtVaLuE123\r", accessKeySecret: "s" } },
      "SeCrEtVaLuE123", /received a value with a space or control character at an end \(not shown: it does not start with LTAI, or STS\. for an STS key, as Alibaba Cloud's do; is it the AccessKeySecret\?\)\.$/],
  ];
  for (const [name, patch, secret, shown] of secretBearing) {
    it(`reports a rejected ${name} without its value`, () => {
      assert.throws(() => validateOptions({ ...base, ...patch } as unknown as ListLiveMessageGroupsOptions), (error: unknown) => {
        assert.ok(isLiveMessageGroupsError(error));
        assert.match(error.message, shown);
        assert.ok(!error.message.includes(secret) && !JSON.stringify(error).includes(secret) && !String(error.stack).includes(secret));
        return true;
      });
    });
  }

  it("echoes a rejected AccessKeyId that is one, with its stray space or control character at an end shown escaped", () => {
    for (const [accessKeyId, shown] of [["LTAI5tKeyId12345\r", '"LTAI5tKeyId12345\\r"'], [" STS.NUh5bXk4", '" STS.NUh5bXk4"'], ["", '""']] as const) {
      assert.throws(() => validateOptions({ ...base, credentials: { accessKeyId, accessKeySecret: "s" } }), (error: unknown) => {
        assert.ok(isLiveMessageGroupsError(error));
        assert.equal(error.message, `Invalid credentials.accessKeyId: expected a non-empty string without spaces or control characters, received ${shown}.`);
        return true;
      });
    }
  });

  it("never echoes a rejected secret", () => {
    const secret = "a-rejected-but-real-secret";
    const refused = (credentials: Record<string, unknown>, parameter: string, hidden: string): void => {
      assert.throws(() => validateOptions({ ...base, credentials } as unknown as ListLiveMessageGroupsOptions), (error: unknown) => {
        assert.ok(isLiveMessageGroupsError(error), String(error));
        assert.equal((error as { parameter?: string }).parameter, parameter);
        assert.ok(!String(error).includes(hidden) && !JSON.stringify(error).includes(hidden) && !String(error.stack).includes(hidden), String(error));
        return true;
      }, parameter);
    };
    refused({ accessKeyId: "AK", accessKeySecret: "ok", securityToken: 55557777 }, "credentials.securityToken", "55557777");
    // Another field refused beside a valid secret: the secret is not quoted either.
    refused({ accessKeyId: "", accessKeySecret: secret }, "credentials.accessKeyId", secret);
    // The secret itself refused, as text (a CRLF env file, a pasted space): named, never quoted.
    refused({ accessKeyId: "AK", accessKeySecret: `${secret}\r` }, "credentials.accessKeySecret", secret);
    refused({ accessKeyId: "AK", accessKeySecret: `${secret} x` }, "credentials.accessKeySecret", secret);
    refused({ accessKeyId: "AK", accessKeySecret: "ok", securityToken: `${secret}\n` }, "credentials.securityToken", secret);
  });
});

describe("parseEndpoint", () => {
  const table: ReadonlyArray<readonly [string, string, "HTTP" | "HTTPS"]> = [
    ["live.aliyuncs.com", "live.aliyuncs.com", "HTTPS"],
    ["live.ap-southeast-1.aliyuncs.com:443", "live.ap-southeast-1.aliyuncs.com:443", "HTTPS"],
    ["https://live.aliyuncs.com", "live.aliyuncs.com", "HTTPS"],
    ["HTTPS://live.aliyuncs.com:8443/", "live.aliyuncs.com:8443", "HTTPS"],
    ["http://127.0.0.1:8080", "127.0.0.1:8080", "HTTP"],
    ["http://127.1.2.3:8080", "127.1.2.3:8080", "HTTP"],
    ["http://localhost:9000", "localhost:9000", "HTTP"],
    ["http://[::1]:9000", "[::1]:9000", "HTTP"],
    ["127.0.0.1:8080", "127.0.0.1:8080", "HTTPS"],
    // The port's bounds, and a two-character host name.
    ["h1:1", "h1:1", "HTTPS"],
    ["https://live.example:65535", "live.example:65535", "HTTPS"],
    ["http://127.255.255.255:8080", "127.255.255.255:8080", "HTTP"],
  ];
  for (const [input, host, protocol] of table) {
    it(`${input} -> ${protocol} ${host}`, () => assert.deepEqual(parseEndpoint(input), { host, protocol }));
  }
  for (const bad of ["http://10.0.0.1:80", "http://128.0.0.1", "http://localhost.evil.com", "host:99999", "a b", "https://user@host", "host:0", "host:65536",
    // Plain http:// to a name that only looks like 127.0.0.0/8 would send signatures and tokens to whatever it resolves to.
    "http://127.evil.example.com", "http://127.0.0.1.2", "http://127.0.0.256", "http://127.0.0.0x1"]) {
    it(`rejects ${bad}`, () => assert.throws(() => parseEndpoint(bad), { name: "InvalidArgumentError" }));
  }
  it("names what is allowed, the loopback hosts plain http:// may reach included", () => {
    assert.throws(() => parseEndpoint("ftp://host"), {
      message: 'Invalid endpoint: expected a host[:port] such as live.aliyuncs.com (HTTPS), https://host[:port], or http://host:port for a loopback host ' +
        '(127.0.0.0/8, localhost, [::1]), received "ftp://host".',
    });
    assert.throws(() => parseEndpoint("http://10.0.0.1:80"), {
      message: "Invalid endpoint: expected https:// or a bare host for remote hosts; plain http:// is allowed only for loopback hosts (127.0.0.0/8, " +
        'localhost, [::1]) because requests carry signatures and security tokens, received "http://10.0.0.1:80".',
    });
  });
});
