/** Where settings and credentials come from besides explicit arguments. */
import { escapeControl } from "../sdk/errors";

/** Namespace of this package's own Pulumi config keys (`live-message-groups:endpoint`, ...). */
export const CONFIG_NAMESPACE = "live-message-groups";

/** Reads one fully qualified config key (`namespace:name`); `undefined` when unset. */
export type ConfigReader = (key: string) => string | undefined;

/** Config and environment, read at call time (never at module load). */
export interface SettingsSources {
  readonly config: ConfigReader;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The config keys to read; default {@link CONFIG_KEYS} (the provider plugin reads its own namespace only). */
  readonly keys?: ConfigKeys;
}

/** Names of the config keys read for each setting and credential. `region` is optional: it only hints the data center. */
export interface ConfigKeys {
  readonly endpoint: string;
  readonly dataCenter: string;
  readonly requestsPerSecond: string;
  readonly maxAttempts: string;
  readonly timeoutMs: string;
  readonly redisUrl: string;
  readonly quotaKey: string;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly securityToken: string;
  readonly profile: string;
  readonly region?: string;
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
} as const satisfies ConfigKeys;

/**
 * Config keys of the provider plugin. The engine hands a plugin only the config of its own
 * namespace, so credentials are `live-message-groups:accessKey` etc. there, not `alicloud:*`.
 */
export const PLUGIN_CONFIG_KEYS = {
  endpoint: CONFIG_KEYS.endpoint,
  dataCenter: CONFIG_KEYS.dataCenter,
  requestsPerSecond: CONFIG_KEYS.requestsPerSecond,
  maxAttempts: CONFIG_KEYS.maxAttempts,
  timeoutMs: CONFIG_KEYS.timeoutMs,
  redisUrl: CONFIG_KEYS.redisUrl,
  quotaKey: CONFIG_KEYS.quotaKey,
  accessKey: `${CONFIG_NAMESPACE}:accessKey`,
  secretKey: `${CONFIG_NAMESPACE}:secretKey`,
  securityToken: `${CONFIG_NAMESPACE}:securityToken`,
  profile: `${CONFIG_NAMESPACE}:profile`,
} as const satisfies ConfigKeys;

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

/** The stack config keys of this package's namespace that nothing of it reads (a misspelled `requestspersecond`). */
export function unknownConfigKeys(allConfig: Readonly<Record<string, string>>): string[] {
  const known = new Set<string>([...Object.values(CONFIG_KEYS), ...Object.values(PLUGIN_CONFIG_KEYS)]);
  return namespaceKeys(allConfig).filter((key) => !known.has(key));
}

/**
 * The stack config keys only the provider plugin reads (`live-message-groups:accessKey`, ...): a
 * TypeScript program reads `alicloud:*` instead, but the same stack may declare plugin resources.
 */
export function pluginOnlyConfigKeys(allConfig: Readonly<Record<string, string>>): string[] {
  const programKeys = new Set<string>(Object.values(CONFIG_KEYS));
  const pluginKeys = new Set<string>(Object.values(PLUGIN_CONFIG_KEYS));
  return namespaceKeys(allConfig).filter((key) => pluginKeys.has(key) && !programKeys.has(key));
}

/**
 * `@pulumi/alicloud` config keys that choose the identity (or the Live endpoint) its resources use,
 * which this package's listings do not read, each with what they use instead. A stack that assumes
 * a role for its resources would otherwise list with the base keys without a word: another account,
 * or the base user's permissions.
 */
