/**
 * Failures of the way to the service, over real HTTP against small local servers: what each is
 * called, whether it is retried, and that the message names the endpoint it came from.
 */
import assert from "node:assert/strict";
import { createServer, type RequestListener, type Server } from "node:http";
import type { Socket } from "node:net";
import { isLiveMessageGroupsError, listLiveMessageGroups, type LiveMessageGroupsError } from "../../sdk";
import type { ListLiveMessageGroupsOptions } from "../../sdk/types";
import { FakeClock } from "./fakeClock";
import { assertNoSecrets } from "./assertNoSecrets";

const SECRET = "net-secret-Pp4Oo3Ii2Uu1Yy0";

/** A plain-HTTP server on 127.0.0.1 answering with `handler`; `served` counts its requests. */
async function serve(handler: RequestListener): Promise<{ server: Server; url: string; served: () => number; close: () => Promise<void> }> {
  let count = 0;
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    count++;
    handler(request, response);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    server, url, served: () => count,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A listing of `endpoint` with immediate (recorded) backoff sleeps. */
function options(endpoint: string, extra: Partial<ListLiveMessageGroupsOptions> = {}): ListLiveMessageGroupsOptions {
  return {
    appId: "app", endpoint, credentials: { accessKeyId: `LTAInet${process.pid}${Math.random()}`, accessKeySecret: SECRET },
    requestsPerSecond: 10_000, clock: new FakeClock({ realTime: true, advanceOnSleep: false }), ...extra,
  };
}

async function failure(listing: ListLiveMessageGroupsOptions): Promise<LiveMessageGroupsError> {
  const error = await listLiveMessageGroups(listing).catch((e: unknown) => e);
  assert.ok(isLiveMessageGroupsError(error), String(error));
  assertNoSecrets(error, [SECRET]);
  return error;
}

describe("network failures (real HTTP)", function () {
  this.timeout(30_000);

  it("an answer that starts (200, headers, a first byte) and then stalls is the request timeout, retried as one, not a reset", async () => {
    const stalled = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "x-acs-request-id": "STALL-1" });
      response.write("{");
    });
    try {
      const error = await failure(options(stalled.url, { maxAttempts: 2, requestTimeoutMs: 150 }));
      assert.deepEqual([error.kind, error.code, error.httpStatus, error.requestId, error.attempts, stalled.served()], ["Timeout", "RequestTimeout", 200, "STALL-1", 2, 2]);
      assert.match(error.message, /^No complete answer within requestTimeoutMs until retries ran out: the endpoint stopped sending mid-answer: its body did not finish within requestTimeoutMs \(endpoint http:\/\/127\.0\.0\.1:\d+\) \(code RequestTimeout, HTTP 200, RequestId STALL-1, 2 attempts\)\.$/);
      assert.doesNotMatch(error.message, /ECONNRESET|aborted/);
    } finally {
      await stalled.close();
    }
  });

  it("a reset by the server mid-body stays a network failure (ECONNRESET), and names the endpoint", async () => {
    const cut = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": "5000" });
      response.write('{"RequestId":"R');
      setImmediate(() => response.socket?.destroy());
    });
    try {
      const error = await failure(options(cut.url, { maxAttempts: 2, requestTimeoutMs: 5_000 }));
      assert.deepEqual([error.kind, error.code, error.attempts], ["Network", "ECONNRESET", 2]);
      assert.ok(error.message.includes(`aborted (endpoint ${cut.url}) (code ECONNRESET`), error.message);
    } finally {
      await cut.close();
    }
  });

  it("https:// to a plain-HTTP server on loopback (OpenSSL's EPROTO wrong version number): not retried, saying it does not speak TLS and to write http://", async () => {
    const plain = await serve((_request, response) => response.end("{}"));
    try {
      const error = await failure(options(plain.url.replace("http://", "https://"), { maxAttempts: 3 }));
      assert.deepEqual([error.kind, error.code, error.attempts], ["Network", "EPROTO", 1]);
      assert.match(error.message, /^Network failure talking to the endpoint: the server at this loopback endpoint does not speak TLS \(for a local emulator, write the endpoint as http:\/\/host:port\): it answered the TLS handshake with something else, such as plain HTTP \(OpenSSL: wrong version number\) \(while sending GET https:\/\/127\.0\.0\.1:\d+\/\) \(code EPROTO/);
      assert.doesNotMatch(error.message, /ssl3_get_record|openssl\/ssl/);
    } finally {
      await plain.close();
    }
  });

  it("pages that are not the service's (a proxy's HTML 407, a gateway's HTML 502, a login page's HTML 200) name the endpoint that sent them", async () => {
    let status = 407;
    const page = await serve((_request, response) => {
      response.writeHead(status, { "content-type": "text/html" });
      response.end(`<html>${status}</html>`);
    });
    try {
      for (const [pageStatus, kind] of [[407, "ClientError"], [502, "ServerError"], [200, "InvalidResponse"]] as const) {
        status = pageStatus;
        const error = await failure(options(page.url, { maxAttempts: 2 }));
        assert.deepEqual([error.kind, error.httpStatus], [kind, pageStatus]);
        assert.ok(error.message.includes(`(endpoint ${page.url})`), error.message);
      }
    } finally {
      await page.close();
    }
  });
});
