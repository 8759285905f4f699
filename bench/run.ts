/**
 * `npm run bench`: this project against the naive sequential openapi-client loop, in one run, on the
 * local emulator. Prints wall time, requests, throttled requests, achieved calls/s as a fraction of
 * the limit, CPU per request and peak RSS, with ratios against the baseline measured in the same run.
 *
 * Scenario "limit": emulator at 50 calls/s with 50 ms latency, 10,000 groups. Targets: ours at >= 90%
 * of the limit with zero throttled requests, >= 5x faster than the naive PageSize-20 loop.
 * Scenario "cpu": limit lifted, no latency, 100,000 groups. Target: our CPU time per request within
 * 1.3x of the naive loop's (median of several runs each, alternating, to share the machine's noise).
 *
 * Scenario "state": the LiveMessageGroups resource through Pulumi's dynamic-provider host, per
 * `detail`, at 10,000, 100,000 and 500,000 groups (see hostState.ts). Targets: "summary" outputs
 * under 10 KB at every size, its host peak RSS under 300 MB at 100,000 groups, "summary" and "ids"
 * working at 500,000.
 *
 * `--quick` runs every scenario on small data (a smoke test of the harness itself).
 * `--only limit,cpu,state` runs the named scenarios; `--state-sizes 10000,100000` overrides the
 * state scenario's sizes.
 */
import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { STATE_SIZES, stateScenario } from "./hostState";
import type { ClientResult, ClientTask, EmulatorReady, EmulatorStatsMessage, EmulatorTask } from "./protocol";

const LIMIT_CALLS_PER_SECOND = 50;
const LIMIT_LATENCY_MS = 50;
const TARGET_FRACTION_OF_LIMIT = 0.9;
const TARGET_SPEEDUP_VS_NAIVE20 = 5;
const TARGET_CPU_RATIO = 1.3;
const TARGET_SUMMARY_MAX_BYTES = 10_000;
const TARGET_SUMMARY_MAX_RSS_BYTES = 300 * 1000 * 1000;

interface Row {
  readonly scenario: string;
  readonly label: string;
  readonly result: ClientResult;
  readonly serverRequests: number;
  readonly throttled: number;
  readonly peakCallsPerSecond: number;
}

function waitForMessage<T>(child: ChildProcess, predicate: (message: unknown) => message is T): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown): void => {
      if (predicate(message)) {
        child.off("message", onMessage);
        child.off("exit", onExit);
        resolve(message);
      }
    };
    const onExit = (code: number | null): void => {
      child.off("message", onMessage);
      reject(new Error(`child process exited with code ${String(code)} before answering`));
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

function isType<T>(type: string) {
  return (message: unknown): message is T => (message as { type?: unknown }).type === type;
}

class EmulatorHandle {
  private constructor(private readonly child: ChildProcess, readonly ready: EmulatorReady) {}

  static async start(task: EmulatorTask): Promise<EmulatorHandle> {
    const child = fork(join(__dirname, "emulatorProcess.js"), [JSON.stringify(task)], { stdio: "inherit" });
    const ready = await waitForMessage(child, isType<EmulatorReady>("ready"));
    return new EmulatorHandle(child, ready);
  }

  async stats(): Promise<EmulatorStatsMessage> {
    this.child.send({ cmd: "stats" });
    return waitForMessage(this.child, isType<EmulatorStatsMessage>("stats"));
  }

  async reset(): Promise<void> {
    this.child.send({ cmd: "reset" });
    await waitForMessage(this.child, isType<{ type: "reset" }>("reset"));
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.send({ cmd: "close" });
    await exited;
  }
}

async function runClient(task: ClientTask): Promise<ClientResult> {
  const child = fork(join(__dirname, "clientProcess.js"), [JSON.stringify(task)], { stdio: "inherit" });
  return waitForMessage(child, (message: unknown): message is ClientResult =>
    typeof (message as { wallMs?: unknown }).wallMs === "number");
}

async function measure(
  emulator: EmulatorHandle, scenario: string, label: string, task: Omit<ClientTask, "endpoint" | "accessKeyId" | "accessKeySecret">,
): Promise<Row> {
  await emulator.reset();
  const result = await runClient({
    ...task,
    endpoint: emulator.ready.endpoint,
    accessKeyId: emulator.ready.accessKeyId,
    accessKeySecret: emulator.ready.accessKeySecret,
  });
  const stats = await emulator.stats();
  return {
    scenario, label, result,
    serverRequests: stats.requests, throttled: stats.throttled, peakCallsPerSecond: stats.peakCallsPerSecond,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function pad(value: string, width: number): string {
  return value.length >= width ? value : " ".repeat(width - value.length) + value;
}

function printTable(headers: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : pad(cell, widths[column]!))).join("  ");
  console.log(line(headers));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const row of rows) console.log(line(row));
}

