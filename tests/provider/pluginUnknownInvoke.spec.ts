import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "../../emulator";
import type { Emulator } from "../../emulator/types";
import type { CallError } from "./support/grpcPlugin";
import { startPlugin, type PluginClient } from "./support/pluginClient";
import { SECRET_SIG_KEY, UNKNOWN } from "./support/runMockProgram";

const FUNCTION = "live-message-groups:index:getLiveMessageGroups";
const APP = "known-app";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const secret = (value: unknown): Record<string, unknown> => ({ [SECRET_SIG_KEY]: SECRET_SIG, value });

/**
 * An Invoke carrying a preview's unknown value. Pulumi's SDKs (Node.js, Python, Go, .NET, YAML) do
 * not invoke until the arguments are known, and the engine (3.248, 3.276) leaves unknowns out of the
 * Invoke it sends a plugin; a client that sends the placeholder itself got it listed as a real value:
 * an app literally named "04da6b54-...", a group ID filter that matched nothing. It is refused,
 * naming the argument, before any request.
 */
describe("provider plugin: an Invoke with an unknown argument is refused naming it, not listed (driven over gRPC)", function () {
  this.timeout(120_000);
  let emulator: Emulator;
  let plugin: PluginClient;
  let workDir: string;

  before(async () => {
    // An app whose ID is the placeholder itself: listing it would succeed, as if the value were real.
    emulator = await startEmulator({ callsPerSecond: 0, apps: [{ appId: APP, groups: 4 }, { appId: UNKNOWN, groups: 2 }] });
    workDir = mkdtempSync(join(tmpdir(), "lmg-plugin-unknown-"));
    plugin = await startPlugin({ mode: "bin", cwd: workDir });
    await plugin.configure({ args: { endpoint: emulator.url, accessKey: secret(emulator.credentials.accessKeyId), secretKey: secret(emulator.credentials.accessKeySecret) } });
  });
  after(async () => {
    await plugin?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
    await emulator?.close();
  });

  const cases: readonly (readonly [args: Record<string, unknown>, property: string])[] = [
    [{ appId: UNKNOWN }, "appId"],
    [{ appId: secret(UNKNOWN) }, "appId"],
    [{ appId: APP, ids: ["g1", UNKNOWN] }, "ids[1]"],
    [{ appId: APP, ids: UNKNOWN }, "ids"],
    [{ appId: APP, nameRegex: UNKNOWN, detail: "ids" }, "nameRegex"],
  ];
  for (const [args, property] of cases) {
    it(`${JSON.stringify(args)}: InvalidArgument naming ${property}, nothing listed`, async () => {
      const requestsBefore = emulator.stats().requests;
      const error = await plugin.invoke(FUNCTION, args).then((r) => assert.fail(`invoke answered ${JSON.stringify(r.outputs)}`), (e: CallError) => e);
      assert.equal(error.metadata?.get("lmg-kind")[0], "InvalidArgument");
      assert.ok(error.message.includes(`InvalidArgument: Invalid ${property}: expected a known value, received a preview's unknown value`), error.message);
      assert.equal(emulator.stats().requests, requestsBefore, "a request was sent");
    });
  }

  it("the same arguments known are listed as before", async () => {
    const result = await plugin.invoke(FUNCTION, { appId: APP, detail: "ids" });
    assert.equal(result.outputs.totalCount, 4);
  });
});
