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

/**
 * The standard Alibaba Cloud credential chain, in the library's own order (environment, OIDC, the
 * aliyun CLI profile, the credentials file, the ECS RAM role, a credentials URI), with one
 * difference: a source is only part of the chain when it is configured.
 *
 * The library's default chain always adds its URI source, even when
 * `ALIBABA_CLOUD_CREDENTIALS_URI` is unset, and then requests `https://undefined/`: a network
 * request the user never configured. Here the URI source exists only when the variable is set.
 * Each other source's builder throws when it is not configured (as the library's default chain
 * relies on); those are skipped the same way.
 */
export function createCredentialChain(env: NodeJS.ProcessEnv = process.env): ChainProvider {
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
  add(() => ECSRAMRoleCredentialsProvider.builder().withRoleName(env.ALIBABA_CLOUD_ECS_METADATA as string).build());
  const uri = env.ALIBABA_CLOUD_CREDENTIALS_URI;
  if (uri !== undefined && uri !== "") add(() => URICredentialsProvider.builder().withCredentialsURI(uri).build());

  let lastUsed: ChainProvider | undefined;
  return {
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
