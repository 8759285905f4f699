/**
 * A TCP relay run inside a network namespace by twoHosts.slow.ts: listens on 127.0.0.1:PORT and
 * pipes each connection to TARGET_HOST:TARGET_PORT. The SDK sends signed requests over plain http://
 * only to a loopback host, so a client on another "host" reaches the emulator (plain HTTP, in the
 * root namespace) through this relay on its own loopback. Prints "listening" once it listens, and
 * exits when its stdin closes (the test ended or died).
 * Usage: node tcpRelay.js PORT TARGET_HOST TARGET_PORT
 */
import { createConnection, createServer } from "node:net";

if (require.main === module) {
  const [port, targetHost, targetPort] = process.argv.slice(2);
  const server = createServer((socket) => {
    const upstream = createConnection({ host: targetHost ?? "", port: Number(targetPort) });
    socket.on("error", () => upstream.destroy());
    upstream.on("error", () => socket.destroy());
    socket.on("close", () => upstream.destroy());
    upstream.on("close", () => socket.destroy());
    socket.pipe(upstream).pipe(socket);
  });
  server.listen(Number(port), "127.0.0.1", () => process.stdout.write("listening\n"));
  process.stdin.on("end", () => process.exit(0));
  process.stdin.resume();
}
