/**
 * E2e program: inputs unknown until apply. `second` and the function call take the IDs that
 * `first` only knows once it is created, so a first `pulumi preview` sees them unknown.
 * Config: `appId`.
 */
import * as pulumi from "@pulumi/pulumi";
import { getLiveMessageGroupsOutput, LiveMessageGroups } from "../../../../index";

const config = new pulumi.Config();
const appId = config.require("appId");

const first = new LiveMessageGroups("first", { appId, groupStatus: "existing", detail: "ids" });
const second = new LiveMessageGroups("second", { appId: first.appId, ids: first.existingIds, detail: "ids" });
const fromFunction = getLiveMessageGroupsOutput({ appId, ids: first.existingIds });
// A "full" resource feeding its lists on: it stores `groups` only, and derives `ids` and `names`.
const full = new LiveMessageGroups("full", { appId, detail: "full" });
const third = new LiveMessageGroups("third", { appId, ids: full.ids, nameRegex: full.names.apply((names) => `^(${names.map(escapeRegex).join("|")})$`) });

export const firstExistingIds = first.existingIds;
export const secondIds = second.ids;
export const functionIds = fromFunction.ids;
export const thirdKept = pulumi.all([third.existingCount, third.deletedCount]).apply(([existing, deleted]) => existing + deleted);

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
