/**
 * `demo` (what `npm start` runs): the main job end to end with no account and no network.
 * Starts the embedded emulator, creates an app and a few hundred groups through the API,
 * lists them with the sdk, takes a snapshot, changes a few groups, and prints the drift report.
 *
 * The write calls go through the real @alicloud/openapi-client over HTTP, signed ACS3-HMAC-SHA256
 * (CreateLiveMessageApp, CreateLiveMessageGroup, DeleteLiveMessageGroup): only the demo writes,
 * the sdk is read-only by design, so these few calls live here.
 */
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import OpenApiClient, { Config, OpenApiRequest, Params } from "@alicloud/openapi-client";
import pMap from "p-map";
import { startEmulator } from "../../emulator";
import { listLiveMessageGroups, type Credentials, type DataCenter, type LiveMessageGroup, type LiveMessageGroupList } from "../../sdk";
import { scrubSecrets } from "../../sdk/transport/scrubSecrets";
import type { Command } from "commander";
import { type CliIo, EXIT_OK, trackTemporary } from "../cliIo";
import { DEFAULT_EMULATOR_APP_ID, DEFAULT_EMULATOR_PORT } from "./emulatorCommand";
import { computeDrift, driftCounts, hasDrift } from "../drift";
import { randomKeyPair } from "../envCredentials";
import { formatDriftText } from "../formatDriftReport";
import { formatTable } from "../displayText";
import { numberOption, PROGRAM_NAME } from "../program";
import { createSnapshot, parseSnapshot, serializeSnapshot } from "../snapshot";

const DEFAULT_DEMO_GROUPS = 300;
/** The service's account limit, restored before the sdk lists so the demo shows real behaviour. */
const SERVICE_CALLS_PER_SECOND = 50;
/** The emulator's call-limit window, ms. */
const CALL_WINDOW_MS = 1000;
/** Create calls in flight during set-up. */
const SETUP_CONCURRENCY = 16;
/** About one group in this many is deleted during set-up. */
const DELETE_EVERY = 10;
const DATA_CENTER: DataCenter = "cn-shanghai";
/**
 * Demo history: the emulator stamps a group with the current second of its clock, so the set-up
 * runs on a clock that starts HISTORY_MARGIN_MS plus one SETUP_SPACING_MS per group in the past,
 * and advances by SETUP_SPACING_MS (45 s) for each group created, then follows the real clock.
 * Every group in the snapshot was thus created in the past, at distinct and plausible moments, and
 * the groups added after the snapshot are the newest. Requests are signed with the real time, so
 * the emulator's default accepted skew (DEFAULT_CLOCK_SKEW_MS) is widened by the history.
 */
const [HISTORY_MARGIN_MS, SETUP_SPACING_MS, DEFAULT_CLOCK_SKEW_MS] = [10 * 60_000, 45_000, 15 * 60_000];
const TABLE_PREVIEW_ROWS = 8;

export function defineDemo(program: Command): Command {
  return program.command("demo")
    .description("The main job end to end against an embedded emulator: no account, no network (npm start).")
    .usage("[flags]")
    .addOption(numberOption("--groups <n>", `Groups to create, 10..5000. Default ${DEFAULT_DEMO_GROUPS}.`, 10, 5000, true))
    .addHelpText("after", "\nSet-up (CreateLiveMessageApp, CreateLiveMessageGroup, DeleteLiveMessageGroup) runs with the emulator's\n" +
      `call limit lifted; it is set back to the service's ${SERVICE_CALLS_PER_SECOND}/s before the sdk lists.`);
}

