import assert from "node:assert/strict";
import type { Emulator } from "../../emulator/types";
import { isLiveMessageGroupsError, listLiveMessageGroups } from "../../sdk";
import { fastOptions, listRequests, startTestEmulator } from "./emulatorHarness";

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe("abort and deadline stop the requests", function () {
  this.timeout(30_000);
  let emulator: Emulator;
  before(async () => {
    emulator = await startTestEmulator({ callsPerSecond: 0, latencyMs: 5, apps: [{ appId: "app", groups: 5_000 }] });
  });
  after(() => emulator.close());

  it("abort via signal rejects with AbortedError and no request follows", async () => {
    emulator.resetStats();
    const controller = new AbortController();
    const listing = listLiveMessageGroups(fastOptions(emulator, "app", { signal: controller.signal, requestsPerSecond: 40, concurrency: 8 }));
    await pause(300);
    controller.abort();
    const error = await listing.catch((e: unknown) => e);
    assert.ok(isLiveMessageGroupsError(error));
    assert.equal(error.kind, "Aborted");
    await pause(200); // the emulator logs a request when it answers: let the abandoned in-flight ones land
    const atAbort = listRequests(emulator);
    assert.ok(atAbort > 2 && atAbort < 100, `${atAbort} requests`);
    await pause(300);
    assert.equal(listRequests(emulator), atAbort, "no request after the abort");
  });

  it("an already aborted signal sends nothing", async () => {
    emulator.resetStats();
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(listLiveMessageGroups(fastOptions(emulator, "app", { signal: controller.signal })), { kind: "Aborted" });
    assert.equal(listRequests(emulator), 0);
  });

  it("timeoutMs ends the listing with a TimeoutError", async () => {
    emulator.resetStats();
    const error = await listLiveMessageGroups(fastOptions(emulator, "app", { timeoutMs: 300, requestsPerSecond: 40, concurrency: 8 })).catch((e: unknown) => e);
    assert.ok(isLiveMessageGroupsError(error));
    assert.equal(error.kind, "Timeout");
    await pause(200);
    const atTimeout = listRequests(emulator);
    await pause(200);
    assert.equal(listRequests(emulator), atTimeout);
  });
});
