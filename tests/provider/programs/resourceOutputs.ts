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
  };
}

const filtered = new LiveMessageGroups("filtered", { appId, ids: wanted, nameRegex: "." });
// One nested secret argument: every output of this resource must be secret.
const withSecret = new LiveMessageGroups("with-secret", { appId, ids: [pulumi.secret(wanted[0] ?? "")] });

export const filteredOutputs = outputsOf(filtered);
export const secretOutputs = outputsOf(withSecret);
