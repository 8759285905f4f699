/**
 * The Pulumi package schema of the provider plugin, generated from the field table so that the
 * function, the resource, the TypeScript types and the docs cannot drift apart.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ALL_STORED_LISTING_OUTPUTS, STORED_LISTING_OUTPUTS } from "../dynamic/liveMessageGroupsProvider";
import { ARGUMENT_FIELDS, ECHOED_RESULT_FIELDS, ENUMS, GROUP_FIELDS, RESULT_FIELDS, type EnumName, type FieldSpec, type FieldType } from "../fieldTable";
import { PLUGIN_CONFIG_KEYS } from "../settingsSources";

import { FUNCTION_TOKEN, PACKAGE_NAME, RESOURCE_TOKEN } from "../tokens";
import type { Detail } from "../types";

export { FUNCTION_TOKEN, PACKAGE_NAME, RESOURCE_TOKEN };
/** Token of the object type of one group. */
export const GROUP_TYPE_TOKEN = `${PACKAGE_NAME}:index:LiveMessageGroup`;

/** A property in a package schema (the subset this package uses). */
export interface SchemaProperty {
  readonly type: string;
  readonly description: string;
  readonly $ref?: string;
  readonly items?: { readonly type?: string; readonly $ref?: string; readonly items?: { readonly type: string } };
  readonly additionalProperties?: { readonly type: string; readonly items: { readonly type: string } };
  readonly secret?: boolean;
}

/** The version of this npm package, which is the plugin's and the schema's version. */
export function packageVersion(): string {
  // dist/provider/plugin/ -> package root, both in this repository and in an installed package.
  const manifest = JSON.parse(readFileSync(join(__dirname, "..", "..", "..", "package.json"), "utf8")) as { version: string };
  return manifest.version;
}

const typeRef = (token: string): string => `#/types/${token}`;
const enumToken = (name: EnumName): string => `${PACKAGE_NAME}:index:${name}`;

function property(type: FieldType, description: string): SchemaProperty {
  if (typeof type === "object") return { type: "string", $ref: typeRef(enumToken(type.enum)), description };
  switch (type) {
    case "string[]":
      return { type: "array", items: { type: "string" }, description };
    case "group[]":
      return { type: "array", items: { $ref: typeRef(GROUP_TYPE_TOKEN) }, description };
    case "map<string[]>":
      return { type: "object", additionalProperties: { type: "array", items: { type: "string" } }, description };
    default:
      return { type, description };
  }
}

function properties(table: Readonly<Record<string, FieldSpec>>, omit: readonly string[] = []): { properties: Record<string, SchemaProperty>; required: string[] } {
  const entries = Object.entries(table).filter(([name]) => !omit.includes(name));
  return {
    properties: Object.fromEntries(entries.map(([name, spec]) => [name, property(spec.type, spec.description)])),
    required: entries.filter(([, spec]) => spec.required).map(([name]) => name),
  };
}

/** `"cn-shanghai"` -> `"CnShanghai"`: enum member names for the generated SDKs. */
function memberName(value: string): string {
  return value.split(/[^A-Za-z0-9]+/).filter((part) => part !== "").map((part) => part[0]?.toUpperCase() + part.slice(1)).join("");
}

/** The provider configuration keys the schema marks secret (CheckConfig marks their values so too). */
export function secretConfigKeys(): ReadonlySet<string> {
  return new Set(Object.entries(configVariables()).filter(([, spec]) => spec.secret === true).map(([name]) => name));
}

