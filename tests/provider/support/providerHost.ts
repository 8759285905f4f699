/**
 * Starts Pulumi's own dynamic-provider host and drives it over gRPC the way the engine does.
 *
 * Every gRPC and protobuf module is resolved from @pulumi/pulumi's own dependency tree so that
 * message classes match the host's.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { connectProvider, ENGINE_MAX_MESSAGE_BYTES, message, spawnPlugin, Struct, type StructMessage } from "./grpcPlugin";

export { ENGINE_MAX_MESSAGE_BYTES };

/** How to start a host beyond its environment. */
export interface ProviderHostOptions {
  /** Extra `node` flags for the host process (e.g. `--heap-prof`). Default none: the host's default heap. */
  readonly nodeArgs?: readonly string[];
  /** Largest gRPC message the driver sends or receives. Default {@link ENGINE_MAX_MESSAGE_BYTES}. */
  readonly maxMessageBytes?: number;
  /** The engine's address the host is given. Default 127.0.0.1:1 (nothing listens: no engine). */
  readonly engineAddress?: string;
}

/** A check failure as the host reports it. */
export interface HostCheckFailure { readonly property: string; readonly reason: string }

/** Engine-side view of one running host. */
export interface ProviderHost {
  configure(config: Record<string, string>): Promise<void>;
  check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<{ inputs: Record<string, unknown>; failures: HostCheckFailure[] }>;
  diff(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<{ changes: number; replaces: string[] }>;
  create(properties: Record<string, unknown>): Promise<{ id: string; properties: Record<string, unknown> }>;
  /** `inputs`: what the provider returned as inputs for the state (undefined: none, the engine keeps the old ones). */
  read(id: string, properties: Record<string, unknown>): Promise<{ id: string; properties: Record<string, unknown>; inputs: Record<string, unknown> | undefined }>;
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
  const plugin = await spawnPlugin(process.execPath, [...(options.nodeArgs ?? []), hostScript, options.engineAddress ?? "127.0.0.1:1"], {
    cwd: projectDir, env: { PULUMI_NODEJS_PROJECT: "lmg-host-test", PULUMI_NODEJS_STACK: "dev", ...env },
  });
  const client = connectProvider(plugin.port, options.maxMessageBytes ?? ENGINE_MAX_MESSAGE_BYTES);
  const call = client.call;
  const pid = plugin.pid;
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
      const hasInputs = (r as { hasInputs?: () => boolean }).hasInputs?.call(r) === true;
      return { id: String(r.getId?.call(r)), properties: props(r, "getProperties"), inputs: hasInputs ? props(r, "getInputs") : undefined };
    },
    async update(id, olds, news) {
      const r = await call<Response>("update", message("UpdateRequest", { setId: id, setUrn: URN, setOlds: struct(olds), setNews: struct(news) }));
      return props(r, "getProperties");
    },
    async delete(id, properties) {
      await call("delete", message("DeleteRequest", { setId: id, setUrn: URN, setProperties: struct(properties) }));
    },
    stderr: plugin.stderr,
    pid,
    peakRssBytes() {
      const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (match?.[1] === undefined) throw new Error(`no VmHWM for host pid ${pid}`);
      return Number(match[1]) * 1024;
    },
    async close() {
      client.close();
      await plugin.close();
    },
  };
}
