import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NO_CREDENTIALS_MESSAGE } from "../../provider/readLiveMessageGroups";

interface ChildReport {
  readonly attempts: string[];
  readonly error: { message: string; kind?: string; code?: string | null } | null;
  readonly calls: { token: string; inputs: Record<string, unknown> }[];
  readonly result: unknown;
}

/** Runs the child with only a bare environment: no credential of any kind, an empty home. */
function runWithoutCredentials(extraEnv: Record<string, string> = {}): ChildReport {
  const home = mkdtempSync(join(tmpdir(), "lmg-nocreds-home-"));
  try {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "", HOME: home, USERPROFILE: home,
      ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true", ...extraEnv,
    };
    const out = execFileSync(process.execPath, [join(__dirname, "support", "noCredentialsChild.js")], { env, encoding: "utf8" });
    return JSON.parse(out.trim().split("\n").pop() ?? "{}") as ChildReport;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

describe("no credentials anywhere", function () {
  this.timeout(60_000);

  it("fails with one short message in Pulumi's terms, and makes no network request at all", () => {
    const report = runWithoutCredentials();
    assert.deepEqual(report.attempts, [], "no socket connect and no DNS lookup");
    assert.equal(report.error?.message, NO_CREDENTIALS_MESSAGE);
    assert.equal(report.error?.code, "CredentialsNotFound");
    assert.equal(report.error?.kind, "ClientError");
    for (const named of ["alicloud:accessKey", "alicloud:secretKey", "alicloud:profile", "ALIBABA_CLOUD_ACCESS_KEY_ID"]) assert.ok(report.error?.message.includes(named), named);
    // None of the credential library's own wording.
    assert.doesNotMatch(report.error?.message ?? "", /undefined|providers in the chain|credentialsURI|config\.json/);
  });

  it("nor to the ECS metadata service when it is not disabled but no ECS role is named (ALIBABA_CLOUD_ECS_METADATA)", () => {
    const report = runWithoutCredentials({ ALIBABA_CLOUD_ECS_METADATA_DISABLED: "" });
    assert.deepEqual(report.attempts, [], "no socket connect and no DNS lookup");
    assert.equal(report.error?.code, "CredentialsNotFound");
  });

  it("a credentials URI is asked only when ALIBABA_CLOUD_CREDENTIALS_URI is set; when it fails the message says so, without its token", () => {
    // Port 9 on loopback: nothing listens; the attempt itself is what is checked.
    const report = runWithoutCredentials({ ALIBABA_CLOUD_CREDENTIALS_URI: "http://127.0.0.1:9/credentials?token=UriTok3nSECRET" });
    assert.ok(report.attempts.some((a) => a.includes("127.0.0.1") && a.includes("9")), JSON.stringify(report.attempts));
    assert.equal(report.error?.code, "CredentialsNotFound");
    assert.ok(report.error?.message.startsWith(NO_CREDENTIALS_MESSAGE), report.error?.message);
    assert.match(report.error?.message ?? "", /The credential chain said: .*credential_uri: .*ECONNREFUSED/);
    assert.ok(!report.error?.message.includes("UriTok3nSECRET"), report.error?.message);
  });

  it("under Pulumi's own mocks, the function goes to the mocks' call with its token, and reaches no API, credentials set or not", () => {
    const withKeys: Record<string, string> = { ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIrealLooking0001", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "RealLookingSecret000111" };
    for (const credentials of [{}, withKeys]) {
      const report = runWithoutCredentials({ LMG_PLAIN_MOCKS: "true", ...credentials });
      assert.deepEqual(report.attempts, [], "no socket connect and no DNS lookup");
      assert.equal(report.error, null, JSON.stringify(report.error));
      assert.deepEqual(report.calls, [{ token: "live-message-groups:index:getLiveMessageGroups", inputs: { appId: "app", endpoint: "live.aliyuncs.com" } }]);
      assert.deepEqual(report.result, { ids: ["from-the-mocks"] });
    }
  });
});
