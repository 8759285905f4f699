import { InvalidArgumentError, isLiveMessageGroupsError } from "../../sdk/errors";
import { listLiveMessageGroups } from "../../sdk/listLiveMessageGroups";
import { COMPUTED_RESULT_FIELDS } from "../fieldTable";
import { readLiveMessageGroups } from "../readLiveMessageGroups";
import { configuredKeyPair } from "../resolveCredentials";
import { defaultDataCenter, resolveSettings } from "../resolveSettings";
import { argsFromOutputs, checkArgs, diffArgs, REQUESTED_IDS, toOutputs, type CheckFailure } from "../resourceOperations";
import { CONFIG_NAMESPACE, PLUGIN_CONFIG_KEYS, type SettingsSources } from "../settingsSources";
import type { ListFunction } from "../sharedListing";
import { ARGUMENTS } from "../validateArgs";
import { isUnknown, markSecret, revealSecrets, UNKNOWN, type Props } from "./propertyValues";
import { FUNCTION_TOKEN, RESOURCE_TOKEN } from "./schema";

/** Qualified config key (`live-message-groups:endpoint`) to its value as text. */
type ConfigValues = Readonly<Record<string, string>>;

/**
 * The provider plugin's operations on plain property bags: the function, the resource's
 * lifecycle, and the provider configuration. Everything is delegated to the read path and the
 * resource logic the TypeScript function and the dynamic provider use; this class only maps the
 * plugin's config and property shapes onto them. Read-only towards the cloud.
 */
export class LiveMessageGroupsPlugin {
  private config: ConfigValues = {};

  /** @param list The lister (the sdk's by default; tests may inject one). */
  constructor(private readonly list: ListFunction = listLiveMessageGroups) {}

  /**
   * Keeps the provider configuration for later operations, in this process only. `args` (the
   * engine's typed inputs, secrets unwrapped) wins over `variables` (`pkg:config:key` strings of
   * older engines).
   */
  configure(args: Props | undefined, variables: Readonly<Record<string, string>>): void {
    const config: Record<string, string> = {};
    for (const [key, value] of Object.entries(variables)) {
      const name = key.startsWith(`${CONFIG_NAMESPACE}:config:`) ? key.slice(CONFIG_NAMESPACE.length + 8) : key.slice(CONFIG_NAMESPACE.length + 1);
      if (key.startsWith(`${CONFIG_NAMESPACE}:`) && value !== "") config[qualify(name)] = value;
    }
    Object.assign(config, configValues(revealSecrets(args ?? {}).values));
    this.config = config;
  }

  /** Checks the provider configuration, reporting each bad key (never echoing a credential). */
  checkConfig(news: Props): { inputs: Props; failures: CheckFailure[] } {
    const config = configValues(news);
    const failures: CheckFailure[] = [];
    const fail = (error: unknown, fallbackKey: string): void => {
      const key = error instanceof InvalidArgumentError ? error.parameter : fallbackKey;
      failures.push({ property: unqualify(key), reason: isLiveMessageGroupsError(error) ? error.message : String(error) });
    };
    const only = (key: string): SettingsSources => ({ config: (k) => (k === key ? config[k] : undefined), env: {}, keys: PLUGIN_CONFIG_KEYS });
    for (const name of ["requestsPerSecond", "maxAttempts", "timeoutMs"] as const) {
      try {
        resolveSettings({ appId: "-" }, only(PLUGIN_CONFIG_KEYS[name]));
      } catch (error) {
        fail(error, PLUGIN_CONFIG_KEYS[name]);
      }
    }
    const endpoint = config[PLUGIN_CONFIG_KEYS.endpoint];
    if (endpoint !== undefined && !ARGUMENTS.endpoint.check(endpoint)) {
      fail(new InvalidArgumentError(PLUGIN_CONFIG_KEYS.endpoint, ARGUMENTS.endpoint.allowed, endpoint), PLUGIN_CONFIG_KEYS.endpoint);
    }
    try {
      defaultDataCenter(only(PLUGIN_CONFIG_KEYS.dataCenter));
    } catch (error) {
      fail(error, PLUGIN_CONFIG_KEYS.dataCenter);
    }
    try {
      configuredKeyPair({ config: (k) => config[k], env: {}, keys: PLUGIN_CONFIG_KEYS });
    } catch (error) {
      fail(error, PLUGIN_CONFIG_KEYS.accessKey);
    }
    return { inputs: news, failures };
  }

