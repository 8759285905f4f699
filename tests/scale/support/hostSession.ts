/**
 * One `LiveMessageGroups` resource driven through a fresh Pulumi dynamic-provider host, the way the
 * engine drives it: Configure, Check, Create, then Read with the stored outputs. Shared by the
 * scale suite and `npm run bench`, so both measure the same path.
 */
import * as pulumi from "@pulumi/pulumi";
import { liveMessageGroupsShim } from "../../../provider/dynamic/shim";
import { MAX_REQUESTS_PER_SECOND } from "../../../sdk";
import type { Detail } from "../../../provider/types";
import { makeProjectDir, startProviderHost, type ProviderHost, type ProviderHostOptions } from "../../provider/support/providerHost";

/** Stored outputs of a resource, as the host returns them. */
export type Outputs = Record<string, unknown>;

/** The closure serializer's text of a provider object, as `dynamic.Resource` stores it in `__provider`. */
export async function serializedProvider(provider: pulumi.dynamic.ResourceProvider = liveMessageGroupsShim): Promise<string> {
  return (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
}

/**
 * Bytes of a resource's entry in the state, as the engine stores it: the inputs Check returned and
 * the outputs, each with the serialized provider (`__provider`) that every dynamic resource carries
 * in both. The URN, type and parent the engine adds depend on the program, not on this package.
 */
export function stateBytes(inputs: Outputs, outputs: Outputs): number {
  return Buffer.byteLength(JSON.stringify({ inputs, outputs }));
}

/** A host with the project directory it runs in. */
export interface HostSession {
  readonly host: ProviderHost;
  /** The inputs Check returned (what Create gets). */
  readonly inputs: Outputs;
  /** How long Check took, ms (it lists the app, and the Create that follows reuses that listing). */
  readonly checkMs: number;
  close(): Promise<void>;
}

/** Starts a host, configures it and checks the inputs of a resource reading `appId` with `detail`. */
export async function openHostSession(options: {
  readonly config: Record<string, string>;
  readonly appId: string;
  readonly detail: Detail;
  readonly providerText: string;
  readonly env?: Record<string, string>;
  readonly host?: ProviderHostOptions;
}): Promise<HostSession> {
  const project = makeProjectDir();
  let host: ProviderHost | undefined;
  try {
    host = await startProviderHost(project.dir, options.env ?? {}, options.host ?? {});
    await host.configure(options.config);
    // The client-side limit at its highest (MAX_REQUESTS_PER_SECOND): the emulator has none, and 500,000 groups at 50 calls/s take 200 s.
    const news = { appId: options.appId, detail: options.detail, requestsPerSecond: MAX_REQUESTS_PER_SECOND, __provider: options.providerText };
    const { value: checked, ms: checkMs } = await timed(() => (host as ProviderHost).check({}, news));
    if (checked.failures.length > 0) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
    const started = host;
    return {
      host: started,
      inputs: checked.inputs,
      checkMs,
      async close() {
        await started.close();
        project.remove();
      },
    };
  } catch (error) {
    await host?.close();
    project.remove();
    throw error;
  }
}

/** Runs `operation` and returns its result with the wall time it took, in ms. */
export async function timed<T>(operation: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = process.hrtime.bigint();
  const value = await operation();
  return { value, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}
