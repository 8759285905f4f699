import { strict as assert } from "node:assert";
import { startEmulator } from "../../emulator";
import type { Emulator } from "../../emulator";
import { createCaller, rejection } from "./support/openApiCaller";
import { type Acs3Spec, rawRequest, signAcs3, type RawResponse } from "./support/rawRequest";

const SECRET = "emulator-test-secret-value-123";
const STS = { accessKeyId: "STS.test-key", accessKeySecret: "sts-secret-value-456", securityToken: "sts-token-value-789" };

describe("emulator: ACS3-HMAC-SHA256 verification", () => {
  let emulator: Emulator;
  const listQuery = { AppId: "app", SortType: "1" };

  before(async () => {
    emulator = await startEmulator({
      callsPerSecond: 0,
      keyPairs: [{ accessKeyId: "test-key", accessKeySecret: SECRET }, STS],
      apps: [{ appId: "app", groups: 3 }],
    });
  });
  after(() => emulator.close());

  async function send(overrides: Partial<Acs3Spec>, mutate?: (headers: Record<string, string>) => void): Promise<RawResponse> {
    const signed = signAcs3({ port: emulator.port, accessKeyId: "test-key", accessKeySecret: SECRET, query: listQuery, ...overrides });
    mutate?.(signed.headers);
    return rawRequest(emulator.port, signed);
  }

  it("accepts a correctly hand-signed GET and a signed POST form body", async () => {
    const get = await send({});
    assert.equal(get.status, 200, get.text);
    assert.equal(get.json()["TotalCount"], 3);
    assert.match(String(get.headers["x-acs-request-id"]), /^[0-9A-F-]{36}$/);
    const post = await send({ method: "POST", query: {}, body: "AppId=app&SortType=2&PageSize=1", contentType: "application/x-www-form-urlencoded" });
    assert.equal(post.status, 200, post.text);
    assert.equal((post.json()["GroupList"] as unknown[]).length, 1);
  });

  it("reads parameters from a form body only, the query's first", async () => {
    // A body that is not a form carries no parameters; a name sent twice counts as first sent, the
    // query before the body (every page of the app holds 3 groups here: PageSize 1 shows one).
    const json = await send({ method: "POST", query: { AppId: "app", SortType: "1" }, body: "PageSize=1", contentType: "application/json" });
    assert.equal((json.json()["GroupList"] as unknown[]).length, 3, json.text);
    const both = await send({ method: "POST", query: { AppId: "app", SortType: "1", PageSize: "1" }, body: "PageSize=2", contentType: "application/x-www-form-urlencoded" });
    assert.equal((both.json()["GroupList"] as unknown[]).length, 1, both.text);
    // Exactly the largest body read is still read (one byte more is 413, in the stats spec).
    const largest = await send({ method: "POST", query: { AppId: "app", SortType: "1" }, body: "x".repeat(1024 * 1024), contentType: "text/plain" });
    assert.equal(largest.status, 200, largest.text.slice(0, 200));
  });

  // `message`, where given: what the error must name (the header the request lacks, not a query parameter it has).
  const rejections: { name: string; overrides: Partial<Acs3Spec>; mutate?: (h: Record<string, string>) => void; status: number; code: string; message?: RegExp }[] = [
    { name: "a wrong secret", overrides: { accessKeySecret: "not-the-secret" }, status: 400, code: "SignatureDoesNotMatch" },
    { name: "an unknown AccessKeyId", overrides: { accessKeyId: "nobody" }, status: 404, code: "InvalidAccessKeyId.NotFound" },
    { name: "a date 16 minutes behind", overrides: { get dateMs() { return Date.now() - 16 * 60_000; } }, status: 400, code: "InvalidTimeStamp.Expired" },
    { name: "a date 16 minutes ahead", overrides: { get dateMs() { return Date.now() + 16 * 60_000; } }, status: 400, code: "InvalidTimeStamp.Expired" },
    { name: "an unsigned x-acs header", overrides: { extraHeaders: { "x-acs-extra": "1" }, unsigned: ["x-acs-extra"] }, status: 400, code: "IncompleteSignature" },
    { name: "an unsigned host", overrides: { unsigned: ["host"] }, status: 400, code: "IncompleteSignature" },
    {
      // The header that names the credentials: left unsigned, it could be swapped on a captured request.
      name: "an unsigned x-acs-security-token",
      overrides: { accessKeyId: STS.accessKeyId, accessKeySecret: STS.accessKeySecret, extraHeaders: { "x-acs-security-token": STS.securityToken, "x-acs-accesskey-id": STS.accessKeyId }, unsigned: ["x-acs-security-token"] },
      status: 400, code: "IncompleteSignature",
    },
    { name: "a body not matching x-acs-content-sha256", overrides: { method: "POST", body: "AppId=app&SortType=1", contentType: "application/x-www-form-urlencoded", contentSha256: "0".repeat(64) }, status: 400, code: "SignatureDoesNotMatch" },
    { name: "a tampered signed header", overrides: {}, mutate: (h) => { h["x-acs-action"] = "DescribeLiveMessageGroup"; }, status: 400, code: "SignatureDoesNotMatch" },
    { name: "a malformed Authorization", overrides: {}, mutate: (h) => { h["authorization"] = "ACS3-HMAC-SHA256 garbage"; }, status: 400, code: "IncompleteSignature" },
    { name: "another algorithm", overrides: {}, mutate: (h) => { h["authorization"] = (h["authorization"] ?? "").replace("ACS3-HMAC-SHA256", "ACS3-HMAC-SM3"); }, status: 400, code: "IncompleteSignature" },
    // A parser that looked for the fields anywhere in the header, or compared only as much of the
    // signature as was sent, would serve these: the hex sent is a correct signature's prefix.
    { name: "words before the algorithm", overrides: {}, mutate: (h) => { h["authorization"] = `Bearer ${h["authorization"] ?? ""}`; }, status: 400, code: "IncompleteSignature" },
    { name: "a signature followed by other text", overrides: {}, mutate: (h) => { h["authorization"] = `${h["authorization"] ?? ""}zz`; }, status: 400, code: "IncompleteSignature" },
    { name: "a truncated signature", overrides: {}, mutate: (h) => { h["authorization"] = (h["authorization"] ?? "").slice(0, -8); }, status: 400, code: "SignatureDoesNotMatch" },
    { name: "a missing nonce header", overrides: {}, mutate: (h) => { delete h["x-acs-signature-nonce"]; }, status: 400, code: "MissingParameter" },
    { name: "no x-acs-date header", overrides: { omit: ["x-acs-date"] }, status: 400, code: "MissingParameter", message: /"x-acs-date"/ },
    { name: "no x-acs-content-sha256 header", overrides: { omit: ["x-acs-content-sha256"] }, status: 400, code: "MissingParameter", message: /"x-acs-content-sha256"/ },
    { name: "a signed header that is missing", overrides: { extraHeaders: { "content-type": "text/plain" } }, mutate: (h) => { delete h["content-type"]; }, status: 400, code: "IncompleteSignature" },
    { name: "a date in RFC 1123 form", overrides: {}, mutate: (h) => { h["x-acs-date"] = new Date().toUTCString(); }, status: 400, code: "SignatureDoesNotMatch" },
    { name: "no signature at all", overrides: {}, mutate: (h) => { delete h["authorization"]; }, status: 400, code: "MissingParameter" },
    { name: "a security token for a key without one", overrides: { extraHeaders: { "x-acs-security-token": "stray", "x-acs-accesskey-id": "test-key" } }, status: 400, code: "InvalidSecurityToken.Malformed" },
    { name: "signed headers listed out of order", overrides: { reverseSignedHeaders: true }, status: 400, code: "SignatureDoesNotMatch" },
    {
      name: "no x-acs-action header, Action only in the signed query",
      overrides: { omit: ["x-acs-action"], query: { ...listQuery, Action: "ListLiveMessageGroupByPage" } }, status: 400, code: "MissingParameter", message: /"x-acs-action"/,
    },
    {
      name: "no x-acs-version header, Version only in the signed query",
      overrides: { omit: ["x-acs-version"], query: { ...listQuery, Version: "2016-11-01" } }, status: 400, code: "MissingParameter", message: /"x-acs-version"/,
    },
    {
      name: "an STS token without x-acs-accesskey-id",
      overrides: { accessKeyId: STS.accessKeyId, accessKeySecret: STS.accessKeySecret, extraHeaders: { "x-acs-security-token": STS.securityToken } },
      status: 400, code: "IncompleteSignature",
    },
  ];
  for (const row of rejections) {
    it(`rejects ${row.name} with ${row.status} ${row.code}, echoing no secret`, async () => {
      const response = await send(row.overrides, row.mutate);
      const body = response.json();
      assert.deepEqual([response.status, body["Code"]], [row.status, row.code], response.text);
      if (row.message !== undefined) assert.match(String(body["Message"]), row.message);
      assert.deepEqual(Object.keys(body).sort(), ["Code", "HostId", "Message", "Recommend", "RequestId"]);
      for (const secret of [SECRET, "not-the-secret", STS.securityToken]) assert.ok(!response.text.includes(secret));
      assert.ok(!/Signature=|[0-9a-f]{64}/.test(response.text), "no signature echoed");
    });
  }

  it("rejects a date in the wrong form, or one that does not exist, once it is correctly signed", async () => {
    const today = new Date().toISOString().slice(0, 10);
    for (const date of ["2025-01-01 00:00:00", `${today}T00:00:00.999Z`, `${today}T24:00:00Z`, "2030-02-30T00:00:00Z"]) {
      const resigned = signAcs3({ port: emulator.port, accessKeyId: "test-key", accessKeySecret: SECRET, query: listQuery, extraHeaders: { "x-acs-date": date } });
      const response = await rawRequest(emulator.port, resigned);
      assert.equal(response.json()["Code"], "InvalidTimeStamp.Format", date);
    }
  });

  it("rejects a replayed nonce, and a rejected request does not burn its nonce", async () => {
    const signed = signAcs3({ port: emulator.port, accessKeyId: "test-key", accessKeySecret: SECRET, query: listQuery, nonce: "replay-me" });
    assert.equal((await rawRequest(emulator.port, signed)).status, 200);
    const replay = await rawRequest(emulator.port, signed);
    assert.deepEqual([replay.status, replay.json()["Code"]], [400, "SignatureNonceUsed"]);
    const bad = await send({ nonce: "fresh-nonce", accessKeySecret: "wrong" });
    assert.equal(bad.json()["Code"], "SignatureDoesNotMatch");
    assert.equal((await send({ nonce: "fresh-nonce" })).status, 200);
  });

  it("requires the STS token of a key pair that has one, by header or SecurityToken parameter", async () => {
    const base = { accessKeyId: STS.accessKeyId, accessKeySecret: STS.accessKeySecret };
    assert.equal((await send(base)).json()["Code"], "MissingSecurityToken");
    assert.equal((await send({ ...base, extraHeaders: { "x-acs-security-token": "wrong-token", "x-acs-accesskey-id": STS.accessKeyId } })).json()["Code"], "InvalidSecurityToken.MismatchWithAccessKey");
    assert.equal((await send({ ...base, extraHeaders: { "x-acs-security-token": STS.securityToken, "x-acs-accesskey-id": STS.accessKeyId } })).status, 200);
    assert.equal((await send({ ...base, query: { ...listQuery, SecurityToken: STS.securityToken } })).status, 200);
    const mismatch = await send({ ...base, extraHeaders: { "x-acs-security-token": STS.securityToken, "x-acs-accesskey-id": "someone-else" } });
    assert.equal(mismatch.json()["Code"], "IncompleteSignature");
  });

  it("accepts the real openapi-client with STS credentials and rejects it with a wrong secret", async () => {
    const good = createCaller(emulator.endpoint, STS);
    assert.equal((await good("ListLiveMessageGroupByPage", listQuery))["TotalCount"], 3);
    const wrong = createCaller(emulator.endpoint, { accessKeyId: "test-key", accessKeySecret: "wrong-secret" });
    const error = await rejection(wrong("ListLiveMessageGroupByPage", listQuery));
    assert.deepEqual([error["code"], error["statusCode"]], ["SignatureDoesNotMatch", 400]);
    assert.ok(!JSON.stringify(error["data"]).includes("wrong-secret"));
  });

  it("rejects other methods and paths, and a wrong Version", async () => {
    const put = await send({ method: "PUT" });
    assert.deepEqual([put.status, put.json()["Code"], put.json()["Message"]], [405, "UnsupportedHTTPMethod", "HTTP method PUT is not supported."]);
    const path = await rawRequest(emulator.port, { path: "/other", headers: {} });
    assert.deepEqual([path.status, path.json()["Code"], path.json()["Message"]], [404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method."]);
    const wrongVersion = await send({ extraHeaders: { "x-acs-version": "2099-01-01" } });
    assert.deepEqual([wrongVersion.status, wrongVersion.json()["Code"], wrongVersion.json()["Message"]], [400, "InvalidVersion", "Specified parameter Version is not valid."]);
  });
});

describe("emulator: nonces on the emulator's clock", () => {
  const KEY = { accessKeyId: "clock-key", accessKeySecret: "clock-secret-value-321" };
  const SKEW_MS = 15 * 60_000;
  let now = Date.UTC(2030, 0, 1);
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ callsPerSecond: 1, keyPairs: [KEY], apps: [{ appId: "app", groups: 1 }], now: () => now });
  });
  after(() => emulator.close());
  const sign = (nonce: string, dateMs: number) =>
    signAcs3({ port: emulator.port, ...KEY, query: { AppId: "app", SortType: "1" }, nonce, dateMs });

  it("a throttled request keeps its nonce: sent again once the window has room, it is served", async () => {
    now += 10_000;
    assert.equal((await rawRequest(emulator.port, sign("first", now))).status, 200);
    const throttled = sign("second", now);
    const refused = await rawRequest(emulator.port, throttled);
    assert.equal(refused.json()["Code"], "Throttling.User");
    now += 1500;
    const again = await rawRequest(emulator.port, throttled);
    assert.equal(again.status, 200, again.text);
  });

  it("a nonce stays used for as long as its date is accepted, the last millisecond included", async () => {
    now = Math.ceil(now / 1000) * 1000 + 10_000; // a whole second: the signed date carries no milliseconds
    const signed = sign("edge", now);
    assert.equal((await rawRequest(emulator.port, signed)).status, 200);
    now += SKEW_MS;
    const replay = await rawRequest(emulator.port, signed);
    assert.equal(replay.json()["Code"], "SignatureNonceUsed", replay.text);
    now += 1;
    assert.equal((await rawRequest(emulator.port, signed)).json()["Code"], "InvalidTimeStamp.Expired");
  });

  it("a request dated ahead of the clock keeps its nonce until its date leaves the window, not the arrival time's", async () => {
    now = Math.ceil(now / 1000) * 1000 + 10_000;
    const signed = sign("ahead", now + 10 * 60_000);
    assert.equal((await rawRequest(emulator.port, signed)).status, 200);
    // 20 minutes after it arrived, its date is 10 minutes behind the clock: still accepted, so still a replay.
    now += 20 * 60_000;
    const replay = await rawRequest(emulator.port, signed);
    assert.equal(replay.json()["Code"], "SignatureNonceUsed", replay.text);
  });

  it("accepts a date exactly 15 minutes ahead of the clock and refuses one a second further", async () => {
    now = Math.ceil(now / 1000) * 1000 + 10_000; // a whole second: the signed date carries no milliseconds
    const edge = await rawRequest(emulator.port, sign("ahead-edge", now + SKEW_MS));
    assert.equal(edge.status, 200, edge.text);
    now += 1100; // past the 1 call/s throttle
    now = Math.ceil(now / 1000) * 1000;
    const beyond = await rawRequest(emulator.port, sign("ahead-beyond", now + SKEW_MS + 1000));
    assert.equal(beyond.json()["Code"], "InvalidTimeStamp.Expired", beyond.text);
  });

  it("a nonce reused in a new request dated ahead of the clock is refused", async () => {
    now = Math.ceil(now / 1000) * 1000 + 10_000;
    assert.equal((await rawRequest(emulator.port, sign("twice", now - 10 * 60_000))).status, 200); // remembered 5 more minutes
    now += 1100; // past the 1 call/s throttle
    const again = await rawRequest(emulator.port, sign("twice", now + 10 * 60_000));
    assert.equal(again.json()["Code"], "SignatureNonceUsed", again.text);
  });

  it("a request dated ahead of the clock does not make it forget nonces still in their window", async () => {
    // Past every earlier nonce's window: pruning stops at the first nonce still remembered, so one left
    // by an earlier spec would shield the nonce at stake here.
    now = Math.ceil(now / 1000) * 1000 + 2 * SKEW_MS + 60_000;
    const behind = sign("behind", now - 14 * 60_000); // its nonce is remembered for one more minute
    assert.equal((await rawRequest(emulator.port, behind)).status, 200);
    now += 1100; // past the 1 call/s throttle
    assert.equal((await rawRequest(emulator.port, sign("far-ahead", now + 10 * 60_000))).status, 200);
    now += 1100;
    const replay = await rawRequest(emulator.port, behind);
    assert.equal(replay.json()["Code"], "SignatureNonceUsed", replay.text);
  });
});

