/**
 * `npm run test:quota` (slow, not part of `npm test`): client processes on two "hosts" — two Linux
 * network namespaces, each linked to the root namespace by a veth pair on a /30 of its own — share
 * one account's quota through a real redis-server in the root namespace, where the emulator runs too.
 * Needs root and `ip netns` (iproute2; .ci/run installs it); skipped, with one line saying why,
 * where either is missing or namespaces cannot be created (an unprivileged container).
 *
 * Layout, with x the third octet picked below:
 *   namespace 0: 10.231.x.2/30  <-veth->  10.231.x.1/30 (root)  redis-server and emulator listen here
 *   namespace 1: 10.231.x.6/30  <-veth->  10.231.x.5/30 (root)
 * Each namespace's default route goes to its root-side address, so namespace 1 reaches 10.231.x.1
 * through its own link (the root namespace delivers it locally, no forwarding needed). Clients reach
 * Redis at 10.231.x.1 directly, and the emulator through a relay on their own loopback (tcpRelay.ts).
 */
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readlinkSync, statSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { Redis } from "ioredis";
import type { ClientResult, ClientTask } from "../../bench/protocol";
import { ChildEmulator } from "../sdk/emulatorChild";
import { RedisServer } from "../sdk/redisServer";

/**
 * 500 pages each, 3,000 calls in all (about 63 s): whole windows, so the last one is not left mostly
 * empty, and an app of realistic size, whose fraction of the limit is the steady state's rather than
 * a listing's fixed costs (its first page alone, its last window's spread and round trip: at 125
 * pages each, 0.916-0.945 of the limit).
 */
const GROUPS_PER_PROCESS = 25_000;
const PROCESSES_PER_HOST = 3;
const HOSTS = 2;
const CLIENT_SCRIPT = join(__dirname, "..", "..", "bench", "clientProcess.js");
const RELAY_SCRIPT = join(__dirname, "tcpRelay.js");

/** Runs `ip` with these arguments; throws with its stderr when it fails. */
function ip(...args: string[]): string {
  const run = spawnSync("ip", args, { encoding: "utf8" });
  if (run.error !== undefined) throw run.error;
  if (run.status !== 0) throw new Error(`ip ${args.join(" ")}: ${run.stderr.trim()}`);
  return run.stdout;
}

/** One namespace ("host") and its link to the root namespace. */
interface Host {
  readonly namespace: string;
  /** The veth end left in the root namespace (the other end is in the namespace). */
  readonly rootLink: string;
  readonly rootAddress: string;
  readonly address: string;
}

/** A third octet of 10.231.x.0/24 that no interface or route here uses yet (a pid-derived start). */
function freeOctet(): number {
  const inUse = ip("-4", "-o", "addr", "show") + ip("-4", "route", "show");
  for (let i = 0; i < 250; i++) {
    const octet = 1 + ((process.pid + i) % 250);
    if (!inUse.includes(`10.231.${octet}.`)) return octet;
  }
  throw new Error("no free 10.231.x.0/24 here");
}

/** Why namespaces cannot be made here, or null when they can (the probe namespace is deleted again). */
function whyNoNamespaces(): string | null {
  if (process.getuid?.() !== 0) return "not root";
  const probe = spawnSync("ip", ["netns", "add", `lmgprobe${process.pid}`], { encoding: "utf8" });
  if (probe.error !== undefined) return `no \`ip\` command (${probe.error.message}); .ci/run installs iproute2`;
  if (probe.status !== 0) {
    const reason = probe.stderr.trim();
    if (/not permitted|permission denied|unknown|not supported|no such file/i.test(reason)) return `\`ip netns add\` fails here: ${reason}`;
    throw new Error(`ip netns add: ${reason}`);
  }
  ip("netns", "del", `lmgprobe${process.pid}`);
  return null;
}

/** Creates the namespaces and links; registers each for {@link removeHosts} before it exists. */
function createHosts(octet: number, created: Host[]): void {
  for (let n = 0; n < HOSTS; n++) {
    const host: Host = {
      namespace: `lmg${process.pid}h${n}`,
      rootLink: `lmg${process.pid}r${n}`,
      rootAddress: `10.231.${octet}.${4 * n + 1}`,
      address: `10.231.${octet}.${4 * n + 2}`,
    };
    const inner = `lmg${process.pid}n${n}`;
    created.push(host);
    ip("netns", "add", host.namespace);
    ip("link", "add", host.rootLink, "type", "veth", "peer", "name", inner);
    ip("link", "set", inner, "netns", host.namespace);
    ip("addr", "add", `${host.rootAddress}/30`, "dev", host.rootLink);
    ip("link", "set", host.rootLink, "up");
    ip("-n", host.namespace, "link", "set", "lo", "up");
    ip("-n", host.namespace, "addr", "add", `${host.address}/30`, "dev", inner);
    ip("-n", host.namespace, "link", "set", inner, "up");
    ip("-n", host.namespace, "route", "add", "default", "via", host.rootAddress);
  }
}

