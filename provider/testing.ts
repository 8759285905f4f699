import * as pulumi from "@pulumi/pulumi";
import { ClientError } from "../sdk/errors";
import type { ListLiveMessageGroupsOptions, LiveMessageGroup, LiveMessageGroupList } from "../sdk/types";
import { compareStrings } from "./buildResult";
import { createLiveMessageGroupsProvider } from "./dynamic/liveMessageGroupsProvider";
import { programSettingsSources } from "./settingsSources";
import { listingInForce, markOwnMocks, setListingOverride, type ListFunction } from "./sharedListing";
import { DYNAMIC_RESOURCE_TYPE } from "./tokens";

/** The Pulumi type token of the `LiveMessageGroups` dynamic resource. */
export const LIVE_MESSAGE_GROUPS_RESOURCE_TYPE = DYNAMIC_RESOURCE_TYPE;

/** A group a test gives; fields left out take the API's empty values. */
export interface MockLiveMessageGroup {
  /** The group's ID. */
  readonly groupId: string;
  /** Default `""`. */
  readonly groupName?: string | undefined;
  /** Default `""`. */
  readonly groupInfo?: string | undefined;
  /** Default `""`. */
  readonly creatorId?: string | undefined;
  /** Default `[]`. */
  readonly adminList?: string[] | undefined;
  /** Creation time, unix seconds. Default: the group's position in the list, so the list's order is the creation order. */
  readonly createTime?: number | undefined;
  /** Default `false`. */
  readonly deleted?: boolean | undefined;
}

/** Options of {@link liveMessageGroupsMocks}. */
export interface LiveMessageGroupsMocksOptions {
  /**
   * The groups every listing returns, instead of calling the API: one list for any app, or lists
   * by app ID (an app not named fails as the API does, with `ResourceNotExist`). Absent: listings
   * call the API as configured (endpoint, credentials), for example a local emulator.
   */
  readonly groups?: readonly MockLiveMessageGroup[] | { readonly [appId: string]: readonly MockLiveMessageGroup[] } | undefined;
  /** Mocks for every other resource and invoke of the program. Default: inputs echoed as state, invokes answered `{}`. */
  readonly mocks?: pulumi.runtime.Mocks | undefined;
}

/**
 * Mocks for `pulumi.runtime.setMocks` under which a program's `LiveMessageGroups` resources have
 * their real outputs, computed by the real provider code (validation, defaults, filters, digest),
 * and its `getLiveMessageGroups` calls return the same groups. Everything else goes to `mocks`.
 *
 * Process-wide, like `setMocks` itself: the groups apply to every listing in this process until
 * the next call.
 *
 * ## Example Usage
 *
 * ```typescript
 * import * as pulumi from "@pulumi/pulumi";
 * import { liveMessageGroupsMocks } from "pulumi-alicloud-live-message-groups";
 *
 * pulumi.runtime.setMocks(liveMessageGroupsMocks({
 *     groups: [{ groupId: "room-1", adminList: ["alice"] }, { groupId: "room-2", deleted: true }],
 * }), "project", "test", false);
 * // Then import the program under test and read its outputs with `.apply`.
 * ```
 */
export function liveMessageGroupsMocks(options: LiveMessageGroupsMocksOptions = {}): pulumi.runtime.Mocks {
  setListingOverride(options.groups === undefined ? undefined : listFromGroups(options.groups));
  const provider = createLiveMessageGroupsProvider({ sources: programSettingsSources, list: (o) => listingInForce()(o) });
  const inner = options.mocks;
  return markOwnMocks({
    async newResource(args) {
      if (args.type !== LIVE_MESSAGE_GROUPS_RESOURCE_TYPE) {
        return inner ? inner.newResource(args) : { id: `${args.name}-id`, state: args.inputs };
      }
      // A preview, as the engine runs it: nothing is created, the outputs are the inputs (the listing's
      // outputs unknown). Check is not run: mocks drop unknown inputs, so it would judge them missing.
      if (pulumi.runtime.isDryRun()) return { id: undefined, state: args.inputs };
      // The engine hands the dynamic provider plaintext (its host accepts no secrets).
      const inputs = revealSecrets(args.inputs) as Record<string, unknown>;
      const checked = await provider.check({}, inputs);
      const failures = checked.failures ?? [];
      if (failures.length > 0) throw new Error(`LiveMessageGroups ${args.name}: ${failures.map((f) => f.reason).join("; ")}`);
      const checkedInputs = (checked.inputs ?? inputs) as Record<string, unknown>;
      const created = await provider.create(checkedInputs);
      // As the provider host answers Create: the outputs (which echo the arguments), not the inputs;
      // and as the engine then does, an output named as a secret input is secret.
      const state = { ...(created.outs as Record<string, unknown>) };
      for (const [key, value] of Object.entries(args.inputs as Record<string, unknown>)) {
        if (key in state && isSecretWireValue(value)) state[key] = { [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value: state[key] };
      }
      return { id: created.id, state };
    },
    call(args) {
      return inner ? inner.call(args) : {};
    },
  });
}

/** A lister over the groups a test gives, as the API would list them. */
function listFromGroups(given: LiveMessageGroupsMocksOptions["groups"] & object): ListFunction {
  return async (options: ListLiveMessageGroupsOptions): Promise<LiveMessageGroupList> => {
    let forApp: readonly MockLiveMessageGroup[];
    if (isGroupList(given)) forApp = given;
    else {
      const named = Object.hasOwn(given, options.appId) ? given[options.appId] : undefined;
      if (named === undefined) {
        throw new ClientError(`ResourceNotExist: the app ${JSON.stringify(options.appId)} has no groups in liveMessageGroupsMocks.`, { code: "ResourceNotExist", httpStatus: 404 });
      }
      forApp = named;
    }
    const status = options.groupStatus ?? "all";
    const groups = forApp.map(toGroup)
      .filter((g) => status === "all" || (status === "deleted") === g.deleted)
      .sort((a, b) => a.createTime - b.createTime || compareStrings(a.groupId, b.groupId));
    if (options.sortOrder === "desc") groups.reverse();
    return {
      appId: options.appId,
      dataCenter: options.dataCenter ?? "cn-shanghai",
      groupStatus: status,
      sortOrder: options.sortOrder ?? "asc",
      totalCount: groups.length,
      groups,
      requests: 0,
      retries: 0,
      elapsedMs: 0,
    };
  };
}

function isGroupList(given: object): given is readonly MockLiveMessageGroup[] {
  return Array.isArray(given);
}

function toGroup(g: MockLiveMessageGroup, index: number): LiveMessageGroup {
  return {
    groupId: g.groupId,
    groupName: g.groupName ?? "",
    groupInfo: g.groupInfo ?? "",
    creatorId: g.creatorId ?? "",
    adminList: [...(g.adminList ?? [])],
    createTime: g.createTime ?? index,
    deleted: g.deleted ?? false,
  };
}

function isSecretWireValue(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig;
}

/** Replaces every wire-form secret by its plaintext value, recursively (as the engine hands the dynamic provider its inputs). */
export function revealSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revealSecrets);
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  if (record[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig) return revealSecrets(record.value);
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, revealSecrets(v)]));
}
