/**
 * The "state" section of `npm run bench`: the LiveMessageGroups resource through Pulumi's own
 * dynamic-provider host over gRPC, per `detail`, at realistic app sizes (emulator limit lifted).
 * Prints, per mode and size, the bytes of the resource's state entry (its inputs and outputs as the
 * engine stores them, the serialized provider in both) per group, the host's peak RSS (VmHWM, a
 * fresh host per mode) and the wall times of Check + Create (what an `up` waits for: Check lists,
 * and Create reuses that listing, while the baseline lists in Create) and of Read, with ratios
 * against the baseline measured in the same run: the outputs shape before `detail` existed (the
 * whole function result, every group ID four times).
 *
 * A host that dies (out of memory at 500,000 groups in the larger shapes) is reported as the result.
 */
import type { Detail } from "../provider/types";
import { legacyShapeProvider } from "../tests/scale/support/legacyShapeProvider";
import { openHostSession, serializedProvider, stateBytes, timed } from "../tests/scale/support/hostSession";
import { ScaleEmulator } from "../tests/scale/support/scaleEmulator";

const MIB = 1024 * 1024;
const DELETED_FRACTION = 0.1;
/** The sizes `npm run bench` measures: a typical app, a large one, the API's largest listing. */
export const STATE_SIZES: readonly number[] = [10_000, 100_000, 500_000];

type Mode = "pre-detail shape" | Detail;
const MODES: readonly Mode[] = ["pre-detail shape", "full", "ids", "summary"];

interface Measured {
  readonly mode: Mode;
  readonly groups: number;
  /** The state entry's bytes; undefined when the host failed (`failure` then says how). */
  readonly bytes?: number;
  /** Check and Create together. */
  readonly createMs?: number;
  readonly readMs?: number;
  readonly peakRssBytes: number;
  readonly failure?: string;
}

/** How a host died, in a few words: out of memory, or the first line of the error. */
function failureOf(error: unknown, stderr: string): string {
  if (/heap out of memory|Reached heap limit/i.test(stderr)) return "host out of memory";
  const message = error instanceof Error ? error.message : String(error);
  return `failed: ${message.split("\n")[0]?.slice(0, 80) ?? ""}`;
}

async function measureMode(emulator: ScaleEmulator, appId: string, groups: number, mode: Mode, texts: { real: string; legacy: string }): Promise<Measured> {
  const session = await openHostSession({
    config: emulator.config(), appId,
    detail: mode === "pre-detail shape" ? "full" : mode,
    providerText: mode === "pre-detail shape" ? texts.legacy : texts.real,
    // The host's default heap, whatever this process's environment says.
    env: { NODE_OPTIONS: "" },
  });
  let peakRssBytes = 0;
  try {
    const created = await timed(() => session.host.create(session.inputs));
    peakRssBytes = session.host.peakRssBytes();
    const read = await timed(() => session.host.read(created.value.id, created.value.properties));
    peakRssBytes = session.host.peakRssBytes();
    if (read.value.properties.digest !== created.value.properties.digest) throw new Error("an unchanged app read back a different digest");
    return { mode, groups, bytes: stateBytes(session.inputs, created.value.properties), createMs: session.checkMs + created.ms, readMs: read.ms, peakRssBytes };
  } catch (error) {
    try {
      peakRssBytes = session.host.peakRssBytes();
    } catch {
      // The host is gone; keep the last figure read.
    }
    return { mode, groups, peakRssBytes, failure: failureOf(error, session.host.stderr()) };
  } finally {
    await session.close();
  }
}

function ratio(value: number | undefined, base: number | undefined): string {
  if (value === undefined || base === undefined || base === 0) return "n/a";
  const r = value / base;
  return `${r < 0.001 ? r.toExponential(1) : r.toFixed(r < 0.1 ? 4 : 2)}x`;
}

/** Measures every mode at every size and prints one table per size. */
export async function stateScenario(sizes: readonly number[], printTable: (headers: readonly string[], rows: readonly (readonly string[])[]) => void): Promise<Measured[]> {
  const texts = { real: await serializedProvider(), legacy: await serializedProvider(legacyShapeProvider) };
  const all: Measured[] = [];
  for (const groups of sizes) {
    const appId = `bench-${groups}`;
    const emulator = await ScaleEmulator.start([{ appId, groups, deletedFraction: DELETED_FRACTION }]);
    const rows: Measured[] = [];
    try {
      for (const mode of MODES) {
        rows.push(await measureMode(emulator, appId, groups, mode, texts));
        console.error(`  state: ${groups} groups, ${mode} done`);
      }
    } finally {
      await emulator.close();
    }
    const base = rows[0];
    printTable(
      [`state: ${groups.toLocaleString("en-US")} groups, host over gRPC`, "state bytes/group", "vs pre", "host peak RSS MiB", "vs pre", "Check+Create s", "vs pre", "Read s", "vs pre"],
      rows.map((row) => [
        row.mode,
        row.bytes === undefined ? (row.failure ?? "") : (row.bytes / groups).toFixed(row.bytes / groups < 1 ? 4 : 1),
        ratio(row.bytes, base?.bytes),
        (row.peakRssBytes / MIB).toFixed(0) + (row.failure === undefined ? "" : " (at failure)"),
        row.failure === undefined ? ratio(row.peakRssBytes, base?.failure === undefined ? base?.peakRssBytes : undefined) : "n/a",
        row.createMs === undefined ? "-" : (row.createMs / 1000).toFixed(1), ratio(row.createMs, base?.createMs),
        row.readMs === undefined ? "-" : (row.readMs / 1000).toFixed(1), ratio(row.readMs, base?.readMs),
      ]),
    );
    console.log("");
    all.push(...rows);
  }
  return all;
}