export const UNREAD_ALICLOUD_KEYS: Readonly<Record<string, string>> = {
  "alicloud:assumeRole": "the role is not assumed: listings use alicloud:accessKey / alicloud:secretKey, alicloud:profile or the environment; to list as the role, name an aliyun CLI profile of mode RamRoleArn with alicloud:profile",
  "alicloud:assumeRoleWithOidc": "the role is not assumed: listings use alicloud:accessKey / alicloud:secretKey, alicloud:profile or the environment (ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE for OIDC)",
  "alicloud:sharedCredentialsFile": "not read: alicloud:profile names a profile of ~/.aliyun/config.json",
  "alicloud:ecsRoleName": "not read: the ECS RAM role is used only when the environment variable ALIBABA_CLOUD_ECS_METADATA names it",
  "alicloud:credentialsUri": "not read: a credentials URI is used only when the environment variable ALIBABA_CLOUD_CREDENTIALS_URI names it",
};

/**
 * The {@link UNREAD_ALICLOUD_KEYS} set in the stack, each with what listings use instead, and
 * `alicloud:endpoints` when it sets the Live endpoint (its `live` entry), which listings do not use.
 */
export function unreadAlicloudKeys(allConfig: Readonly<Record<string, string>>): string[] {
  const set = new Map(Object.entries(allConfig).map(([key, value]) => [plainConfigKey(key), value]));
  const notes = Object.entries(UNREAD_ALICLOUD_KEYS).filter(([key]) => (set.get(key) ?? "") !== "").map(([key, advice]) => `${key}: ${advice}`);
  if (/"live"\s*:/.test(set.get("alicloud:endpoints") ?? "")) {
    notes.push(`alicloud:endpoints: its live endpoint is not read: listings use ${CONFIG_KEYS.endpoint}, else the data center's public endpoint`);
  }
  return notes;
}

/** `namespace:name` for a key older hosts wrote `namespace:config:name`. */
function plainConfigKey(key: string): string {
  return key.replace(/^([^:]+):config:/, "$1:");
}

function namespaceKeys(allConfig: Readonly<Record<string, string>>): string[] {
  return Object.keys(allConfig)
    .map(plainConfigKey)
    .filter((key) => key.startsWith(`${CONFIG_NAMESPACE}:`))
    .sort();
}

const WARNED_KEY = Symbol.for("live-message-groups.unknownConfigWarned.v2");

/**
 * True the first time in this program run (see {@link programRun}: each run of an Automation API
 * service too) that it is asked for `key`. Kept on globalThis: every copy of this package loaded
 * in the process warns once between them.
 */
function firstInRun(key: symbol): boolean {
  const holder = globalThis as { [key: symbol]: WeakSet<object> | undefined };
  const seen = (holder[key] ??= new WeakSet<object>());
  const { programRunOrOutside } = require("./pulumiInternals") as typeof import("./pulumiInternals");
  const run = programRunOrOutside();
  if (seen.has(run)) return false;
  seen.add(run);
  return true;
}

/**
 * Once per program run (see {@link programRun}: each run of an Automation API service too), a
 * warning naming the keys of this package's config namespace it does not read: a misspelled
 * `live-message-groups:requestspersecond` would be ignored and the default used without a word
 * (the provider plugin's CheckConfig names such keys too).
 */
export function warnOfUnknownConfigKeys(): void {
  if (!firstInRun(WARNED_KEY)) return;
  const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
  const allConfig = pulumi.runtime.allConfig();
  const unknown = unknownConfigKeys(allConfig);
  if (unknown.length > 0) {
    const valid = Object.values(CONFIG_KEYS).filter((key) => key.startsWith(`${CONFIG_NAMESPACE}:`)).map((key) => key.slice(CONFIG_NAMESPACE.length + 1));
    void pulumi.log.warn(`${unknown.map((key) => escapeControl(key)).join(", ")}: not ${unknown.length === 1 ? "a configuration key" : "configuration keys"} of ${CONFIG_NAMESPACE}, ignored (valid keys: ${valid.join(", ")}).`);
  }
  // Not "ignored": the plugin's resources and functions in this stack may read them (a second
  // account reached through the plugin); this program's calls do not. A note, not a warning: the
  // stack may be right as it is, and a warning nobody can silence teaches people to skip warnings.
  const pluginOnly = pluginOnlyConfigKeys(allConfig);
  if (pluginOnly.length > 0) {
    const programKey = (key: string): string => CONFIG_KEYS[(Object.keys(PLUGIN_CONFIG_KEYS) as (keyof typeof PLUGIN_CONFIG_KEYS)[]).find((name) => PLUGIN_CONFIG_KEYS[name] === key) as keyof typeof CONFIG_KEYS];
    void pulumi.log.info(`${pluginOnly.join(", ")}: read only by the provider plugin (its resources and functions, \`live-message-groups:index:*\`); `
      + `this program's getLiveMessageGroups and LiveMessageGroups read ${pluginOnly.map(programKey).join(", ")} instead.`);
  }
  // A note for the same reason: the stack's own resources need these keys.
  for (const note of unreadAlicloudKeys(allConfig)) void pulumi.log.info(`getLiveMessageGroups and LiveMessageGroups: ${note}.`);
}