export async function demoCommand(io: CliIo, flags: { groups?: number }): Promise<number> {
  const count = flags.groups ?? DEFAULT_DEMO_GROUPS;
  const out = (line = ""): void => void io.stdout.write(line + "\n");
  const startedAt = io.now();
  const step = (title: string): void => out(`\n== ${title}`);
  const seconds = (since: number): string => `${((io.now() - since) / 1000).toFixed(2)} s`;

  // The demo's clock (the emulator's, and the snapshot's takenAt): see HISTORY_MARGIN_MS.
  const historyMs = count * SETUP_SPACING_MS + HISTORY_MARGIN_MS;
  const historyStart = io.now() - historyMs;
  let setupGroupsStarted = 0;
  let settled = false;
  // Each reading during the set-up is at least a second after the one before: creates in flight
  // together (SETUP_CONCURRENCY) reach the emulator in any order, and each must get a creation
  // second (the API's unit) of its own.
  let lastSetupNow = Number.NEGATIVE_INFINITY;
  const demoNow = (): number => {
    if (settled) return io.now();
    lastSetupNow = Math.max(lastSetupNow + 1000, historyStart + setupGroupsStarted * SETUP_SPACING_MS);
    return lastSetupNow;
  };
  // A new pair from the system's random source, as `emulator` makes: the emulator's default one is
  // derived from its seed, the same on every run and machine.
  const emulator = await startEmulator({
    callsPerSecond: SERVICE_CALLS_PER_SECOND, now: demoNow, maxClockSkewMs: historyMs + DEFAULT_CLOCK_SKEW_MS, keyPairs: [randomKeyPair()],
  });
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), "live-message-groups-demo-"));
  const untrack = trackTemporary(workDir);
  try {
    const credentials: Credentials = { accessKeyId: emulator.credentials.accessKeyId, accessKeySecret: emulator.credentials.accessKeySecret };
    const api = createDemoApiClient(emulator.endpoint, credentials);
    const list = (): Promise<LiveMessageGroupList> =>
      // Its own emulator's quota, never the one LIVE_MESSAGE_GROUPS_REDIS_URL / _QUOTA_KEY name (a CI account's).
      listLiveMessageGroups({ appId, dataCenter: DATA_CENTER, endpoint: emulator.url, credentials, signal: io.signal, redisUrl: null, quotaKey: null });

    out(`${PROGRAM_NAME} demo: the drift check end to end, against an embedded emulator (no account, no network).`);
    step(`1. Emulator listening on ${emulator.url} (key pair generated in this process, AccessKeyId ${credentials.accessKeyId})`);

    let t = io.now();
    emulator.setCallsPerSecond(0);
    const appId = await api.createApp("Demo streaming app", DATA_CENTER);
    const groups = demoGroups(count);
    // Ctrl-C stops the set-up too (p-map takes no signal: each call checks it).
    await pMap(groups, (group) => {
      io.signal.throwIfAborted();
      setupGroupsStarted++;
      return api.createGroup(appId, DATA_CENTER, group);
    }, { concurrency: SETUP_CONCURRENCY });
    // The clock follows the real one from here: the last creation stamp lies HISTORY_MARGIN_MS in
    // the past. Deletes need no second of their own, and a second per reading (about four per
    // request) took a 2,500-group demo's clock past the present, where the call-limit window then
    // held calls stamped in the future and throttled the listing until its retries ran out.
    settled = true;
    // About one group in DELETE_EVERY is deleted.
    const deletedIds = groups.filter((_, index) => index % DELETE_EVERY === DELETE_EVERY - 1).map((group) => group.groupId);
    await pMap(deletedIds, (groupId) => {
      io.signal.throwIfAborted();
      return api.deleteGroup(appId, DATA_CENTER, groupId, "ops-bot");
    }, { concurrency: SETUP_CONCURRENCY });
    const setupTime = seconds(t);
    emulator.setCallsPerSecond(SERVICE_CALLS_PER_SECOND);
    // The set-up calls still sit in the emulator's 1-second window; let them age out so the
    // listing starts with the full budget instead of opening with throttled retries.
    await delay(CALL_WINDOW_MS, undefined, { signal: io.signal });
    step(`2. Set-up through the API (openapi-client, ACS3-HMAC-SHA256) in ${setupTime}, with the call limit lifted`);
    out(`   (on an emulator clock replaying the last ${historySpan(historyMs)}, one group every ${SETUP_SPACING_MS / 1000} s, so the groups have a history)
   CreateLiveMessageApp -> AppId ${appId} (${DATA_CENTER})
   CreateLiveMessageGroup x ${groups.length}, DeleteLiveMessageGroup x ${deletedIds.length}
   then the limit was set back to ${SERVICE_CALLS_PER_SECOND}/s and its 1-second window left to clear`);

    t = io.now();
    const before = await list();
    const deletedCount = before.groups.filter((group) => group.deleted).length;
    step(`3. Listed with the sdk at the service's ${SERVICE_CALLS_PER_SECOND} calls/s: ${before.totalCount} groups ` +
      `(${before.totalCount - deletedCount} live, ${deletedCount} deleted) in ${seconds(t)}, ${before.requests} requests, ${before.retries} retries`);
    out(formatTable(before.groups.slice(0, TABLE_PREVIEW_ROWS)).trimEnd().replace(/^/gm, "   "));
    out(`   ... ${Math.max(0, before.groups.length - TABLE_PREVIEW_ROWS)} more (all of them are in the snapshot below)`);

    const snapshotPath = path.join(workDir, "groups.snapshot.json");
    const snapshotText = serializeSnapshot(createSnapshot({ ...before, takenAt: new Date(demoNow()) }));
    await fs.writeFile(snapshotPath, snapshotText, "utf8");
    step(`4. Snapshot of ${before.groups.length} groups written to ${snapshotPath} (${snapshotText.length} bytes)`);

    // The listing may have spent the whole window (50 pages and more): let it clear, or these
    // calls, which do not retry, are throttled.
    await delay(CALL_WINDOW_MS, undefined, { signal: io.signal });
    const changes = await changeSomeGroups(emulator.store, api, appId);
    step("5. Changed a few groups");
    for (const change of changes) out(`   ${change}`);

    t = io.now();
    const snapshot = parseSnapshot(await fs.readFile(snapshotPath, "utf8"), snapshotPath);
    const after = await list();
    const drift = computeDrift(snapshot, after.groups);
    step(`6. Drift check: listed again (${after.requests} requests) and compared with the snapshot in ${seconds(t)}`);
    out(formatDriftText(drift, { snapshotSource: "the snapshot", snapshotTakenAt: snapshot.takenAt ?? null }).trimEnd());
    const total = Object.values(driftCounts(drift)).reduce((sum, n) => sum + n, 0);
    // The demo's own emulator is gone by the time anyone reads this: point at one they can start.
    out(`
Done in ${seconds(startedAt)}: ${total} changes found. In CI, '${PROGRAM_NAME} drift --snapshot groups.snapshot.json'
would exit ${hasDrift(drift) ? 2 : 0} here (0 = no drift, 2 = drift, 1 = error). See cli/README.md for the recipe.

The demo's emulator stops with it. To try the commands yourself against a local emulator:
  1. npx ${PROGRAM_NAME} emulator --port ${DEFAULT_EMULATOR_PORT}   (until Ctrl-C; prints a key pair to export)
  2. in another shell, run the two 'export ALIBABA_CLOUD_...' lines it printed, then
     npx ${PROGRAM_NAME} list --endpoint http://127.0.0.1:${DEFAULT_EMULATOR_PORT} --app-id ${DEFAULT_EMULATOR_APP_ID}
  (without 'npx' when the package is installed globally; see cli/README.md)`);
    return EXIT_OK;
  } finally {
    await emulator.close();
    await fs.rm(workDir, { recursive: true, force: true });
    untrack();
  }
}

