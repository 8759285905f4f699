/**
 * Starts a Pulumi plugin process and talks to its ResourceProvider service over gRPC the way the
 * engine does: spawn, read the port from the first stdout line, connect with the engine's message
 * limits.
 *
 * Every gRPC and protobuf module is resolved from @pulumi/pulumi's own dependency tree so that
 * message classes match the plugin's.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { HERMETIC_ENV } from "./runMockProgram";

const PULUMI_DIR = dirname(require.resolve("@pulumi/pulumi/package.json"));
const fromPulumi = (id: string): unknown => require(require.resolve(id, { paths: [PULUMI_DIR] }));

interface StructClass { fromJavaScript(value: Record<string, unknown>): StructMessage }
/** A protobuf Struct. */
export interface StructMessage { toJavaScript(): Record<string, unknown> }
/** Trailing metadata of a failed call. */
export interface CallMetadata { get(key: string): (string | Buffer)[] }
/** A failed call as the engine sees it. */
export type CallError = Error & { code?: number; details?: string; metadata?: CallMetadata };
type Callback<T> = (error: CallError | null, response: T) => void;
type Method = (request: unknown, callback: Callback<unknown>) => void;
type Message = Record<string, (...args: unknown[]) => unknown>;

const grpc = fromPulumi("@grpc/grpc-js") as { credentials: { createInsecure(): unknown } };
const services = fromPulumi("@pulumi/pulumi/proto/provider_grpc_pb") as {
  ResourceProviderClient: new (address: string, credentials: unknown, options: Record<string, number>) => Record<string, Method> & { close(): void };
};
/** The message classes of provider.proto. */
export const messages = fromPulumi("@pulumi/pulumi/proto/provider_pb") as Record<string, new () => Message>;
/** google.protobuf.Struct as Pulumi's stubs use it. */
export const { Struct } = fromPulumi("google-protobuf/google/protobuf/struct_pb") as { Struct: StructClass };

/** Maximum gRPC message size of the Go engine (`rpcutil.MaxRPCMessageSize`, 400 MiB); grpc-js defaults to 4 MiB. */
export const ENGINE_MAX_MESSAGE_BYTES = 400 * 1024 * 1024;

/** Builds a request message by calling its setters. */
export function message(name: string, fields: Record<string, unknown>): unknown {
  const ctor = messages[name];
  if (ctor === undefined) throw new Error(`no message ${name}`);
  const m = new ctor();
  for (const [setter, value] of Object.entries(fields)) {
    const set = m[setter];
    if (set === undefined) throw new Error(`no setter ${name}.${setter}`);
    set.call(m, value);
  }
  return m;
}

/** A running plugin process. */
export interface PluginProcess {
  readonly port: number;
  /** The process id (for /proc measurements). */
  readonly pid: number;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  close(): Promise<void>;
}

/**
 * Plugins still running, with their TMPDIRs: when this process exits (a spec that never closed its
 * plugin), each is stopped and its TMPDIR removed, or it ran on with nothing to talk to.
 */
const runningPlugins = new Map<ChildProcess, string>();
process.once("exit", () => {
  for (const [child, dir] of runningPlugins) {
    child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * Spawns a plugin as the engine does and waits for the port on its first stdout line. The
 * environment is this process's without any Alibaba Cloud, package or Pulumi settings, plus
 * {@link HERMETIC_ENV}, a TMPDIR of its own (removed when it exits) and `env`.
 */
export async function spawnPlugin(command: string, args: readonly string[], options: { cwd: string; env?: Record<string, string> }): Promise<PluginProcess> {
  const childEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(ALIBABA_CLOUD_|ALICLOUD_|LIVE_MESSAGE_GROUPS_|PULUMI_)/.test(k)) childEnv[k] = v;
  }
  // A TMPDIR of its own, removed when it exits: Pulumi's run-plugin registers ts-node, which left a
  // `ts-node-*` cache in the machine's /tmp for every plugin started so (5 or so each `npm test`).
  const ownTmp = mkdtempSync(join(tmpdir(), "lmg-plugin-tmp-"));
  Object.assign(childEnv, HERMETIC_ENV, { TMPDIR: ownTmp }, options.env ?? {});
  const child: ChildProcess = spawn(command, [...args], { cwd: options.cwd, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  runningPlugins.set(child, ownTmp);
  const removeTmp = (): void => {
    rmSync(ownTmp, { recursive: true, force: true });
    runningPlugins.delete(child);
  };
  child.once("close", removeTmp).once("error", removeTmp);
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => { stderr += d.toString("utf8"); });
  const port = await new Promise<number>((resolvePort, reject) => {
    let stdout = "";
    // A plugin that has not printed its port in 30 s is stopped: left running, it took a core
    // from the specs after it until mocha exited (the exit hook above kills it only then).
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`plugin did not start in 30 s: ${stderr}`));
    }, 30_000);
    child.stdout?.on("data", (d: Buffer) => {
      stdout += d.toString("utf8");
      const line = stdout.split("\n")[0];
      if (stdout.includes("\n") && line !== undefined) { clearTimeout(timer); resolvePort(Number(line.trim())); }
    });
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`plugin exited with ${code}: ${stderr}`)); });
  });
  return {
    port,
    pid: child.pid ?? -1,
    stderr: () => stderr,
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}

