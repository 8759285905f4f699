/**
 * End to end: the progress line as a person sees it. The real bin runs under a pseudo-terminal
 * (util-linux `script`, from Debian's essential bsdutils package) against an emulator with
 * latency and a few thousand groups; its stdout goes to a file, so what `script` captures is
 * what the bin drew on its stderr, a TTY.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Emulator } from "../../emulator";
import { assertNoSecret, BIN, hermeticEnv, runBin } from "./helpers/runBin";
import { keyEnv, makeTestKeys, startTestEmulator } from "./helpers/testEmulator";

const APP_ID = "tty-app";
const GROUPS = 3000;
const PAGES = GROUPS / 50;
/** Carriage return and "erase line": how the progress line is redrawn (see createProgressReporter in cli/listingFlags.ts). */
const CLEAR = String.raw`\u001b\[1G\u001b\[2K`;
/** A progress draw: clear the line, then the text. */
const DRAW = new RegExp(CLEAR + String.raw`(listing tty-app: page (\d+)\/(\d+), (\d+) groups, \d+ groups\/s, \d+ retr(?:y|ies))`, "g");

/** Single-quoted for sh. */
const sh = (word: string): string => `'${word.replace(/'/g, "'\\''")}'`;

/** Runs `node <bin> args` under a pseudo-terminal; resolves with everything written to the terminal. */
function runUnderTty(args: readonly string[], env: Record<string, string>, stdoutFile: string, columns?: number): Promise<{ code: number | null; tty: string }> {
  const size = columns === undefined ? "" : `stty cols ${columns} && `;
  const command = size + [process.execPath, BIN, ...args].map(sh).join(" ") + ` > ${sh(stdoutFile)}`;
  const child = spawn("script", ["-qfec", command, "/dev/null"], { env: hermeticEnv(env), stdio: ["pipe", "pipe", "pipe"] });
  let tty = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (tty += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (tty += chunk));
  child.stdin.end();
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, tty });
    });
  });
}

describe("bin: progress on a terminal", function () {
  this.timeout(60_000);
  const keys = makeTestKeys();
  const dir = mkdtempSync(path.join(os.tmpdir(), "lmg-cli-tty-"));
  let emulator: Emulator;
  let common: string[];

  before(async () => {
    // Fail, not skip: a suite that quietly stops testing the terminal path would pass forever.
    const found = spawnSync("sh", ["-c", "command -v script"], { encoding: "utf8" });
    if (found.status !== 0) {
      throw new Error("util-linux 'script' is not installed (Debian: the essential package bsdutils); " +
        "it is needed to run the bin under a pseudo-terminal");
    }
    emulator = await startTestEmulator(keys, { latencyMs: { min: 10, max: 30 }, apps: [{ appId: APP_ID, groups: GROUPS }] });
    common = ["list", "--endpoint", emulator.url, "--app-id", APP_ID, "--ids-only"];
  });
  after(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("draws progress lines on the TTY, ending at the last page, then clears them", async () => {
    const out = path.join(dir, "ids.txt");
    const { code, tty } = await runUnderTty(common, keyEnv(keys), out);
    assert.equal(code, 0, tty);
    assertNoSecret(tty, "the terminal");
    assert.equal(readFileSync(out, "utf8").trimEnd().split("\n").length, GROUPS, "stdout still gets every id");
    const draws = [...tty.matchAll(DRAW)];
    assert.ok(draws.length >= 2, `expected several progress draws, got: ${JSON.stringify(tty.slice(0, 400))}`);
    const pages = draws.map((draw) => Number(draw[2]));
    assert.deepEqual(pages, [...pages].sort((a, b) => a - b), "pages only go up");
    const last = draws[draws.length - 1];
    assert.equal(Number(last?.[2]), PAGES);
    assert.equal(Number(last?.[3]), PAGES);
    assert.equal(Number(last?.[4]), GROUPS);
    // The line is erased at the end: the terminal ends with a bare clear, not with progress text.
    assert.match(tty, new RegExp(CLEAR + String.raw`\s*$`));
  });

  it("with --quiet draws nothing on the TTY", async () => {
    const out = path.join(dir, "quiet.txt");
    const { code, tty } = await runUnderTty([...common, "--quiet", "--rps", "1000"], keyEnv(keys), out);
    assert.equal(code, 0, tty);
    assert.equal(tty, "");
    assert.equal(readFileSync(out, "utf8").trimEnd().split("\n").length, GROUPS);
  });

  // In a 40-column pane each redraw of a wider line wrapped and left its first row behind.
  it("in a narrow terminal draws lines one column narrower than it, never wrapping", async () => {
    const out = path.join(dir, "narrow.txt");
    const { code, tty } = await runUnderTty(common, keyEnv(keys), out, 40);
    assert.equal(code, 0, tty);
    const draws = tty.split(new RegExp(CLEAR)).filter((text) => text !== "");
    assert.ok(draws.length >= 2, JSON.stringify(tty.slice(0, 400)));
    for (const draw of draws) assert.ok(draw.length <= 39 && !draw.includes("\n"), JSON.stringify(draw));
    assert.match(draws[0] ?? "", /^listing tty-app: page \d+.*…$/);
  });

  // A dumb terminal shows the redraw's escape codes as text.
  it("with TERM=dumb draws nothing on the TTY", async () => {
    const out = path.join(dir, "dumb.txt");
    const { code, tty } = await runUnderTty(common, { ...keyEnv(keys), TERM: "dumb" }, out);
    assert.equal(code, 0, tty);
    assert.equal(tty, "");
    assert.equal(readFileSync(out, "utf8").trimEnd().split("\n").length, GROUPS);
  });

  it("with stderr not a TTY writes nothing extra", async () => {
    const result = await runBin([...common, "--rps", "1000"], { env: keyEnv(keys) });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, "");
    assert.equal(result.stdout.trimEnd().split("\n").length, GROUPS);
  });
});
