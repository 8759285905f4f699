/**
 * Mock program: the Output form with an unknown input and with an unknown dependency. Config
 * (project "lmg-test"): appId; includeKnown ("true" adds a call whose inputs are all known).
 */
import * as pulumi from "@pulumi/pulumi";
import { getLiveMessageGroupsOutput, LiveMessageGroups } from "../../../index";

class Thing extends pulumi.CustomResource {
  /** The mock runner leaves this output unknown during a preview. */
  declare public readonly previewUnknown: pulumi.Output<string>;
  constructor(name: string, appId: string) {
    super("test:index:Thing", name, { previewUnknown: appId });
  }
}

const config = new pulumi.Config();
const appId = config.require("appId");
const thing = new Thing("thing", appId);

export const unknownInput = getLiveMessageGroupsOutput({ appId: thing.previewUnknown });
export const unknownDependency = getLiveMessageGroupsOutput({ appId }, { dependsOn: [thing] });
export const unknownNestedInput = getLiveMessageGroupsOutput({ appId, ids: [thing.previewUnknown] });
const watched = new LiveMessageGroups("watched", { appId: thing.previewUnknown });
export const resourceIds = watched.ids;
export const known = config.get("includeKnown") === "true" ? getLiveMessageGroupsOutput({ appId }).ids : null;
