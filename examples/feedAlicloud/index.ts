/**
 * Feeds group IDs and admins into an Alibaba Cloud resource: an OSS object holding the app's
 * moderation roster, which a moderation service can read.
 *
 * Config: `appId`, `bucket` (an existing OSS bucket). With @pulumi/alicloud installed, replace
 * `OssBucketObject` below with `alicloud.oss.BucketObject`: the type token and arguments are
 * the same.
 */
import * as pulumi from "@pulumi/pulumi";
import { getLiveMessageGroupsOutput } from "pulumi-alicloud-live-message-groups";

/** Arguments of `alicloud.oss.BucketObject` used here. */
interface OssBucketObjectArgs {
  readonly bucket: pulumi.Input<string>;
  readonly key: pulumi.Input<string>;
  readonly content: pulumi.Input<string>;
  readonly contentType?: pulumi.Input<string>;
}

/** Stand-in for `alicloud.oss.BucketObject` (same type token), so this example needs no extra install. */
class OssBucketObject extends pulumi.CustomResource {
  declare public readonly key: pulumi.Output<string>;
  declare public readonly content: pulumi.Output<string>;
  constructor(name: string, args: OssBucketObjectArgs, opts?: pulumi.CustomResourceOptions) {
    super("alicloud:oss/bucketObject:BucketObject", name, { ...args }, opts);
  }
}

const config = new pulumi.Config();
const appId = config.require("appId");

const live = getLiveMessageGroupsOutput({ appId, groupStatus: "existing" });

const roster = new OssBucketObject("moderation-roster", {
  bucket: config.require("bucket"),
  key: pulumi.interpolate`live-message-groups/${live.appId}/roster.json`,
  contentType: "application/json",
  // The group IDs and their admins, straight from the listing.
  content: pulumi.jsonStringify(live.groups.apply((groups) => groups.map((g) => ({ groupId: g.groupId, admins: g.adminList })))),
});

export const rosterKey = roster.key;
export const rosterGroupIds = live.ids;
