import type { IncomingHttpHeaders, IncomingMessage } from "node:http";

/** Largest request body read, bytes: the API's requests are a few hundred bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** An HTTP request, read and parsed once. */
export interface IncomingCall {
  readonly method: string;
  /** Path as sent (still percent-encoded), without the query. */
  readonly path: string;
  /** Decoded query pairs in the order sent (the signatures canonicalize them). */
  readonly queryPairs: readonly (readonly [string, string])[];
  /** Decoded form-body pairs (only for `application/x-www-form-urlencoded`). */
  readonly formPairs: readonly (readonly [string, string])[];
  readonly body: Buffer;
  readonly headers: IncomingHttpHeaders;
  /** Query and form parameters by name, first occurrence wins (query before body). */
  readonly params: Readonly<Record<string, string>>;
}

/** Reads the whole request; resolves null when the body exceeds {@link MAX_BODY_BYTES}. */
export function readCall(request: IncomingMessage): Promise<IncomingCall | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on("error", reject);
    request.on("end", () => resolve(tooLarge ? null : parseCall(request, Buffer.concat(chunks))));
  });
}

function parseCall(request: IncomingMessage, body: Buffer): IncomingCall {
  const url = request.url ?? "/";
  const mark = url.indexOf("?");
  const path = mark < 0 ? url : url.slice(0, mark);
  const queryPairs = mark < 0 ? [] : [...new URLSearchParams(url.slice(mark + 1))];
  const contentType = request.headers["content-type"] ?? "";
  const formPairs = contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")
    ? [...new URLSearchParams(body.toString("utf8"))]
    : [];
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of [...queryPairs, ...formPairs]) {
    if (!(name in params)) params[name] = value;
  }
  return { method: request.method ?? "GET", path, queryPairs, formPairs, body, headers: request.headers, params };
}
