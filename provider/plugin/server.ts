/**
 * Serves the provider plugin with `@pulumi/pulumi/provider`'s `main`, completing the four RPCs its
 * server leaves out. This is the only file that touches Pulumi's server.
 *
 * Pulumi's server (3.248 and current source) answers CheckConfig and DiffConfig with
 * UNIMPLEMENTED, ignores the variables of Configure (and does not declare preview support), does
 * not pass the preview flag to Create and Update, and fails every import in Read (it reads the
 * request's properties, which an import does not send). `main` builds the server internally, so the
 * handlers are replaced on the implementation object while `main` registers it: `addService` of
 * Pulumi's own copy of grpc-js is wrapped for that one synchronous registration only. Invoke is
 * replaced too, and the results of Invoke, Create, Read and Update are encoded without
 * google-protobuf's Struct objects (see {@link withStructFields}), as the stored outputs that Diff,
 * Read and Update receive are decoded (see {@link withStructDecoding}).
 *
 * The listings' warnings (a Redis quota that fell back) go to the engine's log, attached to the
 * resource that listed (see engineLog.ts); every operation answers after its warnings were sent.
 */
// First (whatever entry loads the server): DEBUG must exclude httpx and ioredis before they load `debug`.
import "../../sdk/transport/quietDebug";
import { dirname } from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import type { Provider } from "@pulumi/pulumi/provider";
import { escapeControl, isLiveMessageGroupsError } from "../../sdk/errors";
import { ProxySettingError, routeThroughEnvironmentProxy } from "../../sdk/transport/environmentProxy";
import { assertProxyUsableFor } from "../../sdk/transport/proxySetting";
import { EngineLog, engineAddressOf } from "./engineLog";
import { LiveMessageGroupsPlugin } from "./pluginProvider";
import type { Props } from "./propertyValues";
import { buildSchema, packageVersion } from "./schema";
import { type KeptFields, splitStructFields } from "./structDecoding";
import { encodeWithStructFields } from "./structEncoding";

// Every gRPC and protobuf module is resolved from @pulumi/pulumi's own tree, so that message
// classes and the Server class are the very ones `main` uses.
const PULUMI_DIR = dirname(require.resolve("@pulumi/pulumi/package.json"));
const fromPulumi = <T>(id: string): T => require(require.resolve(id, { paths: [PULUMI_DIR] })) as T;

type Grpc = typeof grpcTypes;
/**
 * What {@link protocolError} needs of `@grpc/grpc-js`, written out: a public declaration naming that
 * package would not resolve where it is not hoisted (it comes with @pulumi/pulumi, not with this package).
 */
export interface GrpcMetadataModule {
  readonly Metadata: new () => { set(key: string, value: string): void };
}
type ProviderPb = typeof providerPb;
interface StructModule { Struct: { fromJavaScript(value: Props): unknown } }
interface ProtoStruct { toJavaScript(): Props }
type Callback = (error: Error | null, response?: unknown) => void;
type Handler<Request> = (call: { request: Request }, callback: Callback) => void;
/** The handlers this file supplies, by their name on the service implementation. */
interface Overrides {
  checkConfig: Handler<providerPb.CheckRequest>;
  diff: Handler<providerPb.DiffRequest>;
  diffConfig: Handler<providerPb.DiffRequest>;
  configure: Handler<providerPb.ConfigureRequest>;
  create: Handler<providerPb.CreateRequest>;
  update: Handler<providerPb.UpdateRequest>;
  read: Handler<providerPb.ReadRequest>;
  invoke: Handler<providerPb.InvokeRequest>;
  attach: Handler<{ getAddress(): string }>;
}

/** Metadata keys of the error facts a protocol error carries next to its message. */
export const ERROR_METADATA = { kind: "lmg-kind", code: "lmg-code", requestId: "lmg-request-id", httpStatus: "lmg-http-status" } as const;

