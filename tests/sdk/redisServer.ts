import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection, createServer, type AddressInfo, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";

/** A free TCP port on 127.0.0.1 (the OS picks it; a tiny race with other processes is accepted). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/**
 * A real `redis-server` (Debian's package; .ci/run installs it) on 127.0.0.1 and a random port,
 * without persistence. Tests fail, not skip, when it is missing.
 */
export class RedisServer {
  private constructor(private readonly child: ChildProcess, readonly port: number, readonly bind: string) {}

  get url(): string {
    return `redis://${this.bind}:${this.port}`;
  }

  /**
   * Starts a server (on `port`, or a free one: a restart gives the port of the server it replaces),
   * with `extraArgs` after the usual ones.
   */
  static async start(bind = "127.0.0.1", port?: number, extraArgs: readonly string[] = []): Promise<RedisServer> {
    port ??= await freePort();
    const child = spawn("redis-server", ["--port", String(port), "--bind", bind, "--save", "", "--appendonly", "no", "--protected-mode", "no", ...extraArgs], {
      stdio: "ignore",
    });
    const spawned = new Promise<never>((_, reject) => child.once("error", (error) => reject(new Error(`redis-server could not start: ${error.message}`))));
    const server = new RedisServer(child, port, bind);
    await Promise.race([spawned, server.waitUntilListening()]);
    return server;
  }

  /**
   * A one-node Redis Cluster that serves every slot, as a cluster-mode endpoint routing by slot
   * (a proxy) looks to a client: it refuses commands whose keys lie in different slots (CROSSSLOT),
   * and never redirects. Resolves once the cluster's state is ok.
   */
  static async startCluster(): Promise<RedisServer> {
    const dir = mkdtempSync(join(tmpdir(), "lmg-redis-cluster-"));
    const server = await RedisServer.start("127.0.0.1", undefined, ["--cluster-enabled", "yes", "--cluster-config-file", join(dir, "nodes.conf"), "--dir", dir]);
    server.child.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    const admin = new Redis(server.url);
    try {
      await admin.call("CLUSTER", "ADDSLOTSRANGE", "0", "16383");
      for (let i = 0; i < 400; i++) {
        if (/cluster_state:ok/.test(String(await admin.call("CLUSTER", "INFO")))) return server;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    } finally {
      admin.disconnect();
    }
    await server.kill();
    throw new Error("the one-node Redis Cluster did not reach cluster_state:ok");
  }

  private async waitUntilListening(): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const up = await new Promise<boolean>((resolve) => {
        const socket = createConnection({ host: this.bind, port: this.port }, () => {
          socket.destroy();
          resolve(true);
        });
        socket.once("error", () => resolve(false));
      });
      if (up) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`redis-server did not listen on ${this.bind}:${this.port}`);
  }

  /** Kills the server at once (SIGKILL), as a crash would; resolves when it is gone. */
  kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.kill("SIGKILL");
    return exited;
  }
}

/**
 * A relay to the Redis on `port` that passes commands on at once and holds every reply back
 * `holdMs`: a Redis far away, whose replies are still on their way when the client stops. The
 * client's end is passed on after the commands it sent.
 */
export async function replyHoldingRelay(port: number, holdMs: number): Promise<{ readonly url: string; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection(port, "127.0.0.1");
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => undefined);
    }
    client.on("data", (chunk) => upstream.write(chunk));
    client.on("end", () => upstream.end());
    upstream.on("data", (chunk) => setTimeout(() => client.writable && client.write(chunk), holdMs));
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port: relayPort } = server.address() as AddressInfo;
  return {
    url: `redis://127.0.0.1:${relayPort}`,
    stop: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}