/** A ResourceProvider client with the engine's message limits. */
export function connectProvider(port: number, maxMessageBytes: number = ENGINE_MAX_MESSAGE_BYTES): { call<T>(method: string, request: unknown): Promise<T>; close(): void } {
  const client = new services.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
    "grpc.max_receive_message_length": maxMessageBytes,
    "grpc.max_send_message_length": maxMessageBytes,
  });
  const call = <T>(method: string, request: unknown): Promise<T> => new Promise((resolveCall, reject) => {
    const fn = client[method];
    if (fn === undefined) return reject(new Error(`no method ${method}`));
    fn.call(client, request, (error, response) => {
      if (error) reject(Object.assign(new Error(error.details ?? error.message), { code: error.code, details: error.details, metadata: error.metadata }));
      else resolveCall(response as T);
    });
  });
  return { call, close: () => client.close() };
}

/** A Log request as a fake engine received it. */
export interface EngineLogEntry { readonly severity: number; readonly message: string; readonly urn: string; readonly ephemeral: boolean }

/** The engine's LogSeverity values (engine.proto). */
export const LOG_SEVERITY = { DEBUG: 0, INFO: 1, WARNING: 2, ERROR: 3 } as const;

/** A fake engine: its address, the Log requests it received, and a wait for them. */
export interface FakeEngine {
  readonly address: string;
  /** Every Log request received so far, in order. */
  readonly logs: EngineLogEntry[];
  /**
   * Resolves once `count` Log requests were received in all (at once if they were); rejects,
   * naming those received, if they were not within `withinMs`. For a progress note, which the
   * plugin does not wait for before answering (a warning it does), instead of a fixed pause.
   */
  logsReceived(count: number, withinMs: number): Promise<EngineLogEntry[]>;
  close(): Promise<void>;
}

/**
 * The engine's side of a plugin's Log calls: a pulumirpc.Engine server on a free loopback port,
 * recording every Log request (its other methods answer UNIMPLEMENTED).
 */
export async function startFakeEngine(): Promise<FakeEngine> {
  const grpcServer = fromPulumi("@grpc/grpc-js") as {
    Server: new () => {
      addService(service: unknown, implementation: Record<string, unknown>): void;
      bindAsync(address: string, credentials: unknown, callback: (error: Error | null, port: number) => void): void;
      tryShutdown(callback: () => void): void;
    };
    ServerCredentials: { createInsecure(): unknown };
  };
  const { EngineService } = fromPulumi("@pulumi/pulumi/proto/engine_grpc_pb") as { EngineService: unknown };
  const { Empty } = fromPulumi("google-protobuf/google/protobuf/empty_pb") as { Empty: new () => unknown };
  const logs: EngineLogEntry[] = [];
  const waiters = new Set<() => void>();
  const server = new grpcServer.Server();
  server.addService(EngineService, {
    log(call: { request: Record<string, () => unknown> }, callback: (error: null, response: unknown) => void) {
      const r = call.request;
      logs.push({ severity: Number(r.getSeverity?.call(r)), message: String(r.getMessage?.call(r)), urn: String(r.getUrn?.call(r)), ephemeral: r.getEphemeral?.call(r) === true });
      for (const waiter of [...waiters]) waiter();
      callback(null, new Empty());
    },
  });
  const port = await new Promise<number>((resolvePort, reject) => {
    server.bindAsync("127.0.0.1:0", grpcServer.ServerCredentials.createInsecure(), (error, p) => (error ? reject(error) : resolvePort(p)));
  });
  const logsReceived = (count: number, withinMs: number): Promise<EngineLogEntry[]> => new Promise((resolveLogs, reject) => {
    const check = (): void => {
      if (logs.length < count) return;
      clearTimeout(timer);
      waiters.delete(check);
      resolveLogs(logs);
    };
    const timer = setTimeout(() => {
      waiters.delete(check);
      reject(new Error(`the fake engine received ${logs.length} of ${count} Log requests within ${withinMs} ms: ${JSON.stringify(logs)}`));
    }, withinMs);
    waiters.add(check);
    check();
  });
  return { address: `127.0.0.1:${port}`, logs, logsReceived, close: () => new Promise((r) => server.tryShutdown(() => r())) };
}
