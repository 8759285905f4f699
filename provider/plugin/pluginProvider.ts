import { AsyncLocalStorage } from "node:async_hooks";
import { escapeControl, InvalidArgumentError, isLiveMessageGroupsError, VALUE_NOT_SHOWN } from "../../sdk/errors";
import { listLiveMessageGroups } from "../../sdk/listing/listLiveMessageGroups";
import {
  ALL_STORED_LISTING_OUTPUTS, CHECKED_DIGEST, CHECKED_TOTAL_COUNT, createLiveMessageGroupsProvider, STORED_LISTING_OUTPUTS, type LiveMessageGroupsProviderImplementation,
} from "../dynamic/liveMessageGroupsProvider";
import { hidingSecretArgs } from "../hideSecretArgs";
import { withProgressNotes } from "../progressNotes";
import { readLiveMessageGroups } from "../readLiveMessageGroups";
import { assertProfileUsable, configuredKeyPair } from "../resolveCredentials";
import { defaultDataCenter, resolveQuotaSettings, resolveSettings } from "../resolveSettings";
import { CONFIG_NAMESPACE, PLUGIN_CONFIG_KEYS, type SettingsSources } from "../settingsSources";
import type { ListFunction } from "../sharedListing";
import { DEFAULT_RESOURCE_DETAIL, DETAILS, type Detail } from "../types";
import { ARGUMENT_NAMES } from "../validateArgs";
import { isUnknown, markSecret, revealSecrets, UNKNOWN, type Props } from "./propertyValues";
import { FUNCTION_TOKEN, RESOURCE_TOKEN, secretConfigKeys } from "./schema";

/** Provider configuration keys the schema marks secret. */
const SECRET_CONFIG_KEYS = secretConfigKeys();

/** A check failure in Pulumi's shape. */
export interface CheckFailure {
  readonly property: string;
  readonly reason: string;
}

/**
 * The resource's input carrying the group-ID filter (the function's `ids` argument), as the
 * dynamic provider's input and the echo among the outputs. Not `ids`: the output `ids` holds the IDs
 * found, and Pulumi's Python SDK reads an output the provider returned as null as the input of the
 * same name, so a `"summary"` resource's `ids` read back as the filter.
 */
const REQUESTED_IDS = "requestedIds";

/** Stands for a credential not known yet in CheckConfig's pair check (valid credential text). */
const UNKNOWN_PLACEHOLDER = "unknown";

/** Where a listing's warning goes: `urn` is the resource whose operation listed ("" for an invoke). */
export type WarningSink = (message: string, urn: string) => void;

/** Where a listing's progress notes go ({@link progressNotes}), with the URN as for a {@link WarningSink}. */
export type ProgressNoteSink = (text: string, urn: string) => void;

