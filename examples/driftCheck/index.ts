/**
 * Watches an app's groups for drift with the LiveMessageGroups resource.
 *
 *     pulumi up                                  # records the groups in the state
 *     pulumi refresh --expect-no-changes         # fails when a group was added, deleted,
 *                                                # renamed, or its admins changed
 *
 * The resource only reads: `pulumi destroy` forgets it and never deletes a group.
 * Config: `appId`.
 */
import * as pulumi from "@pulumi/pulumi";
import { LiveMessageGroups } from "pulumi-alicloud-live-message-groups";

const config = new pulumi.Config();

const watched = new LiveMessageGroups("watched-groups", {
  appId: config.require("appId"),
  groupStatus: "all",
});

export const groupIds = watched.ids;
export const adminsByGroupId = watched.adminsByGroupId;
export const deletedIds = watched.deletedIds;