/** Deletes the namespaces (which removes their veth ends, and so the pairs) and any root end left. */
function removeHosts(hosts: readonly Host[]): void {
  for (const host of hosts) {
    spawnSync("ip", ["netns", "del", host.namespace], { stdio: "ignore" });
    // Normally gone with the namespace; still there if a process kept the namespace alive.
    spawnSync("ip", ["link", "del", host.rootLink], { stdio: "ignore" });
  }
}

/** The inode of a network namespace: of a process (`/proc/PID/ns/net`) or a named one. */
function namespaceOfProcess(pid: number): string {
  return readlinkSync(`/proc/${pid}/ns/net`);
}
function namespaceNamed(name: string): string {
  return `net:[${statSync(`/run/netns/${name}`).ino}]`;
}

/**
 * Tries a TCP connection from inside `namespace` (a node process run by `ip netns exec`); resolves
 * with "connected" or the error code (ECONNREFUSED, ...).
 */
function connectFrom(namespace: string, host: string, port: number): string {
  const script = `const s=require("node:net").createConnection({host:${JSON.stringify(host)},port:${port}},()=>{process.stdout.write("connected");s.destroy()});`
    + `s.on("error",(e)=>process.stdout.write(String(e.code)));s.setTimeout(3000,()=>{process.stdout.write("timeout");s.destroy()});`;
  const run = spawnSync("ip", ["netns", "exec", namespace, process.execPath, "-e", script], { encoding: "utf8", timeout: 10_000 });
  if (run.status !== 0) throw new Error(`probe in ${namespace} failed: ${run.stderr}`);
  return run.stdout;
}

/**
 * Starts a relay in `namespace` from its 127.0.0.1:port to host:port (see tcpRelay.ts: the SDK sends
 * plain HTTP only to loopback); resolves once it listens.
 */
async function startRelay(namespace: string, host: string, port: number, started: ChildProcess[]): Promise<void> {
  const relay = spawn("ip", ["netns", "exec", namespace, process.execPath, RELAY_SCRIPT, String(port), host, String(port)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  started.push(relay);
  await new Promise<void>((resolve, reject) => {
    relay.stdout.once("data", () => resolve());
    relay.once("exit", (code) => reject(new Error(`relay in ${namespace} exited with ${code}`)));
  });
}

/** Starts each client in its namespace, lets them all start at once, and collects their results. */
async function listTogether(clients: readonly { namespace: string; task: ClientTask }[], started: ChildProcess[]): Promise<{ results: ClientResult[]; namespaces: string[] }> {
  const children = clients.map(({ namespace, task }) => {
    // `ip netns exec` execs node in the namespace: same pid, and the IPC channel's fd is inherited.
    const child = spawn("ip", ["netns", "exec", namespace, process.execPath, CLIENT_SCRIPT, JSON.stringify({ ...task, barrier: true })], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    started.push(child);
    return child;
  });
  const ready = children.map((child) => new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`client exited with ${code} before it was ready`)));
  }));
  await Promise.all(ready);
  // Where each client runs, read while it waits for "go".
  const namespaces = children.map((child) => namespaceOfProcess(child.pid ?? -1));
  const results = children.map((child) => new Promise<ClientResult>((resolve, reject) => {
    child.once("message", (message) => resolve(message as ClientResult));
    child.once("exit", (code) => code === 0 ? undefined : reject(new Error(`client exited with ${code}`)));
  }));
  for (const child of children) child.send({ cmd: "go" });
  return { results: await Promise.all(results), namespaces };
}