/**
 * Serves the plugin: binds 127.0.0.1 on a free port and prints the port on stdout, as the engine
 * expects. `args` are the plugin's command-line arguments (the engine's address, possibly after
 * logging flags).
 */
export async function servePlugin(args: readonly string[], plugin: LiveMessageGroupsPlugin = new LiveMessageGroupsPlugin()): Promise<void> {
  // HTTPS_PROXY / HTTP_PROXY / NO_PROXY, which the Alibaba Cloud client library ignores by itself
  // (the engine's gRPC is HTTP/2, which this leaves alone). The plugin's process is its own.
  try {
    routeThroughEnvironmentProxy(process.env);
  } catch (error) {
    if (!(error instanceof ProxySettingError)) throw error;
    // A proxy value that cannot be used routes nothing, and fails only the listings whose requests
    // would go through it (as in the CLI): the plugin still starts, so its schema, a destroy and
    // listings of a loopback or NO_PROXY endpoint work. Exiting here failed every Pulumi command
    // that starts the plugin ("exited prematurely. This is *always* a bug in the provider").
    const env = process.env;
    plugin.setListingGuard((options) => assertProxyUsableFor(env, options.endpoint));
  }
  const { main } = fromPulumi<typeof import("@pulumi/pulumi/provider")>("@pulumi/pulumi/provider");
  const grpc = fromPulumi<Grpc>("@grpc/grpc-js");
  const services = fromPulumi<{ ResourceProviderService: unknown }>("@pulumi/pulumi/proto/provider_grpc_pb");
  const engineLog = new EngineLog(engineAddressOf(args));
  plugin.setWarningSink((message, urn) => engineLog.warn(message, urn));
  plugin.setProgressSink((text, urn) => engineLog.progress(text, urn));
  const prototype = grpc.Server.prototype;
  const addService = prototype.addService;
  prototype.addService = function (this: grpcTypes.Server, service, implementation) {
    if (service === services.ResourceProviderService) {
      const stockAttach = (implementation as { attach: Handler<{ getAddress(): string }> }).attach.bind(implementation);
      Object.assign(implementation, overrides(plugin, grpc, engineLog), {
        attach: ((call, callback) => {
          engineLog.attach(call.request.getAddress());
          stockAttach(call, callback);
        }) satisfies Overrides["attach"],
      });
      return addService.call(this, withStructDecoding(service), implementation);
    }
    return addService.call(this, service, implementation);
  };
  try {
    const version = packageVersion();
    await main(providerFor(plugin, grpc, version, engineLog), [...args]);
  } finally {
    prototype.addService = addService;
  }
}

/** The operations `main`'s own handlers call, with errors converted for the protocol. */
function providerFor(plugin: LiveMessageGroupsPlugin, grpc: Grpc, version: string, engineLog: EngineLog): Provider {
  const guard = async <T>(operation: () => T | Promise<T>): Promise<T> => {
    try {
      return await operation();
    } catch (error) {
      throw protocolError(error, grpc);
    } finally {
      await engineLog.flush();
    }
  };
  return {
    version,
    schema: JSON.stringify(buildSchema(version)),
    check: (urn, _olds, news: Props) => guard(async () => {
      const checked = await plugin.check(urn, news);
      return { inputs: checked.inputs, failures: forTheEngine(checked.failures) };
    }),
    delete: (_id, urn) => guard(() => plugin.delete(urn)),
    cancel: () => guard(() => plugin.cancel()),
  };
}

/**
 * Check failures as the engine gets them: without a property. For a failure naming a property the
 * engine prints that input's value ("property nameRegex value {&{{...}}} has a problem"), a secret
 * one (a secret `nameRegex`, an explicit provider's `secretKey`, a `redisUrl` with its password)
 * included; without one it prints the reason alone ("resource 'w' has a problem: nameRegex: ..."),
 * and every reason names its argument or key.
 */
export function forTheEngine(list: readonly { property: string; reason: string }[]): { property: string; reason: string }[] {
  return list.map((f) => ({ property: "", reason: f.reason }));
}

