/**
 * Consumes another stack's groups: reads its `existingIds` output through a StackReference and
 * watches exactly those groups with the LiveMessageGroups resource (the `ids` filter; `detail`
 * "ids" keeps the ID lists in the state, not every group).
 *
 * Config: `appId`, `sourceStack` (the producing stack's fully-qualified name, e.g.
 * `organization/live-message-groups-demo/dev` on a file backend), plus the settings and
 * credentials described in provider/README.md.
 */
import * as pulumi from "@pulumi/pulumi";
import { LiveMessageGroups } from "pulumi-alicloud-live-message-groups";

const config = new pulumi.Config();
const source = new pulumi.StackReference(config.require("sourceStack"));
const existingIds = source.requireOutput("existingIds") as pulumi.Output<string[]>;

const watched = new LiveMessageGroups("referenced-groups", {
  appId: config.require("appId"),
  ids: existingIds,
  detail: "ids",
});

export const sourceExistingIds = existingIds;
export const watchedRequestedIds = watched.requestedIds;
export const watchedIds = watched.ids;
export const watchedDigest = watched.digest;
