import assert from "node:assert/strict";
import { NetworkError } from "../../sdk/errors";
import { LiveMessageGroupsPlugin } from "../../provider/plugin/pluginProvider";
import { markSecret } from "../../provider/plugin/propertyValues";

const URN = "urn:pulumi:dev::p::live-message-groups:index:LiveMessageGroups::watched";

// A refresh of a resource with a secret argument: every stored output is secret (any argument could
// be reflected anywhere in the listing), but only the arguments' values are secrets a failure must hide.
describe("provider plugin: a failing refresh of a resource with a secret argument", () => {
  it("hides the secret arguments from the error, not every value of the outputs (counts, status, data center, group IDs)", async () => {
    const failure = "connect ECONNREFUSED 127.0.0.1:1 (code ECONNREFUSED, RequestId none, 1 attempt); all retries used for app acme-private-app in cn-shanghai";
    const plugin = new LiveMessageGroupsPlugin(() => Promise.reject(new NetworkError(`Network failure talking to the endpoint: ${failure}`, {})));
    const outputs = {
      appId: "acme-private-app", dataCenter: "cn-shanghai", groupStatus: "all", sortOrder: "asc", detail: "ids",
      totalCount: 1, existingCount: 1, deletedCount: 0, digest: "d1", ids: ["r1"], deletedIds: [],
    };
    const inputs = markSecret({ appId: "acme-private-app", dataCenter: "cn-shanghai", groupStatus: "all", sortOrder: "asc", detail: "ids", checkedDigest: "d1", checkedTotalCount: 1 },
      new Set(["appId", "checkedDigest", "checkedTotalCount"]));
    await assert.rejects(plugin.read("cn-shanghai/acme-private-app", URN, markSecret(outputs, "all"), inputs), (error: Error) => {
      assert.equal(error.message, "Network failure talking to the endpoint: connect ECONNREFUSED 127.0.0.1:1 (code ECONNREFUSED, RequestId none, 1 attempt); "
        + "all retries used for app *** in cn-shanghai");
      return true;
    });
    // Without the stored inputs (an older engine sends none), any argument may be the secret one: every argument is hidden, no other output.
    await assert.rejects(plugin.read("cn-shanghai/acme-private-app", URN, markSecret(outputs, "all")), (error: Error) => {
      assert.equal(error.message, "Network failure talking to the endpoint: connect ECONNREFUSED 127.0.0.1:1 (code ECONNREFUSED, RequestId none, 1 attempt); "
        + "*** retries used for app *** in ***");
      return true;
    });
  });
});
