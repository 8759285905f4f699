/**
 * Feeds group IDs and admins into an Alibaba Cloud resource: an OSS object holding the app's
 * moderation roster (each existing group with its admins), which a moderation service reads.
 *
 *     npm install @pulumi/alicloud pulumi-alicloud-live-message-groups
 *
 * Config: `appId`, `bucket` (an existing OSS bucket). The roster is uploaded again whenever a
 * group or its admins change.
 */
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { getLiveMessageGroupsOutput } from "pulumi-alicloud-live-message-groups";

const config = new pulumi.Config();
const appId = config.require("appId");

const live = getLiveMessageGroupsOutput({ appId, groupStatus: "existing" });

const roster = new alicloud.oss.BucketObject("moderation-roster", {
  bucket: config.require("bucket"),
  key: pulumi.interpolate`live-message-groups/${live.appId}/roster.json`,
  contentType: "application/json",
  // The group IDs, names and admins, straight from the listing.
  content: pulumi.jsonStringify(live.groups.apply((groups) =>
    groups.map((g) => ({ groupId: g.groupId, groupName: g.groupName, admins: g.adminList })))),
});

export const rosterKey = roster.key;
export const rosterGroupIds = live.ids;
