import Credential from "@alicloud/credentials";
import { createCredentialChain, type CredentialChain } from "./credentialChain";
import { ClientError } from "../errors";
import { assertCredentialText } from "./credentialText";
import { scrubSecrets } from "./scrubSecrets";
import type { Credentials } from "../types";

/** Where the credentials of a listing came from. */
export type CredentialsSource = "explicit" | "env:ALICLOUD" | "chain";

/** Credentials as resolved for one listing, with their source. */
export interface ResolvedCredentials extends Credentials {
  readonly source: CredentialsSource;
}

/** What the one-page client needs: static keys, or the chain's refreshing credential object. */
export interface CredentialSource {
  readonly accessKeyId: string;
  readonly source: CredentialsSource;
  /** Redacted from every message. */
  readonly secrets: readonly string[];
  readonly staticKeys: Credentials | null;
  readonly chain: Credential | null;
}

/** Where the standard chain looks when no explicit credentials are given, in order (for messages). */
export const CREDENTIAL_SOURCES: readonly string[] = [
  "env ALIBABA_CLOUD_ACCESS_KEY_ID + ALIBABA_CLOUD_ACCESS_KEY_SECRET (+ ALIBABA_CLOUD_SECURITY_TOKEN)",
  "env ALICLOUD_ACCESS_KEY + ALICLOUD_SECRET_KEY (+ ALICLOUD_SECURITY_TOKEN)",
  "env ALIBABA_CLOUD_ROLE_ARN + ALIBABA_CLOUD_OIDC_PROVIDER_ARN + ALIBABA_CLOUD_OIDC_TOKEN_FILE (OIDC)",
  "the aliyun CLI profile, ~/.aliyun/config.json (ALIBABA_CLOUD_PROFILE)",
  "~/.alibabacloud/credentials (ALIBABA_CLOUD_CREDENTIALS_FILE)",
  "the ECS RAM role named by env ALIBABA_CLOUD_ECS_METADATA (metadata service; not asked when unset)",
  "the credentials URI in env ALIBABA_CLOUD_CREDENTIALS_URI (not asked when unset)",
];

const LOOKED_FOR = ["options.credentials", ...CREDENTIAL_SOURCES].join("; ");

/**
 * Resolves credentials the way a listing does, at call time: explicit credentials; else the
 * `ALIBABA_CLOUD_*` env names and the rest of the standard chain (`new Credential()` from
 * `@alicloud/credentials`), with the legacy `ALICLOUD_ACCESS_KEY` / `ALICLOUD_SECRET_KEY` /
 * `ALICLOUD_SECURITY_TOKEN` names used when `ALIBABA_CLOUD_ACCESS_KEY_ID` is absent.
 * Throws a ClientError with code `CredentialsNotFound` listing everything it looked for.
 *
 * @example
 * const { accessKeyId, source } = await resolveCredentials();
 */
export async function resolveCredentials(explicit?: Credentials, env: NodeJS.ProcessEnv = process.env): Promise<ResolvedCredentials> {
  const resolved = await resolveCredentialSource(explicit ?? null, env);
  if (resolved.staticKeys !== null) return { ...resolved.staticKeys, source: resolved.source };
  const model = await (resolved.chain as Credential).getCredential();
  const keys = { accessKeyId: resolved.accessKeyId, accessKeySecret: model.accessKeySecret ?? "" };
  return model.securityToken ? { ...keys, securityToken: model.securityToken, source: "chain" } : { ...keys, source: "chain" };
}

