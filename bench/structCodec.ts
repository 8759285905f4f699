/**
 * The "struct" section of `npm run bench`: the provider plugin's conversions between its results
 * and google.protobuf.Struct bytes, at `detail: "full"` (the largest results), against
 * google-protobuf's `Struct.deserializeBinary(...).toJavaScript()` and
 * `Struct.fromJavaScript(...).serializeBinary()` (what the plugin used before, and what
 * @pulumi/pulumi's provider server uses) in the same run.
 *
 * The outputs are the plugin's own: its Create, in this process, against an emulator seeded with
 * the app (10% of the groups deleted). Each conversion runs in a fresh process (structCodecProcess.ts)
 * that reports the memory it added and a hash of its result; both codecs must give the same result.
 * Targets: ours adds at most half the memory google-protobuf adds, reading and writing, from 10,000
 * groups up, with identical results (judged at every size).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { LiveMessageGroupsPlugin } from "../provider/plugin/pluginProvider";
import { markSecret } from "../provider/plugin/propertyValues";
import { encodeStruct } from "../provider/plugin/structEncoding";
import { ScaleEmulator } from "../tests/scale/support/scaleEmulator";
import type { CodecMeasurement } from "./structCodecProcess";

const MIB = 1024 * 1024;
export const STRUCT_SIZES: readonly number[] = [10_000, 100_000, 500_000];
const TARGET_PEAK_RATIO = 0.5;
const URN = "urn:pulumi:bench::lmg-bench::live-message-groups:index:LiveMessageGroups::bench";

/** The bytes of the outputs the plugin's Create returns for an app of `groups` groups, `detail: "full"`. */
async function pluginOutputs(groups: number): Promise<Buffer> {
  const appId = "bench-struct-app";
  const emulator = await ScaleEmulator.start([{ appId, groups, deletedFraction: 0.1 }]);
  try {
    const plugin = new LiveMessageGroupsPlugin();
    // The key pair as secrets, as the engine sends a provider's secret config.
    const keys = markSecret({ accessKey: emulator.credentials.accessKeyId, secretKey: emulator.credentials.accessKeySecret }, "all");
    plugin.configure({ endpoint: emulator.url, ...keys }, {});
    const created = await plugin.create(URN, { appId, detail: "full", requestsPerSecond: 10_000 }, false);
    return encodeStruct(created.outputs);
  } finally {
    await emulator.close();
  }
}

async function measure(direction: "decode" | "encode", codec: "ours" | "google-protobuf", file: string): Promise<CodecMeasurement> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--expose-gc", "--max-old-space-size=16384", join(__dirname, "structCodecProcess.js"), direction, codec, file], {
    maxBuffer: 1024 * 1024, env: { ...process.env, NODE_OPTIONS: "" },
  });
  return JSON.parse(stdout.trim().split("\n").pop() as string) as CodecMeasurement;
}

/** Prints the table and returns the verdicts (`verdict` formats one). */
export async function structCodecScenario(sizes: readonly number[], verdict: (target: string, met: boolean, figure: string) => string,
  printTable: (headers: readonly string[], rows: readonly (readonly string[])[]) => void): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "lmg-bench-struct-"));
  const rows: string[][] = [];
  const verdicts: string[] = [];
  try {
    for (const groups of sizes) {
      const file = join(dir, `outputs-${groups}.bin`);
      const bytes = await pluginOutputs(groups);
      writeFileSync(file, bytes);
      for (const direction of ["decode", "encode"] as const) {
        const stock = await measure(direction, "google-protobuf", file);
        const ours = await measure(direction, "ours", file);
        const same = stock.resultSha256 === ours.resultSha256;
        const ratio = ours.peakAboveInputBytes / stock.peakAboveInputBytes;
        rows.push([
          direction === "decode" ? "read (Diff, Read, Update requests)" : "write (Invoke, Create, Read, Update answers)",
          String(groups), (bytes.length / MIB).toFixed(1),
          stock.ms.toFixed(0), ours.ms.toFixed(0), (ours.ms / stock.ms).toFixed(2),
          (stock.peakAboveInputBytes / MIB).toFixed(0), (ours.peakAboveInputBytes / MIB).toFixed(0), ratio.toFixed(2), same ? "same" : "DIFFERENT",
        ]);
        const conversion = `the plugin's Struct ${direction === "decode" ? "reading" : "writing"} at ${groups} groups (full)`;
        if (groups >= 10_000) {
          verdicts.push(verdict(`${conversion} adds <= ${TARGET_PEAK_RATIO}x google-protobuf's memory, same result`,
            ratio <= TARGET_PEAK_RATIO && same, `${ratio.toFixed(2)}x (${(ours.peakAboveInputBytes / MIB).toFixed(0)} MiB against ${(stock.peakAboveInputBytes / MIB).toFixed(0)}), ${same ? "same" : "DIFFERENT"}`));
        } else {
          // The memory target is for 10,000 groups up; the result must be the same at any size.
          verdicts.push(verdict(`${conversion} gives google-protobuf's result`, same, same ? "same" : "DIFFERENT"));
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  printTable(["Struct conversion, detail full", "groups", "Struct MiB", "google-protobuf ms", "ours ms", "time ratio",
    "google-protobuf MiB added", "ours MiB added", "memory ratio", "result"], rows);
  return verdicts;
}
