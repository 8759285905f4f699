/**
 * Engine-side view of the `live-message-groups` provider plugin: started as the engine starts it
 * and driven over gRPC with the protobuf stubs shipped in @pulumi/pulumi.
 */
import { dirname, join, resolve } from "node:path";
import { connectProvider, message, spawnPlugin, Struct, type StructMessage } from "./grpcPlugin";

const ROOT = resolve(__dirname, "../../../..");
const PULUMI_DIR = dirname(require.resolve("@pulumi/pulumi/package.json"));
const { Empty } = require(require.resolve("google-protobuf/google/protobuf/empty_pb", { paths: [PULUMI_DIR] })) as { Empty: new () => unknown };

type Props = Record<string, unknown>;
type Response = Record<string, () => unknown>;

/** URN of a `LiveMessageGroups` resource of the plugin. */
export function resourceUrn(name: string): string {
  return `urn:pulumi:dev::lmg-plugin-test::live-message-groups:index:LiveMessageGroups::${name}`;
}

/** A check failure as the plugin reports it. */
export interface Failure { readonly property: string; readonly reason: string }

/** Engine-side view of one running plugin. */
export interface PluginClient {
  getPluginInfo(): Promise<string>;
  getSchema(): Promise<string>;
  checkConfig(news: Props): Promise<{ inputs: Props; failures: Failure[] }>;
  diffConfig(olds: Props, news: Props): Promise<{ changes: number; diffs: string[] }>;
  /** `args` as the engine sends them (typed, secrets wrapped); `variables` as older engines do. */
  configure(request: { args?: Props; variables?: Record<string, string> }): Promise<{ acceptSecrets: boolean; supportsPreview: boolean }>;
  invoke(token: string, args: Props): Promise<{ outputs: Props; failures: Failure[] }>;
  check(urn: string, olds: Props, news: Props): Promise<{ inputs: Props; failures: Failure[] }>;
  diff(id: string, urn: string, olds: Props, news: Props): Promise<{ changes: number; replaces: string[]; diffs: string[] }>;
  create(urn: string, properties: Props, preview?: boolean): Promise<{ id: string; properties: Props }>;
  /** `inputs`: the stored inputs, which the engine sends with a refresh (not with an import). */
  read(id: string, urn: string, properties: Props | null, inputs?: Props): Promise<{ id: string; properties: Props; inputs: Props; hasProperties: boolean }>;
  update(id: string, urn: string, olds: Props, news: Props, preview?: boolean): Promise<Props>;
  delete(id: string, urn: string, properties: Props): Promise<void>;
  /** Every response body received so far, as JSON text (for "no credential in any response"). */
  responses(): readonly string[];
  stderr(): string;
  /** The engine's Cancel (Ctrl-C). */
  cancel(): Promise<void>;
  close(): Promise<void>;
}

/**
 * How to start the plugin: `bin` is the package's `pulumi-resource-live-message-groups` executable
 * (engine: `<bin> <engine address>`); `pluginDir` is the PulumiPlugin.yaml directory as Pulumi's
 * Node.js language host runs it (`node @pulumi/pulumi/cmd/run-plugin <dir> <engine address>`).
 */
export type StartMode = "bin" | "pluginDir";

