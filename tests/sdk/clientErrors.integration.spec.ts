import assert from "node:assert/strict";
import { createServer } from "node:http";
import { inspect } from "node:util";
import type { Emulator } from "../../emulator/types";
import { isLiveMessageGroupsError, listLiveMessageGroups, paginateLiveMessageGroups } from "../../sdk";
import type { ListLiveMessageGroupsOptions } from "../../sdk/types";
import { fastOptions, listRequests, startTestEmulator } from "./emulatorHarness";
import { assertNoSecrets } from "./assertNoSecrets";
import { FakeClock } from "./fakeClock";

describe("client errors fail after ONE request, actionable and scrubbed", function () {
  this.timeout(30_000);
  let emulator: Emulator;
  const token = "sts-token-Hh7Kk2Jj9Ll4Mm6Nn8";
  // An STS key pair whose token expired a minute ago (the emulator's clock is the wall clock here).
  const expired = { accessKeyId: "STS.expiredKey", accessKeySecret: "expired-sts-secret-Pp3Oo4Ii5", securityToken: "expired-sts-token-Gg6Ff7Dd8" };
  before(async () => {
    emulator = await startTestEmulator({
      callsPerSecond: 0,
      apps: [{ appId: "app", groups: 10 }],
      keyPairs: [{ accessKeyId: `LTAIclientErrors${process.pid}`, accessKeySecret: "client-errors-secret-Zq8vW2xYk9" }, { ...expired, securityTokenExpiresAt: Date.now() - 60_000 }],
    });
  });
  after(() => emulator.close());

  const cases: ReadonlyArray<{ name: string; options: () => Partial<ListLiveMessageGroupsOptions>; code: RegExp; message: RegExp; secrets: () => string[] }> = [
    { name: "unknown app", options: () => ({ appId: "no-such-app" }), code: /^ResourceNotExist$/,
      message: /app no-such-app not found in data center cn-shanghai: check appId and dataCenter/, secrets: () => [] },
    { name: "wrong secret", options: () => ({ credentials: { ...emulator.credentials, accessKeySecret: "wrong-secret-Qq1Ww2Ee3Rr4" } }),
      code: /^SignatureDoesNotMatch$/, message: /AccessKeySecret does not belong to AccessKeyId/, secrets: () => ["wrong-secret-Qq1Ww2Ee3Rr4"] },
    { name: "unknown AccessKeyId", options: () => ({ credentials: { accessKeyId: "LTAIunknown", accessKeySecret: "some-secret-Tt5Yy6Uu7" } }),
      code: /^InvalidAccessKeyId/, message: /AccessKeyId LTAIunknown is unknown or disabled/, secrets: () => ["some-secret-Tt5Yy6Uu7"] },
    { name: "an STS token the key does not use", options: () => ({ credentials: { ...emulator.credentials, securityToken: token } }),
      code: /SecurityToken|Signature/, message: /RequestId/, secrets: () => [token] },
    { name: "an expired STS token (a source that stopped refreshing)", options: () => ({ credentials: expired }),
      code: /^InvalidSecurityToken\.Expired$/, message: /Specified SecurityToken is expired/, secrets: () => [expired.accessKeySecret, expired.securityToken] },
  ];
  for (const row of cases) {
    it(row.name, async () => {
      emulator.resetStats();
      const options = { ...fastOptions(emulator, "app"), ...row.options() };
      const error = await listLiveMessageGroups(options).catch((e: unknown) => e);
      assert.ok(isLiveMessageGroupsError(error), String(error));
      assert.equal(error.kind, "ClientError");
      assert.match(error.code ?? "", row.code);
      assert.match(error.message, row.message);
      assert.equal(error.attempts, 1);
      assert.equal(listRequests(emulator), 1, "exactly one request");
      const logged = emulator.requestLog()[0];
      assert.equal(error.requestId, logged?.requestId);
      assert.ok(error.message.includes(`RequestId ${logged?.requestId}`) && error.message.includes(error.code ?? "?"));
      assertNoSecrets(error, [emulator.credentials.accessKeySecret, ...row.secrets()]);
    });
  }

  it("an appId with control characters is refused before any request, and the refusal quotes it escaped", async () => {
    emulator.resetStats();
    const appId = "nope\n\u001b[31mFAKE LOG LINE\r\u009b";
    const error = await listLiveMessageGroups(fastOptions(emulator, appId)).catch((e: unknown) => e);
    assert.ok(isLiveMessageGroupsError(error));
    assert.deepEqual([error.name, (error as { parameter?: string }).parameter], ["InvalidArgumentError", "appId"]);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(error.message, /[\u0000-\u001f\u007f-\u009f]/);
    assert.ok(error.message.includes("nope\\n\\u001b[31mFAKE LOG LINE\\r\\x9b"), error.message);
    assert.equal(listRequests(emulator), 0);
  });

  it("control characters the service puts in a message are escaped: one line, no terminal escapes, RequestId still named", async () => {
    // The service echoes what it was sent in its messages; a gateway in front of it may say anything.
    const server = createServer((_request, response) => {
      response.writeHead(404, { "content-type": "application/json", "x-acs-request-id": "ECHO-1" });
      response.end(JSON.stringify({ Code: "ResourceNotExist", Message: "The app nope\n\u001b[31mFAKE LOG LINE\r\u009b does not exist.", RequestId: "ECHO-1" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const error = await listLiveMessageGroups({ ...fastOptions(emulator, "app"), endpoint }).catch((e: unknown) => e);
      assert.ok(isLiveMessageGroupsError(error));
      assert.equal(error.code, "ResourceNotExist");
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(error.message, /[\u0000-\u001f\u007f-\u009f]/);
      assert.ok(error.message.includes("nope\\n\\x1b[31mFAKE LOG LINE\\r\\x9b"), error.message);
      assert.ok(error.requestId === "ECHO-1" && error.message.includes("ECHO-1"), "RequestId still named");
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  // Real STS tokens run to 1,000 characters and more; a service message is cut at 1,000 (the long
  // token's first part stayed in the error when the cut came before the redaction).
  const quotedTokens = [
    { name: "bare", stsToken: "CAIS1234BareStsTokenValue5678" },
    { name: "long, across the 1,000-character cut (no 24-character piece of it either)", stsToken: `CAIS${"q6Ft5B2yfSjIr5bkD8+Gf/LWRq==".repeat(44)}` },
  ];
  for (const { name, stsToken } of quotedTokens) {
    it(`a service message that quotes the STS token ${name}: the token is not in the error`, async () => {
      const server = createServer((request, response) => {
        response.writeHead(400, { "content-type": "application/json", "x-acs-request-id": "TOK-1" });
        response.end(JSON.stringify({ Code: "InvalidSecurityToken.Malformed", Message: `The security token ${String(request.headers["x-acs-security-token"])} is malformed.`, RequestId: "TOK-1" }));
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
        const options = { ...fastOptions(emulator, "app"), endpoint, credentials: { ...emulator.credentials, securityToken: stsToken } };
        const error = await listLiveMessageGroups(options).catch((e: unknown) => e);
        assert.ok(isLiveMessageGroupsError(error));
        assert.equal(error.code, "InvalidSecurityToken.Malformed");
        assert.match(error.message, /The security token \*\*\* is malformed/);
        const pieces = Array.from({ length: Math.floor(stsToken.length / 24) }, (_, k) => stsToken.slice(k * 24, k * 24 + 24));
        assertNoSecrets(error, [stsToken, ...pieces]);
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });
  }

  /** Lists through a fake server answering every request with `answer`; returns the error and the requests it got. */
  async function failWith(answer: (response: import("node:http").ServerResponse) => void): Promise<{ error: unknown; requests: number }> {
    let requests = 0;
    const server = createServer((_request, response) => {
      requests++;
      answer(response);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const error = await listLiveMessageGroups({ ...fastOptions(emulator, "app"), endpoint, maxAttempts: 3 }).catch((e: unknown) => e);
      return { error, requests };
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it("a gateway's error in lower camel case, or with the RequestId only in its header: its message and RequestId are named", async () => {
    const lower = await failWith((response) => {
      response.writeHead(400, { "content-type": "application/json" });
      response.end(JSON.stringify({ code: "InvalidParameter", message: "lower-case message", requestId: "RID-LOWER" }));
    });
    assert.ok(isLiveMessageGroupsError(lower.error));
    assert.equal(lower.error.requestId, "RID-LOWER");
    assert.ok(lower.error.message.includes("lower-case message") && lower.error.message.includes("RID-LOWER"), lower.error.message);
    const header = await failWith((response) => {
      response.writeHead(400, { "content-type": "application/json", "x-acs-request-id": "RID-HEADER" });
      response.end(JSON.stringify({ Code: "InvalidParameter", Message: "header-only request id" }));
    });
    assert.ok(isLiveMessageGroupsError(header.error));
    assert.equal(header.error.requestId, "RID-HEADER");
    assert.ok(header.error.message.includes("RID-HEADER"), header.error.message);
  });

  it("a host that does not serve the API (the gateway's 404 InvalidProduct/InvalidApi/InvalidAction.NotFound) is named as the endpoint, not as a missing app", async () => {
    // Alibaba's gateway answers these for another product's or region's host, or an API it does not have.
    const answers = [
      ["InvalidProduct.NotFound", "Cannot find product according to your specified domain."],
      ["InvalidApi.NotFound", "Specified api is not found, please check your url and method."],
      ["InvalidAction.NotFound", "Specified api is not found, please check your url and method."],
    ] as const;
    for (const [code, message] of answers) {
      let endpoint = "";
      const { error, requests } = await failWith((response) => {
        endpoint = `http://${String(response.req.headers.host)}`;
        response.writeHead(404, { "content-type": "application/json;charset=utf-8", "x-acs-request-id": "RID-EP" });
        response.end(JSON.stringify({ RequestId: "RID-EP", HostId: "live.cn-shanghai.aliyuncs.com", Code: code, Message: message, Recommend: "https://api.aliyun.com/troubleshoot" }));
      });
      assert.ok(isLiveMessageGroupsError(error), String(error));
      assert.equal(error.kind, "ClientError");
      assert.equal(requests, 1, `${code}: retried`);
      assert.ok(error.message.startsWith(`the endpoint ${endpoint} does not serve ListLiveMessageGroupByPage (API version 2016-11-01): ` +
        `set the endpoint to the service's, live.aliyuncs.com (the default): ${message}`), error.message);
      assert.doesNotMatch(error.message, /not found in data center|check appId/, code);
    }
  });

  it("a disabled AccessKey (403 Forbidden.AccessKeyDisabled) is named as disabled, not as missing a RAM grant", async () => {
    const { error, requests } = await failWith((response) => {
      response.writeHead(403, { "content-type": "application/json;charset=utf-8", "x-acs-request-id": "RID-DIS" });
      response.end(JSON.stringify({ RequestId: "RID-DIS", HostId: "live.aliyuncs.com", Code: "Forbidden.AccessKeyDisabled", Message: "The AccessKey is disabled.", Recommend: "https://api.aliyun.com/troubleshoot" }));
    });
    assert.ok(isLiveMessageGroupsError(error), String(error));
    assert.equal(error.kind, "ClientError");
    assert.equal(requests, 1);
    assert.ok(error.message.startsWith(`AccessKeyId ${emulator.credentials.accessKeyId} is disabled: enable it, or use another key pair: The AccessKey is disabled.`), error.message);
    assert.doesNotMatch(error.message, /grant|RAM action/);
  });

  it("an expired STS token the gateway names in a parameter error (InvalidParameter \"SecurityToken.Expired\") gets the token's advice, not the app's", async () => {
    const { error, requests } = await failWith((response) => {
      response.writeHead(400, { "content-type": "application/json;charset=utf-8", "x-acs-request-id": "RID-STS" });
      response.end(JSON.stringify({ RequestId: "RID-STS", HostId: "live.aliyuncs.com", Code: "InvalidParameter", Message: "The specified parameter \"SecurityToken.Expired\" is not valid.", Recommend: "https://api.aliyun.com/troubleshoot" }));
    });
    assert.ok(isLiveMessageGroupsError(error), String(error));
    assert.equal(error.kind, "ClientError");
    assert.equal(requests, 1);
    assert.ok(error.message.startsWith("the STS security token is invalid or expired: obtain a fresh token: The specified parameter \"SecurityToken.Expired\" is not valid."), error.message);
    assert.doesNotMatch(error.message, /check them|appId app/);
  });

  it("a service message of 100 KB is cut to 1,000 characters, saying how much was left out", async () => {
    const { error } = await failWith((response) => {
      response.writeHead(400, { "content-type": "application/json", "x-acs-request-id": "RID-BIG" });
      response.end(JSON.stringify({ Code: "InvalidParameter", Message: "x".repeat(100_000), RequestId: "RID-BIG" }));
    });
    assert.ok(isLiveMessageGroupsError(error));
    assert.ok(error.message.length < 1300, `${error.message.length} characters`);
    assert.ok(error.message.includes(`${"x".repeat(1000)}... (99000 more characters)`) && error.message.includes("RID-BIG"), error.message.slice(-200));
  });

  it("a redirect (a web page's or a moved host's address) fails after one request, naming the redirect and where it points", async () => {
    for (const [status, body, contentType] of [[301, "<html>Moved</html>", "text/html"], [302, "", "text/plain"], [307, '{"ok":true}', "application/json"]] as const) {
      const { error, requests } = await failWith((response) => {
        response.writeHead(status, { "content-type": contentType, location: "https://www.example.com/live" });
        response.end(body);
      });
      assert.ok(isLiveMessageGroupsError(error), String(error));
      assert.equal(error.kind, "ClientError", error.message);
      assert.equal(error.httpStatus, status);
      assert.equal(error.code, "Redirect");
      assert.equal(requests, 1, `${status}: retried`);
      assert.ok(error.message.includes(`HTTP ${status} redirect: the endpoint is not the service's API address; set the endpoint to the API host, ` +
        "such as live.aliyuncs.com; it points to https://www.example.com/live"), error.message);
    }
    // A 304 (no Location) is no redirect, and not the API's answer either.
    const { error, requests } = await failWith((response) => {
      response.writeHead(304);
      response.end();
    });
    assert.ok(isLiveMessageGroupsError(error) && error.kind === "ClientError" && requests === 1, String(error));
    assert.ok(error.message.includes("HTTP 304, an answer the API never gives: the endpoint is not the service's API address"), error.message);
    // Nor is a 300 or a 399, even with a body that reads as a page (an empty listing would be taken for the app's).
    for (const status of [300, 399]) {
      const other = await failWith((response) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify({ RequestId: "R300", TotalCount: 0, PageNumber: 1, PageSize: 50, GroupList: [] }));
      });
      assert.ok(isLiveMessageGroupsError(other.error) && other.error.kind === "ClientError" && other.requests === 1, String(other.error));
      assert.ok(other.error.message.includes(`HTTP ${status}, an answer the API never gives`), other.error.message);
    }
  });

  it("a 200 whose JSON body is not a page (a gateway's own JSON) is an invalid response naming what is missing, never an empty or partial listing", async () => {
    const { error, requests } = await failWith((response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ ok: true, RequestId: "R-GW" }));
    });
    assert.ok(isLiveMessageGroupsError(error), String(error));
    assert.equal(error.kind, "InvalidResponse", error.message);
    assert.ok(error.message.includes("TotalCount"), error.message);
    assert.ok(requests >= 1);
  });

  it("the cause of a service error quotes its Message escaped, as the error's message does: console.error(err) shows no raw bidi override", async () => {
    const { error } = await failWith((response) => {
      response.writeHead(403, { "content-type": "application/json" });
      response.end(JSON.stringify({ RequestId: "R1", Code: "NoAuth", Message: "denied for user \u202eKCATTA\u202c ok" }));
    });
    assert.ok(isLiveMessageGroupsError(error));
    const cause = error.cause as { message?: unknown };
    assert.equal(cause.message, "denied for user \\u202eKCATTA\\u202c ok");
    for (const text of [error.message, inspect(error, { depth: 5 })]) assert.ok(!/[\u202e\u202c]/.test(text), text);
  });

  it("an HTTP 429 under a Code the service never sends (a gateway's TooManyRequests) is retried by its status, not failed as a client error", async () => {
    let requests = 0;
    const server = createServer((_request, response) => {
      requests++;
      response.writeHead(requests === 1 ? 429 : 200, { "content-type": "application/json" });
      response.end(JSON.stringify(requests === 1
        ? { RequestId: "R1", Code: "TooManyRequests", Message: "Too many requests, retry later" }
        : { RequestId: "R2", TotalCount: 1, PageNumber: 1, PageSize: 50, GroupList: [{ GroupId: "g1", Createtime: 1 }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      // Real time, but the backoff's sleep resolves at once.
      const clock = new FakeClock({ realTime: true, advanceOnSleep: false });
      const list = await listLiveMessageGroups({ ...fastOptions(emulator, "app"), endpoint, clock, quotaKey: null, redisUrl: null });
      assert.deepEqual([list.groups.map((group) => group.groupId), list.requests, list.retries, requests], [["g1"], 2, 1, 2]);
      assert.ok(clock.sleeps.length >= 1 && clock.sleeps.every((ms) => ms < 500), `one throttling backoff: ${clock.sleeps.join(", ")}`);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("invalid options reject before any request, from both entry points", async () => {
    emulator.resetStats();
    await assert.rejects(listLiveMessageGroups({ ...fastOptions(emulator, "app"), pageSize: 500 }), { name: "InvalidArgumentError", parameter: "pageSize" });
    await assert.rejects(paginateLiveMessageGroups({ ...fastOptions(emulator, "app"), concurrency: 0 }).next(), { name: "InvalidArgumentError" });
    assert.equal(listRequests(emulator), 0);
  });
});
