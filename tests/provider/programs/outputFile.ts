/**
 * Mock program: `outputFile` from the Output-form function and from the resource. Config (project
 * "lmg-test"): appId, functionFile, resourceFile (paths in directories that do not exist yet).
 */
import * as pulumi from "@pulumi/pulumi";
import { getLiveMessageGroupsOutput, LiveMessageGroups } from "../../../index";

const config = new pulumi.Config();
const appId = config.require("appId");

export const fromFunction = getLiveMessageGroupsOutput({ appId, groupStatus: "existing", outputFile: config.require("functionFile") });
const watched = new LiveMessageGroups("written", { appId, nameRegex: ".", outputFile: config.require("resourceFile"), detail: "ids" });
export const resourceIds = watched.ids;