/** Provider configuration: the listing settings, and credentials marked secret. */
function configVariables(): Record<string, SchemaProperty> {
  const unqualified = (key: string): string => key.slice(PACKAGE_NAME.length + 1);
  const setting = (name: "endpoint" | "requestsPerSecond" | "maxAttempts" | "timeoutMs"): SchemaProperty => {
    const spec = ARGUMENT_FIELDS[name];
    return property(spec.type, `Default for the \`${name}\` argument. ${spec.description}`);
  };
  return {
    [unqualified(PLUGIN_CONFIG_KEYS.endpoint)]: setting("endpoint"),
    [unqualified(PLUGIN_CONFIG_KEYS.dataCenter)]: {
      type: "string",
      description: `Default for the \`dataCenter\` argument: one of ${ENUMS.DataCenter.values.join(", ")}. `
        + "Default: env `LIVE_MESSAGE_GROUPS_DATA_CENTER`, then env `ALIBABA_CLOUD_REGION` or `ALICLOUD_REGION` when it names a data center, then cn-shanghai.",
    },
    [unqualified(PLUGIN_CONFIG_KEYS.requestsPerSecond)]: setting("requestsPerSecond"),
    [unqualified(PLUGIN_CONFIG_KEYS.maxAttempts)]: setting("maxAttempts"),
    [unqualified(PLUGIN_CONFIG_KEYS.timeoutMs)]: setting("timeoutMs"),
    [unqualified(PLUGIN_CONFIG_KEYS.redisUrl)]: {
      type: "string", secret: true,
      description: "Share the account's 50 calls/s through Redis with every process that names the same quota: "
        + "a redis://[user:password@]host[:port][/db] or rediss:// URL. Default: env `LIVE_MESSAGE_GROUPS_REDIS_URL`, else no coordination (nothing connects anywhere).",
    },
    [unqualified(PLUGIN_CONFIG_KEYS.quotaKey)]: {
      type: "string",
      description: "Name of the account quota that listings share (set the same value for every AccessKey of one account). "
        + "Default: env `LIVE_MESSAGE_GROUPS_QUOTA_KEY`, else the AccessKey ID.",
    },
    [unqualified(PLUGIN_CONFIG_KEYS.accessKey)]: {
      type: "string", secret: true,
      description: "AccessKey ID. Set together with `secretKey`. Default: env `ALIBABA_CLOUD_ACCESS_KEY_ID`, then the Alibaba Cloud credential chain.",
    },
    [unqualified(PLUGIN_CONFIG_KEYS.secretKey)]: {
      type: "string", secret: true,
      description: "AccessKey secret. Set together with `accessKey`. Default: env `ALIBABA_CLOUD_ACCESS_KEY_SECRET`, then the Alibaba Cloud credential chain.",
    },
    [unqualified(PLUGIN_CONFIG_KEYS.securityToken)]: {
      type: "string", secret: true,
      description: "STS security token, with `accessKey` and `secretKey` of an STS credential.",
    },
    [unqualified(PLUGIN_CONFIG_KEYS.profile)]: {
      type: "string",
      description: "A profile of the Alibaba Cloud CLI configuration (`~/.aliyun/config.json`) to take credentials from, when `accessKey` is not set.",
    },
  };
}

/**
 * The package schema as a JSON-ready object.
 *
 * @param version The package version (default: this npm package's).
 */
