/** Where settings and credentials come from besides explicit arguments. */

/** Namespace of this package's own Pulumi config keys (`live-message-groups:endpoint`, ...). */
export const CONFIG_NAMESPACE = "live-message-groups";

/** Reads one fully qualified config key (`namespace:name`); `undefined` when unset. */
export type ConfigReader = (key: string) => string | undefined;

/** Config and environment, read at call time (never at module load). */
export interface SettingsSources {
  readonly config: ConfigReader;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Config keys this package reads (own namespace plus the keys @pulumi/alicloud users already set). */
export const CONFIG_KEYS = {
  endpoint: `${CONFIG_NAMESPACE}:endpoint`,
  dataCenter: `${CONFIG_NAMESPACE}:dataCenter`,
  requestsPerSecond: `${CONFIG_NAMESPACE}:requestsPerSecond`,
  maxAttempts: `${CONFIG_NAMESPACE}:maxAttempts`,
  timeoutMs: `${CONFIG_NAMESPACE}:timeoutMs`,
  /** Shares the account's quota through Redis (may hold a password: set it with --secret). */
  redisUrl: `${CONFIG_NAMESPACE}:redisUrl`,
  /** Names the quota (the account) that keys share; default the AccessKeyId. */
  quotaKey: `${CONFIG_NAMESPACE}:quotaKey`,
  accessKey: "alicloud:accessKey",
  secretKey: "alicloud:secretKey",
  securityToken: "alicloud:securityToken",
  region: "alicloud:region",
  profile: "alicloud:profile",
} as const;

/** Environment variables of this package's own settings. */
export const ENV_KEYS = {
  endpoint: "LIVE_MESSAGE_GROUPS_ENDPOINT",
  dataCenter: "LIVE_MESSAGE_GROUPS_DATA_CENTER",
  requestsPerSecond: "LIVE_MESSAGE_GROUPS_REQUESTS_PER_SECOND",
  maxAttempts: "LIVE_MESSAGE_GROUPS_MAX_ATTEMPTS",
  timeoutMs: "LIVE_MESSAGE_GROUPS_TIMEOUT_MS",
  /** Read by the sdk itself when no option or config sets it. */
  redisUrl: "LIVE_MESSAGE_GROUPS_REDIS_URL",
  /** Read by the sdk itself when no option or config sets it. */
  quotaKey: "LIVE_MESSAGE_GROUPS_QUOTA_KEY",
  /** Region names that may name the data center (Alibaba Cloud's, then Terraform's legacy name). */
  regions: ["ALIBABA_CLOUD_REGION", "ALICLOUD_REGION"],
} as const;

/** Settings sources inside a Pulumi program: the stack config and this process's environment. */
export function programSettingsSources(): SettingsSources {
  // Loaded lazily so that sdk-only users never load @pulumi/pulumi. runtime.getConfig reads the raw
  // value without the "use getSecret" warning pulumi.Config#get prints for secret keys.
  const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
  return { config: (key) => pulumi.runtime.getConfig(key), env: process.env };
}
