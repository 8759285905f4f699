/**
 * Watches an app's groups for drift with the LiveMessageGroups resource.
 *
 *     pulumi up                                           # records the groups in the state
 *     pulumi refresh --preview-only --expect-no-changes   # fails when a group was added, deleted,
 *                                                         # renamed, or its admins or info changed
 *
 * The resource only reads: `pulumi destroy` forgets it and never deletes a group.
 * Config: `appId`.
 */
import * as pulumi from "@pulumi/pulumi";
import { LiveMessageGroups } from "pulumi-alicloud-live-message-groups";

const config = new pulumi.Config();

// detail "full" stores every group, so the refresh names the group that changed. For apps of many
// thousands of groups, leave detail at its default ("summary"): the digest still fails the refresh
// on any change, with state under 10 KB; `live-message-groups drift` then names the change.
const watched = new LiveMessageGroups("watched-groups", {
  appId: config.require("appId"),
  groupStatus: "all",
  detail: "full",
});

export const groupIds = watched.ids;
export const adminsByGroupId = watched.adminsByGroupId;
export const deletedIds = watched.deletedIds;
export const digest = watched.digest;
