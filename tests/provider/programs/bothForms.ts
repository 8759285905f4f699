/**
 * Mock program: both function forms and the resource over one app, with outputs fed into
 * another resource. Config (project "lmg-test"): appId, creatorId.
 */
import * as pulumi from "@pulumi/pulumi";
import { getLiveMessageGroups, getLiveMessageGroupsOutput, LiveMessageGroups } from "../../../index";

const config = new pulumi.Config();
const appId = config.require("appId");

export const plain = getLiveMessageGroups({ appId });
// Same listing identity as `plain` (filters differ): must share one listing.
export const filtered = getLiveMessageGroupsOutput({ appId: pulumi.output(appId), creatorId: config.require("creatorId"), groupStatus: "all" });
export const fromSecret = getLiveMessageGroupsOutput({ appId: pulumi.secret(appId), groupStatus: "existing" });

const watched = new LiveMessageGroups("watched", { appId, groupStatus: "existing", nameRegex: ".", detail: "full" });
export const resourceIds = watched.ids;
export const resourceExisting = watched.existingIds;
export const resourceTotal = watched.totalCount;
export const resourceId = watched.id;

class Consumer extends pulumi.CustomResource {
  constructor(name: string, args: { groupIds: pulumi.Input<pulumi.Input<string>[]>; admins: pulumi.Input<Record<string, string[]>> }) {
    super("test:index:Consumer", name, args);
  }
}
const consumer = new Consumer("consumer", { groupIds: filtered.ids, admins: watched.adminsByGroupId });
export const consumerUrn = consumer.urn;
