import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createAuthenticator } from "./authenticate";
import { createRequestHandler } from "./createRequestHandler";
import { FaultPicker } from "./faultPicker";
import { GroupStore } from "./groupStore";
import { LatencyPicker } from "./latencyPicker";
import { createRandom } from "./random";
import { generateGroups } from "./seed";
import { EMULATOR_DEFAULTS } from "./defaults";
import { SlidingWindowLimiter } from "./slidingWindowLimiter";
import { StatsRecorder } from "./statsRecorder";
import type { Emulator, EmulatorKeyPair, EmulatorOptions, ListHook } from "./types";
import { validateEmulatorOptions, validateFaultsOption } from "./validateOptions";

/** Defaults of {@link EmulatorOptions}. */
const DEFAULT_MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const DEFAULT_REQUEST_LOG_LIMIT = 10_000;
const KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * Starts a local emulator of the ApsaraVideo Live interactive-messaging API on 127.0.0.1 (port 0,
 * an ephemeral port, by default; `host` picks another address). It verifies ACS3-HMAC-SHA256 and
 * HMAC-SHA1 signatures, throttles each AccessKeyId (default 50 calls/s), injects seeded faults and
 * latency, and serves ListLiveMessageGroupByPage plus the sibling actions that create data.
 *
 * @example
 * const emulator = await startEmulator({ apps: [{ appId: "app1", groups: 120 }] });
 * // openapi-client: new Client({ endpoint: emulator.endpoint, protocol: "HTTP", ...emulator.credentials })
 * await emulator.close();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  validateEmulatorOptions(options);
  const seed = options.seed ?? EMULATOR_DEFAULTS.seed;
  const nowMs = options.now ?? Date.now;
  const keyPairs = options.keyPairs !== undefined && options.keyPairs.length > 0 ? [...options.keyPairs] : [generateKeyPair(seed)];
  const keys = new Map(keyPairs.map((pair) => [pair.accessKeyId, pair]));
  const tieOrder = options.tieOrder ?? "insertion";
  if (tieOrder !== "insertion" && tieOrder !== "groupId") throw new RangeError(`tieOrder must be "insertion" or "groupId", got ${String(tieOrder)}`);
  const store = new GroupStore(nowMs, tieOrder);
  for (const app of options.apps ?? []) {
    store.createApp(app.appId, app.dataCenter);
    const groups = typeof app.groups === "number"
      ? generateGroups(seed, app.groups, { deletedFraction: app.deletedFraction })
      : app.groups ?? [];
    for (const group of groups) store.createGroup(app.appId, group);
  }
  const limiter = new SlidingWindowLimiter(options.callsPerSecond ?? EMULATOR_DEFAULTS.callsPerSecond);
  const faults = new FaultPicker(seed, options.faults ?? {});
  const latency = new LatencyPicker(seed, options.latencyMs ?? EMULATOR_DEFAULTS.latencyMs);
  const stats = new StatsRecorder(options.requestLogLimit ?? DEFAULT_REQUEST_LOG_LIMIT);
  let listHook: ListHook | null = null;
  let closed = false;
  const timers = new Map<NodeJS.Timeout, (ran: boolean) => void>();
  const delay = (ms: number): Promise<boolean> => new Promise((resolve) => {
    if (closed) return resolve(false);
    const timer = setTimeout(() => {
      timers.delete(timer);
      resolve(true);
    }, ms);
    timers.set(timer, resolve);
  });

  const server = createServer(createRequestHandler({
    nowMs,
    startedAt: nowMs(),
    store,
    authenticator: createAuthenticator((id) => keys.get(id), options.maxClockSkewMs ?? DEFAULT_MAX_CLOCK_SKEW_MS),
    limiter,
    accountOf: (accessKeyId) => keys.get(accessKeyId)?.accountId ?? accessKeyId,
    faults,
    latency,
    networkDelayMs: networkDelayMs(options.networkDelayMs),
    connectionSetupMs: options.connectionSetupMs ?? 0,
    stats,
    requestIds: createRandom(seed, "requestIds"),
    appIds: createRandom(seed, "appIds"),
    listHook: () => listHook,
    delay,
  }));
  server.on("clientError", (_error, socket) => socket.destroy());
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const endpoint = `${host.includes(":") ? `[${host}]` : host}:${port}`;

  return {
    endpoint,
    url: `http://${endpoint}`,
    port,
    credentials: keyPairs[0] as EmulatorKeyPair,
    store,
    stats: () => stats.snapshot(limiter.peakCallsPerSecond()),
    requestLog: () => stats.entries(),
    resetStats: () => {
      stats.reset();
      limiter.resetPeak();
    },
    setFaults: (next) => {
      validateFaultsOption(next);
      faults.setFaults(next);
    },
    setLatency: (next) => latency.setLatency(next),
    setCallsPerSecond: (next) => limiter.setLimit(next),
    onListPage: (hook) => {
      listHook = hook;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      for (const [timer, resolve] of timers) {
        clearTimeout(timer);
        resolve(false);
      }
      timers.clear();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      // Drops keep-alive sockets and requests held open by the noAnswer fault, so close() is prompt.
      server.closeAllConnections();
      await stopped;
    },
  };
}

/** The default key pair, derived from the seed so runs are reproducible. */
function generateKeyPair(seed: number): EmulatorKeyPair {
  const random = createRandom(seed, "credentials");
  const text = (length: number): string => {
    let out = "";
    for (let i = 0; i < length; i++) out += KEY_ALPHABET.charAt(random.int(0, KEY_ALPHABET.length - 1));
    return out;
  };
  return { accessKeyId: `LTAI5t${text(18)}`, accessKeySecret: text(30) };
}

/** The one-way network delay option, checked: a finite number of ms, 0 or more (default 0). */
function networkDelayMs(value: number | undefined): number {
  if (value === undefined) return 0;
  if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`networkDelayMs needs a finite number of ms >= 0, got ${String(value)}`);
  return value;
}
