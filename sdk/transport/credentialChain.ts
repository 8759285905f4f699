import {
  CLIProfileCredentialsProvider, ECSRAMRoleCredentialsProvider, EnvironmentVariableCredentialsProvider,
  OIDCRoleArnCredentialsProvider, ProfileCredentialsProvider, URICredentialsProvider,
} from "@alicloud/credentials";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";

/** What a provider of `@alicloud/credentials` answers (its `Credentials` class). */
interface ProvidedCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
  readonly providerName?: string;
}

/** What the chain says when no source is configured at all (nothing failed). */
export const NO_SOURCE_CONFIGURED = "no credential source is configured";

/** The provider contract `@alicloud/credentials`' `Credential` accepts. */
export interface ChainProvider {
  getCredentials(): Promise<ProvidedCredentials>;
  getProviderName(): string;
}

/** The chain, with the names of the sources it holds (for tests and messages). */
export interface CredentialChain extends ChainProvider {
  readonly sources: readonly string[];
  /**
   * What the chain has handed out: every AccessKeySecret and security token (a listing scrubs them
   * from messages: a refresh brings new ones) and the last AccessKeyId (the one requests sign with).
   */
  readonly handedOut: { readonly secrets: string[]; accessKeyId: string | null };
}

/**
 * How long the chain hands out the credentials it fetched last without asking the source again,
 * ms. `@alicloud/credentials` asks its source on every call once the credentials have less than 15
 * minutes left (an hour for the ECS RAM role), and openapi-client asks for every request: a
 * 10,000-page listing would ask a credentials server 10,000 times (20,000 metadata requests). Far
 * below any STS lifetime (15 minutes at least).
 */
export const CREDENTIALS_REUSE_MS = 10_000;

/**
 * A source that gave the listing its credentials failed to refresh them while the listing ran
 * (classified `credentials`: retried, then named with the source's summary, never its details).
 */
export class CredentialRefreshError extends Error {
  override readonly name = "CredentialRefreshError";
  readonly code = "CredentialsRefreshFailed";
  constructor(source: string, summary: string) {
    super(`the credential source ${source} failed to refresh the credentials: ${summary}`);
  }
}

/**
 * The standard Alibaba Cloud credential chain, in the library's own order (environment, OIDC, the
 * aliyun CLI profile, the credentials file, the ECS RAM role, a credentials URI), with one
 * difference: a source is only part of the chain when it is configured, so the chain makes no
 * network request the user did not ask for.
 *
 * The library's default chain always adds its URI source, even when
 * `ALIBABA_CLOUD_CREDENTIALS_URI` is unset, and then requests `https://undefined/`; and it always
 * adds the ECS RAM role, which asks the metadata service (100.100.100.200) for the role's name on
 * any machine unless `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true`. Here the URI source exists only
 * when its variable is set, and the ECS RAM role only when `ALIBABA_CLOUD_ECS_METADATA` names the
 * role (and the metadata service is not disabled). Each other source's builder throws when it is
 * not configured (as the library's default chain relies on); those are skipped the same way.
 */
