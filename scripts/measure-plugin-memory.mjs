#!/usr/bin/env node
/**
 * Peak memory (VmHWM) and time of the provider plugin for one large operation, without the engine:
 * seeds an emulator child with GROUPS groups (no call limit), starts a fresh plugin as the engine
 * does, configures it, runs one operation over gRPC and reads /proc/<plugin pid>/status. Linux only;
 * run after `npx tsc -p tsconfig.json`.
 *
 *   node scripts/measure-plugin-memory.mjs <groups> <invoke|create|read|refresh|diff|update> <full|ids|summary>
 *
 * `read` sends the arguments as the stored outputs (a small request); `refresh` sends the outputs
 * a Create returned (in another plugin process, not measured), as a `pulumi refresh` does; `diff`
 * sends them as the olds with the same arguments (a second `pulumi up`), `update` with
 * `sortOrder: "desc"` (an `up` after the program changed an argument).
 *
 * Prints one JSON line: groups, operation, detail, plugin peak RSS (MiB), seconds, response bytes
 * and their SHA-256 (the emulator's seeded data is deterministic, so two builds can be compared).
 * The response is kept as bytes: decoding 500,000 groups with google-protobuf here would exhaust
 * this process's heap.
 */
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { createHash } from "node:crypto";

const require = createRequire(import.meta.url);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { ScaleEmulator } = require(join(ROOT, "dist/tests/scale/support/scaleEmulator.js"));
const { spawnPlugin, connectProvider, message, messages, Struct, ENGINE_MAX_MESSAGE_BYTES } = require(join(ROOT, "dist/tests/provider/support/grpcPlugin.js"));
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [ROOT] }))] }));

const [groups = "100000", operation = "invoke", detail = "full"] = process.argv.slice(2);
const APP = "measured-app";
const URN = "urn:pulumi:dev::lmg-measure::live-message-groups:index:LiveMessageGroups::measured";
const SECRET = (value) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });
const peakMiB = (pid) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))[1]) / 1024;

const emulator = await ScaleEmulator.start([{ appId: APP, groups: Number(groups), deletedFraction: 0.1 }]);
const cwd = mkdtempSync(join(tmpdir(), "lmg-measure-"));
/** A configured plugin process, with calls whose responses stay undecoded. */
async function startPlugin() {
  const plugin = await spawnPlugin(process.execPath, [join(ROOT, "dist/provider/plugin/bin.js"), "127.0.0.1:1"], { cwd });
  const client = connectProvider(plugin.port);
  const raw = new grpc.Client(`127.0.0.1:${plugin.port}`, grpc.credentials.createInsecure(), { "grpc.max_receive_message_length": ENGINE_MAX_MESSAGE_BYTES, "grpc.max_send_message_length": ENGINE_MAX_MESSAGE_BYTES });
  const creds = emulator.credentials;
  await client.call("configure", message("ConfigureRequest", {
    setAcceptsecrets: true, setAcceptresources: true,
    setArgs: Struct.fromJavaScript({ endpoint: emulator.url, accessKey: SECRET(creds.accessKeyId), secretKey: SECRET(creds.accessKeySecret), requestsPerSecond: 10000 }),
  }));
  return {
    pid: plugin.pid,
    rawCall: (method, request) => new Promise((resolveCall, reject) => {
      raw.makeUnaryRequest(`/pulumirpc.ResourceProvider/${method}`, (r) => Buffer.from(r.serializeBinary()), (bytes) => bytes, request, (error, bytes) => (error ? reject(error) : resolveCall(bytes)));
    }),
    async close() { client.close(); raw.close(); await plugin.close(); },
  };
}

const args = { appId: APP, detail, requestsPerSecond: 10000 };
let stored;
if (["refresh", "diff", "update"].includes(operation)) {
  const creator = await startPlugin();
  const created = await creator.rawCall("Create", message("CreateRequest", { setUrn: URN, setProperties: Struct.fromJavaScript(args) }));
  await creator.close();
  stored = messages.CreateResponse.deserializeBinary(created).getProperties();
}
const { pid, rawCall, close } = await startPlugin();
const plugin = { pid };
try {
  const before = peakMiB(plugin.pid);
  const started = process.hrtime.bigint();
  let response;
  if (operation === "invoke") {
    response = await rawCall("Invoke", message("InvokeRequest", { setTok: "live-message-groups:index:getLiveMessageGroups", setArgs: Struct.fromJavaScript(args) }));
  } else if (operation === "create") {
    response = await rawCall("Create", message("CreateRequest", { setUrn: URN, setProperties: Struct.fromJavaScript(args) }));
  } else if (operation === "read") {
    // A refresh: the stored outputs of a summary listing as properties (small request), the inputs.
    response = await rawCall("Read", message("ReadRequest", {
      setId: `cn-shanghai/${APP}`, setUrn: URN, setProperties: Struct.fromJavaScript({ ...args, id: `cn-shanghai/${APP}` }), setInputs: Struct.fromJavaScript(args),
    }));
  } else if (operation === "refresh") {
    response = await rawCall("Read", message("ReadRequest", { setId: `cn-shanghai/${APP}`, setUrn: URN, setProperties: stored, setInputs: Struct.fromJavaScript(args) }));
  } else if (operation === "diff") {
    response = await rawCall("Diff", message("DiffRequest", { setId: `cn-shanghai/${APP}`, setUrn: URN, setOlds: stored, setNews: Struct.fromJavaScript(args), setOldInputs: Struct.fromJavaScript(args) }));
  } else if (operation === "update") {
    response = await rawCall("Update", message("UpdateRequest", { setId: `cn-shanghai/${APP}`, setUrn: URN, setOlds: stored, setNews: Struct.fromJavaScript({ ...args, sortOrder: "desc" }), setOldInputs: Struct.fromJavaScript(args) }));
  } else throw new Error(`unknown operation ${operation}`);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(JSON.stringify({ groups: Number(groups), operation, detail, idleMiB: Math.round(before), peakMiB: Math.round(peakMiB(plugin.pid)), seconds: Math.round(seconds * 10) / 10, responseBytes: response.length, responseSha256: createHash("sha256").update(response).digest("hex") }));
} finally {
  await close();
  await emulator.close();
  rmSync(cwd, { recursive: true, force: true });
}
