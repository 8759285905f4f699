/**
 * Mock program: the Output form with an unknown input and with an unknown dependency. Config
 * (project "lmg-test"): appId; includeKnown ("true" adds a call whose inputs are all known).
 */
import * as pulumi from "@pulumi/pulumi";
import { getLiveMessageGroupsOutput, LiveMessageGroups } from "../../../index";

class Thing extends pulumi.CustomResource {
  /** The mock runner leaves this output unknown during a preview. */
  declare public readonly previewUnknown: pulumi.Output<string>;
  /** Known during a preview (the engine echoes a new resource's inputs), while the ID is not. */
  declare public readonly echoed: pulumi.Output<string>;
  constructor(name: string, appId: string) {
    super("test:index:Thing", name, { previewUnknown: appId, echoed: appId });
  }
}

const config = new pulumi.Config();
const appId = config.require("appId");
const thing = new Thing("thing", appId);

export const unknownInput = getLiveMessageGroupsOutput({ appId: thing.previewUnknown });
export const unknownDependency = getLiveMessageGroupsOutput({ appId }, { dependsOn: [thing] });
// A known value from a resource a preview has not created: Pulumi's own invokes return unknown.
export const inputOfUncreated = getLiveMessageGroupsOutput({ appId: thing.echoed });
export const unknownNestedInput = getLiveMessageGroupsOutput({ appId, ids: [thing.previewUnknown] });
const watched = new LiveMessageGroups("watched", { appId: thing.previewUnknown });
export const resourceIds = watched.ids;
export const known = config.get("includeKnown") === "true" ? getLiveMessageGroupsOutput({ appId }).ids : null;
