/**
 * Mock program: the same listing identity asked twice, the second call only once a resource it
 * depends on exists. Config (project "lmg-test"): appId.
 */
import * as pulumi from "@pulumi/pulumi";
import { getLiveMessageGroupsOutput } from "../../../index";

const config = new pulumi.Config();
const appId = config.require("appId");

class Marker extends pulumi.CustomResource {
  constructor(name: string) {
    super("test:index:Marker", name, {});
  }
}
const marker = new Marker("marker");

// Starts at once; the test's emulator answers slowly, so it is still in flight when `marker` exists.
export const early = getLiveMessageGroupsOutput({ appId, detail: "summary" }).totalCount;
// Waits for `marker` (which might have created a group): must not take `early`'s listing.
export const afterMarker = getLiveMessageGroupsOutput({ appId, detail: "summary" }, { dependsOn: [marker] }).totalCount;