export function createCredentialChain(env: NodeJS.ProcessEnv = process.env, now: () => number = Date.now, only: { profile?: string } = {}): CredentialChain {
  const providers: ChainProvider[] = [];
  // Sources the user set up (a variable set, a file present): their failures are worth reporting;
  // the others (no variable, no file) fail only because they are absent.
  const setUp = new Set<ChainProvider>();
  const add = (build: () => unknown, isSetUp: boolean): void => {
    try {
      const provider = build() as ChainProvider;
      providers.push(provider);
      if (isSetUp) setUp.add(provider);
    } catch {
      // Not configured (the builder says so by throwing): not part of the chain.
    }
  };
  const named = (name: string): boolean => (env[name] ?? "") !== "";
  if (only.profile !== undefined) {
    // One profile of the aliyun CLI configuration, named by the caller: that source alone.
    const profile = only.profile;
    if (cliProfilesDisabled(env)) {
      // The library's builder refuses then, which would read as "no source configured": say why.
      const disabled: ChainProvider = {
        getProviderName: () => "cli_profile",
        getCredentials: () => Promise.reject(new Error(`the profile ${profile} was asked for, but ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true disables the CLI profiles`)),
      };
      return chainOf([disabled], new Set([disabled]), now);
    }
    add(() => cliProfileSource(env, profile), true);
    return chainOf(providers, setUp, now);
  }
  add(() => EnvironmentVariableCredentialsProvider.builder().build(), named("ALIBABA_CLOUD_ACCESS_KEY_ID") || named("ALIBABA_CLOUD_ACCESS_KEY_SECRET"));
  // The legacy pair signs only whole (resolveCredentialSource takes it before the chain): half of it
  // is named here, as the library's environment source names half of the ALIBABA_CLOUD_* pair.
  if (!named("ALIBABA_CLOUD_ACCESS_KEY_ID") && named("ALICLOUD_ACCESS_KEY") !== named("ALICLOUD_SECRET_KEY")) {
    const [missing, present] = named("ALICLOUD_ACCESS_KEY") ? ["ALICLOUD_SECRET_KEY", "ALICLOUD_ACCESS_KEY"] : ["ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY"];
    const half: ChainProvider = {
      getProviderName: () => "env_legacy",
      getCredentials: () => Promise.reject(new Error(`${missing} is not set, while ${present} is`)),
    };
    providers.push(half);
    setUp.add(half);
  }
  // OIDC needs all three variables; the library's builder refuses a part, which would read as "not
  // configured" and leave a variable that is set unexplained (or another source signing instead).
  const oidcMissing = OIDC_VARIABLES.filter((name) => !named(name));
  if (oidcMissing.length > 0 && oidcMissing.length < OIDC_VARIABLES.length) {
    const partial: ChainProvider = {
      getProviderName: () => "oidc_role_arn",
      getCredentials: () => Promise.reject(new Error(`${oidcMissing.join(" and ")} ${oidcMissing.length === 1 ? "is" : "are"} not set, ` +
        `while ${OIDC_VARIABLES.filter((name) => named(name)).join(" and ")} ${oidcMissing.length === 1 ? "are" : "is"} (OIDC needs all three)`)),
    };
    providers.push(partial);
    setUp.add(partial);
  } else {
    add(() => OIDCRoleArnCredentialsProvider.builder().build(), true);
  }
  add(() => cliProfileSource(env), existsSync(join(homedir(), ".aliyun", "config.json")));
  add(() => ProfileCredentialsProvider.builder().build(), named("ALIBABA_CLOUD_CREDENTIALS_FILE") || existsSync(join(homedir(), ".alibabacloud", "credentials")));
  const ecsRole = env.ALIBABA_CLOUD_ECS_METADATA;
  if (ecsRole !== undefined && ecsRole !== "") add(() => ECSRAMRoleCredentialsProvider.builder().withRoleName(ecsRole).build(), true);
  const uri = env.ALIBABA_CLOUD_CREDENTIALS_URI;
  if (uri !== undefined && uri !== "") add(() => URICredentialsProvider.builder().withCredentialsURI(uri).build(), true);
  return chainOf(providers, setUp, now);
}

/**
 * The aliyun CLI profile source: `@alicloud/credentials`' own, except for a profile of mode
 * `CredentialsURI` (`aliyun configure --mode CredentialsURI`), which the library refuses ("unsupported
 * profile mode"): that one asks its `credentials_uri`, else `ALIBABA_CLOUD_CREDENTIALS_URI`, as the
 * aliyun CLI does. The profile is the one the library would read: `profile`, else
 * `ALIBABA_CLOUD_PROFILE`, else the file's `current`. Throws as the library's builder does (the CLI
 * profiles disabled).
 */
function cliProfileSource(env: NodeJS.ProcessEnv, profile?: string): ChainProvider {
  const builder = CLIProfileCredentialsProvider.builder();
  const library = (profile === undefined ? builder : builder.withProfileName(profile)).build() as ChainProvider;
  let inner: ChainProvider | undefined;
  const uriProfile = async (): Promise<ChainProvider | undefined> => {
    const read = await readCliConfig();
    // Unreadable: the library reads it again and says what is wrong (never quoted here).
    if (!("config" in read)) return undefined;
    const { config } = read;
    const name = profile ?? ((env.ALIBABA_CLOUD_PROFILE ?? "") !== "" ? env.ALIBABA_CLOUD_PROFILE : config.current);
    const found = config.profiles.find((entry) => entry?.name === name);
    if (found?.mode !== "CredentialsURI") return undefined;
    const uri = typeof found.credentials_uri === "string" && found.credentials_uri !== "" ? found.credentials_uri : env.ALIBABA_CLOUD_CREDENTIALS_URI;
    if (uri === undefined || uri === "") throw new Error("the CredentialsURI profile has no credentials_uri, and ALIBABA_CLOUD_CREDENTIALS_URI is not set");
    return URICredentialsProvider.builder().withCredentialsURI(uri).build() as ChainProvider;
  };
  return {
    getProviderName: () => "cli_profile",
    async getCredentials() {
      inner ??= (await uriProfile()) ?? library;
      return inner.getCredentials();
    },
  };
}

/** The fields of the aliyun CLI configuration read here (the library reads the rest). */
export interface CliConfig {
  readonly current?: unknown;
  readonly profiles: readonly ({ readonly name?: unknown; readonly mode?: unknown; readonly credentials_uri?: unknown } | null)[];
}

/**
 * Reads the aliyun CLI configuration, `~/.aliyun/config.json`, where `@alicloud/credentials` reads
 * it; or says in a few words why it cannot be read (its text is never quoted: it holds secrets).
 */
