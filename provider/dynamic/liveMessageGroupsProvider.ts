import type * as pulumi from "@pulumi/pulumi";
import { isLiveMessageGroupsError } from "../../sdk/errors";
import { DEFAULT_GROUP_STATUS, DEFAULT_SORT_ORDER } from "../../sdk/validateOptions";
import { listLiveMessageGroups } from "../../sdk/listLiveMessageGroups";
import { readLiveMessageGroups } from "../readLiveMessageGroups";
import { defaultDataCenter } from "../resolveSettings";
import type { ConfigReader, SettingsSources } from "../settingsSources";
import type { GetLiveMessageGroupsResult } from "../types";
import { ARGUMENT_NAMES, validateArgs } from "../validateArgs";

/** Properties that force a new resource: they say which app the resource reads. */
const REPLACE_ON_CHANGE = ["appId", "dataCenter"] as const;
const PROVIDER_KEY = "__provider";
const REQUESTED_IDS = "requestedIds";

type Props = Record<string, unknown>;

// Set by configure() inside the provider host, from the stack config the engine sends. It lives in
// this module (loaded at run time by the shim), never in the serialized provider or the state.
let stackConfig: ConfigReader = () => undefined;

function sources(): SettingsSources {
  return { config: stackConfig, env: process.env };
}

/** Pulumi's placeholder for values not known during preview, as the host delivers it. */
function isUnknown(value: unknown): boolean {
  const pulumiModule = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
  return value === pulumiModule.runtime.unknownValue;
}

/** The arguments stored in a resource's outputs (`ids` there is the result; the filter is `requestedIds`). */
function argsFromOutputs(outputs: Props): Props {
  const args: Props = {};
  for (const name of ARGUMENT_NAMES) {
    const value = name === "ids" ? outputs.requestedIds : outputs[name];
    if (value !== undefined && value !== null) args[name] = value;
  }
  return args;
}

/**
 * The arguments in a resource's inputs. The `ids` filter is input `requestedIds`, so that output
 * `ids` is unknown during a preview. An input `ids` is dropped here; check rejects it.
 */
function argsFromInputs(inputs: Props): Props {
  const args: Props = {};
  for (const [name, value] of Object.entries(inputs)) {
    if (name === PROVIDER_KEY || name === "ids" || value === undefined || value === null) continue;
    args[name === REQUESTED_IDS ? "ids" : name] = value;
  }
  return args;
}

/** Inverse of {@link argsFromInputs}. */
function inputsFromArgs(args: Props): Props {
  const inputs: Props = {};
  for (const [name, value] of Object.entries(args)) inputs[name === "ids" ? REQUESTED_IDS : name] = value;
  return inputs;
}

/** Outputs for the host: plain JSON (no `undefined` anywhere), without `id` (that is the resource ID). */
function toOutputs(result: GetLiveMessageGroupsResult): Props {
  const { id: _id, ...outputs } = result;
  return JSON.parse(JSON.stringify(outputs)) as Props;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

async function list(args: Props): Promise<GetLiveMessageGroupsResult> {
  // No sharing here: the host outlives one operation, and a refresh must list afresh.
  return readLiveMessageGroups(args, sources(), listLiveMessageGroups);
}

/**
 * The implementation of the `LiveMessageGroups` dynamic provider, loaded at run time by the
 * serialized shim inside Pulumi's provider host. Read-only towards the cloud: create, update and
 * read list groups; delete only forgets the resource.
 */
export const liveMessageGroupsProvider = {
  /** Keeps a reader over the stack config (credentials included) in this process only. */
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    const config = req.config;
    stackConfig = (key) => {
      const value: unknown = config.get(key);
      return value === undefined || value === null ? undefined : String(value);
    };
  },

  /** Validates the arguments and fills the defaults that identify the listing. */
  async check(_olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    const inputs = argsFromInputs(news);
    // Failures name the input property the user's `ids` argument travels as.
    const failures = validateArgs(inputs, isUnknown).failures.map((f) => {
      const property = f.property === "ids" ? REQUESTED_IDS : f.property;
      return { property, reason: `${property}: expected ${f.allowed}` };
    });
    if (news.ids !== undefined && news.ids !== null) {
      failures.push({ property: "ids", reason: `ids: expected no value: it is an output; the filter is input ${REQUESTED_IDS}` });
    }
    try {
      if (inputs.dataCenter === undefined) inputs.dataCenter = defaultDataCenter(sources());
    } catch (error) {
      failures.push({ property: "dataCenter", reason: isLiveMessageGroupsError(error) ? error.message : "no valid default data center" });
    }
    inputs.groupStatus ??= DEFAULT_GROUP_STATUS;
    inputs.sortOrder ??= DEFAULT_SORT_ORDER;
    return { inputs: inputsFromArgs(inputs), failures };
  },

  /** Changing the app or its data center replaces; any other argument updates in place. */
  async diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
    const before = argsFromOutputs(olds);
    const after = argsFromInputs(news);
    after.dataCenter ??= defaultDataCenter(sources());
    after.groupStatus ??= DEFAULT_GROUP_STATUS;
    after.sortOrder ??= DEFAULT_SORT_ORDER;
    const changed = ARGUMENT_NAMES.filter((name) => !sameValue(before[name], after[name]));
    const replaces = REPLACE_ON_CHANGE.filter((name) => changed.includes(name));
    return { changes: changed.length > 0, replaces, deleteBeforeReplace: false };
  },

  async create(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
    const result = await list(argsFromInputs(inputs));
    return { id: result.id, outs: toOutputs(result) };
  },

  /** Refresh: lists again with the stored arguments; drift shows as changed outputs. */
  async read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
    const result = await list(argsFromOutputs(props));
    return { id, props: toOutputs(result) };
  },

  async update(_id: string, _olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
    return { outs: toOutputs(await list(argsFromInputs(news))) };
  },

  /** Forgets the resource. Never deletes a group: this resource only reads. */
  async delete(_id: string, _props: Props): Promise<void> {
    return;
  },
};

/** The shape the shim calls. */
export type LiveMessageGroupsProviderImplementation = typeof liveMessageGroupsProvider;
