/**
 * `npm run test:scale`: the LiveMessageGroups resource at the sizes real apps reach, through
 * Pulumi's own dynamic-provider host over gRPC (engine message limits, host's default heap), against
 * the emulator in a child process with its call limit lifted. Each detail gets a fresh host, so the
 * host's peak RSS (VmHWM) is that detail's own.
 *
 * Slow (minutes): not part of `npm test`; `.ci/run` runs it after `npm test`.
 */
import assert from "node:assert/strict";
import type { Detail } from "../../provider/types";
import { ScaleEmulator, type GroupChange } from "./support/scaleEmulator";
import { openHostSession, serializedProvider, stateBytes, type HostSession, type Outputs } from "./support/hostSession";

const MIB = 1024 * 1024;
const SUMMARY_MAX_STATE_BYTES = 10_000;
const SUMMARY_MAX_PEAK_RSS_BYTES = 300 * 1000 * 1000;
const DELETED_FRACTION = 0.1;

/** Fails with the host's own last words when it died (e.g. out of memory), not just gRPC's "UNAVAILABLE". */
async function hostCall<T>(session: HostSession, what: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${what} failed: ${message}\nhost stderr (tail): ${session.host.stderr().slice(-2000)}`, { cause: error });
  }
}

/** Create then Read (with the stored outputs, as a refresh does) on a fresh host. */
async function createAndRead(emulator: ScaleEmulator, appId: string, detail: Detail, providerText: string): Promise<{
  created: { id: string; properties: Outputs }; read: { id: string; properties: Outputs }; peakRssBytes: number; session: HostSession;
}> {
  // NODE_OPTIONS emptied: the host runs with Node's default heap, whatever the caller's environment says.
  const session = await openHostSession({ config: emulator.config(), appId, detail, providerText, env: { NODE_OPTIONS: "" } });
  const created = await hostCall(session, `Create (${detail})`, () => session.host.create(session.inputs));
  const refreshed = await hostCall(session, `Read (${detail})`, () => session.host.read(created.id, created.properties));
  // The outputs as stored (Read's inputs for the state are the arguments and checkedDigest).
  const read = { id: refreshed.id, properties: refreshed.properties };
  return { created, read, peakRssBytes: session.host.peakRssBytes(), session };
}

/** What every detail carries, checked against the app's seeded size. */
function assertCounts(outputs: Outputs, groups: number): void {
  assert.equal(outputs.totalCount, groups);
  assert.equal(outputs.existingCount as number + (outputs.deletedCount as number), groups);
  assert.ok((outputs.deletedCount as number) > 0, "the app has deleted groups");
  assert.match(String(outputs.digest), /^[0-9a-f]{64}$/);
}

/** The per-group outputs each detail stores (the others are derived in the program). */
function assertPerGroupOutputs(outputs: Outputs, detail: Detail, groups: number): void {
  if (detail === "summary") {
    for (const name of ["ids", "deletedIds", "groups"]) assert.ok(!(name in outputs), `summary stores no ${name}`);
  }
  if (detail === "ids") {
    assert.equal((outputs.ids as string[]).length, groups);
    assert.equal((outputs.deletedIds as string[]).length, outputs.deletedCount);
    assert.ok(!("groups" in outputs));
  }
  if (detail === "full") {
    assert.equal((outputs.groups as unknown[]).length, groups);
    assert.ok(!("ids" in outputs));
  }
}

describe("scale: LiveMessageGroups through Pulumi's dynamic-provider host", function () {
  this.timeout(20 * 60_000);
  let providerText: string;
  before(async () => {
    providerText = await serializedProvider();
  });

  describe("100,000 groups", () => {
    const appId = "app-100k";
    const groups = 100_000;
    let emulator: ScaleEmulator;
    const digests = new Map<Detail, string>();
    before(async () => {
      emulator = await ScaleEmulator.start([{ appId, groups, deletedFraction: DELETED_FRACTION }]);
    });
    after(async () => {
      await emulator?.close();
    });

    for (const detail of ["full", "ids"] as const) {
      it(`${detail}: Create and Read succeed; an unchanged app reads back identical outputs`, async () => {
        const { created, read, peakRssBytes, session } = await createAndRead(emulator, appId, detail, providerText);
        try {
          assertCounts(created.properties, groups);
          assertPerGroupOutputs(created.properties, detail, groups);
          assert.deepEqual(read, created);
          digests.set(detail, String(created.properties.digest));
          console.log(`      ${detail}: ${(stateBytes(session.inputs, created.properties) / groups).toFixed(1)} bytes/group of state, host peak RSS ${(peakRssBytes / MIB).toFixed(0)} MiB`);
        } finally {
          await session.close();
        }
      });
    }

    it("summary: its state entry (inputs and outputs, the serialized provider in both) under 10 KB, host peak RSS under 300 MB, the same digest as the other details, and every kind of drift changes it", async () => {
      const { created, read, session } = await createAndRead(emulator, appId, "summary", providerText);
      try {
        assertCounts(created.properties, groups);
        assertPerGroupOutputs(created.properties, "summary", groups);
        assert.deepEqual(read, created);
        const bytes = stateBytes(session.inputs, created.properties);
        assert.ok(bytes < SUMMARY_MAX_STATE_BYTES, `summary state takes ${bytes} bytes`);
        for (const [detail, digest] of digests) assert.equal(created.properties.digest, digest, `digest of ${detail}`);
        // Peak over one Create and one Read: what a host does for this resource in a `pulumi up` or a
        // `pulumi refresh` (the engine starts a host per command). The drift reads below list five
        // more times in the same host; V8 then keeps earlier listings' garbage for a while (RSS
        // fluctuates, it does not grow with each listing), so that peak is only printed.
        const peak = session.host.peakRssBytes();
        console.log(`      summary: ${bytes} bytes of state, host peak RSS ${(peak / MIB).toFixed(0)} MiB over Create and Read`);
        assert.ok(peak < SUMMARY_MAX_PEAK_RSS_BYTES, `host peak RSS ${(peak / 1e6).toFixed(0)} MB`);

        // Drift between refreshes, each on its own: every one must give a digest never seen before.
        const seen = new Set([String(created.properties.digest)]);
        let previous = read.properties;
        const target = await emulator.firstExistingId(appId);
        for (const change of ["rename", "admins", "info", "delete"] satisfies GroupChange[]) {
          await emulator.change(appId, target, change);
          const drifted = await hostCall(session, `Read after ${change}`, () => session.host.read(created.id, previous));
          const digest = String(drifted.properties.digest);
          assert.ok(!seen.has(digest), `${change} changes the digest`);
          seen.add(digest);
          const counts = change === "delete"
            ? { existingCount: (previous.existingCount as number) - 1, deletedCount: (previous.deletedCount as number) + 1 }
            : { existingCount: previous.existingCount, deletedCount: previous.deletedCount };
          assert.deepEqual({ existingCount: drifted.properties.existingCount, deletedCount: drifted.properties.deletedCount }, counts, change);
          assert.ok(stateBytes(session.inputs, drifted.properties) < SUMMARY_MAX_STATE_BYTES);
          previous = drifted.properties;
        }
        const settled = await hostCall(session, "Read after the drift", () => session.host.read(created.id, previous));
        assert.deepEqual(settled.properties, previous, "no change since the last refresh reads back identical outputs");

        console.log(`      summary: host peak RSS ${(session.host.peakRssBytes() / MIB).toFixed(0)} MiB after 5 more Reads in the same host`);
      } finally {
        await session.close();
      }
    });
  });

  describe("150,000 groups", () => {
    const appId = "app-150k";
    const groups = 150_000;
    let emulator: ScaleEmulator;
    before(async () => {
      emulator = await ScaleEmulator.start([{ appId, groups, deletedFraction: DELETED_FRACTION }]);
    });
    after(async () => {
      await emulator?.close();
    });

    it("full: Create and Read succeed with the host's default heap", async () => {
      const { created, read, peakRssBytes, session } = await createAndRead(emulator, appId, "full", providerText);
      try {
        assertCounts(created.properties, groups);
        assertPerGroupOutputs(created.properties, "full", groups);
        assert.deepEqual(read, created);
        console.log(`      full: host peak RSS ${(peakRssBytes / MIB).toFixed(0)} MiB`);
      } finally {
        await session.close();
      }
    });
  });

  describe("500,000 groups (the API's largest listing)", () => {
    const appId = "app-500k";
    const groups = 500_000;
    let emulator: ScaleEmulator;
    before(async () => {
      emulator = await ScaleEmulator.start([{ appId, groups, deletedFraction: DELETED_FRACTION }]);
    });
    after(async () => {
      await emulator?.close();
    });

    for (const detail of ["summary", "ids"] as const) {
      it(`${detail}: Create and Read succeed`, async () => {
        const { created, read, peakRssBytes, session } = await createAndRead(emulator, appId, detail, providerText);
        try {
          assertCounts(created.properties, groups);
          assertPerGroupOutputs(created.properties, detail, groups);
          assert.deepEqual(read, created);
          console.log(`      ${detail}: ${stateBytes(session.inputs, created.properties)} bytes of state, host peak RSS ${(peakRssBytes / MIB).toFixed(0)} MiB`);
        } finally {
          await session.close();
        }
      });
    }
  });
});
