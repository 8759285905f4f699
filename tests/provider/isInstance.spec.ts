import assert from "node:assert/strict";
import { LiveMessageGroups, LIVE_MESSAGE_GROUPS_RESOURCE_TYPE } from "../../index";

// As a generated SDK's resource class: isInstance recognizes this resource's type, not any custom
// resource (CustomResource.isInstance, which the class inherited, said true of an alicloud bucket).
describe("LiveMessageGroups.isInstance", () => {
  it("is true of this resource's type only, as a generated SDK's isInstance is", () => {
    const custom = (type: string): object => ({ __pulumiCustomResource: true, __pulumiResource: true, __pulumiType: type });
    assert.equal(LiveMessageGroups.isInstance(custom(LIVE_MESSAGE_GROUPS_RESOURCE_TYPE)), true);
    assert.equal(LiveMessageGroups.isInstance(custom("alicloud:oss/bucket:Bucket")), false);
    assert.equal(LiveMessageGroups.isInstance(custom("pulumi-nodejs:dynamic:Resource")), false);
    for (const value of [undefined, null, 0, "LiveMessageGroups", {}]) assert.equal(LiveMessageGroups.isInstance(value), false);
  });
});
