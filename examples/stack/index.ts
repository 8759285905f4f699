/**
 * The stack program of the root Pulumi.yaml: reads an app's groups (function form) and watches
 * them for drift (resource form).
 *
 * Stack config: `live-message-groups-demo:appId` (required), `live-message-groups:endpoint`,
 * `live-message-groups:dataCenter`, `alicloud:accessKey` / `alicloud:secretKey` (secret) or any
 * other credential source. See examples/README.md to run it against the local emulator.
 */
import * as pulumi from "@pulumi/pulumi";
import { getLiveMessageGroupsOutput, LiveMessageGroups } from "pulumi-alicloud-live-message-groups";

const config = new pulumi.Config();
const appId = config.require("appId");

const groups = getLiveMessageGroupsOutput({ appId });
const watched = new LiveMessageGroups("watched-groups", { appId });

export const groupIds = groups.ids;
export const adminsByGroupId = groups.adminsByGroupId;
export const existingIds = groups.existingIds;
export const deletedIds = groups.deletedIds;
export const watchedTotalCount = watched.totalCount;
