import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { newestNodeLts } from "../package/newestNodeLts";

const run = promisify(execFile);
const ROOT = resolve(__dirname, "../../..");
const INSTALL_TIMEOUT_MS = 10 * 60_000;
const PACKAGE = "pulumi-alicloud-live-message-groups";
/** The flag README.md's git install passes, and what it says npm 12 refuses without it. */
const ALLOW_GIT = "--allow-git=root";

/** `command args` in `cwd`: its exit code and output, whether it failed or not. */
async function outcome(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd, env, timeout: INSTALL_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    return { code: typeof failed.code === "number" ? failed.code : -1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

/**
 * README.md's install from git, as a user runs it with the newest npm (the registry's `latest`,
 * 12.x since July 2026) on the newest Node LTS: `npm install --allow-git=root 'git+<url>#<commit>'
 * @pulumi/pulumi` in a fresh project, from this checkout's HEAD commit (git+file://). npm 12 fetches
 * no git dependency without the flag (EALLOWGIT), and it blocks dependencies' install scripts not in
 * `allowScripts`, `prepare` among them; the package must come out built all the same. Needs the npm
 * registry and a git checkout; takes 1-2 minutes (npm builds the package from source).
 */
describe("install from git, as README.md says, with the newest npm on the newest Node LTS", function () {
  this.timeout(3 * INSTALL_TIMEOUT_MS);
  let work: string;
  let nodeBin: string;
  let npmCli: string;
  let npmMajor: number;
  let lts: number;
  let env: NodeJS.ProcessEnv;
  let spec: string;

  before(async function () {
    const head = await outcome("git", ["rev-parse", "HEAD"], ROOT, process.env);
    if (head.code !== 0) {
      console.log(`      skipped: ${ROOT} is not a git checkout`);
      this.skip();
    }
    spec = `git+file://${ROOT}#${head.output.trim()}`;
    const [choice, latest] = await Promise.all([newestNodeLts(), run("npm", ["view", "npm", "dist-tags.latest"])]);
    lts = choice.major;
    const npmVersion = latest.stdout.trim();
    npmMajor = Number(npmVersion.split(".")[0]);
    console.log(`      npm ${npmVersion} on Node ${lts} (newest LTS), installing ${spec}`);
    work = mkdtempSync(join(tmpdir(), "lmg-git-install-"));
    // The newest npm and a Node it supports (npm 12 refuses Node 20), from the registry.
    const tools = join(work, "tools");
    mkdirSync(tools);
    writeFileSync(join(tools, "package.json"), JSON.stringify({ name: "tools", private: true, version: "0.0.0" }));
    await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", `node@${lts}`, `npm@${npmVersion}`], { cwd: tools, timeout: INSTALL_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
    nodeBin = join(tools, "node_modules", "node", "bin", "node");
    npmCli = join(tools, "node_modules", "npm", "bin", "npm-cli.js");
    // That node first on PATH: the package's `prepare` runs `npm run build` with it.
    env = { ...process.env, PATH: `${dirname(nodeBin)}${delimiter}${process.env.PATH ?? ""}` };
  });
  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** A fresh project directory named `name`. */
  function project(name: string): string {
    const dir = join(work, name);
    mkdirSync(dir);
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, version: "0.0.0" }));
    return dir;
  }

  it(`installs a built package with ${ALLOW_GIT}, which loads; README.md gives that command`, async () => {
    const dir = project("with-flag");
    const installed = await outcome(nodeBin, [npmCli, "install", "--no-audit", "--no-fund", ALLOW_GIT, spec, "@pulumi/pulumi"], dir, env);
    assert.equal(installed.code, 0, installed.output);
    const packageDir = join(dir, "node_modules", PACKAGE);
    // Installed from the git fetch, not linked back to this checkout.
    assert.equal(lstatSync(packageDir).isSymbolicLink(), false);
    assert.ok(existsSync(join(packageDir, "dist", "index.js")), `no dist/ in the installed package:\n${installed.output}`);
    const loaded = await outcome(nodeBin, ["-e", `const m = require(${JSON.stringify(PACKAGE)}); console.log(JSON.stringify([process.version, Object.keys(m)]))`], dir, env);
    assert.equal(loaded.code, 0, loaded.output);
    const [version, names] = JSON.parse(loaded.output.trim().split("\n").pop() ?? "[]") as [string, string[]];
    assert.match(version, new RegExp(`^v${lts}\\.`));
    for (const name of ["getLiveMessageGroups", "getLiveMessageGroupsOutput", "LiveMessageGroups", "listLiveMessageGroups"]) assert.ok(names.includes(name), name);
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    assert.ok(readme.includes(`npm install ${ALLOW_GIT} 'git+https://`), "README.md's git install passes the flag tested here");
  });

  it(`without ${ALLOW_GIT}, npm 12 and later refuse the git URL (EALLOWGIT), as README.md says`, async function () {
    if (npmMajor < 12) this.skip();
    const refused = await outcome(nodeBin, [npmCli, "install", "--no-audit", "--no-fund", spec], project("without-flag"), env);
    assert.notEqual(refused.code, 0, refused.output);
    assert.match(refused.output, /EALLOWGIT/);
    assert.ok(readFileSync(join(ROOT, "README.md"), "utf8").includes("EALLOWGIT"));
  });
});
