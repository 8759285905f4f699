import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { HERMETIC_ENV } from "./support/runMockProgram";

/** Runs the child program under liveMessageGroupsMocks; its report. */
function run(mode: "preview" | "update"): Record<string, unknown> {
  const child = spawnSync(process.execPath, [join(__dirname, "support", "testingMocksChild.js"), mode], {
    env: { PATH: process.env.PATH ?? "", ...HERMETIC_ENV }, encoding: "utf8",
  });
  assert.equal(child.status, 0, `${child.stdout}\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").pop() ?? "{}") as Record<string, unknown>;
}

describe("liveMessageGroupsMocks behaves as the engine does", function () {
  this.timeout(60_000);

  it("in a preview, a resource whose appId is not known yet registers, with unknown outputs (the engine previews it)", () => {
    const report = run("preview");
    assert.deepEqual(report.errors, []);
    assert.equal(report.fromAppIds, "unknown");
    assert.equal(report.secretFilterIds, "unknown", "nothing is listed in a preview");
  });

  it("in an update, it lists; an output named as a secret argument is secret, as the engine marks it", () => {
    const report = run("update");
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.fromAppIds, ["room-1"]);
    assert.equal(report.secretFilterIsSecret, true);
    assert.deepEqual(report.secretFilterIds, ["room-1"]);
  });

  it("a function's error about a secret argument never quotes it", () => {
    const report = run("update");
    assert.match(String(report.secretRefused), /^Invalid endpoint: expected .*, received a secret value \(not shown\)\.$/);
    assert.equal(report.quoted, false);
  });

  it("a function's API error about a secret app quotes it neither in its message nor in its stack", () => {
    const report = run("update");
    assert.match(String(report.secretAppMissing), /^ResourceNotExist: the app "\*\*\*" has no groups in liveMessageGroupsMocks\.\n\S*Error: ResourceNotExist: the app "\*\*\*"/);
    assert.doesNotMatch(String(report.secretAppMissing), /very-secret/);
  });

  it("in a preview, a secret argument's output stays secret too", () => {
    assert.equal(run("preview").secretFilterIsSecret, true);
  });
});
