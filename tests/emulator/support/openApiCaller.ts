import { createRequire } from "node:module";
import * as OpenApi from "@alicloud/openapi-client";

/** The slice of tea-util's RuntimeOptions the tests set. */
type RuntimeOptions = Parameters<OpenApi.default["callApi"]>[2];
interface RuntimeOptionsModule {
  RuntimeOptions: new (map: { readTimeout?: number; connectTimeout?: number }) => RuntimeOptions;
}
// tea-util is openapi-client's own pinned dependency: resolve that copy rather than adding one.
const util = createRequire(require.resolve("@alicloud/openapi-client"))("@alicloud/tea-util") as RuntimeOptionsModule;

/** Key pair the client signs with. */
export interface CallerCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
}

/** Per-call options. */
export interface CallOptions {
  /** Default GET for List, POST for the others (as the official SDK does). */
  readonly method?: "GET" | "POST";
  /** Read timeout, ms. Default 3000 (the client's own default). */
  readonly readTimeout?: number;
}

/** Calls one action through the real openapi-client; resolves with the JSON body. */
export type Caller = (action: string, query: Record<string, string>, options?: CallOptions) => Promise<Record<string, unknown>>;

/**
 * A caller driving the REAL `@alicloud/openapi-client` over HTTP, configured as api-facts.md
 * describes: endpoint `host:port`, protocol HTTP, callApi with RPC style and every parameter in the
 * query. `v2` selects the client's HMAC-SHA1 query signature instead of ACS3-HMAC-SHA256.
 */
export function createCaller(endpoint: string, credentials: CallerCredentials, signature: "v3" | "v2" = "v3"): Caller {
  const client = new OpenApi.default(new OpenApi.Config({
    endpoint,
    protocol: "HTTP",
    accessKeyId: credentials.accessKeyId,
    accessKeySecret: credentials.accessKeySecret,
    ...(credentials.securityToken === undefined ? {} : { securityToken: credentials.securityToken }),
    ...(signature === "v2" ? { signatureAlgorithm: "v2" } : {}),
  }));
  return async (action, query, options = {}) => {
    const method = options.method ?? (action.startsWith("List") ? "GET" : "POST");
    const runtime = new util.RuntimeOptions({ readTimeout: options.readTimeout ?? 3000, connectTimeout: 3000 });
    const request = new OpenApi.OpenApiRequest({ query });
    if (signature === "v2") {
      const response = await client.doRPCRequest(action, "2016-11-01", "HTTP", method, "AK", "json", request, runtime);
      return response["body"] as Record<string, unknown>;
    }
    const params = new OpenApi.Params({
      action, version: "2016-11-01", protocol: "HTTP", pathname: "/", method, authType: "AK", style: "RPC",
      reqBodyType: "formData", bodyType: "json",
    });
    const response = await client.callApi(params, request, runtime);
    return response["body"] as Record<string, unknown>;
  };
}

/** The error a promise rejects with, as a record (openapi-client errors are plain-ish objects). */
export async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error("expected the call to fail, it succeeded");
}
