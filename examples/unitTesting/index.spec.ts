/**
 * Unit tests of the program in index.ts, under Pulumi's mocks, with the groups given by the test:
 *
 *     npx mocha index.spec.js      (after compiling; no account, no network)
 *
 * `liveMessageGroupsMocks` runs the package's real provider code for every LiveMessageGroups
 * resource (validation, defaults, filters, digest) over the groups below, and passes every other
 * resource to the mocks given (here: inputs echoed as state).
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { liveMessageGroupsMocks } from "pulumi-alicloud-live-message-groups";

pulumi.runtime.setAllConfig({ "project:appId": "my-app" });
pulumi.runtime.setMocks(liveMessageGroupsMocks({
  groups: {
    "my-app": [
      { groupId: "room-1", groupName: "Lobby", adminList: ["alice"] },
      { groupId: "room-2", groupName: "Gone", deleted: true },
      { groupId: "room-3", groupName: "Stage", adminList: ["bob", "alice"] },
    ],
  },
  mocks: {
    newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
    call: () => ({}),
  },
}), "project", "test", false);

/** The value of an Output (mocks resolve them; an unresolved one fails the test by timeout). */
function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((value) => { resolve(value); return value; }));
}

describe("the rooms program", function () {
  this.timeout(20_000);
  let program: typeof import("./index");
  before(async () => {
    program = await import("./index");
  });

  it("publishes the IDs of the rooms that exist", async () => {
    assert.deepEqual(await valueOf(program.roomIds), ["room-1", "room-3"]);
    assert.equal(await valueOf(program.roster.content), JSON.stringify(["room-1", "room-3"]));
  });

  it("counts deleted rooms and exposes the digest that drift checks compare", async () => {
    assert.equal(await valueOf(program.deletedRooms), 1);
    assert.match(await valueOf(program.digest), /^[0-9a-f]{64}$/);
  });
});
