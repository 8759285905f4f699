import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** The repository root (this file runs from dist/tests/e2e/support/). */
export const REPO_DIR = resolve(__dirname, "..", "..", "..", "..");

/** Passphrase of the passphrase secrets provider of every e2e stack (a test value, not a secret). */
export const E2E_PASSPHRASE = "live-message-groups-e2e-passphrase";

/** The organization a file backend uses in fully-qualified stack names. */
export const FILE_BACKEND_ORG = "organization";

/** Longest time one `pulumi` command may take before the test fails. */
const COMMAND_TIMEOUT_MS = 5 * 60 * 1000;

/** What a finished `pulumi` command left. */
export interface CommandResult {
  readonly args: readonly string[];
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs scripts/provide-pulumi.sh (it reuses a `pulumi` on PATH or its cache; a cold build takes
 * 15-25 minutes) and returns the directory holding `pulumi` and its plugins. `version`: that
 * version or a newer `pulumi` on PATH, else that version built (default: the script's pinned one).
 */
export function provideEngine(version?: string): string {
  const result = spawnSync("bash", [join(REPO_DIR, "scripts", "provide-pulumi.sh")], {
    cwd: REPO_DIR,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    ...(version === undefined ? {} : { env: { ...process.env, PULUMI_VERSION: version, PULUMI_MIN_VERSION: version } }),
  });
  const binDir = result.stdout.trim().split("\n").pop() ?? "";
  if (result.status !== 0 || binDir === "") {
    throw new Error(`scripts/provide-pulumi.sh failed (exit ${String(result.status)}); see its last line above`);
  }
  return binDir;
}

/** Credentials the engine's processes get in their environment (as a user's CI would set them). */
export interface EnvCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
}

/**
 * A Pulumi CLI confined to a temporary directory: its own PULUMI_HOME, a file backend
 * (`pulumi login file://<tmp>/state`), a passphrase secrets provider, no update checks and no
 * plugin downloads, and a TMPDIR of its own. Nothing from the caller's PULUMI_*, ALIBABA_CLOUD_*, ALICLOUD_* or
 * LIVE_MESSAGE_GROUPS_* environment leaks in.
 */
export class PulumiCli {
  /** The temporary directory holding home/, state/, tmp/ and the projects made by the tests. */
  readonly root: string;
  readonly stateDir: string;
  /**
   * The CLI's TMPDIR, and so its hosts' and plugins': `pulumi package add` leaves each generated
   * SDK in a `pulumi-package-*` directory and the Node.js host a `ts-node-*` cache for every
   * TypeScript program, which in the machine's /tmp outlived the suite (7 or so a run).
   */
  readonly tmpDir: string;
  private readonly env: NodeJS.ProcessEnv;

  /** `pathBefore`: directories put on PATH ahead of the engine's and the caller's (another `node`). */
  constructor(binDir: string, credentials: EnvCredentials, pathBefore: readonly string[] = []) {
    this.root = mkdtempSync(join(tmpdir(), "lmg-e2e-"));
    this.stateDir = join(this.root, "state");
    mkdirSync(this.stateDir);
    this.tmpDir = join(this.root, "tmp");
    mkdirSync(this.tmpDir);
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (!/^(PULUMI_|ALIBABA_CLOUD_|ALICLOUD_|LIVE_MESSAGE_GROUPS_)/.test(key)) env[key] = value;
    }
    Object.assign(env, {
      PATH: [...pathBefore, binDir, process.env.PATH ?? ""].join(":"),
      PULUMI_HOME: join(this.root, "home"),
      TMPDIR: this.tmpDir,
      PULUMI_CONFIG_PASSPHRASE: E2E_PASSPHRASE,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_SKIP_CONFIRMATIONS: "true",
      PULUMI_NODEJS_SKIP_COMMAND_CHECKS: "true",
      ALIBABA_CLOUD_ACCESS_KEY_ID: credentials.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: credentials.accessKeySecret,
      ...(credentials.securityToken !== undefined ? { ALIBABA_CLOUD_SECURITY_TOKEN: credentials.securityToken } : {}),
      ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
      ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "true",
      NO_COLOR: "1",
    });
    this.env = env;
  }

  /** `pulumi login file://<root>/state`. */
  async login(): Promise<void> {
    await this.ok(["login", `file://${this.stateDir}`], this.root);
  }

  /** `pulumi version`, without the leading "v" (a `pulumi` on PATH may be newer than the pinned one). */
  async version(): Promise<string> {
    return (await this.ok(["version"], this.root)).stdout.trim().replace(/^v/, "");
  }

  /** Runs `pulumi <args>` in `cwd` (with `extraEnv` added) and returns whatever happened. */
  run(args: readonly string[], cwd: string, extraEnv: Readonly<Record<string, string>> = {}): Promise<CommandResult> {
    return new Promise((resolvePromise, reject) => {
      const child = spawn("pulumi", [...args], { cwd, env: { ...this.env, ...extraEnv }, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => { stdout += chunk; });
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => { stderr += chunk; });
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`pulumi ${args.join(" ")} took longer than ${COMMAND_TIMEOUT_MS} ms\n${stdout}\n${stderr}`));
      }, COMMAND_TIMEOUT_MS);
      child.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on("close", (code) => {
        clearTimeout(timer);
        resolvePromise({ args, code, stdout, stderr });
      });
    });
  }

  /** Runs `pulumi <args>` and fails with its whole output unless it exits 0. */
  async ok(args: readonly string[], cwd: string, extraEnv: Readonly<Record<string, string>> = {}): Promise<CommandResult> {
    const result = await this.run(args, cwd, extraEnv);
    if (result.code !== 0) throw new Error(formatResult(result));
    return result;
  }

  /** Removes the temporary directory (state, home, projects). */
  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** The command, its exit code and its output, for assertion messages. */
export function formatResult(result: CommandResult): string {
  return `pulumi ${result.args.join(" ")} exited ${String(result.code)}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}