/**
 * The demo's history in words: minutes below an hour and a half (the smallest demo's 17.5 minutes
 * read "the last 0 hours", and up to 59 groups "the last 1 hours"), else hours.
 */
export function historySpan(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes < 90 ? `${minutes} minutes` : `${Math.round(ms / 3_600_000)} hours`;
}

type DemoStore = Awaited<ReturnType<typeof startEmulator>>["store"];

/** Creates and deletes through the API; renames and admin/info changes (no public API) in the store. */
async function changeSomeGroups(store: DemoStore, api: ReturnType<typeof createDemoApiClient>, appId: string): Promise<string[]> {
  const added = demoGroups(3).map((group, index) => ({ ...group, groupId: `room-new-${index + 1}`, groupName: `Flash sale ${index + 1}` }));
  for (const group of added) await api.createGroup(appId, DATA_CENTER, group);
  const deleted = ["room-0002", "room-0005"];
  for (const groupId of deleted) await api.deleteGroup(appId, DATA_CENTER, groupId, "ops-bot");
  store.updateGroup(appId, "room-0003", { groupName: "Esports finals: grand final" });
  store.updateGroup(appId, "room-0007", { groupName: "产品发布会" });
  store.updateGroup(appId, "room-0004", { adminList: ["mod-li", "mod-zoe"] });
  store.updateGroup(appId, "room-0008", { adminList: [] });
  store.updateGroup(appId, "room-0006", { groupInfo: JSON.stringify({ room: 6, topic: "Music night", lang: "en", pinned: true }) });
  return [
    `created ${added.map((group) => group.groupId).join(", ")} (CreateLiveMessageGroup)`,
    `deleted ${deleted.join(", ")} (DeleteLiveMessageGroup)`,
    "renamed room-0003 and room-0007, changed the admins of room-0004 and room-0008, the info of room-0006",
    "(no public API for these: emulator store.updateGroup)",
  ];
}

