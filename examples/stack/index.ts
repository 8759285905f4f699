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
// The demo app is small, so the resource keeps every group and a refresh names the group that
// changed. For large apps leave `detail` at its default, "summary" (state under 10 KB; the digest
// still fails `pulumi refresh --preview-only --expect-no-changes` on any change).
const watched = new LiveMessageGroups("watched-groups", { appId, detail: "full" });

export const groupIds = groups.ids;
export const adminsByGroupId = groups.adminsByGroupId;
export const existingIds = groups.existingIds;
export const deletedIds = groups.deletedIds;
export const watchedTotalCount = watched.totalCount;
export const watchedDigest = watched.digest;
