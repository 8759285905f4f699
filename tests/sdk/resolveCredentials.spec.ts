import assert from "node:assert/strict";
import { once } from "node:events";
import { inspect } from "node:util";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isLiveMessageGroupsError, listLiveMessageGroups, resolveCredentials } from "../../sdk";
import { createCredentialChain, CREDENTIALS_REUSE_MS, sourceFailure } from "../../sdk/transport/credentialChain";
import { classifyError } from "../../sdk/retry/classifyError";
import { credentialsUriSecrets, resolveCredentialSource } from "../../sdk/transport/resolveCredentials";
import { describeFailure } from "../../sdk/retry/describeFailure";
import { startEmulator } from "../../emulator";
import { VirtualClock } from "./fakeClock";

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
        assert.deepEqual(resolved, { accessKeyId: "AK_ENV", accessKeySecret: "S_ENV", source: "chain" });
        process.env.ALIBABA_CLOUD_SECURITY_TOKEN = "TOKEN_ENV";
        assert.deepEqual(await resolveCredentials(), { accessKeyId: "AK_ENV", accessKeySecret: "S_ENV", securityToken: "TOKEN_ENV", source: "chain" });
      });
  });

  it("legacy ALICLOUD_* names when ALIBABA_CLOUD_* are absent", async () => {
    await withEnv({ ALICLOUD_ACCESS_KEY: "LEGACY", ALICLOUD_SECRET_KEY: "legacy-secret", ALICLOUD_SECURITY_TOKEN: "tok" }, async () => {
      assert.deepEqual(await resolveCredentials(),
        { accessKeyId: "LEGACY", accessKeySecret: "legacy-secret", securityToken: "tok", source: "env:ALICLOUD" });
    });
    await withEnv({ ALICLOUD_ACCESS_KEY: "LEGACY", ALICLOUD_SECRET_KEY: "legacy-secret" }, async () => {
      assert.deepEqual(await resolveCredentials(), { accessKeyId: "LEGACY", accessKeySecret: "legacy-secret", source: "env:ALICLOUD" });
    });
  });

  it("a credential with a space or control character (a CRLF env file) is refused naming where it came from, never quoting a secret", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ ALIBABA_CLOUD_ACCESS_KEY_ID: "AK_ENV\r", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "S_ENV" }, "ALIBABA_CLOUD_ACCESS_KEY_ID"],
      [{ ALIBABA_CLOUD_ACCESS_KEY_ID: "AK_ENV", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "S_ENV-hidden\r" }, "ALIBABA_CLOUD_ACCESS_KEY_SECRET"],
      [{ ALIBABA_CLOUD_ACCESS_KEY_ID: "AK_ENV", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "S_ENV", ALIBABA_CLOUD_SECURITY_TOKEN: "tok-hidden\r\n" }, "ALIBABA_CLOUD_SECURITY_TOKEN"],
      [{ ALICLOUD_ACCESS_KEY: " LEGACY", ALICLOUD_SECRET_KEY: "x" }, "ALICLOUD_ACCESS_KEY"],
      [{ ALICLOUD_ACCESS_KEY: "LEGACY", ALICLOUD_SECRET_KEY: "legacy hidden" }, "ALICLOUD_SECRET_KEY"],
      [{ ALICLOUD_ACCESS_KEY: "LEGACY", ALICLOUD_SECRET_KEY: "x", ALICLOUD_SECURITY_TOKEN: "tok hidden" }, "ALICLOUD_SECURITY_TOKEN"],
    ];
    for (const [env, parameter] of cases) {
      await withEnv(env, async () => {
        const error = await resolveCredentials().then(() => assert.fail(`${parameter} accepted`), (e: unknown) => e);
        assert.ok(isLiveMessageGroupsError(error) && error.kind === "InvalidArgument", String(error));
        assert.equal((error as { parameter?: string }).parameter, parameter);
        assert.match(error.message, /without spaces or control characters/);
        assert.ok(!error.message.includes("hidden"), error.message);
      });
    }
    // From another source of the chain (here the credentials file): named as what the chain found, not as a variable.
    for (const [pair, parameter] of [["access_key_id = LTAI file\naccess_key_secret = file-secret", "the AccessKeyId the credential chain found"],
      ["access_key_id = LTAIfile\naccess_key_secret = file hidden", "the AccessKeySecret the credential chain found"]] as const) {
      await withEnv({}, async () => {
        mkdirSync(join(process.env.HOME as string, ".alibabacloud"));
        writeFileSync(join(process.env.HOME as string, ".alibabacloud", "credentials"), `[default]\ntype = access_key\n${pair}\n`);
        const error = await resolveCredentials().then(() => assert.fail(`${parameter} accepted`), (e: unknown) => e as Error & { parameter?: string });
        assert.equal(error.parameter, parameter, error.message);
        assert.ok(!error.message.includes("hidden"), error.message);
      });
    }
    // The rejected AccessKeyId is shown as the option's is: escaped when it has the shape of one, else described.
    for (const [accessKeyId, shown] of [["LTAIenvKey\r", 'received "LTAIenvKey\\r".'], ["AK_ENV\r", "received a value with a space or control character at an end (not shown"]] as const) {
      await withEnv({ ALIBABA_CLOUD_ACCESS_KEY_ID: accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: "S_ENV" }, async () => {
        const error = await resolveCredentials().then(() => assert.fail("accepted"), (e: unknown) => e as Error);
        assert.ok(error.message.includes(shown), error.message);
      });
    }
    // Explicit credentials: the same rule, naming the option.
    const explicit = await listLiveMessageGroups({ appId: "a", credentials: { accessKeyId: "AK", accessKeySecret: "s3cr3t\n" } }).catch((e: unknown) => e);
    assert.ok(isLiveMessageGroupsError(explicit) && (explicit as { parameter?: string }).parameter === "credentials.accessKeySecret", String(explicit));
    assert.ok(!explicit.message.includes("s3cr3t"));
  });

  it("CredentialsNotFound says what was looked for", async () => {
    await withEnv({}, async () => {
      await assert.rejects(resolveCredentials(), (error: Error & { code?: string; kind?: string }) => {
        assert.equal(error.kind, "ClientError");
        assert.equal(error.code, "CredentialsNotFound");
        for (const hint of ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY", "~/.aliyun/config.json", "~/.alibabacloud/credentials", "ECS RAM role", "ALIBABA_CLOUD_ECS_METADATA"]) {
          assert.ok(error.message.includes(hint), hint);
        }
        // Every source, in the chain's order.
        assert.equal(error.message, "No Alibaba Cloud credentials found. Looked for: options.credentials; " +
          "env ALIBABA_CLOUD_ACCESS_KEY_ID + ALIBABA_CLOUD_ACCESS_KEY_SECRET (+ ALIBABA_CLOUD_SECURITY_TOKEN); " +
          "env ALICLOUD_ACCESS_KEY + ALICLOUD_SECRET_KEY (+ ALICLOUD_SECURITY_TOKEN); " +
          "env ALIBABA_CLOUD_ROLE_ARN + ALIBABA_CLOUD_OIDC_PROVIDER_ARN + ALIBABA_CLOUD_OIDC_TOKEN_FILE (OIDC); " +
          "the aliyun CLI profile, ~/.aliyun/config.json (ALIBABA_CLOUD_PROFILE); ~/.alibabacloud/credentials (ALIBABA_CLOUD_CREDENTIALS_FILE); " +
          "the ECS RAM role named by env ALIBABA_CLOUD_ECS_METADATA (metadata service; not asked when unset); " +
          "the credentials URI in env ALIBABA_CLOUD_CREDENTIALS_URI (not asked when unset). The chain said: no credential source is configured");
        return true;
      });
    });
  });

  it("what the chain said: nothing configured says so; half the ALIBABA_CLOUD_* pair names the variable missing, never the secret", async () => {
    await withEnv({}, async () => {
      await assert.rejects(resolveCredentials(), (error: Error) => error.message.endsWith(". The chain said: no credential source is configured"));
    });
    await withEnv({ ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIenvOnly" }, async () => {
      await assert.rejects(resolveCredentials(), (error: Error) => {
        assert.match(error.message, /The chain said: no configured source gave credentials \(env: [^;()]*\(ALIBABA_CLOUD_ACCESS_KEY_SECRET\)\)$/);
        return true;
      });
    });
    await withEnv({ ALIBABA_CLOUD_ACCESS_KEY_SECRET: "EnvOnlySecretValue77" }, async () => {
      await assert.rejects(resolveCredentials(), (error: Error) => {
        assert.match(error.message, /The chain said: no configured source gave credentials \(env: [^;()]*\(ALIBABA_CLOUD_ACCESS_KEY_ID\)\)$/);
        assert.ok(!`${error.message}\n${inspect(error, { depth: 9 })}`.includes("EnvOnlySecretValue77"), error.message);
        return true;
      });
    });
  });

  it("a source set up that fails is named in what the chain said: the credentials file (by its variable or at its place), OIDC with its three variables; an ~/.aliyun without config.json is no source", async () => {
    const brokenFile = "[default]\ntype = access_key\naccess_key_id = LTAIfile\n";
    await withEnv({}, async () => {
      const file = join(process.env.HOME as string, "creds.ini");
      writeFileSync(file, brokenFile);
      process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = file;
      await assert.rejects(resolveCredentials(), (error: Error) => error.message.endsWith("The chain said: no configured source gave credentials (profile: the access key secret is empty)"));
    });
    await withEnv({}, async () => {
      mkdirSync(join(process.env.HOME as string, ".alibabacloud"));
      writeFileSync(join(process.env.HOME as string, ".alibabacloud", "credentials"), brokenFile);
      await assert.rejects(resolveCredentials(), (error: Error) => error.message.endsWith("The chain said: no configured source gave credentials (profile: the access key secret is empty)"));
    });
    // A token file that is not there: the source fails before it asks STS anything.
    await withEnv({ ALIBABA_CLOUD_ROLE_ARN: "acs:ram::1:role/r", ALIBABA_CLOUD_OIDC_PROVIDER_ARN: "acs:ram::1:oidc-provider/p" }, async () => {
      process.env.ALIBABA_CLOUD_OIDC_TOKEN_FILE = join(process.env.HOME as string, "no-token");
      await assert.rejects(resolveCredentials(), (error: Error) => {
        assert.match(error.message, /The chain said: no configured source gave credentials \(oidc_role_arn: [^;()]*ENOENT[^;()]*\)$/);
        return true;
      });
    });
    await withEnv({ ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "" }, async () => {
      mkdirSync(join(process.env.HOME as string, ".aliyun"));
      mkdirSync(join(process.env.HOME as string, ".alibabacloud"));
      await assert.rejects(resolveCredentials(), (error: Error) => error.message.endsWith("The chain said: no credential source is configured"));
    });
  });

  it("every source set up that failed is named, in the chain's order, separated by semicolons", async () => {
    await withEnv({ ALICLOUD_ACCESS_KEY: "LTAIlegacy", ALIBABA_CLOUD_ROLE_ARN: "acs:ram::1:role/r" }, async () => {
      await assert.rejects(resolveCredentials(), (error: Error) => {
        assert.ok(error.message.endsWith("The chain said: no configured source gave credentials (env_legacy: ALICLOUD_SECRET_KEY is not set, while ALICLOUD_ACCESS_KEY is; " +
          "oidc_role_arn: ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE are not set, while ALIBABA_CLOUD_ROLE_ARN is (OIDC needs all three))"), error.message);
        return true;
      });
    });
  });

  it("the secrets a listing scrubs from its messages: the explicit or legacy AccessKeySecret and security token, no absent token among them", async () => {
    const explicit = await resolveCredentialSource({ accessKeyId: "LTAIexplicit", accessKeySecret: "explicit-secret-1", securityToken: "explicit-token-1" }, {});
    assert.deepEqual(explicit.secrets, ["explicit-secret-1", "explicit-token-1"]);
    assert.deepEqual((await resolveCredentialSource({ accessKeyId: "LTAIexplicit", accessKeySecret: "explicit-secret-1" }, {})).secrets, ["explicit-secret-1"]);
    const legacy = await resolveCredentialSource(null, { ALICLOUD_ACCESS_KEY: "LTAIlegacy", ALICLOUD_SECRET_KEY: "legacy-secret-1" });
    assert.deepEqual([legacy.source, legacy.secrets], ["env:ALICLOUD", ["legacy-secret-1"]]);
  });

  it("credentialsUriSecrets: the parts of a credentials URI that may be a token (user information, query and its values as sent and decoded, long path segments), the whole of a value that is no URL", () => {
    assert.deepEqual(credentialsUriSecrets(undefined), []);
    assert.deepEqual(credentialsUriSecrets(""), []);
    // Parts under 4 characters are left out (they would redact unrelated text); 16-character path segments are in, 15 out.
    assert.deepEqual(credentialsUriSecrets("https://tokuser:pa%2Fss-word@creds.example/v1/0123456789abcdef/0123456789abcde?token=abc%2Bdef&k=abcd&n=1"),
      ["tokuser", "pa%2Fss-word", "pa/ss-word", "token=abc%2Bdef&k=abcd&n=1", "abc+def", "abc%2Bdef", "abcd", "abcd", "0123456789abcdef"]);
    assert.deepEqual(credentialsUriSecrets("not a url, token-value"), ["not a url, token-value"]);
    assert.deepEqual(credentialsUriSecrets("abc"), []);
  });

  it("sourceFailure: a source's failure in a few words (the summary, any URL in it replaced, its errno codes and HTTP status), the library's list of profile types whole", () => {
    const table: [unknown, string][] = [
      [new Error("Invalid type option, support: access_key, ecs_ram_role, ram_role_arn"), "Invalid type option, support: access_key, ecs_ram_role, ram_role_arn"],
      [new Error("fetching HTTPS://a.example/PathTokA1 then https://b.example/PathTokB2 was refused"), "fetching <URL> then <URL> was refused"],
      [new Error("credentials unavailable: connect ECONNREFUSED 10.0.0.1:80, then EHOSTUNREACH"), "credentials unavailable (ECONNREFUSED, EHOSTUNREACH)"],
      [new Error("request failed: HTTP status 401, token tok-secret-1"), "request failed (HTTP 401)"],
      [new Error("HTTP 403 Forbidden: connect ECONNRESET"), "HTTP 403 Forbidden (ECONNRESET)"],
      ["a plain string: with details", "a plain string"],
      [new Error("x".repeat(250)), "x".repeat(200)],
    ];
    for (const [error, expected] of table) assert.equal(sourceFailure(error), expected);
  });

  it("half the legacy pair (ALICLOUD_ACCESS_KEY without ALICLOUD_SECRET_KEY, or the reverse): the error names what is missing, never the secret", async () => {
    await withEnv({ ALICLOUD_ACCESS_KEY: "LTAIlegacy" }, async () => {
      await assert.rejects(resolveCredentials(), (error: Error & { code?: string }) => {
        assert.equal(error.code, "CredentialsNotFound");
        assert.match(error.message, /The chain said: no configured source gave credentials \(env_legacy: ALICLOUD_SECRET_KEY is not set, while ALICLOUD_ACCESS_KEY is\)/);
        return true;
      });
    });
    await withEnv({ ALICLOUD_SECRET_KEY: "LegacySecretValue99" }, async () => {
      await assert.rejects(resolveCredentials(), (error: Error) => {
        assert.match(error.message, /env_legacy: ALICLOUD_ACCESS_KEY is not set, while ALICLOUD_SECRET_KEY is/);
        assert.ok(!`${error.message}\n${inspect(error, { depth: 9 })}`.includes("LegacySecretValue99"), error.message);
        return true;
      });
    });
    // With ALIBABA_CLOUD_ACCESS_KEY_ID set the legacy names are not read at all: nothing said of them.
    await withEnv({ ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIenv", ALICLOUD_ACCESS_KEY: "LTAIlegacy" }, async () => {
      await assert.rejects(resolveCredentials(), (error: Error) => !error.message.includes("env_legacy") && /ALIBABA_CLOUD_ACCESS_KEY_SECRET/.test(error.message));
    });
  });

  it("OIDC set up in part (a variable of the three missing): the error names what is missing, not only every source there is", async () => {
    await withEnv({ ALIBABA_CLOUD_ROLE_ARN: "acs:ram::1:role/r", ALIBABA_CLOUD_OIDC_PROVIDER_ARN: "acs:ram::1:oidc-provider/p" }, async () => {
      await assert.rejects(resolveCredentials(), (error: Error & { code?: string; cause?: unknown }) => {
        assert.equal(error.code, "CredentialsNotFound");
        assert.match(error.message, /The chain said: no configured source gave credentials \(oidc_role_arn: ALIBABA_CLOUD_OIDC_TOKEN_FILE is not set, while ALIBABA_CLOUD_ROLE_ARN and ALIBABA_CLOUD_OIDC_PROVIDER_ARN are/);
        return true;
      });
    });
    await withEnv({ ALIBABA_CLOUD_OIDC_TOKEN_FILE: "/var/run/secrets/tokens/oidc-token" }, async () => {
      await assert.rejects(resolveCredentials(), /oidc_role_arn: ALIBABA_CLOUD_ROLE_ARN and ALIBABA_CLOUD_OIDC_PROVIDER_ARN are not set, while ALIBABA_CLOUD_OIDC_TOKEN_FILE is/);
    });
    // A source configured in full after it still signs, as in the library's chain.
    await withEnv({ ALIBABA_CLOUD_ROLE_ARN: "acs:ram::1:role/r" }, async () => {
      const file = join(process.env.HOME as string, "credentials");
      writeFileSync(file, "[default]\ntype = access_key\naccess_key_id = LTAIfile\naccess_key_secret = file-secret\n");
      process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = file;
      assert.equal((await resolveCredentials()).accessKeyId, "LTAIfile");
    });
  });

  it("the ECS RAM role is part of the chain only when ALIBABA_CLOUD_ECS_METADATA names it and the metadata service is not disabled", async () => {
    // The library's own chain asks the metadata service for a role name on any machine unless disabled.
    await withEnv({ ALIBABA_CLOUD_ECS_METADATA_DISABLED: "" }, async () => {
      assert.ok(!createCredentialChain().sources.includes("ecs_ram_role"), createCredentialChain().sources.join());
      assert.ok(createCredentialChain({ ALIBABA_CLOUD_ECS_METADATA: "my-role" }).sources.includes("ecs_ram_role"));
      assert.ok(!createCredentialChain({ ALIBABA_CLOUD_ECS_METADATA: "" }).sources.includes("ecs_ram_role"));
    });
    await withEnv({}, async () => {
      assert.ok(!createCredentialChain({ ALIBABA_CLOUD_ECS_METADATA: "my-role" }).sources.includes("ecs_ram_role"), "disabled wins");
    });
  });

  it("a profile file the chain cannot parse is not quoted with its secrets", async () => {
    await withEnv({ ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "" }, async () => {
      const dir = join(process.env.HOME as string, ".aliyun");
      mkdirSync(dir);
      // A trailing comma: the CLI profile source fails and quotes the file in its message.
      writeFileSync(join(dir, "config.json"), `{"current":"default","profiles":[{"name":"default","mode":"StsToken","access_key_id":"LTAIexample",` +
        `"access_key_secret":"SUPERSECRETvalue123","sts_token":"STSTOKENvalue456",},]}`);
      await assert.rejects(resolveCredentials(), (error: Error & { code?: string }) => {
        assert.equal(error.code, "CredentialsNotFound");
        assert.match(error.message, /config\.json/, "the parse failure is still reported");
        for (const secret of ["SUPERSECRETvalue123", "STSTOKENvalue456"]) assert.ok(!error.message.includes(secret), error.message);
        return true;
      });
    });
  });

  it("a cut-off profile file, an external profile's failing command and its stderr: named, never quoted", async () => {
    await withEnv({ ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "" }, async () => {
      const dir = join(process.env.HOME as string, ".aliyun");
      mkdirSync(dir);
      // A disk that filled up while `aliyun configure` wrote the file: the secret's string never closes.
      writeFileSync(join(dir, "config.json"), `{"current":"default","profiles":[{"name":"default","mode":"AK","access_key_id":"LTAIexample",` +
        `"access_key_secret":"CutOffSECRETvalue789`);
      await assert.rejects(resolveCredentials(), (error: Error & { code?: string; cause?: unknown }) => {
        assert.match(error.message, /cli_profile: parse aliyun cli config from '.*config\.json' failed\)/);
        const all = `${error.message}\n${inspect(error, { depth: 9 })}`;
        assert.ok(!all.includes("CutOffSECRETvalue789"), all);
        return true;
      });
      // An External profile runs a helper; it fails quoting its command line and its stderr.
      const helper = join(process.env.HOME as string, "helper.sh");
      writeFileSync(helper, "echo \"helper: token $2 rejected\" >&2; exit 3\n");
      writeFileSync(join(dir, "config.json"), JSON.stringify({ current: "default", profiles: [{ name: "default", mode: "External",
        process_command: `/bin/sh ${helper} --client-secret HelperSECRET42` }] }));
      await assert.rejects(resolveCredentials(), (error: Error) => {
        assert.match(error.message, /cli_profile: failed to execute external command\)/);
        const all = `${error.message}\n${inspect(error, { depth: 9 })}`;
        assert.ok(!all.includes("HelperSECRET42"), all);
        return true;
      });
    });
  });

  it("credentialsProfile reads the profile it names, not the file's current one; without it the chain reads ALIBABA_CLOUD_PROFILE's, else the current one", async () => {
    await withEnv({ ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "" }, async () => {
      const dir = join(process.env.HOME as string, ".aliyun");
      mkdirSync(dir);
      writeFileSync(join(dir, "config.json"), JSON.stringify({ current: "first", profiles: [
        { name: "first", mode: "AK", access_key_id: "LTAIfirst", access_key_secret: "first-secret-0123" },
        { name: "second", mode: "AK", access_key_id: "LTAIsecond", access_key_secret: "second-secret-0123" },
        { name: "uri", mode: "CredentialsURI" },
      ] }));
      assert.equal((await resolveCredentialSource(null, process.env, "second")).accessKeyId, "LTAIsecond");
      assert.equal((await resolveCredentialSource(null, process.env)).accessKeyId, "LTAIfirst");
      // ALIBABA_CLOUD_PROFILE over the current one, a CredentialsURI profile too (the library alone refuses its mode).
      process.env.ALIBABA_CLOUD_PROFILE = "second";
      assert.equal((await resolveCredentialSource(null, process.env)).accessKeyId, "LTAIsecond");
      process.env.ALIBABA_CLOUD_PROFILE = "uri";
      await assert.rejects(resolveCredentialSource(null, process.env), /\(cli_profile: the CredentialsURI profile has no credentials_uri, and ALIBABA_CLOUD_CREDENTIALS_URI is not set\)$/);
    });
  });

  it("credentialsProfile while ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true: the error names the profile and the variable, before any request", async () => {
    // withEnv disables the CLI profiles; the library's builder then refuses, which read as "no source configured".
    await withEnv({}, async () => {
      const error = await listLiveMessageGroups({ appId: "a", endpoint: "127.0.0.1:9", credentialsProfile: "sso" }).catch((e: unknown) => e);
      assert.ok(isLiveMessageGroupsError(error), String(error));
      assert.equal(error.code, "CredentialsNotFound");
      assert.match(error.message, /the profile sso of the Alibaba Cloud CLI configuration/);
      assert.match(error.message, /\(cli_profile: the profile sso was asked for, but ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true disables the CLI profiles\)$/);
    });
  });

  it("a credentials URI whose answer is cut off inside the token, or that is refused with a short token in its path: neither quoted", async () => {
    const server = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end('{"Code":"Success","AccessKeyId":"STS.x","AccessKeySecret":"UriSecretVal1234","SecurityToken":"CutTokenSTART');
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const port = (server.address() as { port: number }).port;
      for (const uri of [`http://127.0.0.1:${port}/creds`, "http://127.0.0.1:1/v1/creds/PathTok9876"]) {
        await withEnv({ ALIBABA_CLOUD_CREDENTIALS_URI: uri }, async () => {
          await assert.rejects(resolveCredentials(), (error: Error & { code?: string }) => {
            assert.equal(error.code, "CredentialsNotFound");
            assert.match(error.message, /credential_uri: /);
            const all = `${error.message}\n${inspect(error, { depth: 9 })}`;
            for (const secret of ["UriSecretVal1234", "CutTokenSTART", "PathTok9876"]) assert.ok(!all.includes(secret), all);
            return true;
          });
        });
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("a credentials URI that fails is named, with its cause, and its token is nowhere in the message", async () => {
    // Port 1 on loopback: refused at once (the URI is configured, so asking it is the user's request).
    await withEnv({ ALIBABA_CLOUD_CREDENTIALS_URI: "http://127.0.0.1:1/creds/0123456789abcdefTOKENPATH?token=UriBearerTok3nSECRET" }, async () => {
      await assert.rejects(resolveCredentials(), (error: Error & { code?: string; cause?: unknown }) => {
        assert.equal(error.code, "CredentialsNotFound");
        assert.ok(error.message.includes("ALIBABA_CLOUD_CREDENTIALS_URI"), error.message);
        assert.match(error.message, /credential_uri: .*ECONNREFUSED/);
        // httpx glues "GET <url> failed." to the socket error's message without a space: not quoted.
        assert.match(error.message, /credential_uri: connect ECONNREFUSED 127\.0\.0\.1:1\)/);
        for (const secret of ["UriBearerTok3nSECRET", "0123456789abcdefTOKENPATH"]) assert.ok(!error.message.includes(secret), error.message);
        assert.ok(error.cause instanceof Error && /ECONNREFUSED/.test(error.cause.message) && !error.cause.message.includes("UriBearerTok3nSECRET"));
        return true;
      });
    });
  });

  it("a credentials URI whose server echoes the token (query or path) in its refusal: the token is in neither the message nor the cause", async () => {
    const server = createServer((request, response) => {
      // As a token service might refuse it: quoting what it was given.
      const url = new URL(request.url ?? "/", "http://x");
      response.writeHead(401, { "content-type": "text/plain" });
      response.end(`token ${url.searchParams.get("token") ?? ""} for ${url.pathname} is not valid`);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const port = (server.address() as { port: number }).port;
      await withEnv({ ALIBABA_CLOUD_CREDENTIALS_URI: `http://127.0.0.1:${port}/creds/0123456789abcdefTOKENPATH?token=UriBearerTok3nSECRET` }, async () => {
        await assert.rejects(resolveCredentials(), (error: Error & { code?: string; cause?: unknown }) => {
          assert.equal(error.code, "CredentialsNotFound");
          // Its status, not its text (which quotes what it was given).
          assert.match(error.message, /credential_uri: .*HTTP 401/, "the server's refusal is reported");
          assert.doesNotMatch(error.message, /is not valid/);
          const cause = error.cause instanceof Error ? `${error.cause.message}\n${String(error.cause.stack)}` : String(error.cause);
          for (const secret of ["UriBearerTok3nSECRET", "0123456789abcdefTOKENPATH"]) {
            assert.ok(!error.message.includes(secret), error.message);
            assert.ok(!cause.includes(secret), cause);
          }
          return true;
        });
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("a CredentialsURI profile of the aliyun CLI (aliyun configure --mode CredentialsURI): its credentials_uri, else ALIBABA_CLOUD_CREDENTIALS_URI, signs", async () => {
    const pair = { accessKeyId: "STS.broker", accessKeySecret: "broker-secret-0123456789", securityToken: "broker-token-abcdefghij" };
    const emulator = await startEmulator({ keyPairs: [pair], apps: [{ appId: "app", groups: 3 }] });
    const asked: string[] = [];
    const server = createServer((request, response) => {
      asked.push(request.url ?? "");
      response.end(JSON.stringify({ Code: "Success", ...{ AccessKeyId: pair.accessKeyId, AccessKeySecret: pair.accessKeySecret, SecurityToken: pair.securityToken },
        Expiration: new Date(Date.now() + 3_600_000).toISOString() }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      await withEnv({ ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "" }, async () => {
        const dir = join(process.env.HOME as string, ".aliyun");
        mkdirSync(dir);
        const write = (current: string, profiles: object[]): void => writeFileSync(join(dir, "config.json"), JSON.stringify({ current, profiles }));
        write("broker", [{ name: "broker", mode: "CredentialsURI", credentials_uri: `${base}/profile` }, { name: "bare", mode: "CredentialsURI", credentials_uri: "" }]);
        // The current profile, through the default chain; and the same profile named by credentialsProfile.
        for (const options of [{}, { credentialsProfile: "broker" }]) {
          const listing = await listLiveMessageGroups({ appId: "app", endpoint: emulator.url, ...options });
          assert.equal(listing.groups.length, 3);
        }
        assert.deepEqual(asked, ["/profile", "/profile"]);
        // No credentials_uri in the profile: ALIBABA_CLOUD_CREDENTIALS_URI, as the aliyun CLI reads it.
        process.env.ALIBABA_CLOUD_CREDENTIALS_URI = `${base}/env`;
        assert.equal((await listLiveMessageGroups({ appId: "app", endpoint: emulator.url, credentialsProfile: "bare" })).groups.length, 3);
        assert.equal(asked.at(-1), "/env");
        delete process.env.ALIBABA_CLOUD_CREDENTIALS_URI;
        const error = await listLiveMessageGroups({ appId: "app", endpoint: emulator.url, credentialsProfile: "bare" }).then(() => assert.fail("listed"), (e: unknown) => e as Error & { code?: string });
        assert.equal(error.code, "CredentialsNotFound");
        assert.match(error.message, /cli_profile: the CredentialsURI profile has no credentials_uri, and ALIBABA_CLOUD_CREDENTIALS_URI is not set/);
      });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await emulator.close();
    }
  });

  describe("while a credentials URI is slow", () => {
    let server: Server;
    let asked = 0;
    let answer: () => void = () => undefined;
    beforeEach(async () => {
      asked = 0;
      server = createServer((_request, response) => {
        asked++;
        // Answers only when the spec says so (never, unless it does).
        answer = () => response.end(JSON.stringify({
          Code: "Success", AccessKeyId: "STS.id", AccessKeySecret: "uri-secret", SecurityToken: "uri-token",
          Expiration: new Date(Date.now() + 3_600_000).toISOString(),
        }));
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    });
    afterEach(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });
    const uri = (): string => `http://127.0.0.1:${(server.address() as { port: number }).port}/credentials`;
    const options = { appId: "app", endpoint: "http://127.0.0.1:9", maxAttempts: 1 };
    /**
     * Resolves once `listing` asked the credentials URI (`request`: the server's next request, taken
     * before the listing starts), the request itself rather than a loop of immediates, which had no
     * end; fails, saying how, if the listing ended first.
     */
    const untilAsked = async (listing: Promise<unknown>, request: Promise<unknown>): Promise<void> => {
      const ended = (outcome: unknown): string => `the listing ended before it asked the credentials URI: ${String(outcome)}`;
      assert.equal(await Promise.race([request.then(() => "asked"), listing.then(ended, ended)]), "asked");
    };

    it("an abort ends the listing at once with AbortedError, and no page is requested", async () => {
      await withEnv({ ALIBABA_CLOUD_CREDENTIALS_URI: uri() }, async () => {
        const controller = new AbortController();
        const request = once(server, "request");
        const listing = listLiveMessageGroups({ ...options, signal: controller.signal });
        await untilAsked(listing, request);
        controller.abort();
        await assert.rejects(listing, (error: unknown) => isLiveMessageGroupsError(error) && error.kind === "Aborted");
        answer(); // the late answer changes nothing (and must not surface as an unhandled rejection)
      });
    });

    it("timeoutMs counts from the call: the time the credentials took is spent of it", async () => {
      await withEnv({ ALIBABA_CLOUD_CREDENTIALS_URI: uri() }, async () => {
        const clock = new VirtualClock();
        const deadlines: number[] = [];
        const timer = clock.timer;
        clock.timer = (ms, fire) => {
          deadlines.push(ms);
          return timer(ms, fire);
        };
        // The credentials take 700 ms of the 1,000 (real time, as a slow URI would: the monotonic
        // clock the sdk measures real time with). That clock is held still otherwise: running on, a
        // loaded machine's own second between the call and the deadline's timer was spent of it too.
        const frozenAt = performance.now();
        let skewMs = 0;
        performance.now = () => frozenAt + skewMs;
        try {
          const request = once(server, "request");
          const listing = listLiveMessageGroups({ ...options, timeoutMs: 1000, clock }).catch((e: unknown) => e);
          await untilAsked(listing, request);
          skewMs = 700;
          answer();
          await listing;
        } finally {
          delete (performance as { now?: unknown }).now;
        }
        const first = deadlines[0] ?? Number.NaN;
        assert.ok(first <= 300 && first > 200, `the listing's deadline was set ${first} ms ahead`);
      });
    });

    it("timeoutMs holds while credentials are resolved: ListingTimeout, saying so", async () => {
      await withEnv({ ALIBABA_CLOUD_CREDENTIALS_URI: uri() }, async () => {
        await assert.rejects(listLiveMessageGroups({ ...options, timeoutMs: 50 }), (error: unknown) => {
          assert.ok(isLiveMessageGroupsError(error));
          assert.equal(error.code, "ListingTimeout");
          assert.match(error.message, /timeoutMs \(50 ms\).*credentials were still being resolved/);
          return true;
        });
        assert.equal(asked, 1);
      });
    });
  });

  describe("credentials that refresh while a listing runs", () => {
    it("the chain records each secret it hands out once (what listings scrub), an absent security token not among them, and the last AccessKeyId", async () => {
      await withEnv({ ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIchain", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "chain-secret-0123" }, async () => {
        let now = 0;
        const chain = createCredentialChain(process.env, () => now);
        assert.equal((await chain.getCredentials()).accessKeySecret, "chain-secret-0123");
        now += CREDENTIALS_REUSE_MS;
        await chain.getCredentials();
        assert.deepEqual(chain.handedOut, { secrets: ["chain-secret-0123"], accessKeyId: "LTAIchain" });
      });
    });

    it("a credentials server handing out short-lived tokens is asked once per CREDENTIALS_REUSE_MS, not once per request", async () => {
      const pair = { accessKeyId: "STS.refreshing", accessKeySecret: "refreshing-secret-0123456789", securityToken: "refreshing-token-abcdefghij" };
      const emulator = await startEmulator({ keyPairs: [pair], apps: [{ appId: "app", groups: 1_000 }] });
      let asked = 0;
      // 15 minutes left (AssumeRole's shortest): the library refreshes on every call from then on.
      const server = createServer((_request, response) => {
        asked++;
        response.end(JSON.stringify({
          Code: "Success", AccessKeyId: pair.accessKeyId, AccessKeySecret: pair.accessKeySecret, SecurityToken: pair.securityToken,
          Expiration: new Date(Date.now() + 900_000).toISOString(),
        }));
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        await withEnv({ ALIBABA_CLOUD_CREDENTIALS_URI: `http://127.0.0.1:${(server.address() as { port: number }).port}/credentials` }, async () => {
          const started = Date.now();
          const listing = await listLiveMessageGroups({ appId: "app", endpoint: emulator.url });
          assert.equal(listing.groups.length, 1_000);
          assert.equal(listing.requests, 20);
          // The listing took less than CREDENTIALS_REUSE_MS: the first fetch served every request.
          assert.ok(Date.now() - started < CREDENTIALS_REUSE_MS, "the listing took too long for this check");
          assert.equal(asked, 1, `asked ${asked} times for ${listing.requests} requests`);
        });
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
        await emulator.close();
      }
    });

    it("a source that fails to refresh: CredentialsRefreshFailed naming it in a few words, never its command line or stderr; the AccessKeyId and secrets follow what it handed out", async () => {
      await withEnv({ ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "" }, async () => {
        const home = process.env.HOME as string;
        mkdirSync(join(home, ".aliyun"));
        // An External profile's helper (a company's SSO helper) that answers twice, then fails quoting its refresh token.
        const helper = join(home, "helper.js");
        writeFileSync(helper, [
          "const fs = require('node:fs'); const f = process.argv[1] + '.count';",
          "const n = fs.existsSync(f) ? Number(fs.readFileSync(f, 'utf8')) + 1 : 0; fs.writeFileSync(f, String(n));",
          "if (n >= 2) { process.stderr.write('sso: refresh_token RefreshTOKENsecret99 rejected\\n'); process.exit(1); }",
          "process.stdout.write(JSON.stringify({ mode: 'StsToken', access_key_id: 'STS.id' + n, access_key_secret: 'secret-' + n + '-abcdefgh',",
          "  sts_token: 'token-' + n + '-abcdefgh', expiration: new Date(Date.now() + 60000).toISOString() }));",
        ].join("\n"));
        writeFileSync(join(home, ".aliyun", "config.json"), JSON.stringify({ current: "sso", profiles: [{ name: "sso", mode: "External",
          process_command: `${process.execPath} ${helper} --client-secret HelperSECRET42` }] }));
        let now = 0;
        const chain = createCredentialChain(process.env, () => now);
        assert.equal((await chain.getCredentials()).accessKeyId, "STS.id0");
        now += CREDENTIALS_REUSE_MS - 1;
        assert.equal((await chain.getCredentials()).accessKeyId, "STS.id0", "reused within CREDENTIALS_REUSE_MS");
        now += 1;
        const [a, b] = await Promise.all([chain.getCredentials(), chain.getCredentials()]);
        assert.equal(a.accessKeyId, "STS.id1", "refreshed after CREDENTIALS_REUSE_MS");
        assert.equal(b, a, "one refresh at a time");
        assert.deepEqual(chain.handedOut, { secrets: ["secret-0-abcdefgh", "token-0-abcdefgh", "secret-1-abcdefgh", "token-1-abcdefgh"], accessKeyId: "STS.id1" });
        now += CREDENTIALS_REUSE_MS;
        const failure = await chain.getCredentials().then(() => assert.fail("resolved"), (error: unknown) => error);
        const classification = classifyError(failure);
        assert.equal(classification.category, "credentials");
        assert.equal(classification.retryable, true);
        const error = describeFailure(classification, 3, { appId: "app", dataCenter: "cn-shanghai", accessKeyId: "STS.id1", secrets: chain.handedOut.secrets });
        assert.equal(error.kind, "ClientError");
        assert.equal(error.code, "CredentialsRefreshFailed");
        assert.match(error.message, /^The credentials could not be refreshed during the listing: the credential source cli_profile failed to refresh the credentials: failed to execute external command/);
        const all = `${error.message}\n${inspect(error, { depth: 9 })}`;
        assert.ok(!all.includes("HelperSECRET42") && !all.includes("RefreshTOKENsecret99"), all);
      });
    });
  });
});