const TOPICS = ["Product launch", "Cooking live", "Esports finals", "Language class", "Music night", "Q&A with the team", "直播带货", "读书会", "Travel vlog", "Fitness 30"];
const HOSTS = ["host-ana", "host-bo", "host-chen", "host-dara", "host-eli", "host-fang"];
const MODERATORS = ["mod-li", "mod-mia", "mod-noor", "mod-oscar", "mod-pei", "mod-quinn", "mod-ravi", "mod-sun"];

/**
 * `count` realistic groups, group i always the same so runs are comparable: live rooms of a
 * streaming app with hosts as creators, 0..3 moderators as admins, JSON room info, a mix of
 * English and Chinese names.
 */
function demoGroups(count: number): DemoGroupInput[] {
  return Array.from({ length: count }, (_, i) => {
    const topic = TOPICS[i % TOPICS.length] ?? "Live";
    const adminList = Array.from({ length: i % 4 }, (_, k) => MODERATORS[(i * 3 + k * 5) % MODERATORS.length] ?? "mod");
    return {
      groupId: `room-${String(i + 1).padStart(4, "0")}`,
      groupName: `${topic} #${Math.floor(i / TOPICS.length) + 1}`,
      groupInfo: JSON.stringify({ room: i + 1, topic, lang: i % 7 === 6 ? "zh" : "en" }),
      creatorId: HOSTS[i % HOSTS.length] ?? "host",
      adminList: [...new Set(adminList)],
    };
  });
}

const API_VERSION = "2016-11-01";
/** Per-call connect and read timeout, ms (the library's 3 s default is tight on a loaded CI box). */
const CALL_TIMEOUT_MS = 10_000;

type Runtime = Parameters<OpenApiClient["callApi"]>[2];

/** A group to create: what the service records of it but its creation time and deleted flag. */
export type DemoGroupInput = Omit<LiveMessageGroup, "createTime" | "deleted">;

/** A client for `endpoint` (`127.0.0.1:PORT`, plain HTTP: the demo only talks to its own emulator). */
export function createDemoApiClient(endpoint: string, credentials: Credentials) {
  const client = new OpenApiClient(new Config({
    accessKeyId: credentials.accessKeyId,
    accessKeySecret: credentials.accessKeySecret,
    endpoint,
    protocol: "HTTP",
    connectTimeout: CALL_TIMEOUT_MS,
    readTimeout: CALL_TIMEOUT_MS,
  }));
  // RuntimeOptions lives in @alicloud/tea-util, which is not our direct dependency; callApi only
  // reads optional fields off it, so an empty object is a complete value.
  const runtime = {} as Runtime;
  const secrets = [credentials.accessKeySecret];

  async function call(action: string, query: Record<string, string>): Promise<Record<string, unknown>> {
    try {
      const params = new Params({
        action, version: API_VERSION, protocol: "HTTP", pathname: "/", method: "POST", authType: "AK", style: "RPC", reqBodyType: "formData", bodyType: "json",
      });
      const response = await client.callApi(params, new OpenApiRequest({ query }), runtime);
      const body: unknown = response.body;
      return typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
    } catch (error) {
      // The library's errors carry the request; keep only what a person needs, scrubbed.
      const code = (error as { code?: unknown }).code;
      const message = error instanceof Error ? error.message.split("\n")[0] ?? "" : String(error);
      // No `cause` on purpose: the library's error holds the signed request.
      // eslint-disable-next-line preserve-caught-error
      throw new Error(scrubSecrets(`${action} failed: ${typeof code === "string" ? `${code}: ` : ""}${message}`, secrets));
    }
  }

  return {
    /** CreateLiveMessageApp; resolves to the AppId the service chose. */
    async createApp(appName: string, dataCenter: DataCenter): Promise<string> {
      const body = await call("CreateLiveMessageApp", { AppName: appName, DataCenter: dataCenter });
      if (typeof body.AppId !== "string" || body.AppId === "") throw new Error("CreateLiveMessageApp answered without an AppId");
      return body.AppId;
    },
    async createGroup(appId: string, dataCenter: DataCenter, group: DemoGroupInput): Promise<void> {
      await call("CreateLiveMessageGroup", {
        AppId: appId, DataCenter: dataCenter, GroupId: group.groupId, GroupName: group.groupName,
        GroupInfo: group.groupInfo, CreatorId: group.creatorId, Administrators: group.adminList.join(","),
      });
    },
    async deleteGroup(appId: string, dataCenter: DataCenter, groupId: string, operatorId: string): Promise<void> {
      await call("DeleteLiveMessageGroup", { AppId: appId, DataCenter: dataCenter, GroupId: groupId, OperatorId: operatorId });
    },
  };
}