/**
 * `message` serialized with the Struct fields `structs` (`[fieldNumber, value]`, by field number,
 * each above every field set on `message`) encoded by {@link encodeWithStructFields}: the bytes
 * google-protobuf writes for `message` with those fields set through `Struct.fromJavaScript`,
 * without the message objects (2.5 GB at 100,000 groups of `detail: "full"`, see structEncoding.ts).
 * Encoded now, so that a value a Struct cannot hold fails the operation, not gRPC's serializer.
 */
export function withStructFields<M extends { serializeBinary(): Uint8Array }>(message: M, structs: readonly (readonly [field: number, value: Props])[]): M {
  const bytes = encodeWithStructFields(message.serializeBinary(), structs);
  return Object.assign(message, { serializeBinary: (): Uint8Array => bytes });
}

/** Field numbers of the Struct fields of provider.proto's responses written by {@link withStructFields}. */
const STRUCT_FIELDS = {
  invokeReturn: 1,
  createProperties: 2,
  readProperties: 2,
  readInputs: 3,
  updateProperties: 1,
} as const;

/** Field numbers of the Struct fields of provider.proto's requests read by {@link withStructDecoding}. */
const REQUEST_STRUCT_FIELDS = {
  diffOlds: 3,
  diffNews: 4,
  readProperties: 3,
  readInputs: 4,
  updateOlds: 3,
  updateNews: 4,
} as const;

/**
 * The methods whose requests carry stored outputs, those Struct fields, and what google-protobuf
 * reads in their other fields (provider.proto as @pulumi/pulumi ships it: strings, oldInputs, views).
 */
export const DECODED_REQUESTS: Readonly<Record<"diff" | "read" | "update", { readonly fields: ReadonlySet<number>; readonly kept: KeptFields }>> = {
  diff: {
    fields: new Set([REQUEST_STRUCT_FIELDS.diffOlds, REQUEST_STRUCT_FIELDS.diffNews]),
    // id, urn, ignoreChanges, name, type; oldInputs
    kept: { strings: new Set([1, 2, 5, 7, 8]), structs: new Set([6]) },
  },
  read: {
    fields: new Set([REQUEST_STRUCT_FIELDS.readProperties, REQUEST_STRUCT_FIELDS.readInputs]),
    // id, urn, name, type, resourceStatusAddress, resourceStatusToken; oldViews
    kept: { strings: new Set([1, 2, 5, 6, 7, 8]), messages: new Set([9]) },
  },
  update: {
    fields: new Set([REQUEST_STRUCT_FIELDS.updateOlds, REQUEST_STRUCT_FIELDS.updateNews]),
    // id, urn, ignoreChanges, name, type, resourceStatusAddress, resourceStatusToken; oldInputs; oldViews
    kept: { strings: new Set([1, 2, 6, 9, 10, 11, 12]), structs: new Set([8]), messages: new Set([13]) },
  },
};

/** The Struct fields {@link withStructDecoding} read, by request message. */
const decodedStructs = new WeakMap<object, ReadonlyMap<number, Props>>();

/** A gRPC service definition, as far as {@link withStructDecoding} reads it. */
type ServiceDefinition = Record<string, { requestDeserialize: (bytes: Buffer) => unknown }>;

/**
 * The provider service with the requests of Diff, Read and Update read without google-protobuf's
 * Struct objects for their stored outputs and inputs (see structDecoding.ts: 1.1 GB for a refresh at
 * 100,000 groups of `detail: "full"`). Their other fields, and bytes the decoder leaves alone, are
 * read by the stock deserializer; {@link requestStruct} gives a field either way.
 */