async function limitScenario(groups: number): Promise<{ rows: Row[]; verdicts: string[] }> {
  const appId = "bench-app";
  const emulator = await EmulatorHandle.start({
    callsPerSecond: LIMIT_CALLS_PER_SECOND, latencyMs: LIMIT_LATENCY_MS, groups, appId, seed: 7,
  });
  try {
    const naive20 = await measure(emulator, "limit", "naive loop, PageSize 20", { variant: "naive", appId, pageSize: 20 });
    const naive50 = await measure(emulator, "limit", "naive loop, PageSize 50", { variant: "naive", appId, pageSize: 50 });
    const ours = await measure(emulator, "limit", "this project (defaults)", { variant: "ours", appId, pageSize: 50 });
    const rows = [naive20, naive50, ours];
    printTable(
      ["limit: 50 calls/s, 50 ms latency", "groups", "requests", "throttled", "wall s", "calls/s", "of limit", "peak/s", "peak RSS MiB", "speed vs naive-20"],
      rows.map((row) => {
        const callsPerSecond = row.serverRequests / (row.result.wallMs / 1000);
        return [
          row.label, String(row.result.groups), String(row.serverRequests), String(row.throttled),
          (row.result.wallMs / 1000).toFixed(2), callsPerSecond.toFixed(1),
          `${((100 * callsPerSecond) / LIMIT_CALLS_PER_SECOND).toFixed(1)}%`, String(row.peakCallsPerSecond),
          row.result.peakRssMiB.toFixed(0), `${(naive20.result.wallMs / row.result.wallMs).toFixed(2)}x`,
        ];
      }),
    );
    const fraction = ours.serverRequests / (ours.result.wallMs / 1000) / LIMIT_CALLS_PER_SECOND;
    const speedup = naive20.result.wallMs / ours.result.wallMs;
    const sameSet = new Set(rows.map((row) => row.result.fingerprint)).size === 1;
    const verdicts = [
      verdict(`ours achieves >= ${TARGET_FRACTION_OF_LIMIT * 100}% of the limit`, fraction >= TARGET_FRACTION_OF_LIMIT, `${(fraction * 100).toFixed(1)}%`),
      verdict("ours has zero throttled requests", ours.throttled === 0, `${ours.throttled} throttled`),
      verdict(`ours is >= ${TARGET_SPEEDUP_VS_NAIVE20}x faster than the naive PageSize-20 loop`, speedup >= TARGET_SPEEDUP_VS_NAIVE20, `${speedup.toFixed(2)}x`),
      verdict("every variant listed the same groups in the same order", sameSet && rows.every((row) => row.result.groups === groups), `${groups} groups`),
    ];
    return { rows, verdicts };
  } finally {
    await emulator.close();
  }
}

