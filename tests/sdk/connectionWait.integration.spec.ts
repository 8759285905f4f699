import assert from "node:assert/strict";
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { connect as netConnect, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { connect as tlsConnect } from "node:tls";
import { listLiveMessageGroups } from "../../sdk";
import { generateGroups } from "../../emulator";
import { whenConnected } from "../../sdk/transport/createPageClient";
import { ChildEmulator } from "./emulatorChild";
import { RedisServer } from "./redisServer";
import { connectProxy, listening, portOf, TLS_DIR, tlsFront } from "../support/httpsFront";
import { until } from "../support/until";

const HANDSHAKE_MS = 200;

/** ms from `start` until `ready` is called by whenConnected(socket, ready). */
function timeReady(socket: Socket, start: number): Promise<number> {
  return new Promise((resolve) => whenConnected(socket, () => resolve(performance.now() - start)));
}

describe("a call's wait for its connection (a TLS handshake, a proxy's tunnel) is not taken for its round trip", function () {
  this.timeout(60_000);
  const closers: (() => Promise<void>)[] = [];
  /** Closes `server` after the test, its open connections (kept alive, or tunnelled) too. */
  const closeAfter = (...servers: (Server | HttpServer)[]): void => {
    for (const server of servers) {
      const sockets = new Set<Socket>();
      server.on("connection", (socket: Socket) => {
        sockets.add(socket);
        socket.once("close", () => sockets.delete(socket));
      });
      closers.push(() => new Promise((done) => {
        server.close(() => done());
        for (const socket of sockets) socket.destroy();
      }));
    }
  };
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  it("whenConnected: after a new socket's TCP connect, after a new TLS socket's handshake (verified or not), at once on a connected one; a wait can be stopped", async () => {
    const http = await listening(createHttpServer((_request, response) => response.end("ok")));
    const front = await tlsFront(portOf(http), HANDSHAKE_MS);
    closeAfter(http, front);
    const plain = netConnect(portOf(http), "127.0.0.1");
    let connectedAt = Number.NaN;
    plain.once("connect", () => (connectedAt = performance.now()));
    const started = performance.now();
    const plainReady = await timeReady(plain, started);
    assert.ok(Number.isFinite(connectedAt) && started + plainReady >= connectedAt, "ready once the TCP connect is done, not before");
    let called = false;
    whenConnected(plain, () => (called = true));
    assert.ok(called, "a connected socket: at once");
    plain.destroy();

    const tlsStart = performance.now();
    const secure = tlsConnect({ host: "127.0.0.1", port: portOf(front), servername: "live.aliyuncs.com", ca: readFileSync(join(TLS_DIR, "cert.pem")) });
    const tlsReady = await timeReady(secure, tlsStart);
    assert.ok(tlsReady >= HANDSHAKE_MS - 1, `a new TLS connection was ready after ${tlsReady.toFixed(1)} ms, within its ${HANDSHAKE_MS} ms handshake`);
    called = false;
    whenConnected(secure, () => (called = true));
    assert.ok(called, "a TLS socket whose handshake ended: at once");
    secure.destroy();

    // A certificate accepted unverified (NODE_TLS_REJECT_UNAUTHORIZED=0): not `authorized`, but done.
    const unverified = tlsConnect({ host: "127.0.0.1", port: portOf(front), servername: "live.aliyuncs.com", rejectUnauthorized: false });
    const before = unverified.listenerCount("secureConnect");
    const stop = whenConnected(unverified, () => undefined);
    assert.equal(unverified.listenerCount("secureConnect"), before + 1, "waits while shaking hands");
    stop();
    assert.equal(unverified.listenerCount("secureConnect"), before, "stopping the wait leaves no listener");
    await new Promise((resolve) => unverified.once("secureConnect", resolve));
    assert.equal(unverified.authorized, false);
    called = false;
    whenConnected(unverified, () => (called = true));
    assert.ok(called, "its handshake ended: at once, no listener left waiting");
    assert.equal(unverified.listenerCount("secureConnect"), before);
    unverified.destroy();
  });

  it("a process behind a proxy (a new connection for every call) and a direct one, sharing a quota through Redis: zero throttled, both exact", async () => {
    const suffix = `${process.pid}x${Date.now() % 100000}`;
    const keys = [0, 1].map((i) => ({ accessKeyId: `LTAIconn${i}${suffix}`, accessKeySecret: `conn-secret-${i}-Aa1Bb2Cc3` }));
    // The service across a network: 20 ms each way, 10 ms processing; its TLS front's handshake takes 200 ms.
    const emulator = await ChildEmulator.start({
      callsPerSecond: 50, latencyMs: 10, networkDelayMs: 20, seed: 5,
      keyPairs: keys.map((key) => ({ ...key, accountId: "5678" })), apps: [{ appId: "app", groups: 7_500 }],
    });
    const redis = await RedisServer.start();
    try {
      const front = await tlsFront(Number(new URL(emulator.url).port), HANDSHAKE_MS);
      const proxy = await connectProxy(portOf(front));
      closeAfter(front, proxy.server);
      const quotaKey = `account-5678-${suffix}`;
      const expected = generateGroups(5, 7_500).map((group) => group.groupId).sort();
      const behindProxy = fork(join(__dirname, "runListingBehindProxy.js"), ["https://live.aliyuncs.com", JSON.stringify(keys[0]), redis.url, quotaKey], {
        env: { ...process.env, HTTPS_PROXY: `http://127.0.0.1:${portOf(proxy.server)}`, NODE_EXTRA_CA_CERTS: join(TLS_DIR, "cert.pem") },
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      const started = new Promise<void>((resolve) => behindProxy.once("message", () => resolve()));
      const proxied = new Promise<string[]>((resolve, reject) => {
        behindProxy.on("message", (message: { groupIds?: string[] }) => message.groupIds !== undefined && resolve(message.groupIds));
        behindProxy.once("exit", (code) => reject(new Error(`the proxied listing exited with ${String(code)} before it listed`)));
      });
      await started;
      // The direct listing joins once the proxied one fills the window (its 50th call reached the
      // service): its calls then take places the proxied one's answers freed, at the anchors the
      // proxied one gave them. Waited for, not slept: a fixed 1.5 s said nothing on a slow start.
      let seen = 0;
      await until(() => `the proxied listing's 50th call; the service saw ${seen}`, async () => (seen = (await emulator.stats()).requests) >= 50, 30_000, 20);
      const direct = await listLiveMessageGroups({ appId: "app", endpoint: emulator.url, credentials: keys[1], redisUrl: redis.url, quotaKey });
      assert.deepEqual([...await proxied].sort(), expected);
      assert.deepEqual(direct.groups.map((group) => group.groupId).sort(), expected);
      assert.ok(proxy.asked.length >= 150, `every proxied call opened a tunnel (${proxy.asked.length})`);
      const stats = await emulator.stats();
      assert.equal(stats.throttled, 0, `${stats.throttled} of ${stats.requests} calls throttled`);
    } finally {
      await emulator.close();
      await redis.kill();
    }
  });
});
