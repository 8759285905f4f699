/**
 * Mock program: the Output form depending on a resource whose creation the mock runner delays
 * (LMG_SLOW_TYPE=test:index:Slow). Config (project "lmg-test"): appId.
 */
import * as pulumi from "@pulumi/pulumi";
import { getLiveMessageGroupsOutput } from "../../../index";

class Slow extends pulumi.CustomResource {
  constructor(name: string) {
    super("test:index:Slow", name, {});
  }
}

const slow = new Slow("slow");
export const afterSlow = getLiveMessageGroupsOutput({ appId: new pulumi.Config().require("appId") }, { dependsOn: [slow] }).ids;
