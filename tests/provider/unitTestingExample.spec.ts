import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { HERMETIC_ENV } from "./support/runMockProgram";

const ROOT = resolve(__dirname, "../../..");
const EXAMPLE = join(ROOT, "dist", "examples", "unitTesting");

/**
 * The examples/unitTesting specs, run as a user runs them: mocha in a process of its own per file
 * (setMocks is process-wide), importing the package by name.
 */
describe("examples/unitTesting: a user's mocha tests of a program under liveMessageGroupsMocks", function () {
  this.timeout(120_000);
  for (const spec of ["index.spec.js", "emulator.spec.js"]) {
    it(`${spec} passes, and its tests ran`, () => {
      const env: Record<string, string> = {};
      for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(ALIBABA_CLOUD_|ALICLOUD_|LIVE_MESSAGE_GROUPS_|PULUMI_)/.test(k)) env[k] = v;
      const run = spawnSync(process.execPath, [require.resolve("mocha/bin/mocha.js"), "--no-config", "--reporter", "json", join(EXAMPLE, spec)], {
        cwd: EXAMPLE, env: { ...env, ...HERMETIC_ENV }, encoding: "utf8",
      });
      assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
      const report = JSON.parse(run.stdout) as { stats: { passes: number; failures: number; pending: number } };
      assert.ok(report.stats.passes >= 1 && report.stats.failures === 0 && report.stats.pending === 0, JSON.stringify(report.stats));
    });
  }
});