  /** Config keys whose value changed. A configuration change never replaces resources: they only read. */
  diffConfig(olds: Props, news: Props): string[] {
    const before = configValues(olds);
    const after = configValues(news);
    return [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .filter((key) => before[key] !== after[key])
      .map(unqualify)
      .sort();
  }

  /** `getLiveMessageGroups`: exactly the TypeScript function's result. A secret argument makes every output secret. */
  async invoke(token: string, args: Props): Promise<Props> {
    if (token !== FUNCTION_TOKEN) throw new Error(`unknown function ${token}; this provider serves ${FUNCTION_TOKEN}`);
    const { values, secretKeys } = revealSecrets(args);
    const result = JSON.parse(JSON.stringify(await readLiveMessageGroups(values, this.sources(), this.list))) as Props;
    return secretKeys.size > 0 ? markSecret(result, "all") : result;
  }

  /** Validates the inputs and fills the defaults that identify the listing; secret inputs stay secret. */
  check(urn: string, news: Props): { inputs: Props; failures: CheckFailure[] } {
    assertResource(urn);
    const { values, secretKeys } = revealSecrets(news);
    const checked = checkArgs(withoutNulls(values), this.sources(), isUnknown);
    return { inputs: markSecret(checked.args, secretKeys), failures: checked.failures };
  }

  /** Changing the app or its data center replaces; any other argument updates in place. */
  diff(urn: string, olds: Props, news: Props): { changed: string[]; replaces: string[] } {
    assertResource(urn);
    return diffArgs(argsFromOutputs(revealSecrets(olds).values), withoutNulls(revealSecrets(news).values), this.sources());
  }

  /** Lists the groups; during a preview, echoes the arguments and leaves the listing's outputs unknown. */
  async create(urn: string, inputs: Props, preview: boolean): Promise<{ id: string; outputs: Props }> {
    assertResource(urn);
    const { values, secretKeys } = revealSecrets(inputs);
    const args = withoutNulls(values);
    if (preview) return { id: "", outputs: secretOutputs(previewOutputs(args), secretKeys) };
    const result = await readLiveMessageGroups(args, this.sources(), this.list);
    return { id: result.id, outputs: secretOutputs(toOutputs(result), secretKeys) };
  }

  /**
   * Refresh: lists again with the stored arguments; drift shows as changed outputs. For an import
   * (no stored outputs) the arguments come from the ID `"<dataCenter>/<appId>"`.
   */
  async read(id: string, urn: string, props: Props): Promise<{ id: string; outputs: Props; inputs: Props }> {
    assertResource(urn);
    const { values, secretKeys } = revealSecrets(props);
    const args = values.appId === undefined || values.appId === null ? argsFromId(id) : argsFromOutputs(values);
    const result = await readLiveMessageGroups(args, this.sources(), this.list);
    return { id, outputs: secretOutputs(toOutputs(result), secretKeys), inputs: secretKeys.size > 0 ? markSecret(args, "all") : args };
  }

  /** Lists with the new arguments (during a preview: echoes them, listing outputs unknown). */
  async update(urn: string, news: Props, preview: boolean): Promise<Props> {
    return (await this.create(urn, news, preview)).outputs;
  }

  /** Forgets the resource. Never deletes a group: this resource only reads. */
  delete(urn: string): void {
    assertResource(urn);
  }

  private sources(): SettingsSources {
    const config = this.config;
    return { config: (key) => config[key], env: process.env, keys: PLUGIN_CONFIG_KEYS };
  }
}

function qualify(name: string): string {
  return `${CONFIG_NAMESPACE}:${name}`;
}

function unqualify(key: string): string {
  return key.startsWith(`${CONFIG_NAMESPACE}:`) ? key.slice(CONFIG_NAMESPACE.length + 1) : key;
}

/** Provider inputs (unqualified keys, any JSON type) as the text values a config reader returns. */
function configValues(inputs: Props): ConfigValues {
  const config: Record<string, string> = {};
  for (const [name, value] of Object.entries(inputs)) {
    if (name === "version" || value === undefined || value === null || isUnknown(value)) continue;
    config[qualify(name)] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return config;
}

function withoutNulls(props: Props): Props {
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== null && v !== undefined));
}

function secretOutputs(outputs: Props, secretKeys: ReadonlySet<string>): Props {
  // Any secret argument could be reflected anywhere in a listing's result: mark every output.
  return secretKeys.size > 0 ? markSecret(outputs, "all") : outputs;
}

/** Outputs during a preview: the arguments echoed as the listing will echo them, the listing's outputs unknown. */
function previewOutputs(args: Props): Props {
  const outputs: Props = {};
  for (const [name, value] of Object.entries(args)) outputs[name === "ids" ? REQUESTED_IDS : name] = value;
  for (const name of COMPUTED_RESULT_FIELDS) outputs[name] = UNKNOWN;
  return outputs;
}

function argsFromId(id: string): Props {
  const slash = id.indexOf("/");
  if (slash <= 0) throw new InvalidArgumentError("id", "\"<dataCenter>/<appId>\"", id);
  return { dataCenter: id.slice(0, slash), appId: id.slice(slash + 1) };
}

function assertResource(urn: string): void {
  // urn:pulumi:<stack>::<project>::<parent types $ ...><type>::<name>
  const type = urn.split("::")[2]?.split("$").pop();
  if (type !== RESOURCE_TOKEN) throw new Error(`unknown resource type ${type ?? urn}; this provider serves ${RESOURCE_TOKEN}`);
}
