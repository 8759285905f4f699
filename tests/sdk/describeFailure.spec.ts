import assert from "node:assert/strict";
import { inspect } from "node:util";
import type { ErrorCategory } from "../../sdk/retry/classifyError";
import { describeFailure, tidyTransportDetail } from "../../sdk/retry/describeFailure";
import { redactKnownSecrets, scrubSecrets } from "../../sdk/transport/scrubSecrets";

const secret = "Kx9sEcReT0000111122223333";
const context = { appId: "app-7", dataCenter: "ap-southeast-1", accessKeyId: "LTAI123", secrets: [secret] };

function failure(category: ErrorCategory, code: string | null, detail = "service says no") {
  return { category, retryable: false, code, httpStatus: 400, requestId: "RID-1", detail };
}

describe("describeFailure", () => {
  it("names the page of the failing request after the first, with the page count once known; error.page is its number (null without one)", () => {
    const later = describeFailure(failure("server", "ServerError"), 3, context, { number: 137, of: 200 });
    assert.match(later.message, /\(code ServerError, HTTP 400, RequestId RID-1, 3 attempts, page 137 of 200\)\.$/);
    assert.equal(later.page, 137);
    assert.match(describeFailure(failure("server", "ServerError"), 3, context, { number: 2, of: null }).message, /3 attempts, page 2\)\.$/);
    // The first page: the listing failed at its first request, nothing to add to the message.
    const first = describeFailure(failure("server", "ServerError"), 3, context, { number: 1, of: null });
    assert.match(first.message, /3 attempts\)\.$/);
    assert.equal(first.page, 1);
    const none = describeFailure(failure("server", "ServerError"), 3, context);
    assert.match(none.message, /3 attempts\)\.$/);
    assert.equal(none.page, null);
  });

  const table: ReadonlyArray<readonly [ErrorCategory, string | null, string, RegExp]> = [
    ["client", "ResourceNotExist", "ClientError", /app app-7 not found in data center ap-southeast-1: check appId and dataCenter/],
    ["client", "NoAuth", "ClientError", /LTAI123 may not call live:ListLiveMessageGroupByPage on app app-7/],
    ["client", "Forbidden.RAM", "ClientError", /grant that RAM action/],
    ["client", "SignatureDoesNotMatch", "ClientError", /AccessKeySecret does not belong to AccessKeyId LTAI123/],
    ["client", "IncompleteSignature", "ClientError", /AccessKeySecret does not belong to AccessKeyId LTAI123/],
    ["client", "InvalidSignature", "ClientError", /AccessKeySecret does not belong to AccessKeyId LTAI123/],
    ["client", "NoPermission", "ClientError", /LTAI123 may not call live:ListLiveMessageGroupByPage on app app-7/],
    ["client", "MissingParameter.AppId", "ClientError", /rejected the request parameters \(appId app-7, dataCenter ap-southeast-1\): check them/],
    ["client", "InvalidAccessKeyId.NotFound", "ClientError", /AccessKeyId LTAI123 is unknown or disabled/],
    ["client", "InvalidSecurityToken.Expired", "ClientError", /security token is invalid or expired/],
    ["client", "InvalidTimeStamp.Expired", "ClientError", /check the system clock/],
    ["client", "InputInvalid", "ClientError", /rejected the request parameters/],
    ["client", "SignatureNonceUsed", "ClientError", /nonce was reused/],
    ["client", "Whatever", "ClientError", /rejected the request/],
    ["throttling", "Throttling.User", "ThrottlingError", /can coordinate through Redis \(redisUrl, with quotaKey naming the account for all its keys\)\. Lower requestsPerSecond/],
    ["server", "ServerError", "ServerError", /failed until retries ran out/],
    ["timeout", "RequestTimeout", "TimeoutError", /requestTimeoutMs/],
    ["network", "ECONNRESET", "NetworkError", /Check the endpoint/],
    ["malformedResponse", "MalformedResponse", "InvalidResponseError", /failed validation/],
    ["invalidResponse", "InvalidResponse", "InvalidResponseError", /failed validation/],
    ["aborted", null, "AbortedError", /aborted/],
  ];
  it("names an AccessKeyId only when it has the shape of one: a swapped pair's secret in its place is not shown", () => {
    // The second holds LTAI, not at its start.
    for (const [accessKeyId, code] of [["Sw4ppedS3cretValue0123456789ab", "InvalidAccessKeyId.NotFound"], ["Sw4ppedS3cretValue0123456789ab", "SignatureDoesNotMatch"],
      ["Sw4ppedS3cretValue0123456789ab", "NoAuth"], ["Sw4ppedS3cretLTAIValue012345", "InvalidAccessKeyId.NotFound"]] as const) {
      const error = describeFailure(failure("client", code), 1, { ...context, accessKeyId });
      assert.ok(!error.message.includes("Sw4ppedS3cret"), error.message);
      assert.match(error.message, /the AccessKeyId \(not shown: it does not start with LTAI, or STS\. for an STS key, as Alibaba Cloud's do; is it the AccessKeySecret\?\)/);
    }
    const sts = describeFailure(failure("client", "InvalidAccessKeyId.NotFound"), 1, { ...context, accessKeyId: "STS.NUh5bXk4c2VjcmV0" });
    assert.match(sts.message, /AccessKeyId STS\.NUh5bXk4c2VjcmV0 is unknown or disabled/);
  });

  for (const [category, code, name, message] of table) {
    it(`${category} ${code ?? ""} -> ${name}`, () => {
      const error = describeFailure(failure(category, code), 4, context);
      assert.equal(error.name, name);
      assert.match(error.message, message);
      assert.match(error.message, new RegExp(`code ${code ?? "none"}, HTTP 400, RequestId RID-1, 4 attempts`));
      assert.equal(error.attempts, 4);
      assert.equal(error.requestId, "RID-1");
      assert.equal(error.code, code);
    });
  }

  describe("says what stopped the retries: the deadline (timeoutMs) or the retry budget, not the attempts, in every retried category", () => {
    const categories: ReadonlyArray<readonly [ErrorCategory, string | null, RegExp]> = [
      ["server", "ServerError", /^The service failed until its next try would have passed the listing's deadline \(timeoutMs\): service says no \(code ServerError/],
      ["timeout", "RequestTimeout", /^No complete answer within requestTimeoutMs until its next try would have passed the listing's deadline \(timeoutMs\): service says no \(code/],
      ["network", "ECONNRESET", /^Network failure talking to the endpoint until its next try would have passed the listing's deadline \(timeoutMs\): service says no \(code .*\)\. Check the endpoint and connectivity\.$/],
      ["malformedResponse", "MalformedResponse", /^The response body failed validation until its next try would have passed the listing's deadline \(timeoutMs\): service says no \(code/],
      ["invalidResponse", "InvalidResponse", /^The response body failed validation until its next try would have passed the listing's deadline \(timeoutMs\): service says no \(code/],
      ["credentials", "CredentialsRefreshFailed", /^The credentials could not be refreshed during the listing until its next try would have passed the listing's deadline \(timeoutMs\): service says no \(code/],
      ["throttling", "Throttling.User", /^ListLiveMessageGroupByPage was throttled until its next try would have passed the listing's deadline \(timeoutMs\): /],
      ["throttling", null, /^ListLiveMessageGroupByPage was refused as too many requests until its next try would have passed the listing's deadline \(timeoutMs\): /],
    ];
    for (const [category, code, message] of categories) {
      it(`${category} ${code ?? "(no code)"}: the deadline, never "retries ran out"; the budget when it ran out; the attempts' message as before`, () => {
        const error = describeFailure(failure(category, code), 9, context, undefined, "deadline");
        assert.match(error.message, message);
        assert.doesNotMatch(error.message, /retries ran out/);
        assert.match(describeFailure(failure(category, code), 9, context, undefined, "budget").message, /until the listing's retry budget ran out: /);
        const attempts = describeFailure(failure(category, code), 9, context, undefined, "attempts").message;
        assert.doesNotMatch(attempts, /deadline|budget/);
        assert.equal(attempts, describeFailure(failure(category, code), 9, context).message, "the default reason is the attempts");
      });
    }
    it("the attempts' messages keep their words", () => {
      assert.match(describeFailure(failure("server", "ServerError"), 9, context).message, /^The service failed until retries ran out: service says no /);
      assert.match(describeFailure(failure("network", "ECONNRESET"), 9, context).message, /^Network failure talking to the endpoint: service says no /);
      assert.match(describeFailure(failure("invalidResponse", "InvalidResponse"), 3, context).message, /^The response body failed validation: service says no /);
    });
  });

  it("escapes the service's text in the cause as in the message: a console prints both (bidi override, newline, escape)", () => {
    const detail = "denied for user \u202eKCATTA\u202c ok\n\x1b[31mred";
    for (const category of ["client", "server", "throttling", "network", "internal"] as const) {
      const error = describeFailure(failure(category, category === "internal" ? "TypeError" : "NoAuth", detail), 1, context);
      const cause = error.cause as { message: string };
      assert.equal(cause.message, "denied for user \\u202eKCATTA\\u202c ok\\n\\x1b[31mred", category);
      for (const text of [error.message, cause.message, inspect(error, { depth: 5 })]) {
        // eslint-disable-next-line no-control-regex
        assert.ok(!/[\u202e\u202c\x1b]/.test(text), `${category}: ${text}`);
      }
    }
  });

  describe("names the endpoint when what failed was not an answer of the service", () => {
    const at = { ...context, endpoint: "http://127.0.0.1:8080" };
    const named = [
      ["a reset mid-body", { category: "network", retryable: true, code: "ECONNRESET", httpStatus: null, requestId: null, detail: "aborted" }],
      ["a proxy's HTML 407", { category: "client", retryable: false, code: null, httpStatus: 407, requestId: null, detail: "HTTP 407 with a body that is not the service's" }],
      ["a gateway's HTML 502", { category: "server", retryable: true, code: null, httpStatus: 502, requestId: null, detail: "HTTP 502 with a body that is not the service's" }],
      ["a login page's HTML 200", { category: "malformedResponse", retryable: true, code: "MalformedResponse", httpStatus: 200, requestId: null, detail: "the body is not valid JSON" }],
      ["an answer that stalled", { category: "timeout", retryable: true, code: "RequestTimeout", httpStatus: 200, requestId: null, detail: "the endpoint stopped sending mid-answer" }],
      ["a JSON 200 that is not the API's page", { category: "invalidResponse", retryable: true, code: "InvalidResponse", httpStatus: 200, requestId: null, detail: "GroupList: expected array" }],
    ] as const;
    for (const [name, classification] of named) {
      it(name, () => {
        const error = describeFailure(classification, 2, at);
        assert.ok(error.message.includes(`${classification.detail} (endpoint http://127.0.0.1:8080) (code `), error.message);
        assert.ok((error.cause as { message: string }).message.endsWith("(endpoint http://127.0.0.1:8080)"));
      });
    }
    it("not twice: the transport's \"while sending GET <url>\" names it already (any case)", () => {
      const error = describeFailure({ category: "network", retryable: false, code: "DEPTH_ZERO_SELF_SIGNED_CERT", httpStatus: null, requestId: null,
        detail: "self-signed certificate GET https://live.aliyuncs.com/?AppId=a failed." }, 1, { ...context, endpoint: "https://LIVE.aliyuncs.com" });
      assert.equal(error.message, "Network failure talking to the endpoint: self-signed certificate (while sending GET https://live.aliyuncs.com/) " +
        "(code DEPTH_ZERO_SELF_SIGNED_CERT, RequestId none, 1 attempt). Check the endpoint and connectivity.");
    });
    it("a redirect (an answer that is not the API's, though it has a code of ours): the endpoint that sent it", () => {
      const redirect = { category: "client", retryable: false, code: "Redirect", httpStatus: 302, requestId: null,
        detail: "HTTP 302 redirect: the endpoint is not the service's API address" } as const;
      assert.ok(describeFailure(redirect, 1, at).message.includes(`${redirect.detail} (endpoint http://127.0.0.1:8080) (code Redirect, HTTP 302`));
    });
    it("not for the service's own answers (a Code of its own)", () => {
      const error = describeFailure(failure("client", "NoAuth"), 1, at);
      assert.doesNotMatch(error.message, /endpoint http/);
      // Nor for what was no answer of anyone's: the caller's abort.
      assert.doesNotMatch(describeFailure({ ...failure("aborted", null), httpStatus: null }, 1, at).message, /endpoint http/);
    });
    it("a timeout whose answer began says \"no complete answer\"; one without any, \"no answer\"", () => {
      assert.match(describeFailure(named[4][1], 1, at).message, /^No complete answer within requestTimeoutMs/);
      assert.match(describeFailure({ ...named[4][1], httpStatus: null }, 1, at).message, /^No answer within requestTimeoutMs/);
    });
  });

  it("an internal failure's cause keeps the stack for a bug report, scrubbed and escaped line by line", () => {
    const stack = `TypeError: boom\n    at read (/app/\u202eevil.js:1:1)\n    at ${secret} \x1b[31m`;
    const error = describeFailure({ ...failure("internal", "TypeError", "boom"), stack }, 1, context);
    const cause = error.cause as Error;
    assert.equal(cause.stack, "TypeError: boom\n    at read (/app/\\u202eevil.js:1:1)\n    at *** \\x1b[31m");
  });

  it("scrubs secrets and signatures from foreign text, in the message and the cause", () => {
    const detail = `GET http://h/?AccessKeyId=LTAI123&Signature=abcDEF%3D&SecurityToken=tok123 failed with ${secret}`;
    const error = describeFailure(failure("network", "ECONNRESET", detail), 1, context);
    for (const text of [error.message, JSON.stringify(error), inspect(error, { showHidden: true, depth: 5 })]) {
      assert.ok(!text.includes(secret));
      assert.ok(!text.includes("abcDEF") && !text.includes("tok123"));
    }
  });

  it("redactKnownSecrets redacts a known secret percent-encoded too (an STS token's + / = in a quoted query or form), in either case of hex", () => {
    const token = "CAIS8QF1q6Ft5B+2yf/SjIr5bk==";
    assert.equal(redactKnownSecrets(`a ${token} b ${encodeURIComponent(token)} c`, [token]), "a *** b *** c");
    const lower = encodeURIComponent(token).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
    assert.equal(redactKnownSecrets(`x=${lower}&y`, [token]), "x=***&y");
    assert.equal(redactKnownSecrets("plain abc123 text", ["abc123"]), "plain *** text");
  });

  it("scrubSecrets leaves ordinary text alone", () => {
    assert.equal(scrubSecrets("nothing to hide", ["abc"]), "nothing to hide");
    assert.equal(scrubSecrets("x-acs-security-token: tok", []), "x-acs-security-token: ***");
  });

  it("scrubSecrets masks secret fields in every spelling, quoted values whole (an aliyun CLI profile quoted by a parse error)", () => {
    const profile = `parse aliyun cli config from '/h/.aliyun/config.json' failed: {"profiles":[{"mode":"AK","access_key_id":"LTAIexample",` +
      `"access_key_secret":"SUPER,SECRET value","sts_token":"sts-tok","private_key":"-----BEGIN RSA PRIVATE KEY-----\\nMIIE abc\\n-----END",},]}`;
    const scrubbed = scrubSecrets(profile, []);
    for (const secret of ["SUPER", "SECRET value", "sts-tok", "BEGIN", "MIIE", "END"]) assert.ok(!scrubbed.includes(secret), `${secret} in ${scrubbed}`);
    assert.ok(scrubbed.includes(`"access_key_id":"LTAIexample"`), scrubbed);
    assert.equal(scrubSecrets("AccessKeySecret=abc&accessKeySecret: 'x y' access-key-secret=z bearer_token=t SecurityToken=u", []),
      "AccessKeySecret=***&accessKeySecret: '***' access-key-secret=*** bearer_token=*** SecurityToken=***");
  });

  it("scrubSecrets masks OAuth and SSO tokens, passwords and process commands a profile file holds, by name", () => {
    const profile = `{"profiles":[{"mode":"OAuth","oauth_access_token":"OAUTHACCESS-aaaa","oauth_refresh_token":"OAUTHREFRESH-bbbb",` +
      `"access_token":"SSO-cccc","process_command":"acs-sso --secret PROC-dddd","password":"PW-eeee","client_secret":"CS-ffff","region_id":"cn-shanghai"}]}`;
    const scrubbed = scrubSecrets(profile, []);
    for (const secret of ["OAUTHACCESS", "OAUTHREFRESH", "SSO-cccc", "PROC-dddd", "PW-eeee", "CS-ffff"]) assert.ok(!scrubbed.includes(secret), `${secret} in ${scrubbed}`);
    assert.ok(scrubbed.includes(`"region_id":"cn-shanghai"`), scrubbed);
  });

  it("scrubSecrets keeps a service message whose code ends in a secret's name (MissingSecurityToken: SecurityToken is mandatory)", () => {
    assert.equal(scrubSecrets("MissingSecurityToken: SecurityToken is mandatory for this AccessKeyId.", []),
      "MissingSecurityToken: SecurityToken is mandatory for this AccessKeyId.");
    assert.equal(scrubSecrets("InvalidSecurityToken.Expired: token expired", []), "InvalidSecurityToken.Expired: token expired");
  });

  it("scrubSecrets removes the user information and the query of URLs (a credentials URI's token)", () => {
    assert.equal(scrubSecrets("connect ECONNREFUSED 127.0.0.1:1GET http://127.0.0.1:1/creds?token=UriTok3nSECRET failed.", []),
      "connect ECONNREFUSED 127.0.0.1:1GET http://127.0.0.1:1/creds?*** failed.");
    assert.equal(scrubSecrets("fetching https://user:pa55word@creds.example.com/v1 failed", []), "fetching https://***@creds.example.com/v1 failed");
    assert.equal(scrubSecrets("mail me at a@b.example", []), "mail me at a@b.example");
  });

  it("scrubSecrets redacts every signature, user information and query in the text, not only the first, whatever the case of the name or scheme", () => {
    assert.equal(scrubSecrets("signature=0a1b2c then Signature: 3d4e5f", []), "signature=*** then Signature: ***");
    assert.equal(scrubSecrets("from https://u:pw-one@a.example/x to redis://:pw-two@b.example:6379", []),
      "from https://***@a.example/x to redis://***@b.example:6379");
    assert.equal(scrubSecrets("GET http://a.example/?sig=one-aaaa then HTTPS://B.EXAMPLE/?sig=two-bbbb", []),
      "GET http://a.example/?*** then HTTPS://B.EXAMPLE/?***");
  });

  it("redactKnownSecrets skips values too short to be secrets (an empty one would put *** between every character) and redacts one of 4 characters", () => {
    assert.equal(redactKnownSecrets("abc text", ["", "x", "abc"]), "abc text");
    assert.equal(scrubSecrets("abc text", ["", "abc"]), "abc text");
    assert.equal(redactKnownSecrets("key abcd here", ["abcd"]), "key *** here");
  });

  it("separates openapi-client's glued method and URL from socket errors and drops the query", () => {
    const table: ReadonlyArray<readonly [string, string]> = [
      ["getaddrinfo ENOTFOUND live.example.invalidGET https://live.example.invalid/?AppId=x&PageNumber=1 failed.",
        "getaddrinfo ENOTFOUND live.example.invalid (while sending GET https://live.example.invalid/)"],
      ["read ECONNRESETPOST http://127.0.0.1:9/ failed.", "read ECONNRESET (while sending POST http://127.0.0.1:9/)"],
      ["socket hang up", "socket hang up"],
    ];
    for (const [raw, expected] of table) assert.equal(tidyTransportDetail(raw), expected);
    const error = describeFailure(failure("network", "ENOTFOUND", table[0]![0]), 1, context);
    assert.doesNotMatch(error.message, /invalidGET|AppId=x/);
  });
});
