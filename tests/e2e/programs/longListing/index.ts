/**
 * E2e program: listings that run long enough (75 and 60 pages at 10 and 8 calls/s, about 7 s) for
 * the progress notes Pulumi shows while a step runs: one by a function call of `appId`, one by a
 * LiveMessageGroups resource of `resourceAppId`. Config: `appId`, `resourceAppId`.
 */
import * as pulumi from "@pulumi/pulumi";
import { getLiveMessageGroupsOutput, LiveMessageGroups } from "../../../../index";

const config = new pulumi.Config();
const appId = config.require("appId");
const resourceAppId = config.require("resourceAppId");

const fromFunction = getLiveMessageGroupsOutput({ appId, pageSize: 1, requestsPerSecond: 10 });
const watched = new LiveMessageGroups("watched", { appId: resourceAppId, pageSize: 1, requestsPerSecond: 8 });

export const functionCount = fromFunction.existingCount;
export const resourceCount = watched.existingCount;
