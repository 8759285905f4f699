/**
 * The same program tested against the package's local emulator of the API instead of given
 * groups: real signed HTTP requests, real paging, no account.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { liveMessageGroupsMocks, startEmulator, type Emulator } from "pulumi-alicloud-live-message-groups";

/** The value of an Output (mocks resolve them; an unresolved one fails the test by timeout). */
function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((value) => { resolve(value); return value; }));
}

describe("the rooms program against the emulator", function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let program: typeof import("./index");

  before(async () => {
    emulator = await startEmulator({ apps: [{ appId: "emulated-app", groups: 120, deletedFraction: 0.25 }] });
    pulumi.runtime.setAllConfig({
      "project:appId": "emulated-app",
      "live-message-groups:endpoint": emulator.url,
      "alicloud:accessKey": emulator.credentials.accessKeyId,
      "alicloud:secretKey": emulator.credentials.accessKeySecret,
    });
    // No groups given: listings go to the API as configured, here the emulator.
    pulumi.runtime.setMocks(liveMessageGroupsMocks(), "project", "test", false);
    program = await import("./index");
  });
  after(async () => {
    await emulator?.close();
  });

  it("publishes exactly the groups that exist in the app", async () => {
    const existing = emulator.store.groups("emulated-app").filter((g) => !g.deleted).map((g) => g.groupId);
    const published = await valueOf(program.roomIds);
    assert.deepEqual([...published].sort(), [...existing].sort());
    assert.equal(await valueOf(program.deletedRooms), 120 - existing.length);
  });

  it("lists afresh when called again after the app changed (under mocks, only calls in flight together share a listing)", async () => {
    const { getLiveMessageGroups } = await import("pulumi-alicloud-live-message-groups");
    const before = await getLiveMessageGroups({ appId: "emulated-app", detail: "ids" });
    emulator.store.createGroup("emulated-app", { groupId: "added-room", groupName: "added" });
    const after = await getLiveMessageGroups({ appId: "emulated-app", detail: "ids" });
    assert.equal(after.totalCount, before.totalCount + 1);
    assert.ok(after.ids.includes("added-room"));
  });
});
