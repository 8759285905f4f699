import { strict as assert } from "node:assert";
import { startEmulator } from "../../emulator";
import type { Emulator } from "../../emulator";
import { createCaller, rejection } from "./support/openApiCaller";
import { acsDate, rawRequest, signHmacSha1 } from "./support/rawRequest";

const KEY = { accessKeyId: "sha1-key", accessKeySecret: "sha1-secret-value-0001" };
const STS = { accessKeyId: "STS.sha1", accessKeySecret: "sha1-sts-secret-0002", securityToken: "sha1-sts-token-0003" };

describe("emulator: HMAC-SHA1 query signature (SignatureVersion 1.0)", () => {
  let emulator: Emulator;
  const list = { Action: "ListLiveMessageGroupByPage", AppId: "app", SortType: "2", PageSize: "2", GroupInfo: "a b!*'()~" };

  before(async () => {
    emulator = await startEmulator({ callsPerSecond: 0, keyPairs: [KEY, STS], apps: [{ appId: "app", groups: 5 }] });
  });
  after(() => emulator.close());

  it("accepts a hand-signed GET whose values need RFC 3986 encoding", async () => {
    const response = await rawRequest(emulator.port, { query: signHmacSha1("GET", list, KEY.accessKeyId, KEY.accessKeySecret) });
    assert.equal(response.status, 200, response.text);
    assert.equal(response.json()["TotalCount"], 5);
  });

  it("accepts a hand-signed POST with the parameters in a form body", async () => {
    const signed = signHmacSha1("POST", list, KEY.accessKeyId, KEY.accessKeySecret);
    const body = new URLSearchParams(signed).toString();
    const response = await rawRequest(emulator.port, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } });
    assert.equal(response.status, 200, response.text);
  });

  const rejections: { name: string; sign: () => Record<string, string>; code: string; status?: number }[] = [
    { name: "a wrong secret", sign: () => signHmacSha1("GET", list, KEY.accessKeyId, "wrong"), code: "SignatureDoesNotMatch" },
    { name: "a signature made for POST sent as GET", sign: () => signHmacSha1("POST", list, KEY.accessKeyId, KEY.accessKeySecret), code: "SignatureDoesNotMatch" },
    { name: "an unknown AccessKeyId", sign: () => signHmacSha1("GET", list, "nobody", KEY.accessKeySecret), code: "InvalidAccessKeyId.NotFound", status: 404 },
    { name: "SignatureMethod HMAC-SHA256", sign: () => signHmacSha1("GET", list, KEY.accessKeyId, KEY.accessKeySecret, { SignatureMethod: "HMAC-SHA256" }), code: "IncompleteSignature" },
    { name: "SignatureVersion 2.0", sign: () => signHmacSha1("GET", list, KEY.accessKeyId, KEY.accessKeySecret, { SignatureVersion: "2.0" }), code: "IncompleteSignature" },
    { name: "an empty SignatureNonce", sign: () => signHmacSha1("GET", list, KEY.accessKeyId, KEY.accessKeySecret, { SignatureNonce: "" }), code: "MissingParameter" },
    // Signed without the field, not stripped after signing: a verifier that assumed a default would serve these.
    ...["SignatureMethod", "SignatureVersion", "Timestamp", "SignatureNonce"].map((field) => ({
      name: `a request signed without ${field}`, sign: () => signHmacSha1("GET", list, KEY.accessKeyId, KEY.accessKeySecret, { [field]: null }), code: "MissingParameter",
    })),
    { name: "a Timestamp 20 minutes old", sign: () => signHmacSha1("GET", list, KEY.accessKeyId, KEY.accessKeySecret, { Timestamp: acsDate(Date.now() - 20 * 60_000) }), code: "InvalidTimeStamp.Expired" },
    { name: "a Timestamp in unix seconds", sign: () => signHmacSha1("GET", list, KEY.accessKeyId, KEY.accessKeySecret, { Timestamp: String(Math.floor(Date.now() / 1000)) }), code: "InvalidTimeStamp.Format" },
    { name: "an STS key without its SecurityToken", sign: () => signHmacSha1("GET", list, STS.accessKeyId, STS.accessKeySecret), code: "MissingSecurityToken" },
  ];
  for (const row of rejections) {
    it(`rejects ${row.name} with ${row.status ?? 400} ${row.code}`, async () => {
      const response = await rawRequest(emulator.port, { query: row.sign() });
      assert.deepEqual([response.status, response.json()["Code"]], [row.status ?? 400, row.code], response.text);
      assert.ok(!response.text.includes(KEY.accessKeySecret) && !response.text.includes(STS.securityToken));
    });
  }

  it("ignores x-acs-action / x-acs-version headers, which an HMAC-SHA1 signature does not cover", async () => {
    const deleted = () => emulator.store.groups("app").filter((g) => g.deleted).length;
    const before = deleted();
    const groupId = emulator.store.groups("app")[0]?.groupId ?? "";
    const signed = signHmacSha1("GET", { ...list, GroupId: groupId }, KEY.accessKeyId, KEY.accessKeySecret);
    const response = await rawRequest(emulator.port, { query: signed, headers: { "x-acs-action": "DeleteLiveMessageGroup", "x-acs-version": "1999-01-01" } });
    assert.equal(response.status, 200, response.text);
    assert.equal(response.json()["TotalCount"], 5, "the signed Action ran");
    assert.equal(deleted(), before, "no group deleted");
  });

  it("answers 400 MissingParameter naming Action or Version when the signed parameters lack it", async () => {
    // Without Action the request named no action (null), not an unknown one (404); without Version,
    // no version, not a wrong one (InvalidVersion).
    for (const missing of ["Action", "Version"]) {
      const signed = signHmacSha1("GET", list, KEY.accessKeyId, KEY.accessKeySecret, { [missing]: null });
      const response = await rawRequest(emulator.port, { query: signed });
      assert.deepEqual([response.status, response.json()["Code"]], [400, "MissingParameter"], response.text);
      assert.match(String(response.json()["Message"]), new RegExp(`"${missing}"`));
    }
  });

  it("judges the signed Timestamp, not an x-acs-date header the signature does not cover", async () => {
    const stale = signHmacSha1("GET", list, KEY.accessKeyId, KEY.accessKeySecret, { Timestamp: acsDate(Date.now() - 20 * 60_000) });
    const response = await rawRequest(emulator.port, { query: stale, headers: { "x-acs-date": acsDate(Date.now()) } });
    assert.deepEqual([response.status, response.json()["Code"]], [400, "InvalidTimeStamp.Expired"], response.text);
  });

  it("rejects a replayed SignatureNonce", async () => {
    const signed = signHmacSha1("GET", list, KEY.accessKeyId, KEY.accessKeySecret);
    assert.equal((await rawRequest(emulator.port, { query: signed })).status, 200);
    const replay = await rawRequest(emulator.port, { query: signed });
    assert.deepEqual([replay.status, replay.json()["Code"]], [400, "SignatureNonceUsed"]);
  });

  it("accepts an STS key with its SecurityToken parameter", async () => {
    const signed = signHmacSha1("GET", { ...list, SecurityToken: STS.securityToken }, STS.accessKeyId, STS.accessKeySecret);
    assert.equal((await rawRequest(emulator.port, { query: signed })).status, 200);
  });

  it("serves the real openapi-client in its v2 (HMAC-SHA1) mode, STS included", async () => {
    const plain = createCaller(emulator.endpoint, KEY, "v2");
    assert.equal((await plain("ListLiveMessageGroupByPage", { AppId: "app", SortType: "1" }))["TotalCount"], 5);
    const sts = createCaller(emulator.endpoint, STS, "v2");
    assert.equal((await sts("DescribeLiveMessageGroup", { AppId: "app", GroupId: emulator.store.groups("app")[0]?.groupId ?? "" }))["SuperLargeGroup"], false);
    const wrong = createCaller(emulator.endpoint, { ...KEY, accessKeySecret: "wrong" }, "v2");
    const error = await rejection(wrong("ListLiveMessageGroupByPage", { AppId: "app", SortType: "1" }));
    assert.deepEqual([error["code"], error["statusCode"]], ["SignatureDoesNotMatch", 400]);
  });
});