describe("emulator: STS tokens that expire (securityTokenExpiresAt)", () => {
  const EXPIRES_AT = Date.UTC(2030, 0, 1, 12);
  const OLD = { accessKeyId: "STS.old", accessKeySecret: "old-sts-secret", securityToken: "old-sts-token" };
  const FRESH = { accessKeyId: "STS.fresh", accessKeySecret: "fresh-sts-secret", securityToken: "fresh-sts-token" };
  let now = EXPIRES_AT - 60_000;
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({
      callsPerSecond: 0, now: () => now, apps: [{ appId: "app", groups: 2 }],
      keyPairs: [{ ...OLD, securityTokenExpiresAt: EXPIRES_AT }, { ...FRESH, securityTokenExpiresAt: EXPIRES_AT + 3_600_000 }],
    });
  });
  after(() => emulator.close());
  // Signed on the emulator's clock, so only the token's expiry is at stake.
  const send = (key: typeof OLD) => rawRequest(emulator.port, signAcs3({
    port: emulator.port, accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret, query: { AppId: "app", SortType: "1" }, dateMs: now,
    extraHeaders: { "x-acs-accesskey-id": key.accessKeyId, "x-acs-security-token": key.securityToken },
  }));

  it("serves the token until it expires, then answers 400 InvalidSecurityToken.Expired; fresh credentials are served", async () => {
    now = EXPIRES_AT - 1000;
    assert.equal((await send(OLD)).status, 200);
    now = EXPIRES_AT;
    const expired = await send(OLD);
    assert.deepEqual([expired.status, expired.json()["Code"]], [400, "InvalidSecurityToken.Expired"], expired.text);
    assert.ok(!expired.text.includes(OLD.securityToken));
    assert.equal((await send(FRESH)).status, 200);
  });

  it("judges the expiry on the emulator's clock, not on the signed date: back-dating does not revive a token", async () => {
    now = EXPIRES_AT + 1000;
    const backDated = await rawRequest(emulator.port, signAcs3({
      port: emulator.port, accessKeyId: OLD.accessKeyId, accessKeySecret: OLD.accessKeySecret, query: { AppId: "app", SortType: "1" },
      dateMs: EXPIRES_AT - 60_000, extraHeaders: { "x-acs-accesskey-id": OLD.accessKeyId, "x-acs-security-token": OLD.securityToken },
    }));
    assert.deepEqual([backDated.status, backDated.json()["Code"]], [400, "InvalidSecurityToken.Expired"], backDated.text);
  });

  it("is an option of a key pair with a token, a finite number of ms", async () => {
    for (const [pair, message] of [
      [{ ...OLD, securityTokenExpiresAt: Number.NaN }, /securityTokenExpiresAt must be a finite number/],
      [{ accessKeyId: "plain", accessKeySecret: "s", securityTokenExpiresAt: EXPIRES_AT }, /securityTokenExpiresAt needs a securityToken/],
    ] as const) {
      await assert.rejects(startEmulator({ keyPairs: [pair] }), message);
    }
  });
});
