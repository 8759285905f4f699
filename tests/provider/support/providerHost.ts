/**
 * Starts Pulumi's own dynamic-provider host and drives it over gRPC the way the engine does.
 *
 * Every gRPC and protobuf module is resolved from @pulumi/pulumi's own dependency tree so that
 * message classes match the host's.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { HERMETIC_ENV } from "./runMockProgram";

const PULUMI_DIR = dirname(require.resolve("@pulumi/pulumi/package.json"));
const fromPulumi = (id: string): unknown => require(require.resolve(id, { paths: [PULUMI_DIR] }));

interface StructClass { fromJavaScript(value: Record<string, unknown>): StructMessage }
interface StructMessage { toJavaScript(): Record<string, unknown> }
type Callback<T> = (error: (Error & { details?: string; code?: number }) | null, response: T) => void;
type Method = (request: unknown, callback: Callback<unknown>) => void;

const grpc = fromPulumi("@grpc/grpc-js") as { credentials: { createInsecure(): unknown } };
const services = fromPulumi("@pulumi/pulumi/proto/provider_grpc_pb") as {
  ResourceProviderClient: new (address: string, credentials: unknown, options?: Record<string, number>) => Record<string, Method> & { close(): void };
};

/**
 * The engine's gRPC message limit, both ways (400 MiB, as `maxRPCMessageSize` in
 * `@pulumi/pulumi/runtime/settings.js` and the Go engine's client). A grpc-js client left at its
 * 4 MiB default would fail long before the host does.
 */
export const ENGINE_MAX_MESSAGE_BYTES = 400 * 1024 * 1024;

/** How to start a host beyond its environment. */
export interface ProviderHostOptions {
  /** Extra `node` flags for the host process (e.g. `--heap-prof`). Default none: the host's default heap. */
  readonly nodeArgs?: readonly string[];
  /** Largest gRPC message the driver sends or receives. Default {@link ENGINE_MAX_MESSAGE_BYTES}. */
  readonly maxMessageBytes?: number;
}
const messages = fromPulumi("@pulumi/pulumi/proto/provider_pb") as Record<string, new () => Record<string, (...args: unknown[]) => unknown>>;
const { Struct } = fromPulumi("google-protobuf/google/protobuf/struct_pb") as { Struct: StructClass };

/** A check failure as the host reports it. */
export interface HostCheckFailure { readonly property: string; readonly reason: string }

