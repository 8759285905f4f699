/**
 * The key pair named by the environment, if any: the explicit variables the sdk's credential
 * chain reads first (`ALIBABA_CLOUD_*`, then the legacy `ALICLOUD_*` names).
 *
 * Used by `emulator` so that a shell which already exports keys can point the CLI at the
 * emulator without any new secret being printed.
 */
export interface EnvKeyPair {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
  /** Names of the variables it came from, for messages (never the values). */
  readonly source: string;
}

export function envKeyPair(env: Readonly<Record<string, string | undefined>>): EnvKeyPair | null {
  const candidates = [
    { id: "ALIBABA_CLOUD_ACCESS_KEY_ID", secret: "ALIBABA_CLOUD_ACCESS_KEY_SECRET", token: "ALIBABA_CLOUD_SECURITY_TOKEN" },
    { id: "ALICLOUD_ACCESS_KEY", secret: "ALICLOUD_SECRET_KEY", token: "ALICLOUD_SECURITY_TOKEN" },
  ];
  for (const names of candidates) {
    const accessKeyId = env[names.id];
    const accessKeySecret = env[names.secret];
    if (accessKeyId === undefined || accessKeyId === "" || accessKeySecret === undefined || accessKeySecret === "") continue;
    const securityToken = env[names.token];
    return {
      accessKeyId,
      accessKeySecret,
      ...(securityToken === undefined || securityToken === "" ? {} : { securityToken }),
      source: `${names.id} / ${names.secret}`,
    };
  }
  return null;
}