export function withStructDecoding<S extends object>(service: S): S {
  const definition = service as unknown as ServiceDefinition;
  const decoding: ServiceDefinition = { ...definition };
  for (const [method, { fields, kept }] of Object.entries(DECODED_REQUESTS)) {
    const stock = definition[method];
    if (stock === undefined) throw new Error(`the provider service has no method ${method}`);
    decoding[method] = {
      ...stock,
      requestDeserialize: (bytes: Buffer): unknown => {
        const split = splitStructFields(bytes, fields, kept);
        if (split === undefined) return stock.requestDeserialize(bytes);
        const message = stock.requestDeserialize(split.rest) as object;
        decodedStructs.set(message, split.structs);
        return message;
      },
    };
  }
  return decoding as unknown as S;
}

/**
 * A request's Struct field `field` as a plain object (`undefined` when the request has none), read
 * by {@link withStructDecoding} or else by google-protobuf through `stock`.
 */
export function requestStruct(request: object, field: number, stock: () => ProtoStruct | undefined): Props | undefined {
  const decoded = decodedStructs.get(request);
  if (decoded !== undefined) return decoded.get(field);
  return stock()?.toJavaScript();
}

/** Handlers replacing the ones `main`'s server lacks or gets wrong. */
function overrides(plugin: LiveMessageGroupsPlugin, grpc: Grpc, engineLog: EngineLog): Omit<Overrides, "attach"> {
  const pb = fromPulumi<ProviderPb>("@pulumi/pulumi/proto/provider_pb");
  const { Struct } = fromPulumi<StructModule>("google-protobuf/google/protobuf/struct_pb");
  const struct = (value: Props): never => Struct.fromJavaScript(value) as never;
  const props = (message: unknown): Props => (message === undefined ? {} : (message as ProtoStruct).toJavaScript());
  const answer = <Request>(handle: (request: Request) => unknown): Handler<Request> => (call, callback) => {
    const handled = Promise.resolve().then(() => handle(call.request));
    // Answered after the warnings of the operation's listings reached the engine.
    handled.then(() => engineLog.flush(), () => engineLog.flush()).then(() => handled).then(
      (response) => callback(null, response),
      (error: unknown) => {
        // The call is answered whatever happens while converting the error (else the engine waits forever).
        let converted: Error;
        try {
          converted = protocolError(error, grpc);
        } catch {
          converted = error instanceof Error ? error : new Error(String(error));
        }
        callback(converted);
      },
    );
  };
  const failures = (list: readonly { property: string; reason: string }[]): providerPb.CheckFailure[] => forTheEngine(list).map((f) => {
    const failure = new pb.CheckFailure();
    failure.setProperty(f.property);
    failure.setReason(f.reason);
    return failure;
  });
  return {
    checkConfig: answer((req) => {
      const checked = plugin.checkConfig(props(req.getNews()));
      return new pb.CheckResponse().setInputs(struct(checked.inputs)).setFailuresList(failures(checked.failures));
    }),
    // The stock handler drops the changed keys; the engine applies `replaceOnChanges` to them.
    diff: answer(async (req) => {
      const olds = requestStruct(req, REQUEST_STRUCT_FIELDS.diffOlds, () => req.getOlds());
      const news = requestStruct(req, REQUEST_STRUCT_FIELDS.diffNews, () => req.getNews());
      const diff = await plugin.diff(req.getId(), req.getUrn(), olds ?? {}, news ?? {});
      const changes = diff.changes ? pb.DiffResponse.DiffChanges.DIFF_SOME : pb.DiffResponse.DiffChanges.DIFF_NONE;
      return new pb.DiffResponse().setChanges(changes).setReplacesList(diff.replaces).setDiffsList(diff.diffs).setDeletebeforereplace(false);
    }),
    diffConfig: answer((req) => {
      const changed = plugin.diffConfig(props(req.getOlds()), props(req.getNews()));
      const changes = changed.length > 0 ? pb.DiffResponse.DiffChanges.DIFF_SOME : pb.DiffResponse.DiffChanges.DIFF_NONE;
      return new pb.DiffResponse().setChanges(changes).setDiffsList(changed);
    }),
    configure: answer((req) => {
      plugin.configure(req.hasArgs() ? props(req.getArgs()) : undefined, Object.fromEntries(req.getVariablesMap().entries()));
      return new pb.ConfigureResponse().setAcceptsecrets(true).setSupportspreview(true).setAcceptresources(true).setAcceptoutputs(false);
    }),
    // The result (groups of "full", ID lists) is encoded straight to bytes: see withStructFields.
    invoke: answer(async (req) => {
      let outputs: Props;
      try {
        outputs = await plugin.invoke(req.getTok(), props(req.getArgs()));
      } catch (error) {
        // As the stock handler did: the error on stderr too.
        const converted = protocolError(error, grpc);
        console.error(`${String(converted)}: ${converted.stack ?? ""}`);
        throw converted;
      }
      return withStructFields(new pb.InvokeResponse(), [[STRUCT_FIELDS.invokeReturn, outputs]]);
    }),
    create: answer(async (req) => {
      const created = await plugin.create(req.getUrn(), props(req.getProperties()), req.getPreview());
      return withStructFields(new pb.CreateResponse().setId(created.id), [[STRUCT_FIELDS.createProperties, created.outputs]]);
    }),
    update: answer(async (req) => {
      const olds = requestStruct(req, REQUEST_STRUCT_FIELDS.updateOlds, () => req.getOlds());
      const news = requestStruct(req, REQUEST_STRUCT_FIELDS.updateNews, () => req.getNews());
      const outputs = await plugin.update(req.getId(), req.getUrn(), olds ?? {}, news ?? {}, req.getPreview());
      return withStructFields(new pb.UpdateResponse(), [[STRUCT_FIELDS.updateProperties, outputs]]);
    }),
    // A refresh sends the stored outputs; an import sends none (the stock handler crashed on that).
    // A resource that is gone is answered without properties: the engine reads no properties as
    // "does not exist" (an empty map would import an empty resource).
    read: answer(async (req) => {
      // A refresh also sends the stored inputs: which arguments are secret (see LiveMessageGroupsPlugin.read).
      const properties = requestStruct(req, REQUEST_STRUCT_FIELDS.readProperties, () => req.getProperties());
      const inputs = requestStruct(req, REQUEST_STRUCT_FIELDS.readInputs, () => req.getInputs());
      const read = await plugin.read(req.getId(), req.getUrn(), properties ?? {}, inputs);
      if (read.id === "") return new pb.ReadResponse().setId("");
      return withStructFields(new pb.ReadResponse().setId(read.id), [[STRUCT_FIELDS.readProperties, read.outputs], [STRUCT_FIELDS.readInputs, read.inputs]]);
    }),
  };
}

