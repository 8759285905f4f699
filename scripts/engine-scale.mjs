// Measures the package at app sizes of 100,000-500,000 groups under the real Pulumi engine: per
// case a new stack (file backend, passphrase) runs `pulumi up`, a second `pulumi up
// --expect-no-changes`, `pulumi refresh --yes --expect-no-changes` and `pulumi preview`, and prints
// one JSON line per step: exit code, wall seconds, lines printed, peak RSS (VmHWM, polled every
// 200 ms) of the pulumi CLI and of each node process (program, dynamic-provider host, plugin), and
// the state's size (the stack file on disk and `pulumi stack export`).
//
//   npm run build && node scripts/engine-scale.mjs 100000 ts:resource:summary,ts:function:ids,yaml:resource:ids
//
// The engine is the one the e2e suite uses (scripts/provide-pulumi.sh); the emulator runs in a
// child process. Takes minutes a case at 500,000 groups; nothing here runs in .ci/run.
//
// A case is <language>:<form>:<detail>: language `ts` (a Node.js program, the package linked as
// `npm install` would) or `yaml` (through the provider plugin); form `resource` (LiveMessageGroups,
// exporting digest and totalCount), `function` (getLiveMessageGroups(Output), exporting digest and
// ids, and groups for "full") or `readme` (`ts` only: the README's first example, the function's
// default detail exporting ids and adminsByGroupId). The emulator (tests/scale/support/scaleEmulator)
// holds one app of that size, 10% deleted, with no call limit; the stacks set
// `live-message-groups:requestsPerSecond` to 10000 so the figures show the engine's share (at the
// account's 50 calls/s a listing of 100,000 groups takes 40 s and one of 500,000 takes 200 s, and
// `pulumi up` lists twice). Environment: STEPS=up1,up2,refresh,preview (a subset), EXTRA="flags"
// (added to every step, e.g. --suppress-outputs), DRIFT=1 (then delete the app's oldest existing
// group and run the drift gate `pulumi refresh --preview-only --expect-no-changes`, without and
// with `--diff`). A resource case may name a groupStatus as a fourth part: ts:resource:ids:existing.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const { ScaleEmulator } = require("../dist/tests/scale/support/scaleEmulator.js");
const { nodeProject, yamlProject, E2eStack } = require("../dist/tests/e2e/support/e2eProject.js");
const { PulumiCli, provideEngine, REPO_DIR } = require("../dist/tests/e2e/support/pulumiCli.js");

const POLL_MS = 200;
const REQUESTS_PER_SECOND = "10000";
const MIB = 1024 * 1024;

