/**
 * A program under test: watches the app's rooms and publishes the IDs of the rooms that exist as
 * a JSON roster in OSS. Its unit tests are beside it (`index.spec.ts`, `emulator.spec.ts`).
 *
 * Config: `appId`.
 */
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { LiveMessageGroups } from "pulumi-alicloud-live-message-groups";

const config = new pulumi.Config();

const rooms = new LiveMessageGroups("rooms", { appId: config.require("appId"), detail: "ids" });

export const roster = new alicloud.oss.BucketObject("roster", {
  bucket: "rooms-bucket",
  key: "rooms.json",
  content: rooms.existingIds.apply((ids) => JSON.stringify(ids)),
});
export const roomIds = rooms.existingIds;
export const deletedRooms = rooms.deletedCount;
export const digest = rooms.digest;
