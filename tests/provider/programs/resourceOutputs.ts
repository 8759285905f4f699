/**
 * Mock program: LiveMessageGroups resources whose outputs the spec inspects in a preview and in
 * an update. Config (project "lmg-test"): appId, wantedIds (JSON list for the `ids` filter).
 */
import * as pulumi from "@pulumi/pulumi";
import { LiveMessageGroups } from "../../../index";

const config = new pulumi.Config();
const appId = config.require("appId");
const wanted = config.requireObject<string[]>("wantedIds");

/** Every output of a resource, as exports (one object per resource). */
function outputsOf(r: LiveMessageGroups): Record<string, pulumi.Output<unknown>> {
  return {
    appId: r.appId, dataCenter: r.dataCenter, groupStatus: r.groupStatus, sortOrder: r.sortOrder, nameRegex: r.nameRegex,
    requestedIds: r.requestedIds, ids: r.ids, names: r.names, totalCount: r.totalCount, groups: r.groups,
    adminsByGroupId: r.adminsByGroupId, existingIds: r.existingIds, deletedIds: r.deletedIds,
    existingCount: r.existingCount, deletedCount: r.deletedCount, digest: r.digest, detail: r.detail,
  };
}

const filtered = new LiveMessageGroups("filtered", { appId, ids: wanted, nameRegex: ".", detail: "full" });
// A nested secret argument, and the listing declared secret statically: `groups` is stored secret,
// and every list derived from it in the program is secret too.
const withSecret = new LiveMessageGroups("with-secret", { appId, ids: [pulumi.secret(wanted[0] ?? "")], detail: "full" }, { additionalSecretOutputs: ["groups"] });

export const filteredOutputs = outputsOf(filtered);
export const secretOutputs = outputsOf(withSecret);
// Per-group outputs named that the state does not hold for the detail (the engine ignores those):
// every per-group output is secret all the same.
const fullNamedByIds = new LiveMessageGroups("full-named-by-ids", { appId, detail: "full" }, { additionalSecretOutputs: ["ids", "deletedIds"] });
const idsNamedByDerived = new LiveMessageGroups("ids-named-by-derived", { appId, detail: "ids" }, { additionalSecretOutputs: ["existingIds", "digest"] });
export const fullNamedByIdsOutputs = outputsOf(fullNamedByIds);
// Options naming the `ids` filter by its argument name: what the resource registers (seen by a
// legacy transformation, which runs on the options the class passes on).
const registeredOptions: Record<string, unknown> = {};
new LiveMessageGroups("ignores-filter", { appId, ids: wanted, detail: "summary" }, {
  ignoreChanges: ["ids", "nameRegex"], replaceOnChanges: ["ids"],
  transformations: [({ opts }) => {
    Object.assign(registeredOptions, { ignoreChanges: opts.ignoreChanges, replaceOnChanges: opts.replaceOnChanges });
    return undefined;
  }],
});
export const filterOptions = registeredOptions;
export const idsNamedByDerivedOutputs = outputsOf(idsNamedByDerived);
