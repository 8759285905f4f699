/**
 * One measurement of the "struct" section of `npm run bench`, in a fresh process:
 *
 *   node --expose-gc dist/bench/structCodecProcess.js <decode|encode> <ours|google-protobuf> <file>
 *
 * `file` holds a google.protobuf.Struct's bytes (the outputs a plugin's Create returned). `decode`
 * reads them into a plain object, as the plugin does with the stored outputs a refresh, a Diff or an
 * Update sends; `encode` writes that object back (read first, with this package's reader), as the
 * plugin answers an Invoke, a Create, a Read or an Update. The peak resident memory is reset
 * (`/proc/self/clear_refs`) once the input is ready, so the figure is what the conversion adds.
 * Prints one JSON line: ms, peak MiB above the input, and the SHA-256 of the result (of its
 * JSON for `decode`), for the parent to compare the two codecs.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { decodeStruct } from "../provider/plugin/structDecoding";
import { encodeStruct } from "../provider/plugin/structEncoding";

type Props = Record<string, unknown>;
interface StructMessage { serializeBinary(): Uint8Array; toJavaScript(): Props }
/** google-protobuf as @pulumi/pulumi resolves it (the copy its provider server uses). */
const fromPulumi = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const { Struct } = fromPulumi("google-protobuf/google/protobuf/struct_pb") as {
  Struct: { fromJavaScript(value: object): StructMessage; deserializeBinary(bytes: Uint8Array): StructMessage };
};

/** Resident memory now and at its peak since the last reset, bytes (Linux). */
function memory(): { rss: number; peak: number } {
  const status = readFileSync("/proc/self/status", "utf8");
  const kib = (name: string): number => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1]) * 1024;
  return { rss: kib("VmRSS"), peak: kib("VmHWM") };
}

export interface CodecMeasurement {
  readonly ms: number;
  readonly peakAboveInputBytes: number;
  readonly resultSha256: string;
}

function main(): void {
  const [direction, codec, file] = process.argv.slice(2);
  if ((direction !== "decode" && direction !== "encode") || (codec !== "ours" && codec !== "google-protobuf") || file === undefined) {
    throw new Error("usage: structCodecProcess.js <decode|encode> <ours|google-protobuf> <file>");
  }
  const bytes = readFileSync(file);
  const value = direction === "encode" ? decodeStruct(bytes) : undefined;
  if (direction === "encode" && value === undefined) throw new Error("the outputs' bytes were left to google-protobuf");
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("run with --expose-gc");
  gc();
  // Resets VmHWM to the resident memory now (Linux 4.0+).
  writeFileSync("/proc/self/clear_refs", "5");
  const base = memory().rss;
  const started = process.hrtime.bigint();
  let result: unknown;
  if (direction === "decode") result = codec === "ours" ? decodeStruct(bytes) : Struct.deserializeBinary(bytes).toJavaScript();
  else result = codec === "ours" ? encodeStruct(value as Props) : Struct.fromJavaScript(value as Props).serializeBinary();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const peak = memory().peak;
  if (result === undefined) throw new Error("the outputs' bytes were left to google-protobuf");
  const hashed = direction === "decode" ? Buffer.from(JSON.stringify(result)) : Buffer.from(result as Uint8Array);
  const measured: CodecMeasurement = { ms, peakAboveInputBytes: peak - base, resultSha256: createHash("sha256").update(hashed).digest("hex") };
  console.log(JSON.stringify(measured));
}

main();