/** `engineAddress`: the engine's address the plugin gets (a fake engine's); by default a port nothing listens on. */
export async function startPlugin(options: { mode: StartMode; cwd: string; env?: Record<string, string>; engineAddress?: string }): Promise<PluginClient> {
  const engine = options.engineAddress ?? "127.0.0.1:1";
  // The engine prepends logging flags when asked to flow its log settings; the executable skips them.
  const args = options.mode === "bin"
    ? [join(ROOT, "dist", "provider", "plugin", "bin.js"), "--logtostderr", "-v=3", engine]
    : [require.resolve("@pulumi/pulumi/cmd/run-plugin"), join(ROOT, "plugin"), engine];
  const plugin = await spawnPlugin(process.execPath, args, { cwd: options.cwd, env: options.env ?? {} });
  const client = connectProvider(plugin.port);
  const received: string[] = [];
  const call = async (method: string, request: unknown): Promise<Response> => {
    const response = await client.call<Response & { toObject(): unknown }>(method, request);
    received.push(JSON.stringify(response.toObject()));
    return response;
  };
  const struct = (value: Props): StructMessage => Struct.fromJavaScript(value);
  const props = (response: Response, getter: string): Props => {
    const value = (response[getter] as () => StructMessage | undefined).call(response);
    return value === undefined ? {} : value.toJavaScript();
  };
  const failures = (r: Response): Failure[] => (r.getFailuresList?.call(r) as Response[])
    .map((f) => ({ property: String(f.getProperty?.call(f)), reason: String(f.getReason?.call(f)) }));

  return {
    async getPluginInfo() {
      const r = await call("getPluginInfo", new Empty());
      return String(r.getVersion?.call(r));
    },
    async getSchema() {
      const r = await call("getSchema", message("GetSchemaRequest", { setVersion: 0 }));
      return String(r.getSchema?.call(r));
    },
    async checkConfig(news) {
      const r = await call("checkConfig", message("CheckRequest", { setUrn: "urn:pulumi:dev::lmg-plugin-test::pulumi:providers:live-message-groups::default", setOlds: struct({}), setNews: struct(news) }));
      return { inputs: props(r, "getInputs"), failures: failures(r) };
    },
    async diffConfig(olds, news) {
      const r = await call("diffConfig", message("DiffRequest", { setUrn: "urn:pulumi:dev::lmg-plugin-test::pulumi:providers:live-message-groups::default", setOlds: struct(olds), setNews: struct(news) }));
      return { changes: Number(r.getChanges?.call(r)), diffs: r.getDiffsList?.call(r) as string[] };
    },
    async configure(request) {
      const m = message("ConfigureRequest", { setAcceptsecrets: true, setAcceptresources: true, ...(request.args === undefined ? {} : { setArgs: struct(request.args) }) }) as Record<string, () => { set(k: string, v: string): void }>;
      const variables = m.getVariablesMap?.call(m);
      for (const [k, v] of Object.entries(request.variables ?? {})) variables?.set(k, v);
      const r = await call("configure", m);
      return { acceptSecrets: Boolean(r.getAcceptsecrets?.call(r)), supportsPreview: Boolean(r.getSupportspreview?.call(r)) };
    },
    async invoke(token, args) {
      const r = await call("invoke", message("InvokeRequest", { setTok: token, setArgs: struct(args) }));
      return { outputs: props(r, "getReturn"), failures: failures(r) };
    },
    async check(urn, olds, news) {
      const r = await call("check", message("CheckRequest", { setUrn: urn, setOlds: struct(olds), setNews: struct(news) }));
      return { inputs: props(r, "getInputs"), failures: failures(r) };
    },
    async diff(id, urn, olds, news) {
      const r = await call("diff", message("DiffRequest", { setId: id, setUrn: urn, setOlds: struct(olds), setNews: struct(news) }));
      return { changes: Number(r.getChanges?.call(r)), replaces: r.getReplacesList?.call(r) as string[], diffs: r.getDiffsList?.call(r) as string[] };
    },
    async create(urn, properties, preview = false) {
      const r = await call("create", message("CreateRequest", { setUrn: urn, setProperties: struct(properties), setPreview: preview }));
      return { id: String(r.getId?.call(r)), properties: props(r, "getProperties") };
    },
    async read(id, urn, properties, inputs) {
      // An import sends no properties at all (the engine's ReadRequest for `pulumi import`).
      const r = await call("read", message("ReadRequest", {
        setId: id, setUrn: urn, ...(properties === null ? {} : { setProperties: struct(properties) }), ...(inputs === undefined ? {} : { setInputs: struct(inputs) }),
      }));
      // No properties at all is how the engine learns that the resource does not exist.
      return { id: String(r.getId?.call(r)), properties: props(r, "getProperties"), inputs: props(r, "getInputs"), hasProperties: r.hasProperties?.call(r) === true };
    },
    async update(id, urn, olds, news, preview = false) {
      const r = await call("update", message("UpdateRequest", { setId: id, setUrn: urn, setOlds: struct(olds), setNews: struct(news), setPreview: preview }));
      return props(r, "getProperties");
    },
    async delete(id, urn, properties) {
      await call("delete", message("DeleteRequest", { setId: id, setUrn: urn, setProperties: struct(properties) }));
    },
    responses: () => received,
    stderr: plugin.stderr,
    async cancel() {
      await call("cancel", new Empty());
    },
    async close() {
      client.close();
      await plugin.close();
    },
  };
}
