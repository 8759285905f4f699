import { spawn } from "node:child_process";
import { join } from "node:path";

/** What a program run under mocks produced (see mockRunner). */
export interface MockRunResult {
  /** Exports as the engine would receive them; unknown values are {@link UNKNOWN}, secrets are wrapped. */
  readonly exports: Record<string, unknown>;
  readonly resources: readonly { readonly type: string; readonly name: string; readonly inputs: Record<string, unknown>; readonly additionalSecretOutputs?: readonly string[]; readonly id?: string; readonly state?: Record<string, unknown> }[];
  /** When LMG_SLOW_TYPE is set: whether the slow resource's creation resolved. */
  readonly slowResolved?: boolean;
  /** The program's failure, when it failed. */
  readonly error?: string;
  /** Everything the child wrote to stderr (Pulumi's warnings and errors land there). */
  readonly stderr: string;
  /** Everything the child wrote to stdout before its result line (Pulumi's info messages land there). */
  readonly stdout: string;
}

/** Pulumi's wire placeholder for an unknown value. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** Pulumi's wire signature of a secret value: `{ [SECRET_SIG_KEY]: SECRET_SIG, value }`. */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";

export interface MockRunOptions {
  /** Absolute path of the compiled program module. */
  readonly program: string;
  readonly preview?: boolean;
  /** Stack config, fully qualified keys. */
  readonly config?: Readonly<Record<string, string>>;
  /** Extra environment for the child (added to a hermetic base). */
  readonly env?: Readonly<Record<string, string>>;
  /** Working directory of the child. Default: this process's. */
  readonly cwd?: string;
  readonly timeoutMs?: number;
}

/** Environment that keeps the Alibaba Cloud credential chain from reaching outside the test. */
export const HERMETIC_ENV: Readonly<Record<string, string>> = {
  ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
  ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "true",
};

/** Runs a program under mocks in a child process (setMocks is process-wide). */
export function runMockProgram(options: MockRunOptions): Promise<MockRunResult> {
  const runner = join(__dirname, "mockRunner.js");
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    // Never let the developer's own credentials or settings leak into a test program.
    if (v !== undefined && !/^(ALIBABA_CLOUD_|ALICLOUD_|LIVE_MESSAGE_GROUPS_|PULUMI_)/.test(k)) env[k] = v;
  }
  Object.assign(env, HERMETIC_ENV, options.env ?? {}, {
    LMG_PROGRAM: options.program,
    LMG_PREVIEW: options.preview ? "true" : "false",
    PULUMI_CONFIG: JSON.stringify(options.config ?? {}),
  });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--enable-source-maps", runner], { env, cwd: options.cwd ?? process.cwd(), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => { stdout += d.toString("utf8"); });
    child.stderr.on("data", (d: Buffer) => { stderr += d.toString("utf8"); });
    const timer = setTimeout(() => { child.kill("SIGKILL"); reject(new Error(`mock program timed out: ${stderr}`)); }, options.timeoutMs ?? 45_000);
    child.on("error", reject);
    child.on("close", () => {
      clearTimeout(timer);
      const line = stdout.trim().split("\n").pop() ?? "";
      try {
        const parsed = JSON.parse(line) as Omit<MockRunResult, "stderr">;
        resolve({
          exports: parsed.exports ?? {}, resources: parsed.resources ?? [],
          ...(parsed.slowResolved === undefined ? {} : { slowResolved: parsed.slowResolved }),
          ...(parsed.error === undefined ? {} : { error: parsed.error }), stderr,
          stdout: stdout.trim().split("\n").slice(0, -1).join("\n"),
        });
      } catch {
        reject(new Error(`mock program printed no result. stdout: ${stdout} stderr: ${stderr}`));
      }
    });
  });
}

/** Unwraps a serialized secret; returns `{ secret, value }`. */
export function unwrapSecret(value: unknown): { readonly secret: boolean; readonly value: unknown } {
  if (typeof value === "object" && value !== null && SECRET_SIG_KEY in value) {
    return { secret: true, value: (value as unknown as { value: unknown }).value };
  }
  return { secret: false, value };
}
