/**
 * Warnings of the plugin's listings as the engine shows them: a warning diagnostic through the
 * engine's Log RPC, attached to the resource that listed (an invoke has none: a warning of the
 * update). The engine hides a provider plugin's stderr ("Hiding logs from ..."), so the sdk's
 * default sink (one line on stderr) never reached a YAML, Python, Go or C# user.
 *
 * The engine's address is the plugin's first argument (after the logging flags the engine may
 * prepend), or the one Attach brings. Pulumi's `pulumi.log` is not used: it needs the runtime's
 * global settings, which `main`'s server sets for Construct and Call only, and a Resource object
 * rather than a URN. Without an address, or when the engine does not take the message, the warning
 * goes to stderr as the sdk's default sink writes it.
 *
 * Progress notes of long listings go the same way, as ephemeral info (see {@link EngineLog.progress}).
 */
import { dirname } from "node:path";

const PULUMI_DIR = dirname(require.resolve("@pulumi/pulumi/package.json"));
const fromPulumi = <T>(id: string): T => require(require.resolve(id, { paths: [PULUMI_DIR] })) as T;

/** How long a warning may take to reach the engine before the operation answers anyway. */
const FLUSH_LIMIT_MS = 5_000;
/** A Log call the engine has not answered by then goes to stderr instead. */
const LOG_DEADLINE_MS = 30_000;

interface LogRequest {
  setSeverity(severity: number): LogRequest;
  setMessage(message: string): LogRequest;
  setUrn(urn: string): LogRequest;
  setStreamid(id: number): LogRequest;
  setEphemeral(ephemeral: boolean): LogRequest;
}
interface EngineProto { LogRequest: new () => LogRequest; LogSeverity: { INFO: number; WARNING: number } }
interface EngineClient { log(request: LogRequest, options: { deadline: number }, callback: (error: Error | null) => void): void; close(): void }
interface EngineGrpc { EngineClient: new (address: string, credentials: unknown, options: Record<string, unknown>) => EngineClient }
interface GrpcCredentials { credentials: { createInsecure(): unknown } }

/** The address the engine gives a plugin on its command line: the first argument that is not a logging flag. */
export function engineAddressOf(args: readonly string[]): string | undefined {
  // The flags Pulumi's own `main` skips (provider/internals parseArgs).
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--logtostderr" || arg.startsWith("-v=")) continue;
    if (arg === "--tracing") {
      i += 1;
      continue;
    }
    return arg === "" ? undefined : arg;
  }
  return undefined;
}

/** Sends warnings to the engine's log; see the file comment. */
export class EngineLog {
  private address: string | undefined;
  private client: EngineClient | undefined;
  private readonly pending = new Set<Promise<void>>();

  constructor(address: string | undefined) {
    this.address = address;
  }

  /** The engine's Attach (a provider started for debugging) brings the engine's address. */
  attach(address: string): void {
    if (address === "" || address === this.address) return;
    this.client?.close();
    this.client = undefined;
    this.address = address;
  }

  /** One warning diagnostic, attached to `urn` ("" for none). The message is sent as given (already escaped and scrubbed). */
  warn(message: string, urn: string): void {
    const client = this.engine();
    if (client === undefined) return warnOnStderr(message);
    const delivered = new Promise<void>((resolve) => {
      const failed = (): void => {
        warnOnStderr(message);
        resolve();
      };
      this.send(client, "WARNING", message, urn, false, resolve, failed);
    });
    this.pending.add(delivered);
    void delivered.then(() => this.pending.delete(delivered));
  }

  /**
   * One progress note, attached to `urn` ("" for none): an ephemeral info diagnostic, which Pulumi
   * shows in the resource's row while the step runs (a line in a non-interactive display) and does
   * not keep among the update's diagnostics. Lost without an engine, and not waited for by
   * {@link flush}: a note that arrives after its step is of no use.
   */
  progress(text: string, urn: string): void {
    const client = this.engine();
    if (client !== undefined) this.send(client, "INFO", text, urn, true, () => undefined, () => undefined);
  }

  private send(client: EngineClient, severity: "INFO" | "WARNING", message: string, urn: string, ephemeral: boolean,
    sent: () => void, failed: () => void): void {
    try {
      const { LogRequest, LogSeverity } = fromPulumi<EngineProto>("@pulumi/pulumi/proto/engine_pb");
      const request = new LogRequest().setSeverity(LogSeverity[severity]).setMessage(message).setUrn(urn).setStreamid(0).setEphemeral(ephemeral);
      client.log(request, { deadline: Date.now() + LOG_DEADLINE_MS }, (error) => (error ? failed() : sent()));
    } catch {
      failed();
    }
  }

  /**
   * Resolves once the warnings sent so far reached the engine (or stderr), at most after
   * {@link FLUSH_LIMIT_MS}: an operation answers after its warnings, so that the engine shows them
   * with the step rather than losing them when it shuts the plugin down.
   */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => { timer = setTimeout(resolve, FLUSH_LIMIT_MS); });
    try {
      await Promise.race([Promise.all([...this.pending]), limit]);
    } finally {
      clearTimeout(timer);
    }
  }

  private engine(): EngineClient | undefined {
    if (this.address === undefined) return undefined;
    if (this.client === undefined) {
      const grpc = fromPulumi<GrpcCredentials>("@grpc/grpc-js");
      const { EngineClient } = fromPulumi<EngineGrpc>("@pulumi/pulumi/proto/engine_grpc_pb");
      // The engine is on loopback: never through the proxy of https_proxy / grpc_proxy, which
      // grpc-js would otherwise use for it unless no_proxy names the address.
      this.client = new EngineClient(this.address, grpc.credentials.createInsecure(), { "grpc.enable_http_proxy": 0 });
    }
    return this.client;
  }
}

/** The sdk's default sink: one line on stderr (which the engine hides from the user). */
function warnOnStderr(message: string): void {
  process.stderr.write(`${message}\n`);
}