export function buildSchema(version: string = packageVersion()): Record<string, unknown> {
  const args = properties(ARGUMENT_FIELDS);
  const result = properties(RESULT_FIELDS);
  // The resource's outputs are its state: the echoed arguments and the listing outputs the dynamic
  // resource stores (the TypeScript class derives the other lists in the program).
  const stored = new Set<string>([...ECHOED_RESULT_FIELDS, ...ALL_STORED_LISTING_OUTPUTS]);
  const outputs = properties(RESULT_FIELDS, Object.keys(RESULT_FIELDS).filter((name) => !stored.has(name)));
  // The resource stores fewer lists than the function returns (`"full"` stores `groups` only): each
  // list's description names the details whose state holds it.
  for (const name of ALL_STORED_LISTING_OUTPUTS) {
    const details = (Object.keys(STORED_LISTING_OUTPUTS) as Detail[]).filter((detail) => STORED_LISTING_OUTPUTS[detail].includes(name));
    const spec = outputs.properties[name];
    if (spec === undefined || details.length === Object.keys(STORED_LISTING_OUTPUTS).length) continue;
    const stored = `Detail ${details.map((detail) => `\`${detail}\``).join(" and ")} (null in the others).`;
    outputs.properties[name] = { ...spec, description: spec.description.replace(/ Detail [^.]*\.$/, "") + ` ${stored}` };
  }
  const group = properties(GROUP_FIELDS);
  const config = configVariables();
  const enums = Object.fromEntries((Object.keys(ENUMS) as EnumName[]).map((name) => [enumToken(name), {
    type: "string",
    description: ENUMS[name].description,
    enum: ENUMS[name].values.map((value) => ({ name: memberName(value), value, description: `\`${value}\`` })),
  }]));
  return {
    name: PACKAGE_NAME,
    displayName: "Alibaba Cloud Live Message Groups",
    version,
    description: "Read the interactive-messaging groups (chat rooms) of an Alibaba Cloud ApsaraVideo Live app: every page of "
      + "ListLiveMessageGroupByPage, concurrent under the account's rate limit, retried and verified complete.",
    keywords: ["pulumi", "alicloud", "apsaravideo-live", "category/cloud"],
    license: "Apache-2.0",
    publisher: "pulumi-alicloud-live-message-groups",
    config: { variables: config },
    provider: {
      description: "The provider of the `live-message-groups` package. Its inputs are the package's configuration; "
        + "explicit function and resource arguments win over them, the environment and the credential chain come after.",
      inputProperties: config,
    },
    types: {
      [GROUP_TYPE_TOKEN]: { type: "object", description: "One interactive-messaging group.", ...group },
      ...enums,
    },
    functions: {
      [FUNCTION_TOKEN]: {
        description: "Lists the interactive-messaging groups of an ApsaraVideo Live app (every page), with the client-side "
          + "filters of Alibaba Cloud data sources (`ids`, `nameRegex`, `creatorId`). The result is deterministic: the same "
          + "groups always give the same result.",
        inputs: { type: "object", ...args },
        outputs: { type: "object", ...result },
      },
    },
    resources: {
      [RESOURCE_TOKEN]: {
        description: "The groups of an interactive-messaging app as a resource, so `pulumi refresh` can watch them for drift. "
          + "Read-only towards the cloud: create and update list the groups, delete only removes the Pulumi record. Changing "
          + "`appId` or `dataCenter` replaces the resource; any other argument updates it. The resource ID is "
          + "`\"<dataCenter>/<appId>\"`. `detail` defaults to `\"summary\"` (counts and digest, constant size); `\"ids\"` "
          + "stores `ids` and `deletedIds`, `\"full\"` stores `groups`. The function gives every list of a detail.",
        // The filter is `requestedIds`, as its echo among the outputs: the output `ids` holds the IDs
        // found, and Python's SDK reads an output returned as null as the input of the same name.
        inputProperties: Object.fromEntries(Object.entries(args.properties).map(([name, spec]) => name === "ids"
          ? ["requestedIds", { ...spec, description: `${spec.description} (The function's \`ids\` argument; the output \`ids\` holds the IDs of the groups kept.)` }]
          : [name, spec])),
        requiredInputs: args.required,
        properties: outputs.properties,
        required: outputs.required,
      },
    },
    language: {
      // No `dependencies["@pulumi/pulumi"]`: the code generator writes its own minimum, the one its code
      // needs (3.276 writes `pulumi.runtime.existsResource` and `^3.269.0`); a `^3.145.0` pin let npm
      // keep a project's older @pulumi/pulumi, on which the SDK's postinstall `tsc` fails.
      nodejs: { packageName: "@live-message-groups/pulumi", respectSchemaVersion: true },
      // No `requires.pulumi`: the code generator writes its own minimum, the one its code needs (3.248
      // writes `pulumi.type_token`, from 3.231); a lower pin let pip install SDKs that fail on import.
      python: { packageName: "pulumi_live_message_groups", respectSchemaVersion: true },
      go: {
        importBasePath: "github.com/pulumi-alicloud-live-message-groups/sdk/go/livemessagegroups",
        generateResourceContainerTypes: true,
        respectSchemaVersion: true,
      },
      csharp: {
        rootNamespace: "Pulumi",
        namespaces: { [PACKAGE_NAME]: "AlicloudLiveMessageGroups" },
        packageReferences: { Pulumi: "3.*" },
        respectSchemaVersion: true,
      },
    },
  };
}