export async function readCliConfig(): Promise<{ readonly config: CliConfig } | { readonly problem: string }> {
  let text: string;
  try {
    text = await readFile(join(homedir(), ".aliyun", "config.json"), "utf8");
  } catch (error) {
    return { problem: `the file cannot be read (${String((error as { code?: unknown }).code ?? "error")})` };
  }
  let parsed: { current?: unknown; profiles?: unknown } | null;
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    return { problem: "the file is not valid JSON" };
  }
  return { config: { current: parsed?.current, profiles: Array.isArray(parsed?.profiles) ? parsed.profiles as CliConfig["profiles"] : [] } };
}

/** The variables of the OIDC role source, all three needed. */
const OIDC_VARIABLES = ["ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE"] as const;

/** Whether `ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true` switches off every profile of the aliyun CLI configuration, as the library reads it. */
export function cliProfilesDisabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED ?? "").toLowerCase() === "true";
}

/** The chain over `providers` in order (see {@link createCredentialChain}). */
function chainOf(providers: readonly ChainProvider[], setUp: ReadonlySet<ChainProvider>, now: () => number): CredentialChain {
  let lastUsed: ChainProvider | undefined;
  let last: { credentials: ProvidedCredentials; at: number } | null = null;
  let refreshing: Promise<ProvidedCredentials> | null = null;
  const handedOut: CredentialChain["handedOut"] = { secrets: [], accessKeyId: null };
  const handOut = (credentials: ProvidedCredentials): ProvidedCredentials => {
    last = { credentials, at: now() };
    for (const secret of [credentials.accessKeySecret, credentials.securityToken]) {
      if (typeof secret === "string" && secret !== "" && !handedOut.secrets.includes(secret)) handedOut.secrets.push(secret);
    }
    handedOut.accessKeyId = credentials.accessKeyId;
    return credentials;
  };
  // Once a source answered, it alone is asked again (it refreshes STS and ECS credentials), at most
  // once per CREDENTIALS_REUSE_MS and once at a time. Its failure then is the listing's, in a few words:
  // the library's message may quote an external command line and its stderr, or a server's answer.
  const refresh = async (source: ChainProvider): Promise<ProvidedCredentials> => {
    try {
      return handOut(await source.getCredentials());
    } catch (error) {
      throw new CredentialRefreshError(source.getProviderName(), sourceFailure(error));
    } finally {
      refreshing = null;
    }
  };
  return {
    sources: providers.map((provider) => provider.getProviderName()),
    handedOut,
    getProviderName: () => "default",
    async getCredentials() {
      if (lastUsed !== undefined) {
        if (last !== null && now() - last.at < CREDENTIALS_REUSE_MS) return last.credentials;
        refreshing ??= refresh(lastUsed);
        return refreshing;
      }
      const failures: string[] = [];
      for (const provider of providers) {
        try {
          const found = await provider.getCredentials();
          lastUsed = provider;
          return handOut(found);
        } catch (error) {
          if (setUp.has(provider)) failures.push(`${provider.getProviderName()}: ${sourceFailure(error)}`);
        }
      }
      throw new Error(failures.length === 0 ? NO_SOURCE_CONFIGURED : `no configured source gave credentials (${failures.join("; ")})`);
    },
  };
}

/**
 * A configured source's failure in a few words: the library's own summary (its message up to the
 * first ": " or line break, any URL in it replaced), the errno codes it names (ECONNREFUSED,
 * ENOENT, ...) and an HTTP status. Never what follows the summary: there the library quotes a profile file it could not
 * parse (a cut-off ~/.aliyun/config.json, secrets and all), an external profile's command line and
 * its stderr (`--client-secret ...`), or a credentials server's answer cut off inside its token.
 */
export function sourceFailure(error: unknown): string {
  // httpx appends "<METHOD> <url> failed." to a socket error's message with no space between
  // ("connect ECONNREFUSED 127.0.0.1:1GET http://... failed."): dropped, the source's name says
  // what was asked (and the URL is never quoted anyway).
  const message = (error instanceof Error ? error.message : String(error)).replace(/(?<=\S)(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \S+ failed\.$/, "");
  // A URL (a credentials URI, with its token in the path or the query) is never quoted.
  // The library's list of the types a profile may name is its own text, not the file's: kept.
  const typeList = /^Invalid type option, support: [a-z_, ]+$/.exec(message)?.[0];
  const summary = typeList ?? (message.split(/:\s|[\r\n]/)[0] ?? "").replace(/\b[a-z][a-z0-9+.-]*:\/\/\S*/gi, "<URL>").slice(0, 200);
  const codes = [...new Set(message.match(/\bE[A-Z]{3,}\b/g) ?? [])].filter((code) => !summary.includes(code));
  const status = /\b(?:http\s*status|status(?:\s*code)?|HTTP)\s*[:=]?\s*([1-5]\d\d)\b/i.exec(message)?.[1];
  const facts = [...codes, ...(status !== undefined && !summary.includes(status) ? [`HTTP ${status}`] : [])];
  return facts.length === 0 ? summary : `${summary} (${facts.join(", ")})`;
}