/** A check of a listing's options before it starts ({@link LiveMessageGroupsPlugin.setListingGuard}). */
export type ListingGuard = (options: Parameters<ListFunction>[0]) => void;

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
  /** The dynamic provider's operations over this plugin's configuration: one implementation of the resource. */
  private readonly resource: LiveMessageGroupsProviderImplementation;

  /** Aborted by the engine's Cancel (Ctrl-C): every listing of this plugin stops. */
  private readonly cancelled = new AbortController();
  /** The lister, each listing bound to {@link cancelled} and its warnings to {@link warningSink}. */
  private readonly list: ListFunction;
  /** The URN of the resource whose operation is running ("" in an invoke), for the warnings of its listings. */
  private readonly operation = new AsyncLocalStorage<string>();
  /** Where the listings' warnings go; none: the sdk's default (stderr). */
  private warningSink: WarningSink | undefined;
  /** Where the listings' progress notes go; none: nowhere (the engine hides the plugin's stderr). */
  private progressSink: ProgressNoteSink | undefined;
  /** Runs before each listing; what it throws fails that listing ({@link setListingGuard}). */
  private listingGuard: ListingGuard | undefined;

  /** @param list The lister (the sdk's by default; tests may inject one). */
  constructor(list: ListFunction = listLiveMessageGroups) {
    this.list = (options) => {
      try {
        this.listingGuard?.(options);
      } catch (error) {
        return Promise.reject(error);
      }
      const signal = options.signal === undefined ? this.cancelled.signal : AbortSignal.any([options.signal, this.cancelled.signal]);
      const sink = this.warningSink;
      // The operation that starts the listing owns its warnings, even one that comes later (a Redis connection that ended).
      const urn = this.operation.getStore() ?? "";
      const progress = this.progressSink;
      const listing = progress === undefined ? list : withProgressNotes(list, (text) => progress(text, urn));
      return listing({ ...options, signal, ...(sink === undefined ? {} : { onWarning: (message: string) => sink(message, urn) }) });
    };
    this.resource = createLiveMessageGroupsProvider({ sources: () => this.sources(), list: this.list });
  }

  /**
   * Sends the warnings of later listings (the sdk's: one per listing, escaped, without secrets) to
   * `sink` with the URN of the resource that listed, instead of stderr, which the engine hides.
   */
  setWarningSink(sink: WarningSink | undefined): void {
    this.warningSink = sink;
  }

  /**
   * Sends progress notes of later listings that run long ({@link progressNotes}) to `sink`, with the
   * URN of the resource that listed: Pulumi shows them next to it while the step runs.
   */
  setProgressSink(sink: ProgressNoteSink | undefined): void {
    this.progressSink = sink;
  }

  /**
   * Runs `guard` with the options of each later listing, before any request: what it throws fails
   * that listing (the plugin's server refuses so the listings an unusable proxy setting would carry).
   */
  setListingGuard(guard: ListingGuard | undefined): void {
    this.listingGuard = guard;
  }

  /** Runs one operation of the resource `urn` ("" for an invoke): its listings' warnings name it. */
  private within<T>(urn: string, operation: () => Promise<T>): Promise<T> {
    return this.operation.run(urn, operation);
  }

  /**
   * The engine's Cancel (the user pressed Ctrl-C): listings in flight stop at once, with an
   * AbortedError, instead of retrying to their deadline; later ones do not start.
   */
  cancel(): void {
    this.cancelled.abort(new Error("the Pulumi engine cancelled the operation"));
  }

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
    const { values: plain } = revealSecrets(news);
    const config = configValues(plain);
    // Keys not known yet (a preview; the value comes from another resource) count as set: the
    // engine configures the provider once they are known, and leaves its resources alone until then.
    const unknownKeys = Object.keys(plain).filter((name) => isUnknown(plain[name])).map(qualify);
    const failures: CheckFailure[] = [];
    // A misspelled key (`secretkey`, `endPoint`) would be ignored and the defaults used: name it.
    const known = Object.values(PLUGIN_CONFIG_KEYS).map(unqualify);
    for (const name of Object.keys(news)) {
      if (known.includes(name) || ENGINE_CONFIG_KEYS.has(name) || name.startsWith("__")) continue;
      failures.push({ property: escapeControl(name), reason: `${escapeControl(name)}: not a configuration key of ${CONFIG_NAMESPACE} (valid keys: ${known.join(", ")})` });
    }
    const fail = (error: unknown, fallbackKey: string): void => {
      const key = error instanceof InvalidArgumentError ? error.parameter : fallbackKey;
      failures.push({ property: unqualify(key), reason: isLiveMessageGroupsError(error) ? error.message : String(error) });
    };
    const only = (key: string): SettingsSources => ({ config: (k) => (k === key ? config[k] : undefined), env: {}, keys: PLUGIN_CONFIG_KEYS });
    // As Configure reads them: an empty value is unset (the environment, then the default, apply).
    for (const name of ["endpoint", "requestsPerSecond", "maxAttempts", "timeoutMs"] as const) {
      try {
        resolveSettings({ appId: "-" }, only(PLUGIN_CONFIG_KEYS[name]));
      } catch (error) {
        fail(error, PLUGIN_CONFIG_KEYS[name]);
      }
    }
    for (const key of [PLUGIN_CONFIG_KEYS.redisUrl, PLUGIN_CONFIG_KEYS.quotaKey]) {
      try {
        resolveQuotaSettings(only(key));
      } catch (error) {
        fail(error, key);
      }
    }
    try {
      defaultDataCenter(only(PLUGIN_CONFIG_KEYS.dataCenter));
    } catch (error) {
      fail(error, PLUGIN_CONFIG_KEYS.dataCenter);
    }
    let keyPairSet = true;
    try {
      const known = (k: string): string | undefined => (unknownKeys.includes(k) ? UNKNOWN_PLACEHOLDER : config[k]);
      keyPairSet = configuredKeyPair({ config: known, env: {}, keys: PLUGIN_CONFIG_KEYS }) !== undefined;
    } catch (error) {
      fail(error, PLUGIN_CONFIG_KEYS.accessKey);
    }
    // The keys the schema marks secret go back secret, however they were set (`pulumi config set`
    // without --secret, an explicit provider's plain input): the engine then encrypts them in state.
    const { values, secretKeys } = revealSecrets(news);
    // The profile as the listings read it: only without a key pair, an empty one unset. A secret one is never quoted.
    const profile = config[PLUGIN_CONFIG_KEYS.profile];
    if (!keyPairSet && profile !== undefined && profile !== "") {
      try {
        assertProfileUsable(profile, PLUGIN_CONFIG_KEYS, secretKeys.has(unqualify(PLUGIN_CONFIG_KEYS.profile)) ? VALUE_NOT_SHOWN : profile);
      } catch (error) {
        fail(error, PLUGIN_CONFIG_KEYS.profile);
      }
    }
    return { inputs: markSecret(values, new Set([...secretKeys, ...SECRET_CONFIG_KEYS])), failures };
  }

  /**
   * Config keys whose value changed. A configuration change never replaces resources: they only read.
   * Values are compared revealed: a credential stored plain (a state written before the schema marked
   * it secret) and now sent secret is the same value, not a change.
   */
  diffConfig(olds: Props, news: Props): string[] {
    const before = configValues(revealSecrets(olds).values);
    const after = configValues(revealSecrets(news).values);
    return [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .filter((key) => before[key] !== after[key])
      .map(unqualify)
      .sort();
  }

  /**
   * `getLiveMessageGroups`: exactly the TypeScript function's result. A secret argument makes every
   * output secret. An argument not known yet (a preview's placeholder, alone or in a list) is refused
   * naming it: see {@link unknownArgumentError}.
   */
  async invoke(token: string, args: Props): Promise<Props> {
    if (token !== FUNCTION_TOKEN) throw new Error(`unknown function ${token}; this provider serves ${FUNCTION_TOKEN}`);
    const { values, secretKeys } = revealSecrets(args);
    const unknown = unknownArgument(values);
    if (unknown !== undefined) throw unknownArgumentError(unknown);
    const listed = await this.within("", () => hidingSecretArgs(values, secretKeys, () => readLiveMessageGroups(values, this.sources(), this.list, secretKeys)));
    const result = JSON.parse(JSON.stringify(listed)) as Props;
    return secretKeys.size > 0 ? markSecret(result, "all") : result;
  }

  /**
   * Validates the inputs and fills the defaults that identify the listing (the dynamic provider's
   * check); secret inputs stay secret.
   */
  async check(urn: string, news: Props): Promise<{ inputs: Props; failures: CheckFailure[] }> {
    assertResource(urn);
    const { values, secretKeys } = revealSecrets(news);
    const checked = await this.within(urn, () => hidingSecretArgs(values, secretKeys, () => this.resource.check({}, toProviderInputs(values))));
    // The dynamic provider names the filter by the TypeScript argument, `ids`: here it is `requestedIds`.
    const failures = (checked.failures ?? []).map((f) => ({ property: f.property === "ids" ? REQUESTED_IDS : f.property, reason: f.reason.replace(/^ids(?=:)|\bids(?=\[\d+\])/g, REQUESTED_IDS) }));
    // checkedDigest and checkedTotalCount describe the listing, which any secret argument may shape:
    // secret with them, as the outputs are.
    const secretInputs = secretKeys.size > 0 ? new Set([...secretKeys, CHECKED_DIGEST, CHECKED_TOTAL_COUNT]) : secretKeys;
    return { inputs: markSecret(checked.inputs as Props, secretInputs), failures };
  }

  /** Changing the app or its data center replaces; any other argument updates in place. */
  async diff(id: string, urn: string, olds: Props, news: Props): Promise<{ changes: boolean; replaces: string[]; diffs: string[] }> {
    assertResource(urn);
    const diff = await this.within(urn, () => this.resource.diff(id, revealSecrets(olds).values, toProviderInputs(revealSecrets(news).values)));
    // The arguments that changed, by their input names: the engine applies `replaceOnChanges` to these.
    const diffs = diff.changedArguments.map((name) => (name === "ids" ? REQUESTED_IDS : name));
    return { changes: diff.changes === true, replaces: [...(diff.replaces ?? [])], diffs };
  }

  /**
   * Lists the groups into the outputs the dynamic resource stores; during a preview, echoes the
   * arguments and leaves the listing's outputs unknown.
   */
  async create(urn: string, inputs: Props, preview: boolean): Promise<{ id: string; outputs: Props }> {
    assertResource(urn);
    const { values, secretKeys } = revealSecrets(inputs);
    if (preview) return { id: "", outputs: secretOutputs(withIdsOutput(previewOutputs(values)), secretKeys) };
    const created = await this.within(urn, () => hidingSecretArgs(values, secretKeys, () => this.resource.create(toProviderInputs(values))));
    return { id: created.id, outputs: secretOutputs(withIdsOutput(created.outs as Props), secretKeys) };
  }

  /**
   * Refresh: lists again with the stored arguments; drift shows as changed outputs. For an import
   * (no stored outputs) the arguments come from the ID `"<dataCenter>/<appId>"`. The inputs
   * returned are the arguments the outputs echo. Every output is secret when a secret argument shaped
   * the listing, as after Create and Update; otherwise the outputs stored secret stay so, and only
   * they (`additionalSecretOutputs: ["digest"]` kept the rest plain in the program after a refresh).
   */
  async read(id: string, urn: string, props: Props, oldInputs?: Props): Promise<{ id: string; outputs: Props; inputs: Props }> {
    assertResource(urn);
    const { values, secretKeys } = revealSecrets(props);
    const stored = values.appId === undefined || values.appId === null ? outputsFromId(id) : values;
    const secretArguments = secretArgumentsOfRead(secretKeys, oldInputs);
    const read = await this.within(urn, () => hidingSecretArgs(values, secretArguments, () => this.resource.read(id, stored)));
    // The app is gone: nothing to read (refresh drops the resource, import finds nothing).
    if (read.id === "" || read.id === undefined) return { id: "", outputs: {}, inputs: {} };
    const outputs = withIdsOutput(read.props as Props);
    // The echoed arguments, and the refreshed digest and count as `checkedDigest` and
    // `checkedTotalCount` (see the dynamic provider's read).
    const inputs = { ...argumentsEchoed(outputs), [CHECKED_DIGEST]: outputs.digest, [CHECKED_TOTAL_COUNT]: outputs.totalCount };
    return { id, outputs: secretOutputs(outputs, secretArguments, secretKeys), inputs: markSecret(inputs, secretInputsOfRead(secretKeys, oldInputs)) };
  }

  /** Lists with the new arguments (during a preview: echoes them, listing outputs unknown). */
  async update(id: string, urn: string, olds: Props, news: Props, preview: boolean): Promise<Props> {
    assertResource(urn);
    const { values, secretKeys } = revealSecrets(news);
    if (preview) return secretOutputs(withIdsOutput(previewOutputs(values)), secretKeys);
    const updated = await this.within(urn, () => hidingSecretArgs(values, secretKeys, () => this.resource.update(id, revealSecrets(olds).values, toProviderInputs(values))));
    return secretOutputs(withIdsOutput(updated.outs as Props), secretKeys);
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

/**
 * The first argument (`appId`) or list element (`ids[1]`) holding a preview's unknown value, if any.
 * A property that is no argument is left to the validation, which names it as such.
 */
function unknownArgument(args: Props): string | undefined {
  for (const name of ARGUMENT_NAMES) {
    const value = args[name];
    if (isUnknown(value)) return name;
    const index = Array.isArray(value) ? value.findIndex(isUnknown) : -1;
    if (index >= 0) return `${name}[${index}]`;
  }
  return undefined;
}

/**
 * The refusal of an Invoke with an unknown argument. Pulumi's SDKs call a function only once its
 * arguments are known, and the engine leaves unknowns out of an Invoke, so only a client sending
 * the placeholder itself gets here. It is not listed as a real value (an app or group ID
 * "04da6b54-..."), and no result stands in for one: an Invoke's result cannot be unknown (the engine
 * rejects one), and an empty result would read as an app without groups.
 */
function unknownArgumentError(property: string): InvalidArgumentError {
  return new InvalidArgumentError(property, "a known value", undefined,
    `Invalid ${property}: expected a known value, received a preview's unknown value: getLiveMessageGroups lists only with known arguments ` +
    "(call it once they are known, as Pulumi's SDKs do; the Output forms return an unknown result meanwhile).");
}

/** Keys the engine itself puts in a provider's configuration. */
const ENGINE_CONFIG_KEYS: ReadonlySet<string> = new Set(["version", "pluginDownloadURL"]);

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

/**
 * Plugin resource inputs to the dynamic provider's; nulls mean "not set". An input `ids` (the state
 * of a resource created before the filter was `requestedIds`) is read as `requestedIds`.
 */
function toProviderInputs(inputs: Props): Props {
  const converted: Props = {};
  for (const [name, value] of Object.entries(inputs)) {
    if (value === null || value === undefined) continue;
    converted[name === "ids" ? REQUESTED_IDS : name] = value;
  }
  return converted;
}

/** The arguments a resource's outputs echo, as its inputs (the filter as `requestedIds`). */
function argumentsEchoed(outputs: Props): Props {
  const args: Props = {};
  for (const name of ARGUMENT_NAMES) {
    const input = name === "ids" ? REQUESTED_IDS : name;
    const value = outputs[input];
    if (value !== undefined && value !== null) args[input] = value;
  }
  return args;
}

/**
 * Output `ids` always present (null when the detail has none): Pulumi's SDKs give an output the
 * provider left out the value of the input of the same name (an older program's `ids` filter).
 */
function withIdsOutput(outputs: Props): Props {
  return "ids" in outputs ? outputs : { ...outputs, ids: null };
}

/**
 * The inputs a Read returns secret: those Check made secret (the stored inputs' secret arguments,
 * and then the checked digest and count), so that a refresh stores the inputs as an `up` does;
 * the checked digest and count also when their outputs are secret (`additionalSecretOutputs`).
 * Marking every input secret made the next `up` after drift show the plain arguments Check returns
 * (`dataCenter`, `detail`, ...) as changed (`[diff: ~dataCenter,detail,groupStatus,sortOrder]`).
 * Without the stored inputs (an older engine, none sent), every input is secret when any output is.
 */
function secretInputsOfRead(secretOutputKeys: ReadonlySet<string>, oldInputs: Props | undefined): ReadonlySet<string> | "all" {
  if (secretOutputKeys.size === 0) return new Set();
  const stored = storedSecretInputs(oldInputs);
  if (stored === undefined) return "all";
  const keys = new Set(stored);
  const anyArgument = keys.size > 0;
  if (anyArgument || secretOutputKeys.has("digest")) keys.add(CHECKED_DIGEST);
  if (anyArgument || secretOutputKeys.has("totalCount")) keys.add(CHECKED_TOTAL_COUNT);
  return keys;
}

/**
 * The stored outputs a failing Read must hide: the arguments' echoes, of those the stored inputs hold
 * secret (every argument when there are no stored inputs to tell). Every output is secret once any
 * argument is, and hiding them all turned counts, statuses, data centers and group IDs into `***`
 * wherever they stood in the message (`*** attempt`, `127.0.0.1:***`, `in ***`).
 */
function secretArgumentsOfRead(secretOutputKeys: ReadonlySet<string>, oldInputs: Props | undefined): ReadonlySet<string> {
  const echoes = new Set<string>(ARGUMENT_NAMES.map((name) => (name === "ids" ? REQUESTED_IDS : name)));
  const secretInputs = storedSecretInputs(oldInputs);
  return new Set([...secretOutputKeys].filter((name) => echoes.has(name) && (secretInputs === undefined || secretInputs.has(name))));
}

/** The stored inputs a Read was sent that are secret, by their output names; undefined when none were sent (an older engine). */
function storedSecretInputs(oldInputs: Props | undefined): ReadonlySet<string> | undefined {
  if (oldInputs === undefined || Object.keys(oldInputs).length === 0) return undefined;
  return new Set([...revealSecrets(oldInputs).secretKeys].map((name) => (name === "ids" ? REQUESTED_IDS : name)));
}

/**
 * The outputs with every one secret when an argument is (any secret argument could be reflected
 * anywhere in a listing's result), else those named in `alsoSecret` (outputs stored secret).
 */
function secretOutputs(outputs: Props, secretArguments: ReadonlySet<string>, alsoSecret: ReadonlySet<string> = new Set()): Props {
  if (secretArguments.size > 0) return markSecret(outputs, "all");
  return alsoSecret.size > 0 ? markSecret(outputs, alsoSecret) : outputs;
}

/**
 * Outputs during a preview: the (checked) arguments echoed as the state will echo them, and the
 * listing outputs the detail stores, unknown.
 */
function previewOutputs(args: Props): Props {
  const outputs: Props = {};
  for (const [name, value] of Object.entries(args)) {
    // Only arguments are echoed (not Check's bookkeeping inputs such as checkedDigest).
    const argument = name === REQUESTED_IDS ? "ids" : name;
    if (value !== null && value !== undefined && (ARGUMENT_NAMES as readonly string[]).includes(argument)) outputs[argument === "ids" ? REQUESTED_IDS : name] = value;
  }
  const detail = (DETAILS as readonly unknown[]).includes(outputs.detail) ? outputs.detail as Detail : null;
  for (const name of detail === null ? ALL_STORED_LISTING_OUTPUTS : STORED_LISTING_OUTPUTS[detail]) outputs[name] = UNKNOWN;
  return outputs;
}

/** Stored outputs of an imported resource: the app from its ID, the resource's default detail. */
function outputsFromId(id: string): Props {
  const slash = id.indexOf("/");
  if (slash <= 0) throw new InvalidArgumentError("id", "\"<dataCenter>/<appId>\"", id);
  return { dataCenter: id.slice(0, slash), appId: id.slice(slash + 1), detail: DEFAULT_RESOURCE_DETAIL };
}

function assertResource(urn: string): void {
  // urn:pulumi:<stack>::<project>::<parent types $ ...><type>::<name>
  const type = urn.split("::")[2]?.split("$").pop();
  if (type !== RESOURCE_TOKEN) throw new Error(`unknown resource type ${type ?? urn}; this provider serves ${RESOURCE_TOKEN}`);
}
