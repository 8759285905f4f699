/**
 * End to end, the real bin: a hang-up (SIGHUP: the terminal or SSH session closed) stops a run like
 * SIGTERM does, and a deleted working directory is an error only for a command that needs it.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BIN, hermeticEnv, spawnBin } from "./helpers/runBin";

describe("bin: SIGHUP and a deleted working directory", function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), "lmg-hup-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // SIGHUP was not handled: demo died at once, leaving its temporary directory and no message.
  it("demo stopped by SIGHUP removes its temporary directory and exits 129 with one line", async () => {
    const child = spawnBin(["demo", "--groups", "5000"], { env: { TMPDIR: dir } });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // The banner is printed once the temporary directory exists.
    await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
    assert.equal(readdirSync(dir).filter((name) => name.startsWith("live-message-groups-demo-")).length, 1);
    const exited = once(child, "exit");
    child.kill("SIGHUP");
    const [code] = (await exited) as [number | null];
    assert.equal(code, 129, stderr);
    assert.equal(stderr, "live-message-groups demo: hung up\n");
    assert.deepEqual(readdirSync(dir), []);
  });

  // process.cwd() was read up front: every command, --version included, died with an uv_cwd stack.
  const inDeletedDirectory = (args: readonly string[]) => {
    const gone = path.join(dir, "gone");
    mkdirSync(gone);
    const quoted = [process.execPath, BIN, ...args].map((word) => `'${word.replace(/'/g, "'\\''")}'`).join(" ");
    return spawnSync("sh", ["-c", `cd gone && rmdir ../gone && exec ${quoted}`], { cwd: dir, env: hermeticEnv(), encoding: "utf8" });
  };

  it("in a deleted working directory, a command that needs none runs", () => {
    const result = inDeletedDirectory(["--version"]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^\d+\.\d+\.\d+\n$/);
    assert.equal(result.stderr, "");
  });

  it("in a deleted working directory, a relative --output is a one-line error naming it, not a stack", () => {
    const result = inDeletedDirectory(["list", "--app-id", "a", "--endpoint", "http://127.0.0.1:9", "-o", "groups.txt"]);
    assert.equal(result.status, 1, result.stderr);
    assert.equal(result.stderr, "live-message-groups list: --output \"groups.txt\": the working directory cannot be read (ENOENT; was it deleted?): " +
      "cd to an existing directory, or give the path as an absolute one (see 'live-message-groups list --help')\n");
  });
});