/**
 * Text as a gRPC metadata value may hold it (printable ASCII only; grpc-js throws on anything else):
 * control characters as {@link escapeControl} writes them, other characters outside ASCII as `\uXXXX`.
 * The service's code and RequestId are ASCII in practice; a proxy's need not be.
 */
export function metadataText(text: string): string {
  return escapeControl(text).replace(/[^\u0020-\u007e]/g, (char) => "\\u" + char.charCodeAt(0).toString(16).padStart(4, "0"));
}

/**
 * An error as the protocol carries it: the message is `<kind>: <message>` (the message already
 * names the code, HTTP status, RequestId and the advice), and the facts travel as metadata too.
 */
export function protocolError(error: unknown, grpc: GrpcMetadataModule): Error {
  if (!isLiveMessageGroupsError(error)) return error instanceof Error ? error : new Error(String(error));
  const metadata = new grpc.Metadata();
  metadata.set(ERROR_METADATA.kind, error.kind);
  if (error.code !== null) metadata.set(ERROR_METADATA.code, metadataText(error.code));
  if (error.requestId !== null) metadata.set(ERROR_METADATA.requestId, metadataText(error.requestId));
  if (error.httpStatus !== null) metadata.set(ERROR_METADATA.httpStatus, String(error.httpStatus));
  return Object.assign(new Error(`${error.kind}: ${error.message}`), { metadata });
}
