/**
 * The "cli-output" section of `npm run bench`: the peak memory and time of `live-message-groups
 * list` (dist/cli/main.js, as installed) in each format, to stdout (a file) and to `-o <file>`,
 * against a baseline in the same run: the same listing and output as one string written at once
 * (cliOutputBaseline.ts: renderList, the join of the chunks, then one write, as the CLI wrote before
 * its output came in chunks; the old renderers' own intermediates, every row's cells of the table
 * and every record of the CSV, are not in it, so it understates the old CLI). A process that lists
 * and writes nothing gives the listing's own floor, and the memory each output adds is its peak
 * above that floor. Each run is a fresh process; an emulator child holds the app (10% deleted), its
 * call limit lifted and the listings' client limit at 10,000 calls/s.
 * Targets, from 100,000 groups, same bytes always: to `-o` the output adds at most
 * TARGET_ADDED_RATIO_FILE of what the one string adds (the chunks are written as rendered), to
 * stdout at most TARGET_ADDED_RATIO_STDOUT (the chunks are held until all are rendered, so a stopped
 * run writes nothing: about the output's size, where the one string and its UTF-8 copy are twice that).
 */
import { createHash } from "node:crypto";
import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ScaleEmulator } from "../tests/scale/support/scaleEmulator";

const MIB = 1024 * 1024;
export const CLI_OUTPUT_SIZES: readonly number[] = [100_000, 500_000];
const TARGET_ADDED_RATIO_FILE = 0.33;
const TARGET_ADDED_RATIO_STDOUT = 0.8;
const APP_ID = "bench-cli-output-app";

interface Run {
  readonly peakBytes: number;
  readonly ms: number;
  readonly sha256: string;
}

/** Runs `args` under node with the peak-memory preload; what it wrote goes to `outFile` (stdout) unless `-o` names another. */
async function run(args: readonly string[], env: NodeJS.ProcessEnv, dir: string, written: string): Promise<Run> {
  const rssFile = join(dir, "max-rss");
  const stdoutFile = join(dir, "stdout");
  const fd = openSync(stdoutFile, "w");
  const started = process.hrtime.bigint();
  try {
    const child = spawn(process.execPath, ["-r", join(__dirname, "maxRssOnExit.js"), ...args], {
      stdio: ["ignore", fd, "inherit"], env: { ...env, LMG_BENCH_MAX_RSS_FILE: rssFile, NODE_OPTIONS: "" },
    });
    const code = await new Promise<number | null>((resolve, reject) => child.once("error", reject).once("exit", resolve));
    if (code !== 0) throw new Error(`${args.join(" ")} exited ${code}`);
  } finally {
    closeSync(fd);
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const file = written === "stdout" ? stdoutFile : written;
  const sha256 = createHash("sha256").update(readFileSync(file)).digest("hex");
  rmSync(file, { force: true });
  return { peakBytes: Number(readFileSync(rssFile, "utf8")) * 1024, ms, sha256 };
}

/** Prints the table and returns the verdicts (`verdict` formats one). */
export async function cliOutputScenario(sizes: readonly number[], verdict: (target: string, met: boolean, figure: string) => string,
  printTable: (headers: readonly string[], rows: readonly (readonly string[])[]) => void): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "lmg-bench-cli-output-"));
  const rows: string[][] = [];
  const verdicts: string[] = [];
  const cli = join(__dirname, "..", "cli", "main.js");
  const baseline = join(__dirname, "cliOutputBaseline.js");
  try {
    for (const groups of sizes) {
      const emulator = await ScaleEmulator.start([{ appId: APP_ID, groups, deletedFraction: 0.1 }]);
      try {
        const env = {
          ...process.env, LIVE_MESSAGE_GROUPS_ENDPOINT: emulator.url,
          ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.credentials.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.credentials.accessKeySecret,
        };
        const floor = await run([baseline, APP_ID, "none"], env, dir, "stdout");
        rows.push(["listing only (no output)", String(groups), "", "", (floor.peakBytes / MIB).toFixed(0), "", "", "", (floor.ms / 1000).toFixed(1), "", ""]);
        for (const format of ["table", "json", "csv"] as const) {
          for (const destination of ["stdout", "-o"] as const) {
            const file = join(dir, `out.${format}`);
            const [to, cliTo] = destination === "stdout" ? ["stdout", []] : [file, ["-o", file]];
            const before = await run([baseline, APP_ID, format, ...(destination === "stdout" ? [] : [file])], env, dir, to);
            const ours = await run([cli, "list", "--app-id", APP_ID, "--format", format, "--rps", "10000", "-q", ...cliTo], env, dir, to);
            const ratio = ours.peakBytes / before.peakBytes;
            const added = (ours.peakBytes - floor.peakBytes) / (before.peakBytes - floor.peakBytes);
            const same = ours.sha256 === before.sha256;
            rows.push([`list --format ${format}${destination === "-o" ? " -o <file>" : " > <file>"}`, String(groups),
              (before.peakBytes / MIB).toFixed(0), (ours.peakBytes / MIB).toFixed(0), (floor.peakBytes / MIB).toFixed(0), ratio.toFixed(2), added.toFixed(2),
              (before.ms / 1000).toFixed(1), (ours.ms / 1000).toFixed(1), (ours.ms / before.ms).toFixed(2), same ? "same" : "DIFFERENT"]);
            if (groups >= 100_000) {
              const target = destination === "-o" ? TARGET_ADDED_RATIO_FILE : TARGET_ADDED_RATIO_STDOUT;
              verdicts.push(verdict(`list --format ${format} ${destination === "-o" ? "-o <file>" : "to stdout"} at ${groups} groups adds <= ${target}x the one string's memory above the listing, same bytes`,
                added <= target && same, `${added.toFixed(2)}x (${((ours.peakBytes - floor.peakBytes) / MIB).toFixed(0)} MiB against ${((before.peakBytes - floor.peakBytes) / MIB).toFixed(0)}; peaks ${(ours.peakBytes / MIB).toFixed(0)} and ${(before.peakBytes / MIB).toFixed(0)} MiB), ${same ? "same" : "DIFFERENT"}`));
            } else {
              // Below the sizes the memory target is judged at (--quick), the bytes still are: a
              // DIFFERENT in the table alone would not fail the run.
              verdicts.push(verdict(`list --format ${format} ${destination === "-o" ? "-o <file>" : "to stdout"} at ${groups} groups writes the same bytes as the one string`,
                same, same ? "same" : "DIFFERENT"));
            }
          }
        }
      } finally {
        await emulator.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  printTable(["CLI output (each a fresh process)", "groups", "one string MiB", "ours MiB", "listing alone MiB", "peak ratio", "added ratio",
    "one string s", "ours s", "time ratio", "bytes"], rows);
  return verdicts;
}