const TS_PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const lmg = require("pulumi-alicloud-live-message-groups");
const config = new pulumi.Config();
const appId = config.require("appId");
const form = config.require("form");
const detail = config.require("detail");
const groupStatus = config.get("groupStatus");
if (form === "resource") {
  const watched = new lmg.LiveMessageGroups("watched", { appId, detail, ...(groupStatus === undefined ? {} : { groupStatus }) });
  exports.digest = watched.digest;
  exports.totalCount = watched.totalCount;
} else if (form === "readme") {
  const groups = lmg.getLiveMessageGroupsOutput({ appId, groupStatus: "existing" });
  exports.groupIds = groups.ids;
  exports.adminsByGroupId = groups.adminsByGroupId;
} else {
  const groups = lmg.getLiveMessageGroupsOutput({ appId, detail });
  exports.digest = groups.digest;
  exports.ids = groups.ids;
  if (detail === "full") exports.groups = groups.groups;
}
`;

function yamlBody(form, detail) {
  const head = `packages:\n  live-message-groups: ${join(REPO_DIR, "plugin")}\nconfig:\n  appId:\n    type: string\n  detail:\n    type: string\n`;
  if (form === "resource") {
    return `${head}resources:\n  watched:\n    type: live-message-groups:index:LiveMessageGroups\n    properties:\n      appId: \${appId}\n      detail: \${detail}\n` +
      "outputs:\n  digest: ${watched.digest}\n  totalCount: ${watched.totalCount}\n";
  }
  return `${head}variables:\n  groups:\n    fn::invoke:\n      function: live-message-groups:index:getLiveMessageGroups\n      arguments:\n        appId: \${appId}\n        detail: \${detail}\n` +
    `outputs:\n  digest: \${groups.digest}\n  ids: \${groups.ids}\n${detail === "full" ? "  groups: ${groups.groups}\n" : ""}`;
}

/** The process and its descendants, from /proc. */
function processTree(root) {
  const children = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch { /* gone */ }
  }
  const tree = [];
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop();
    tree.push(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** Which of the engine's processes a command line is. */
function role(commandLine) {
  if (commandLine.includes("dynamic-provider")) return "dynamicHost";
  if (commandLine.includes("run-plugin")) return "plugin";
  if (commandLine.includes("@pulumi/pulumi/cmd/run")) return "program";
  if (commandLine.includes("pulumi-language-yaml")) return "yamlHost";
  if (/^\S*pulumi\s/.test(commandLine)) return "cli";
  return undefined;
}

/** Runs `pulumi <args>`, polling the peak RSS of its processes by role. */
function measured(cli, args, cwd, extraEnv = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn("pulumi", args, { cwd, env: { ...cli.env, ...extraEnv }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => { stdout += chunk; });
    child.stderr.setEncoding("utf8").on("data", (chunk) => { stderr += chunk; });
    const peaks = {};
    const poll = setInterval(() => {
      for (const pid of processTree(child.pid)) {
        try {
          const commandLine = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
          const name = role(commandLine);
          const hwm = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
          if (name !== undefined) peaks[name] = Math.max(peaks[name] ?? 0, hwm);
        } catch { /* gone */ }
      }
    }, POLL_MS);
    child.on("close", (code) => {
      clearInterval(poll);
      resolve({ code, seconds: (Date.now() - started) / 1000, stdout, stderr, peaks });
    });
  });
}

const [sizeArg, casesArg] = process.argv.slice(2);
const groups = Number(sizeArg);
if (!Number.isInteger(groups) || groups <= 0 || casesArg === undefined) {
  console.error("usage: node scripts/engine-scale.mjs <groups> <language:form:detail,...>");
  process.exit(2);
}
const steps = [
  ["up1", ["up", "--yes"]],
  ["up2", ["up", "--yes", "--expect-no-changes"]],
  ["refresh", ["refresh", "--yes", "--expect-no-changes"]],
  ["preview", ["preview"]],
].filter(([name]) => process.env.STEPS === undefined || process.env.STEPS.split(",").includes(name));
const extra = process.env.EXTRA === undefined ? [] : process.env.EXTRA.split(" ");

const appId = `app-${groups}`;
const emulator = await ScaleEmulator.start([{ appId, groups, deletedFraction: 0.1 }]);
const cli = new PulumiCli(provideEngine(), emulator.credentials);
try {
  await cli.login();
  for (const testCase of casesArg.split(",")) {
    const [language, form, detail, groupStatus] = testCase.split(":");
    const name = `scale-${language}-${form}-${detail}${groupStatus === undefined ? "" : `-${groupStatus}`}`;
    let project;
    if (language === "ts") {
      // The program is a file of the project, not nodeProject's link to a compiled program: Node
      // resolves a linked file's requires from its real directory, where the package is not linked.
      project = nodeProject(cli, name, join(REPO_DIR, "package.json"));
      unlinkSync(join(project.dir, "index.js"));
      writeFileSync(join(project.dir, "index.js"), TS_PROGRAM);
    } else {
      project = yamlProject(cli, name, yamlBody(form, detail));
    }
    const stack = new E2eStack(cli, project, "scale");
    await stack.init();
    const credentials = language === "ts"
      ? emulator.config()
      : { "live-message-groups:endpoint": emulator.url, "live-message-groups:accessKey": emulator.credentials.accessKeyId, "live-message-groups:secretKey": emulator.credentials.accessKeySecret };
    await stack.setConfig({ appId, form, detail, ...(groupStatus === undefined ? {} : { groupStatus }), ...credentials, "live-message-groups:requestsPerSecond": REQUESTS_PER_SECOND },
      ["alicloud:secretKey", "live-message-groups:secretKey"]);
    for (const [step, args] of steps) {
      const run = await measured(cli, [...args, "--stack", "scale", ...extra], project.dir);
      const exported = await stack.run(["stack", "export"]);
      const stackFile = join(cli.stateDir, ".pulumi", "stacks", name, "scale.json");
      console.log(JSON.stringify({
        groups, case: testCase, step, code: run.code, seconds: run.seconds, linesPrinted: run.stdout.split("\n").length,
        peakRssMiB: Object.fromEntries(Object.entries(run.peaks).map(([k, v]) => [k, Math.round(v / MIB)])),
        stateFileBytes: statSync(stackFile, { throwIfNoEntry: false })?.size ?? null, exportBytes: exported.stdout.length,
      }));
      if (run.code !== 0) {
        console.log(`${testCase} ${step} failed:\n${run.stdout.slice(-4000)}\n${run.stderr.slice(-4000)}`);
        break;
      }
    }
    if (process.env.DRIFT !== undefined) {
      await emulator.change(appId, await emulator.firstExistingId(appId), "delete");
      for (const diff of [[], ["--diff"]]) {
        // Pulumi refuses --preview-only with --yes, which PULUMI_SKIP_CONFIRMATIONS implies.
        const gate = await measured(cli, ["refresh", "--preview-only", "--expect-no-changes", ...diff, "--stack", "scale"], project.dir, { PULUMI_SKIP_CONFIRMATIONS: "false" });
        console.log(JSON.stringify({ groups, case: testCase, step: `drift gate ${diff.join(" ")}`.trim(), code: gate.code, seconds: gate.seconds,
          linesPrinted: gate.stdout.split("\n").length, peakRssMiB: Object.fromEntries(Object.entries(gate.peaks).map(([k, v]) => [k, Math.round(v / MIB)])) }));
      }
    }
  }
} finally {
  await emulator.close();
  cli.dispose();
}
