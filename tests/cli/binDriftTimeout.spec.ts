/**
 * `drift --timeout` bounds the check (README: "drift: the whole check"). No spec passed --timeout to
 * drift: mutation testing left alive a drift that gave its listing 1 ms whatever the flag said
 * (Math.min for Math.max in the budget it computes), which failed every run given a --timeout.
 * The real bin, against an emulator in this process that answers each request after 300 ms.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Emulator } from "../../emulator";
import { runBin } from "./helpers/runBin";
import { keyEnv, makeTestKeys, startTestEmulator } from "./helpers/testEmulator";

describe("bin: drift --timeout", function () {
  this.timeout(60_000);
  const keys = makeTestKeys();
  const env = keyEnv(keys);
  let emulator: Emulator;
  let dir: string;
  let file: string;

  before(async () => {
    emulator = await startTestEmulator(keys, { latencyMs: 300 });
    emulator.store.createApp("timeout-app", "cn-shanghai");
    emulator.store.createGroup("timeout-app", { groupId: "g1", groupName: "Room 1" });
    dir = mkdtempSync(path.join(os.tmpdir(), "lmg-drift-timeout-"));
    file = path.join(dir, "s.json");
    const result = await runBin(["snapshot", "--endpoint", emulator.url, "--app-id", "timeout-app", "-o", file], { env });
    assert.equal(result.code, 0, result.stderr);
  });
  after(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const drift = (timeout: string) => runBin(["drift", "--endpoint", emulator.url, "--snapshot", file, "--timeout", timeout], { env });

  it("a deadline the listing meets: the check runs (exit 0)", async () => {
    const result = await drift("20s");
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^No drift: .*; 1 group unchanged\.\n$/);
  });

  it("a deadline shorter than the endpoint's answer: exit 1 naming the deadline, no report", async () => {
    const result = await drift("50ms");
    assert.equal(result.code, 1, result.stdout);
    assert.equal(result.stdout, "");
    // The listing is given what is left of the check's deadline: 50 ms, or less by the time reading
    // the snapshot took (a millisecond or two here, more on a loaded machine), never more.
    const given = /^live-message-groups drift: ListingTimeout: The listing did not finish within --timeout \((\d+) ms\)/.exec(result.stderr);
    assert.ok(given !== null, result.stderr);
    assert.ok(Number(given[1]) >= 1 && Number(given[1]) <= 50, result.stderr);
  });
});