/** Engine-side view of one running host. */
export interface ProviderHost {
  configure(config: Record<string, string>): Promise<void>;
  check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<{ inputs: Record<string, unknown>; failures: HostCheckFailure[] }>;
  diff(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<{ changes: number; replaces: string[] }>;
  create(properties: Record<string, unknown>): Promise<{ id: string; properties: Record<string, unknown> }>;
  read(id: string, properties: Record<string, unknown>): Promise<{ id: string; properties: Record<string, unknown> }>;
  update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<Record<string, unknown>>;
  delete(id: string, properties: Record<string, unknown>): Promise<void>;
  /** Everything the host wrote to stderr. */
  stderr(): string;
  /** The host process's pid. */
  readonly pid: number;
  /** The host's peak resident set size so far, in bytes (`VmHWM` of /proc/<pid>/status; Linux only). */
  peakRssBytes(): number;
  close(): Promise<void>;
}

/** The DiffResponse change values. */
export const DIFF = { UNKNOWN: 0, NONE: 1, SOME: 2 } as const;
const URN = "urn:pulumi:dev::lmg-host-test::pulumi-nodejs:dynamic/live-message-groups:LiveMessageGroups::watched";

/**
 * A Pulumi project directory where the package is installed the way npm links it (a
 * node_modules entry pointing at this repository), as the host resolves modules from there.
 */
export function makeProjectDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "lmg-host-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(resolve(__dirname, "../../../.."), join(dir, "node_modules", "pulumi-alicloud-live-message-groups"), "dir");
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts the host in `projectDir` with `env` added to a credential-free copy of this process's environment. */
export async function startProviderHost(projectDir: string, env: Record<string, string> = {}, options: ProviderHostOptions = {}): Promise<ProviderHost> {
  const hostScript = require.resolve("@pulumi/pulumi/cmd/dynamic-provider");
  const childEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(ALIBABA_CLOUD_|ALICLOUD_|LIVE_MESSAGE_GROUPS_|PULUMI_)/.test(k)) childEnv[k] = v;
  }
  Object.assign(childEnv, HERMETIC_ENV, { PULUMI_NODEJS_PROJECT: "lmg-host-test", PULUMI_NODEJS_STACK: "dev" }, env);
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), hostScript, "127.0.0.1:1"], { cwd: projectDir, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => { stderr += d.toString("utf8"); });
  const port = await new Promise<number>((resolvePort, reject) => {
    let stdout = "";
    const timer = setTimeout(() => reject(new Error(`host did not start: ${stderr}`)), 30_000);
    child.stdout?.on("data", (d: Buffer) => {
      stdout += d.toString("utf8");
      const line = stdout.split("\n")[0];
      if (stdout.includes("\n") && line !== undefined) { clearTimeout(timer); resolvePort(Number(line.trim())); }
    });
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`host exited with ${code}: ${stderr}`)); });
  });
  const maxMessageBytes = options.maxMessageBytes ?? ENGINE_MAX_MESSAGE_BYTES;
  const client = new services.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
    "grpc.max_receive_message_length": maxMessageBytes,
    "grpc.max_send_message_length": maxMessageBytes,
  });
  const pid = child.pid ?? -1;
  const call = <T>(method: string, request: unknown): Promise<T> => new Promise((resolveCall, reject) => {
    const fn = client[method];
    if (fn === undefined) return reject(new Error(`no method ${method}`));
    fn.call(client, request, (error, response) => (error ? reject(Object.assign(new Error(error.details ?? error.message), { code: error.code })) : resolveCall(response as T)));
  });
  const message = (name: string, fields: Record<string, unknown>): unknown => {
    const ctor = messages[name];
    if (ctor === undefined) throw new Error(`no message ${name}`);
    const m = new ctor();
    for (const [setter, value] of Object.entries(fields)) (m[setter] as (v: unknown) => void).call(m, value);
    return m;
  };
  const struct = (value: Record<string, unknown>): StructMessage => Struct.fromJavaScript(value);
  type Response = Record<string, () => unknown>;
  const props = (response: Response, getter: string): Record<string, unknown> => ((response[getter] as () => StructMessage).call(response)).toJavaScript();

  return {
    async configure(config) {
      await call("configure", message("ConfigureRequest", { setArgs: struct(config) }));
    },
    async check(olds, news) {
      const r = await call<Response>("check", message("CheckRequest", { setUrn: URN, setOlds: struct(olds), setNews: struct(news) }));
      const failures = (r.getFailuresList?.call(r) as Response[]).map((f) => ({ property: String(f.getProperty?.call(f)), reason: String(f.getReason?.call(f)) }));
      return { inputs: props(r, "getInputs"), failures };
    },
    async diff(id, olds, news) {
      const r = await call<Response>("diff", message("DiffRequest", { setId: id, setUrn: URN, setOlds: struct(olds), setNews: struct(news) }));
      return { changes: Number(r.getChanges?.call(r)), replaces: r.getReplacesList?.call(r) as string[] };
    },
    async create(properties) {
      const r = await call<Response>("create", message("CreateRequest", { setUrn: URN, setProperties: struct(properties) }));
      return { id: String(r.getId?.call(r)), properties: props(r, "getProperties") };
    },
    async read(id, properties) {
      const r = await call<Response>("read", message("ReadRequest", { setId: id, setUrn: URN, setProperties: struct(properties) }));
      return { id: String(r.getId?.call(r)), properties: props(r, "getProperties") };
    },
    async update(id, olds, news) {
      const r = await call<Response>("update", message("UpdateRequest", { setId: id, setUrn: URN, setOlds: struct(olds), setNews: struct(news) }));
      return props(r, "getProperties");
    },
    async delete(id, properties) {
      await call("delete", message("DeleteRequest", { setId: id, setUrn: URN, setProperties: struct(properties) }));
    },
    stderr: () => stderr,
    pid,
    peakRssBytes() {
      const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (match?.[1] === undefined) throw new Error(`no VmHWM for host pid ${pid}`);
      return Number(match[1]) * 1024;
    },
    async close() {
      client.close();
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}
