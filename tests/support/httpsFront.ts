/**
 * The service's HTTPS endpoint as a client behind a proxy reaches it, for tests: a TLS front (the
 * test certificate for live.aliyuncs.com, trusted through NODE_EXTRA_CA_CERTS) of a plain-HTTP
 * emulator, and an HTTP proxy that tunnels every CONNECT to it. Nothing resolves live.aliyuncs.com
 * here, so only a request that goes through the proxy reaches the front.
 */
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { connect, type AddressInfo, type Server, type Socket } from "node:net";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createSecureContext, createServer as createTlsServer } from "node:tls";

export const TLS_DIR = resolve(__dirname, "../../../tests/fixtures/tls");

export const portOf = (server: Server | HttpServer): number => (server.address() as AddressInfo).port;

export const listening = async <S extends Server | HttpServer>(server: S): Promise<S> => {
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return server;
};

/**
 * A TLS front of `targetPort` on loopback with the test certificate for live.aliyuncs.com. With
 * `handshakeDelayMs`, each handshake waits that long for the certificate (a client sees a slow TLS
 * set-up, as across a network); the client must name the host (SNI), as Node's does for a host name.
 */
export function tlsFront(targetPort: number, handshakeDelayMs = 0): Promise<Server> {
  const key = readFileSync(join(TLS_DIR, "key.pem"));
  const cert = readFileSync(join(TLS_DIR, "cert.pem"));
  const context = createSecureContext({ key, cert });
  return listening(createTlsServer({
    key, cert,
    ...(handshakeDelayMs > 0 ? { SNICallback: (_name: string, done: (error: Error | null, ctx: typeof context) => void) => void setTimeout(() => done(null, context), handshakeDelayMs) } : {}),
  }, (socket) => {
    const upstream = connect(targetPort, "127.0.0.1");
    socket.pipe(upstream).pipe(socket);
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  }));
}

/** An HTTP proxy that tunnels every CONNECT to `tunnelPort` on loopback and records what was asked. */
export async function connectProxy(tunnelPort: number): Promise<{ server: HttpServer; asked: string[]; proxyAuthorization: (string | undefined)[] }> {
  const asked: string[] = [];
  const proxyAuthorization: (string | undefined)[] = [];
  const server = createHttpServer((request, response) => {
    asked.push(`${request.method ?? ""} ${request.url ?? ""}`);
    response.writeHead(502).end();
  });
  server.on("connect", (request, socket: Socket, head: Buffer) => {
    asked.push(`CONNECT ${request.url ?? ""}`);
    proxyAuthorization.push(request.headers["proxy-authorization"]);
    const upstream = connect(tunnelPort, "127.0.0.1", () => {
      socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });
  return { server: await listening(server), asked, proxyAuthorization };
}