describe("one account's quota shared through Redis by processes on two hosts (network namespaces)", function () {
  this.timeout(300_000);
  const hosts: Host[] = [];
  /** Client and relay processes, killed after each test. */
  const clients: ChildProcess[] = [];
  let redis: RedisServer | undefined;
  let emulator: ChildEmulator | undefined;
  let loopbackOnly: Server | undefined;
  const cleanUpOnExit = (): void => removeHosts(hosts);

  before(async function () {
    const why = whyNoNamespaces();
    if (why !== null) {
      process.stdout.write(`      skipped: ${why}\n`);
      this.skip();
    }
    process.once("exit", cleanUpOnExit);
    createHosts(freeOctet(), hosts);
    const server = hosts[0]?.rootAddress ?? "";
    redis = await RedisServer.start(server);
    // A listener on the root namespace's loopback: reachable here, not from the other hosts.
    const probe = createServer((socket) => socket.destroy());
    loopbackOnly = probe;
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  });

  afterEach(async () => {
    const ended = clients.filter((child) => child.exitCode === null && child.signalCode === null)
      .map((child) => new Promise((resolve) => child.once("exit", resolve)));
    for (const child of clients) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await Promise.all(ended);
    clients.length = 0;
    await emulator?.close();
    emulator = undefined;
  });

  after(async () => {
    await redis?.kill();
    await new Promise<void>((resolve) => (loopbackOnly === undefined ? resolve() : loopbackOnly.close(() => resolve())));
    if (hosts.length === 0) return;
    removeHosts(hosts);
    process.off("exit", cleanUpOnExit);
    const left = ip("netns", "list").split("\n").filter((line) => hosts.some((host) => line.startsWith(host.namespace)));
    assert.deepEqual(left, [], "namespaces left behind");
  });

  it("the namespaces are separate hosts: the root namespace's loopback is out of their reach, the server's address is not", () => {
    const address = loopbackOnly?.address();
    assert.ok(address !== null && typeof address === "object");
    assert.ok(redis !== undefined);
    for (const host of hosts) {
      assert.notEqual(namespaceNamed(host.namespace), namespaceOfProcess(process.pid));
      assert.equal(connectFrom(host.namespace, "127.0.0.1", address.port), "ECONNREFUSED", `${host.namespace} reached the root's 127.0.0.1`);
      assert.equal(connectFrom(host.namespace, "127.0.0.1", redis.port), "ECONNREFUSED");
      assert.equal(connectFrom(host.namespace, redis.bind, redis.port), "connected", `${host.namespace} cannot reach Redis at ${redis.bind}`);
    }
  });

  it(`${HOSTS} hosts x ${PROCESSES_PER_HOST} processes, Redis: every listing exact, 0 throttled, >= 0.5 of the limit`, async () => {
    assert.ok(redis !== undefined);
    const startedAt = Date.now();
    const processes = HOSTS * PROCESSES_PER_HOST;
    const keys = Array.from({ length: processes }, (_, i) => ({ accessKeyId: `LTAIhosts${i}x${process.pid}`, accessKeySecret: `hosts-secret-${i}-Qq7Ww8Ee9` }));
    const warmUp = { accessKeyId: `LTAIhostswarm${process.pid}`, accessKeySecret: "hosts-warm-up-Rr1Tt2Yy3" };
    emulator = await ChildEmulator.start({
      host: redis.bind, callsPerSecond: 50, latencyMs: 50, apps: [{ appId: "app", groups: GROUPS_PER_PROCESS }],
      keyPairs: [...keys.map((key) => ({ ...key, accountId: "shared-account" })), warmUp],
    });
    assert.equal(emulator.url, `http://${redis.bind}:${new URL(emulator.url).port}`);
    // Each host reaches the emulator through a relay on its own loopback, same port number.
    const port = Number(new URL(emulator.url).port);
    for (const host of hosts) await startRelay(host.namespace, redis.bind, port, clients);
    const endpoint = `127.0.0.1:${port}`;
    const quotaKey = `shared-account-two-hosts-${Date.now()}`;
    // Who is connected to Redis, sampled while the clients list: their addresses name their hosts.
    const watcher = new Redis(redis.url);
    const seen = new Set<string>();
    let watching = true;
    const watched = (async () => {
      while (watching) {
        const list = String(await watcher.call("CLIENT", "LIST"));
        for (const match of list.matchAll(/\baddr=([\d.]+):\d+/g)) seen.add(match[1] ?? "");
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    let run: { results: ClientResult[]; namespaces: string[] };
    try {
      run = await listTogether(keys.map((key, i) => {
        const host = hosts[Math.floor(i / PROCESSES_PER_HOST)] as Host;
        return {
          namespace: host.namespace,
          task: { variant: "ours", endpoint, appId: "app", pageSize: 50, ...key, warmUp, quotaKey, redisUrl: redis?.url ?? "" },
        };
      }), clients);
    } finally {
      watching = false;
      await watched;
      watcher.disconnect();
    }
    const { results, namespaces } = run;
    const stats = await emulator.stats();
    // Each client ran in its host's namespace, not in this one.
    namespaces.forEach((namespace, i) => {
      const host = hosts[Math.floor(i / PROCESSES_PER_HOST)] as Host;
      assert.equal(namespace, namespaceNamed(host.namespace), `client ${i} is not in ${host.namespace}`);
    });
    for (const result of results) {
      assert.equal(result.groups, GROUPS_PER_PROCESS);
      assert.equal(result.fingerprint, results[0]?.fingerprint);
      // A client that lost Redis went on with its local limiter: its listing is still exact, and
      // its calls may still not be throttled, but the case would not have measured the shared quota.
      assert.deepEqual(result.warnings, [], "no client fell back to its local limiter");
    }
    for (const host of hosts) assert.ok(seen.has(host.address), `no Redis client from ${host.address} (seen: ${[...seen].join(", ")})`);
    const spanS = (Math.max(...results.map((r) => r.endedAtMs)) - Math.min(...results.map((r) => r.startedAtMs))) / 1000;
    const requests = stats.requests - processes; // less the warm-up pages
    const fraction = (requests - stats.throttled - 50) / (50 * spanS);
    process.stdout.write(`      ${HOSTS} hosts x ${PROCESSES_PER_HOST}, Redis: ${fraction.toFixed(3)} of the limit, ${stats.throttled} of ${requests} throttled, span ${spanS.toFixed(1)} s, peak ${stats.peakCallsPerSecond}/s, ${((Date.now() - startedAt) / 1000).toFixed(1)} s in all\n`);
    assert.equal(stats.throttled, 0, `${stats.throttled} of ${requests} throttled`);
    assert.ok(stats.peakCallsPerSecond <= 50, `peak ${stats.peakCallsPerSecond} calls/s`);
    assert.ok(fraction >= 0.5, `fraction of the limit ${fraction.toFixed(3)}`);
  });
});
