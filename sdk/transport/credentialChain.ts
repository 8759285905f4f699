import {
  CLIProfileCredentialsProvider, ECSRAMRoleCredentialsProvider, EnvironmentVariableCredentialsProvider,
  OIDCRoleArnCredentialsProvider, ProfileCredentialsProvider, URICredentialsProvider,
} from "@alicloud/credentials";

/** What a provider of `@alicloud/credentials` answers (its `Credentials` class). */
interface ProvidedCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
  readonly providerName?: string;
}

/** The provider contract `@alicloud/credentials`' `Credential` accepts. */
export interface ChainProvider {
  getCredentials(): Promise<ProvidedCredentials>;
  getProviderName(): string;
}

/** The chain, with the names of the sources it holds (for tests and messages). */
export interface CredentialChain extends ChainProvider {
  readonly sources: readonly string[];
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
export function createCredentialChain(env: NodeJS.ProcessEnv = process.env): CredentialChain {
  const providers: ChainProvider[] = [];
  const add = (build: () => unknown): void => {
    try {
      providers.push(build() as ChainProvider);
    } catch {
      // Not configured (the builder says so by throwing): not part of the chain.
    }
  };
  add(() => EnvironmentVariableCredentialsProvider.builder().build());
  add(() => OIDCRoleArnCredentialsProvider.builder().build());
  add(() => CLIProfileCredentialsProvider.builder().build());
  add(() => ProfileCredentialsProvider.builder().build());
  const ecsRole = env.ALIBABA_CLOUD_ECS_METADATA;
  if (ecsRole !== undefined && ecsRole !== "") add(() => ECSRAMRoleCredentialsProvider.builder().withRoleName(ecsRole).build());
  const uri = env.ALIBABA_CLOUD_CREDENTIALS_URI;
  if (uri !== undefined && uri !== "") add(() => URICredentialsProvider.builder().withCredentialsURI(uri).build());

  let lastUsed: ChainProvider | undefined;
  return {
    sources: providers.map((provider) => provider.getProviderName()),
    getProviderName: () => "default",
    async getCredentials() {
      // Once a source answered, it alone is asked again (it refreshes STS and ECS credentials).
      if (lastUsed !== undefined) return lastUsed.getCredentials();
      const failures: string[] = [];
      for (const provider of providers) {
        try {
          const found = await provider.getCredentials();
          lastUsed = provider;
          return found;
        } catch (error) {
          failures.push(`${provider.getProviderName()}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      throw new Error(providers.length === 0
        ? "no credential source is configured"
        : `no configured source gave credentials (${failures.join("; ")})`);
    },
  };
}
