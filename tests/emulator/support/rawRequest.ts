import { createHash, createHmac, randomUUID } from "node:crypto";
import { request, type Agent, type IncomingHttpHeaders } from "node:http";

/** An HTTP answer, read whole. */
export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  /** The body parsed as a JSON object. */
  json(): Record<string, unknown>;
}

/** What to send. `query` is encoded here; `rawQuery` wins when given. */
export interface RawRequestSpec {
  readonly method?: string;
  readonly path?: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Default `false`: a connection of its own, closed after the answer. */
  readonly agent?: Agent | false;
}

/** Independent RFC 3986 encoder for the tests (the emulator's own is not reused on purpose). */
export function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

function queryString(query: Readonly<Record<string, string>>): string {
  return Object.keys(query).sort().map((key) => `${rfc3986(key)}=${rfc3986(query[key] ?? "")}`).join("&");
}

/** Sends one request with node:http to 127.0.0.1:port. */
export function rawRequest(port: number, spec: RawRequestSpec): Promise<RawResponse> {
  const query = spec.query === undefined ? "" : queryString(spec.query);
  return new Promise((resolve, reject) => {
    const req = request({
      host: "127.0.0.1", port, method: spec.method ?? "GET", path: (spec.path ?? "/") + (query === "" ? "" : `?${query}`),
      headers: { ...spec.headers, ...(spec.body === undefined ? {} : { "content-length": String(Buffer.byteLength(spec.body)) }) },
      agent: spec.agent ?? false,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as Record<string, unknown> });
      });
    });
    req.on("error", reject);
    req.end(spec.body);
  });
}

/** `YYYY-MM-DDTHH:mm:ssZ`. */
export function acsDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** How to sign by hand with ACS3-HMAC-SHA256; the knobs break one rule each. */
export interface Acs3Spec {
  readonly port: number;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly action?: string;
  readonly method?: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly contentType?: string;
  /** Default: now. */
  readonly dateMs?: number;
  /** Default: a random UUID. */
  readonly nonce?: string;
  /** Extra headers, signed unless listed in `unsigned`. */
  readonly extraHeaders?: Readonly<Record<string, string>>;
  /** Header names sent but left out of SignedHeaders. */
  readonly unsigned?: readonly string[];
  /** Overrides the x-acs-content-sha256 sent. */
  readonly contentSha256?: string;
  /** Lists (and signs) the signed headers in reverse order instead of sorted. */
  readonly reverseSignedHeaders?: boolean;
  /** Standard headers left out entirely (neither sent nor signed). */
  readonly omit?: readonly string[];
}

/** Builds the headers of a hand-signed ACS3 request (as api-facts.md describes the scheme). */
export function signAcs3(spec: Acs3Spec): { headers: Record<string, string>; query: Record<string, string>; method: string; body?: string } {
  const method = spec.method ?? "GET";
  const body = spec.body ?? "";
  const query = { ...(spec.query ?? {}) };
  const headers: Record<string, string> = {
    host: `127.0.0.1:${spec.port}`,
    "x-acs-action": spec.action ?? "ListLiveMessageGroupByPage",
    "x-acs-version": "2016-11-01",
    "x-acs-date": acsDate(spec.dateMs ?? Date.now()),
    "x-acs-signature-nonce": spec.nonce ?? randomUUID(),
    "x-acs-content-sha256": spec.contentSha256 ?? createHash("sha256").update(body).digest("hex"),
    ...(spec.contentType === undefined ? {} : { "content-type": spec.contentType }),
    ...spec.extraHeaders,
  };
  for (const name of spec.omit ?? []) delete headers[name];
  const sorted = Object.keys(headers).filter((name) => !(spec.unsigned ?? []).includes(name)).sort();
  const signed = spec.reverseSignedHeaders === true ? sorted.reverse() : sorted;
  const canonicalHeaders = signed.map((name) => `${name}:${(headers[name] ?? "").trim()}\n`).join("");
  const canonicalRequest = [method, "/", queryString(query), canonicalHeaders, signed.join(";"), headers["x-acs-content-sha256"]].join("\n");
  const stringToSign = "ACS3-HMAC-SHA256\n" + createHash("sha256").update(canonicalRequest).digest("hex");
  const signature = createHmac("sha256", spec.accessKeySecret).update(stringToSign).digest("hex");
  headers["authorization"] = `ACS3-HMAC-SHA256 Credential=${spec.accessKeyId},SignedHeaders=${signed.join(";")},Signature=${signature}`;
  return { headers, query, method, ...(spec.body === undefined ? {} : { body: spec.body }) };
}

/** Adds the HMAC-SHA1 RPC signature fields to `params` and signs them by hand; an override of null leaves that field out. */
export function signHmacSha1(method: string, params: Readonly<Record<string, string>>, accessKeyId: string, accessKeySecret: string,
  overrides: Readonly<Record<string, string | null>> = {}): Record<string, string> {
  const all: Record<string, string> = {
    Format: "JSON", Version: "2016-11-01", AccessKeyId: accessKeyId, SignatureMethod: "HMAC-SHA1", SignatureVersion: "1.0",
    SignatureNonce: randomUUID(), Timestamp: acsDate(Date.now()), ...params,
  };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === null) delete all[name];
    else all[name] = value;
  }
  const stringToSign = `${method}&${rfc3986("/")}&${rfc3986(queryString(all))}`;
  return { ...all, Signature: createHmac("sha1", `${accessKeySecret}&`).update(stringToSign).digest("base64") };
}