async function cpuScenario(groups: number, runs: number): Promise<string[]> {
  const appId = "bench-app";
  const emulator = await EmulatorHandle.start({ callsPerSecond: 0, latencyMs: 0, groups, appId, seed: 11 });
  try {
    const naive: Row[] = [];
    const ours: Row[] = [];
    // Alternate the variants so both see the same background noise.
    for (let run = 0; run < runs; run++) {
      naive.push(await measure(emulator, "cpu", "naive loop, PageSize 50", { variant: "naive", appId, pageSize: 50 }));
      ours.push(await measure(emulator, "cpu", "this project, limit lifted", {
        variant: "ours", appId, pageSize: 50, requestsPerSecond: 1_000_000,
      }));
    }
    const summarize = (rows: readonly Row[]) => ({
      wallMs: median(rows.map((row) => row.result.wallMs)),
      cpuPerRequestMs: median(rows.map((row) => row.result.cpuMs / row.result.requests)),
      requests: rows[0]!.result.requests,
      groups: rows[0]!.result.groups,
      peakRssMiB: Math.max(...rows.map((row) => row.result.peakRssMiB)),
    });
    const base = summarize(naive);
    const mine = summarize(ours);
    printTable(
      [`cpu: no limit, no latency (median of ${runs})`, "groups", "requests", "wall s", "CPU ms/request", "CPU vs naive", "peak RSS MiB"],
      [
        ["naive loop, PageSize 50", String(base.groups), String(base.requests), (base.wallMs / 1000).toFixed(2), base.cpuPerRequestMs.toFixed(3), "1.00x", base.peakRssMiB.toFixed(0)],
        ["this project, limit lifted", String(mine.groups), String(mine.requests), (mine.wallMs / 1000).toFixed(2), mine.cpuPerRequestMs.toFixed(3), `${(mine.cpuPerRequestMs / base.cpuPerRequestMs).toFixed(2)}x`, mine.peakRssMiB.toFixed(0)],
      ],
    );
    const ratio = mine.cpuPerRequestMs / base.cpuPerRequestMs;
    return [
      verdict(`ours uses <= ${TARGET_CPU_RATIO}x the naive loop's CPU per request`, ratio <= TARGET_CPU_RATIO, `${ratio.toFixed(2)}x`),
      verdict("both listed every group", mine.groups === groups && base.groups === groups, `${groups} groups`),
    ];
  } finally {
    await emulator.close();
  }
}

function verdict(target: string, met: boolean, figure: string): string {
  return `${met ? "MET " : "MISS"}  ${target}: ${figure}`;
}

/** The value following `flag` on the command line, if any. */
function flagValue(flag: string): string | undefined {
  const at = process.argv.indexOf(flag);
  return at === -1 ? undefined : process.argv[at + 1];
}

async function stateVerdicts(sizes: readonly number[]): Promise<string[]> {
  const rows = await stateScenario(sizes, printTable);
  const summaries = rows.filter((row) => row.mode === "summary");
  const verdicts = [
    verdict(`"summary" outputs under ${TARGET_SUMMARY_MAX_BYTES / 1000} KB at every size`,
      summaries.every((row) => row.bytes !== undefined && row.bytes < TARGET_SUMMARY_MAX_BYTES),
      summaries.map((row) => `${row.bytes ?? row.failure} bytes at ${row.groups}`).join(", ")),
  ];
  const at100k = summaries.find((row) => row.groups === 100_000);
  if (at100k !== undefined) {
    verdicts.push(verdict(`"summary" host peak RSS under ${TARGET_SUMMARY_MAX_RSS_BYTES / 1e6} MB at 100,000 groups`,
      at100k.failure === undefined && at100k.peakRssBytes < TARGET_SUMMARY_MAX_RSS_BYTES, `${(at100k.peakRssBytes / 1e6).toFixed(0)} MB`));
  }
  const largest = Math.max(...sizes);
  const small = rows.filter((row) => row.groups === largest && (row.mode === "summary" || row.mode === "ids"));
  verdicts.push(verdict(`"summary" and "ids" Create and Read work at ${largest} groups`,
    small.length === 2 && small.every((row) => row.failure === undefined), small.map((row) => `${row.mode}: ${row.failure ?? "ok"}`).join(", ")));
  return verdicts;
}

async function main(): Promise<void> {
  const quick = process.argv.includes("--quick");
  const only = new Set((flagValue("--only") ?? "limit,cpu,state").split(","));
  const stateSizes = flagValue("--state-sizes")?.split(",").map(Number) ?? (quick ? [2_000] : STATE_SIZES);
  console.log(`node ${process.version}, ${quick ? "quick smoke run (small data)" : "full run"}\n`);
  const verdicts: string[] = [];
  if (only.has("limit")) {
    verdicts.push(...(await limitScenario(quick ? 500 : 10_000)).verdicts);
    console.log("");
  }
  if (only.has("cpu")) {
    verdicts.push(...await cpuScenario(quick ? 5_000 : 100_000, quick ? 1 : 5));
    console.log("");
  }
  if (only.has("state")) verdicts.push(...await stateVerdicts(stateSizes));
  console.log("Targets:");
  for (const line of verdicts) console.log(`  ${line}`);
  if (verdicts.some((line) => line.startsWith("MISS"))) process.exitCode = 3;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