/** Internal: the source a listing signs with. The chain is kept (not snapshotted) so STS/ECS credentials refresh. */
export async function resolveCredentialSource(explicit: Credentials | null, env: NodeJS.ProcessEnv, profile: string | null = null): Promise<CredentialSource> {
  if (explicit !== null) return fromStatic(explicit, "explicit");
  if (profile !== null) return fromChain(createCredentialChain(env, Date.now, { profile }), env, `the profile ${profile} of the Alibaba Cloud CLI configuration (~/.aliyun/config.json)`);
  const legacyId = env.ALICLOUD_ACCESS_KEY;
  const legacySecret = env.ALICLOUD_SECRET_KEY;
  if (!env.ALIBABA_CLOUD_ACCESS_KEY_ID && legacyId && legacySecret) {
    const token = env.ALICLOUD_SECURITY_TOKEN;
    const keys = { accessKeyId: legacyId, accessKeySecret: legacySecret };
    const legacy = token ? { ...keys, securityToken: token } : keys;
    assertCredentialText(legacy, { accessKeyId: "ALICLOUD_ACCESS_KEY", accessKeySecret: "ALICLOUD_SECRET_KEY", securityToken: "ALICLOUD_SECURITY_TOKEN" });
    return fromStatic(legacy, "env:ALICLOUD");
  }
  // Only configured sources: the library's own default would also request an unset credentials URI.
  return fromChain(createCredentialChain(env), env, LOOKED_FOR);
}

/** Credentials from `sources` (the chain, or one profile), kept so that they refresh. */
async function fromChain(sources: CredentialChain, env: NodeJS.ProcessEnv, lookedFor: string): Promise<CredentialSource> {
  let chain: Credential;
  let accessKeyId: string | undefined;
  let model: Awaited<ReturnType<Credential["getCredential"]>>;
  try {
    chain = new Credential(null, sources as unknown as ConstructorParameters<typeof Credential>[1]);
    model = await chain.getCredential();
    accessKeyId = model.accessKeyId;
  } catch (error) {
    const why = scrubSecrets(error instanceof Error ? error.message : String(error), credentialsUriSecrets(env.ALIBABA_CLOUD_CREDENTIALS_URI));
    // The cause says which configured source failed and how (callers that replace the message keep it).
    throw new ClientError(`No Alibaba Cloud credentials found. Looked for: ${lookedFor}. The chain said: ${why}`,
      { code: "CredentialsNotFound", cause: new Error(why) });
  }
  if (!accessKeyId) {
    throw new ClientError(`No Alibaba Cloud credentials found (the chain returned no AccessKeyId). Looked for: ${lookedFor}.`,
      { code: "CredentialsNotFound" });
  }
  const found = { accessKeyId, accessKeySecret: model.accessKeySecret ?? "", ...(model.securityToken ? { securityToken: model.securityToken } : {}) };
  assertCredentialText(found, env.ALIBABA_CLOUD_ACCESS_KEY_ID
    ? { accessKeyId: "ALIBABA_CLOUD_ACCESS_KEY_ID", accessKeySecret: "ALIBABA_CLOUD_ACCESS_KEY_SECRET", securityToken: "ALIBABA_CLOUD_SECURITY_TOKEN" }
    : { accessKeyId: "the AccessKeyId the credential chain found", accessKeySecret: "the AccessKeySecret the credential chain found", securityToken: "the security token the credential chain found" });
  // The AccessKeyId and the secrets follow the chain's refreshes (what messages name and scrub).
  const { handedOut } = sources;
  return {
    get accessKeyId() {
      return handedOut.accessKeyId ?? (accessKeyId as string);
    },
    source: "chain", secrets: handedOut.secrets, staticKeys: null, chain,
  };
}

/**
 * The parts of a credentials URI that may be a token (its user information, each query value, its
 * path), to redact wherever a source's error or an echoing server quotes them.
 */
export function credentialsUriSecrets(uri: string | undefined): string[] {
  if (uri === undefined || uri === "") return [];
  const secrets: string[] = [];
  try {
    const url = new URL(uri);
    for (const part of [url.username, url.password, decodeURIComponent(url.password), url.search.slice(1)]) secrets.push(part);
    for (const value of url.searchParams.values()) secrets.push(value, encodeURIComponent(value));
    for (const segment of url.pathname.split("/")) if (segment.length >= 16) secrets.push(segment);
  } catch {
    // Not a URL: the whole value is redacted.
    secrets.push(uri);
  }
  return secrets.filter((part) => part.length >= 4);
}

function fromStatic(keys: Credentials, source: CredentialsSource): CredentialSource {
  const secrets = keys.securityToken === undefined ? [keys.accessKeySecret] : [keys.accessKeySecret, keys.securityToken];
  return { accessKeyId: keys.accessKeyId, source, secrets, staticKeys: keys, chain: null };
}
