import type * as pulumi from "@pulumi/pulumi";
import { listLiveMessageGroups } from "../../sdk/listLiveMessageGroups";
import { readLiveMessageGroups } from "../readLiveMessageGroups";
import { argsFromOutputs, checkArgs, diffArgs, REQUESTED_IDS, toOutputs, type Props } from "../resourceOperations";
import type { ConfigReader, SettingsSources } from "../settingsSources";
import type { GetLiveMessageGroupsResult } from "../types";

const PROVIDER_KEY = "__provider";

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
    const checked = checkArgs(argsFromInputs(news), sources(), isUnknown);
    // Failures name the input property the user's `ids` argument travels as.
    const failures = checked.failures.map((f) => {
      if (f.property !== "ids") return f;
      return { property: REQUESTED_IDS, reason: REQUESTED_IDS + f.reason.slice("ids".length) };
    });
    if (news.ids !== undefined && news.ids !== null) {
      failures.push({ property: "ids", reason: `ids: expected no value: it is an output; the filter is input ${REQUESTED_IDS}` });
    }
    return { inputs: inputsFromArgs(checked.args), failures };
  },

  /** Changing the app or its data center replaces; any other argument updates in place. */
  async diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
    const { changed, replaces } = diffArgs(argsFromOutputs(olds), argsFromInputs(news), sources());
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
