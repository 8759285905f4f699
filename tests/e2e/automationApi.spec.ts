import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { getLiveMessageGroups, getLiveMessageGroupsOutput } from "../../provider";
import { startEmulator } from "../../emulator";
import type { Emulator, EmulatorKeyPair } from "../../emulator/types";
import { E2E_PASSPHRASE, provideEngine } from "./support/pulumiCli";

const APP = "e2e-automation-app";
const KEY_PAIR: EmulatorKeyPair = { accessKeyId: "LTAIe2eAutomationKey", accessKeySecret: "e2e-automation-secret-0123456789" };

/**
 * A long-lived service on the Automation API: one Node.js process (this one) runs the same inline
 * program again and again, each run under the real engine. Every run must list afresh and warn of
 * a misspelled config key: the functions' sharing and the warning are per program run, not per process.
 */
describe("e2e: an Automation API service runs inline programs repeatedly in one process", function () {
  this.timeout(5 * 60 * 1000);
  let emulator: Emulator;
  let dir: string;
  let stack: Stack;

  before(async function () {
    this.timeout(45 * 60 * 1000); // a cold engine build
    const binDir = provideEngine();
    emulator = await startEmulator({ keyPairs: [KEY_PAIR], apps: [{ appId: APP, groups: 120 }] });
    dir = mkdtempSync(join(tmpdir(), "lmg-e2e-automation-"));
    mkdirSync(join(dir, "state"));
    mkdirSync(join(dir, "home"));
    mkdirSync(join(dir, "tmp"));
    const endpoint = emulator.url;
    // Both forms, one identity: one listing per run (shared), whichever answers first.
    const program = async (): Promise<Record<string, unknown>> => {
      const summary = await getLiveMessageGroups({ appId: APP, endpoint, detail: "summary" });
      const ids = getLiveMessageGroupsOutput({ appId: APP, endpoint, detail: "ids" });
      return { totalCount: summary.totalCount, digest: summary.digest, idCount: ids.ids.apply((list) => list.length) };
    };
    const pulumiCommand = await PulumiCommand.get({ root: dirname(binDir), skipVersionCheck: true });
    stack = await LocalWorkspace.createOrSelectStack({ stackName: "dev", projectName: "automation", program }, {
      workDir: dir,
      pulumiCommand,
      envVars: {
        PULUMI_HOME: join(dir, "home"), TMPDIR: join(dir, "tmp"), PULUMI_CONFIG_PASSPHRASE: E2E_PASSPHRASE, PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      },
      projectSettings: { name: "automation", runtime: "nodejs", backend: { url: `file://${join(dir, "state")}` } },
    });
    await stack.setConfig("alicloud:accessKey", { value: KEY_PAIR.accessKeyId });
    await stack.setConfig("alicloud:secretKey", { value: KEY_PAIR.accessKeySecret, secret: true });
    await stack.setConfig("live-message-groups:requestspersecond", { value: "20" });
  });

  after(async () => {
    await emulator?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it("each `up` lists the groups as they are then (groups created between runs are seen), once per run, and warns of the misspelled key each time", async () => {
    for (let run = 1; run <= 3; run++) {
      const expected = emulator.store.groups(APP).length;
      const before = emulator.stats().byAction.ListLiveMessageGroupByPage ?? 0;
      const up = await stack.up();
      const requests = (emulator.stats().byAction.ListLiveMessageGroupByPage ?? 0) - before;
      assert.equal(up.outputs.totalCount?.value, expected, `run ${run}`);
      assert.equal(up.outputs.idCount?.value, expected, `run ${run}`);
      assert.equal(requests, Math.ceil(expected / 50), `run ${run}: one shared listing of ${expected} groups`);
      assert.match(up.stdout, /live-message-groups:requestspersecond: not a configuration key of live-message-groups/, `run ${run}`);
      for (let i = 0; i < 7; i++) emulator.store.createGroup(APP, { groupId: `added-${run}-${i}`, groupName: "added" });
    }
  });
});
