/**
 * Spawns the real bin (`node dist/cli/main.js`) as a child process with a hermetic
 * environment, and checks every run's stdout and stderr for the registered secrets.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** dist/tests/cli/helpers -> dist/cli/main.js */
export const BIN = path.resolve(__dirname, "../../../cli/main.js");

/** A home directory with no aliyun profile or credentials file in it. */
const EMPTY_HOME = mkdtempSync(path.join(os.tmpdir(), "lmg-cli-home-"));
// Shared by every bin spec of the run, so it is removed when the test process ends, not by a spec's hook.
process.once("exit", () => rmSync(EMPTY_HOME, { recursive: true, force: true }));

/** Secrets no output may contain (AccessKeySecrets and tokens of the tests' emulators). */
const secrets = new Set<string>();

export function registerSecret(secret: string): void {
  secrets.add(secret);
}

export interface BinResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Variables added to the hermetic environment. */
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Written to the child's stdin, which is then closed. */
  readonly input?: string;
  /** Kill the child after this long, ms. Default 30000. */
  readonly timeoutMs?: number;
}

/**
 * Only what the bin needs: no inherited credentials (a developer's real keys must never
 * reach a test), no CLI profile, no ECS metadata lookups.
 */
export function hermeticEnv(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    HOME: EMPTY_HOME,
    USERPROFILE: EMPTY_HOME,
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
    ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "true",
    // Lets c8 collect coverage from the spawned bin too.
    ...(process.env.NODE_V8_COVERAGE === undefined ? {} : { NODE_V8_COVERAGE: process.env.NODE_V8_COVERAGE }),
    ...extra,
  };
}

export function spawnBin(args: readonly string[], options: RunOptions = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [BIN, ...args], { env: hermeticEnv(options.env), cwd: options.cwd ?? os.tmpdir(), stdio: "pipe" });
}

/** Asserts that no registered secret appears in `text`. */
export function assertNoSecret(text: string, where: string): void {
  for (const secret of secrets) assert.ok(!text.includes(secret), `a secret appeared in ${where}`);
}

/**
 * Runs the bin to completion, then checks its output for secrets. The check runs after the
 * child has closed, in the caller's promise chain: an assertion thrown inside the "close"
 * handler would escape as an uncaught exception instead of failing the test that ran the bin.
 */
export async function runBin(args: readonly string[], options: RunOptions = {}): Promise<BinResult> {
  const child = spawnBin(args, options);
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  child.stdin.end(options.input ?? "");
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 30_000);
  const result = await new Promise<BinResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  }).finally(() => clearTimeout(timer));
  assertNoSecret(result.stdout, `stdout of ${args.join(" ")}`);
  assertNoSecret(result.stderr, `stderr of ${args.join(" ")}`);
  return result;
}