/** The config keys that hold a credential, in either namespace. */
const CREDENTIAL_CONFIG_KEYS: readonly string[] = [CONFIG_KEYS.secretKey, CONFIG_KEYS.securityToken, PLUGIN_CONFIG_KEYS.secretKey, PLUGIN_CONFIG_KEYS.securityToken];

const PLAIN_SECRETS_WARNED_KEY = Symbol.for("live-message-groups.plainSecretConfigWarned.v1");

/**
 * The config keys holding a credential (or a Redis URL with a password) in plain text, when Pulumi
 * can tell which keys are secret ({@link configKeyIsSecret}); [] when it cannot.
 */
export function plainSecretConfigKeys(
  allConfig: Readonly<Record<string, string>>, isSecret: (key: string) => boolean | null, hasPassword: (redisUrl: string) => boolean,
): string[] {
  const holdsSecret = (key: string, value: string): boolean =>
    value !== "" && (key === CONFIG_KEYS.redisUrl ? hasPassword(value)
      : CREDENTIAL_CONFIG_KEYS.includes(key));
  const set = Object.entries(allConfig)
    .map(([key, value]) => [plainConfigKey(key), value] as const)
    .filter(([key, value]) => holdsSecret(key, value));
  const plain: string[] = [];
  for (const [key] of set) {
    const secret = isSecret(key);
    if (secret === null) return [];
    if (!secret) plain.push(key);
  }
  return [...new Set(plain)].sort();
}

/**
 * Once per program run, from a LiveMessageGroups resource: a warning naming the credential keys set
 * in plain text. Pulumi gives the stack's whole configuration to the host of dynamic resources
 * (`pulumi:providers:pulumi-nodejs`) and stores it in that provider's state, encrypted only for the
 * keys set with `--secret`: `alicloud:secretKey` set plain is readable in `pulumi stack export`
 * (the provider plugin's CheckConfig marks its own keys secret; this host has no such hook).
 */
export function warnOfPlainSecretConfig(): void {
  if (!firstInRun(PLAIN_SECRETS_WARNED_KEY)) return;
  const { configKeyIsSecret } = require("./pulumiInternals") as typeof import("./pulumiInternals");
  const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
  const { redactRedisUrl } = require("../sdk/rate/redisQuota") as typeof import("../sdk/rate/redisQuota");
  const plain = plainSecretConfigKeys(pulumi.runtime.allConfig(), configKeyIsSecret, (url) => redactRedisUrl(url) !== url);
  if (plain.length === 0) return;
  void pulumi.log.warn(`${plain.join(", ")}: set in plain text. Pulumi stores the stack's configuration in the state of its `
    + "dynamic-provider host (pulumi:providers:pulumi-nodejs), where only secret values are encrypted: set "
    + `${plain.length === 1 ? "it" : "each"} with \`pulumi config set --secret ${plain.length === 1 ? plain[0] : "<key>"} <value>\`.`);
}
