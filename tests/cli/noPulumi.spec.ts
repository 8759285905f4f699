/**
 * The CLI and the `./sdk` entry never load `@pulumi/pulumi` (it costs ~130 MB and ~0.8 s, and a
 * CLI user may not have it installed at all): each is required in a fresh child process, which
 * then reports the modules in its require.cache.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const DIST = path.resolve(__dirname, "../..");

/** The files in require.cache after `setup` ran in a fresh node, as the child reports them on exit. */
function loadedBy(setup: string): string[] {
  const script = `${setup}\nprocess.on("exit", () => process.stderr.write("\\n@@" + JSON.stringify(Object.keys(require.cache))));`;
  const { stderr } = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
  const marker = stderr.lastIndexOf("@@");
  assert.ok(marker >= 0, stderr);
  return JSON.parse(stderr.slice(marker + 2)) as string[];
}

describe("no @pulumi/pulumi in the CLI or the ./sdk entry", function () {
  this.timeout(60_000);

  const entries: [string, string][] = [
    ["the CLI (bin, running --help)", `process.argv = [process.execPath, ${JSON.stringify(path.join(DIST, "cli/main.js"))}, "--help"];\nrequire(process.argv[1]);`],
    ["the CLI's command modules", `require(${JSON.stringify(path.join(DIST, "cli/runCli.js"))});`],
    ["the ./sdk entry", `require(${JSON.stringify(path.join(DIST, "sdk/index.js"))});`],
  ];
  for (const [name, setup] of entries) {
    it(name, () => {
      const loaded = loadedBy(setup);
      assert.ok(loaded.length > 5, `the entry itself was loaded: ${loaded.length} modules`);
      assert.deepEqual(loaded.filter((file) => /[\\/]@pulumi[\\/]/.test(file)), []);
    });
  }

  it("(the check can fail: the package's main entry does load it)", () => {
    const loaded = loadedBy(`require(${JSON.stringify(path.join(DIST, "index.js"))});`);
    assert.ok(loaded.some((file) => /[\\/]@pulumi[\\/]pulumi[\\/]/.test(file)));
  });
});
