/**
 * The credential variables the CLI reads: the secrets every message is scrubbed of, and the key
 * pair `emulator` accepts (the one a listing from the same shell signs with). Until this spec
 * only end-to-end runs reached them, and mutation testing left 29 of their first 37 mutants alive:
 * a variable's name emptied, a security token or the legacy secret no longer scrubbed, the
 * listings' precedence between the two naming schemes reversed, or an empty value taken as set.
 */
import assert from "node:assert/strict";
import { envKeyPair, randomKeyPair, secretsFromEnv } from "../../cli/envCredentials";

const ALL = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIcurrentId",
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: "currentSecret",
  ALIBABA_CLOUD_SECURITY_TOKEN: "currentToken",
  ALICLOUD_ACCESS_KEY: "LTAIlegacyId",
  ALICLOUD_SECRET_KEY: "legacySecret",
  ALICLOUD_SECURITY_TOKEN: "legacyToken",
};

describe("cli/envCredentials", () => {
  describe("secretsFromEnv", () => {
    it("is every secret and token of both naming schemes, never an AccessKeyId", () => {
      assert.deepEqual(secretsFromEnv(ALL), ["currentSecret", "currentToken", "legacySecret", "legacyToken"]);
    });

    it("leaves out what is unset or empty", () => {
      assert.deepEqual(secretsFromEnv({ ...ALL, ALIBABA_CLOUD_ACCESS_KEY_SECRET: "", ALICLOUD_SECURITY_TOKEN: undefined }), ["currentToken", "legacySecret"]);
      assert.deepEqual(secretsFromEnv({ PATH: "/bin" }), []);
    });
  });

  describe("envKeyPair: the pair a listing signs with", () => {
    it("ALIBABA_CLOUD_* first, with its token, named by its variables", () => {
      assert.deepEqual(envKeyPair(ALL), {
        accessKeyId: "LTAIcurrentId", accessKeySecret: "currentSecret", securityToken: "currentToken",
        source: "ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET",
      });
    });

    it("the legacy ALICLOUD_* pair while ALIBABA_CLOUD_ACCESS_KEY_ID is unset or empty", () => {
      const legacy = { accessKeyId: "LTAIlegacyId", accessKeySecret: "legacySecret", securityToken: "legacyToken", source: "ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY" };
      assert.deepEqual(envKeyPair({ ...ALL, ALIBABA_CLOUD_ACCESS_KEY_ID: undefined }), legacy);
      assert.deepEqual(envKeyPair({ ...ALL, ALIBABA_CLOUD_ACCESS_KEY_ID: "" }), legacy);
    });

    it("no token when it is unset or empty", () => {
      const pair = { accessKeyId: "LTAIcurrentId", accessKeySecret: "currentSecret", source: "ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET" };
      assert.deepEqual(envKeyPair({ ...ALL, ALIBABA_CLOUD_SECURITY_TOKEN: undefined }), pair);
      assert.deepEqual(envKeyPair({ ...ALL, ALIBABA_CLOUD_SECURITY_TOKEN: "" }), pair);
    });

    it("none when ALIBABA_CLOUD_ACCESS_KEY_ID is set without its secret (a listing fails then, it does not fall back)", () => {
      assert.equal(envKeyPair({ ...ALL, ALIBABA_CLOUD_ACCESS_KEY_SECRET: undefined }), null);
      assert.equal(envKeyPair({ ...ALL, ALIBABA_CLOUD_ACCESS_KEY_SECRET: "" }), null);
      assert.equal(envKeyPair({ ALICLOUD_ACCESS_KEY: "LTAIlegacyId", ALICLOUD_SECRET_KEY: "" }), null);
    });

    it("none without any AccessKeyId", () => {
      assert.equal(envKeyPair({ ALIBABA_CLOUD_ACCESS_KEY_SECRET: "s", ALICLOUD_SECRET_KEY: "s" }), null);
      assert.equal(envKeyPair({}), null);
    });
  });

  it("randomKeyPair: shaped like the service's pairs, new on every call", () => {
    const [one, two] = [randomKeyPair(), randomKeyPair()];
    assert.match(one.accessKeyId, /^LTAI[A-Za-z0-9]{20}$/);
    assert.match(one.accessKeySecret, /^[A-Za-z0-9]{30}$/);
    assert.deepEqual(Object.keys(one), ["accessKeyId", "accessKeySecret"]);
    assert.notEqual(one.accessKeyId, two.accessKeyId);
    assert.notEqual(one.accessKeySecret, two.accessKeySecret);
  });
});
