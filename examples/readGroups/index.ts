/**
 * Reads an app's groups and exports them as stack outputs.
 *
 * Config: `appId` (required), `nameRegex` (optional); settings and credentials as described in
 * provider/README.md (`live-message-groups:endpoint`, `alicloud:accessKey`, ...).
 */
import * as pulumi from "@pulumi/pulumi";
import { getLiveMessageGroupsOutput } from "pulumi-alicloud-live-message-groups";

const config = new pulumi.Config();

const groups = getLiveMessageGroupsOutput({
  appId: config.require("appId"),
  nameRegex: config.get("nameRegex"),
});

export const totalCount = groups.totalCount;
export const groupIds = groups.ids;
export const groupNames = groups.names;
export const adminsByGroupId = groups.adminsByGroupId;
export const deletedIds = groups.deletedIds;
