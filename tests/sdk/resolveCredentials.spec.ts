import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveCredentials } from "../../sdk";

const NAMES = [
  "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN", "ALICLOUD_ACCESS_KEY",
  "ALICLOUD_SECRET_KEY", "ALICLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_ECS_METADATA_DISABLED", "ALIBABA_CLOUD_CLI_PROFILE_DISABLED",
  "ALIBABA_CLOUD_CREDENTIALS_FILE", "ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
  "ALIBABA_CLOUD_PROFILE", "ALIBABA_CLOUD_CREDENTIALS_URI", "ALIBABA_CLOUD_ECS_METADATA", "HOME",
];

/** Runs `body` with a hermetic environment (no metadata service, no profiles), restoring it after. */
export async function withEnv<T>(values: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const saved = new Map(NAMES.map((name) => [name, process.env[name]]));
  for (const name of NAMES) delete process.env[name];
  const home = mkdtempSync(join(tmpdir(), "sdk-creds-"));
  Object.assign(process.env, {
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true", ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "true", HOME: home, ...values,
  });
  try {
    return await body();
  } finally {
    rmSync(home, { recursive: true, force: true });
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

describe("resolveCredentials", () => {
  it("explicit credentials win", async () => {
    await withEnv({ ALICLOUD_ACCESS_KEY: "LEGACY", ALICLOUD_SECRET_KEY: "legacy-secret" }, async () => {
      assert.deepEqual(await resolveCredentials({ accessKeyId: "AK", accessKeySecret: "S" }),
        { accessKeyId: "AK", accessKeySecret: "S", source: "explicit" });
    });
  });

  it("ALIBABA_CLOUD_* through the standard chain, read at call time", async () => {
    await withEnv({ ALIBABA_CLOUD_ACCESS_KEY_ID: "AK_ENV", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "S_ENV", ALICLOUD_ACCESS_KEY: "LEGACY", ALICLOUD_SECRET_KEY: "x" },
      async () => {
        const resolved = await resolveCredentials();
        assert.equal(resolved.accessKeyId, "AK_ENV");
        assert.equal(resolved.source, "chain");
      });
  });

  it("legacy ALICLOUD_* names when ALIBABA_CLOUD_* are absent", async () => {
    await withEnv({ ALICLOUD_ACCESS_KEY: "LEGACY", ALICLOUD_SECRET_KEY: "legacy-secret", ALICLOUD_SECURITY_TOKEN: "tok" }, async () => {
      assert.deepEqual(await resolveCredentials(),
        { accessKeyId: "LEGACY", accessKeySecret: "legacy-secret", securityToken: "tok", source: "env:ALICLOUD" });
    });
  });

  it("CredentialsNotFound says what was looked for", async () => {
    await withEnv({}, async () => {
      await assert.rejects(resolveCredentials(), (error: Error & { code?: string; kind?: string }) => {
        assert.equal(error.kind, "ClientError");
        assert.equal(error.code, "CredentialsNotFound");
        for (const hint of ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY", "~/.aliyun/config.json", "~/.alibabacloud/credentials", "ECS RAM role"]) {
          assert.ok(error.message.includes(hint), hint);
        }
        return true;
      });
    });
  });
});
