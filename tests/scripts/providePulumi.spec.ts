/**
 * scripts/provide-pulumi.sh without building Pulumi: a `pulumi` on PATH is a shell script printing
 * what a real or broken CLI prints, and `go` is the real go command behind a wrapper whose
 * `go mod download` answers with small modules made here (a `cmd/pulumi` printing its version), so
 * each case ends within seconds, without the network, in a cache directory of its own
 * (XDG_CACHE_HOME). The Go build cache is the caller's, so a compile is quick.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const REPO_DIR = resolve(__dirname, "..", "..", "..");
const SCRIPT = join(REPO_DIR, "scripts", "provide-pulumi.sh");

interface ScriptRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function writeExecutable(path: string, text: string): void {
  writeFileSync(path, text);
  chmodSync(path, 0o755);
}

describe("scripts/provide-pulumi.sh", function () {
  this.timeout(120_000);
  let root: string;
  let realGo: string;
  let goCache: string;
  let goModCache: string;
  let wrapperBin: string;
  let modules: string;

  before(function () {
    const found = spawnSync("bash", ["-c", "command -v go && go env GOCACHE GOMODCACHE"], { encoding: "utf8" });
    const [goPath, cache, modCache] = found.stdout.trim().split("\n");
    if (found.status !== 0 || !goPath || !cache || !modCache) this.skip(); // no Go toolchain here: the e2e suite cannot run either
    realGo = goPath as string;
    goCache = cache as string;
    goModCache = modCache as string;
    root = mkdtempSync(join(tmpdir(), "provide-pulumi-"));
    modules = join(root, "modules");
    wrapperBin = join(root, "go-wrapper");
    mkdirSync(wrapperBin);
    // `go mod download -json <module>@<version>` answers with modules/<module@version, / as _>.
    // With FAKE_GO_BUILD=1, `go build -o <out> ... <package>` fails if <package> is not there,
    // else writes an <out> printing v3.248.0. Anything else is the real go.
    writeExecutable(join(wrapperBin, "go"), `#!/usr/bin/env bash
if [ "$1" = mod ] && [ "$2" = download ]; then
  target="\${!#}"; name="\${target%@*}"; dir="${modules}/\${target//\\//_}"
  if [ -d "$dir" ]; then printf '{\\n\\t"Path": "%s",\\n\\t"Dir": "%s"\\n}\\n' "$name" "$dir"
  else printf '{\\n\\t"Path": "%s",\\n\\t"Error": "%s is not one of this test'"'"'s modules"\\n}\\n' "$name" "$target"; fi
  exit 0
fi
if [ "$1" = build ] && [ "$FAKE_GO_BUILD" = 1 ]; then
  out=""; prev=""
  for arg in "$@"; do [ "$prev" = -o ] && out="$arg"; prev="$arg"; done
  package="\${!#}"
  [ -d "$package" ] || { echo "$package: no such package in $PWD"; exit 1; }
  printf '#!/bin/sh\\necho v3.248.0\\n' >"$out" && chmod +x "$out"
  exit 0
fi
exec "${realGo}" "$@"
`);
  });

  after(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  /** A module directory `go mod download` hands out for `module` at `version` (go.mod plus `files`). */
  function makeModule(module: string, version: string, files: Readonly<Record<string, string>>): void {
    const dir = join(modules, `${module}@${version}`.replace(/\//g, "_"));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "go.mod"), `module ${module}\n\ngo 1.21\n`);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(join(dir, file, ".."), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
  }

  /** Runs the script with `pathBefore` ahead of the wrapper on PATH, in a cache under `home`. */
  function runScript(home: string, pathBefore: readonly string[] = [], env: Readonly<Record<string, string>> = {}): ScriptRun {
    const result = spawnSync("bash", [SCRIPT], {
      cwd: REPO_DIR,
      encoding: "utf8",
      env: {
        ...process.env,
        PATH: [...pathBefore, wrapperBin, "/usr/bin", "/bin"].join(":"),
        XDG_CACHE_HOME: join(home, "cache"),
        GOCACHE: goCache,
        GOMODCACHE: goModCache,
        GOPROXY: "off",
        ...env,
      },
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  /** A directory holding a `pulumi` that runs `body` and a `pulumi-language-nodejs` beside it. */
  function fakePulumi(name: string, body: string): string {
    const dir = join(root, name);
    mkdirSync(dir);
    writeExecutable(join(dir, "pulumi"), `#!/bin/sh\n${body}\n`);
    writeExecutable(join(dir, "pulumi-language-nodejs"), "#!/bin/sh\nexit 0\n");
    return dir;
  }

  function newHome(name: string): string {
    const home = join(root, name);
    mkdirSync(home);
    return home;
  }

  describe("a pulumi on PATH", () => {
    it("is used when it prints a version at least the pinned one, with pulumi-language-nodejs beside it", () => {
      const dir = fakePulumi("pulumi-newer", "echo v3.300.1");
      const run = runScript(newHome("home-newer"), [dir]);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout.trim(), dir);
      assert.match(run.stderr, /using .*pulumi-newer\/pulumi \(v3\.300\.1 >= v3\.248\.0\)/);
    });

    it("is passed over when older; the pinned version is then built (here: a module it cannot have, in one line)", () => {
      const dir = fakePulumi("pulumi-older", "echo v3.100.0");
      const run = runScript(newHome("home-older"), [dir]);
      assert.equal(run.status, 1, run.stderr);
      assert.equal(run.stdout, "");
      assert.match(run.stderr, /ignoring .*pulumi-older\/pulumi \(version '3\.100\.0'/);
      const failed = run.stderr.split("\n").filter((line) => line.includes("FAILED"));
      assert.deepEqual(failed, ["provide-pulumi: FAILED github.com/pulumi/pulumi/pkg/v3@v3.248.0: github.com/pulumi/pulumi/pkg/v3@v3.248.0 is not one of this test's modules"]);
    });

    it("is passed over when `pulumi version` fails, even if it prints something on stdout", () => {
      const dir = fakePulumi("pulumi-broken", "echo 'error: could not read the credentials file'\nexit 1");
      const run = runScript(newHome("home-broken"), [dir]);
      assert.equal(run.stdout, "", "the broken pulumi's directory must not be handed out");
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stderr, /ignoring .*pulumi-broken\/pulumi \(version 'unknown'/);
    });

    it("is passed over when it exits 0 but prints no version", () => {
      const dir = fakePulumi("pulumi-noversion", "echo 'Usage: pulumi [command]'");
      const run = runScript(newHome("home-noversion"), [dir]);
      assert.equal(run.stdout, "");
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stderr, /ignoring .*pulumi-noversion\/pulumi \(version 'unknown'/);
    });
  });

  /** The stand-in modules: pkg/v3 (a cmd/pulumi printing its version), sdk/v3 (the scripts the script installs), pulumi-yaml. */
  function makeStandIns(): void {
    makeModule("github.com/pulumi/pulumi/pkg/v3", "v3.248.0", {
      "cmd/pulumi/main.go": "package main\n\nimport \"fmt\"\n\nvar version = \"dev\"\n\nfunc main() { fmt.Println(version) }\n",
    });
    makeModule("github.com/pulumi/pulumi/sdk/v3", "v3.248.0", {
      "nodejs/dist/pulumi-resource-pulumi-nodejs": "#!/bin/sh\n",
      "python/dist/pulumi-resource-pulumi-python": "#!/bin/sh\n",
      "python/cmd/pulumi-language-python-exec": "#!/bin/sh\n",
    });
    makeModule("github.com/pulumi/pulumi-yaml", "v1.25.0", { "cmd/pulumi-language-yaml/main.go": "package main\n\nfunc main() {}\n" });
  }

  describe("the build", () => {
    before(makeStandIns);

    it("is not taken over by a go.work above the cache directory (a Go workspace in the user's home)", () => {
      const home = newHome("home-with-go-work");
      writeFileSync(join(home, "go.work"), "go 1.21\n");
      const run = runScript(home);
      // The small pkg/v3 has none of the hosts' dependencies, so the build stops at the first host.
      assert.doesNotMatch(run.stderr, /no modules were found in the current workspace/, run.stderr);
      assert.match(run.stderr, /built pulumi in \d+ s/, run.stderr);
      assert.match(run.stderr, /FAILED scripts\/pulumi-language-nodejs@pkg\/v3@v3\.248\.0: /);
    });

    it("a host that does not compile fails in one line with the compiler's error, not go's indented hint", () => {
      const run = runScript(newHome("home-host-error"));
      assert.equal(run.status, 1, run.stderr);
      const failed = run.stderr.split("\n").filter((line) => line.includes("FAILED"));
      assert.equal(failed.length, 1, run.stderr);
      // The stand-in pkg/v3 requires none of the modules the hosts import.
      assert.match(failed[0] ?? "", /^provide-pulumi: FAILED scripts\/pulumi-language-nodejs@pkg\/v3@v3\.248\.0: cmd\/lmg-language-nodejs\/\w+\.go:\d+:\d+: no required module provides package \S+$/);
    });

    it("is not taken over by GOWORK naming a workspace", () => {
      const home = newHome("home-gowork");
      writeFileSync(join(home, "elsewhere.work"), "go 1.21\n");
      const run = runScript(home, [], { GOWORK: join(home, "elsewhere.work") });
      assert.doesNotMatch(run.stderr, /no modules were found in the current workspace/, run.stderr);
      assert.match(run.stderr, /built pulumi in \d+ s/, run.stderr);
    });
  });

  describe("with go build faked (a whole build within a second)", () => {
    before(makeStandIns);

    const FAKE_BUILD = { FAKE_GO_BUILD: "1" };

    it("builds into the cache, then reuses it", () => {
      const home = newHome("home-reuse");
      const first = runScript(home, [], FAKE_BUILD);
      assert.equal(first.status, 0, first.stderr);
      const binDir = join(home, "cache", "live-message-groups", "pulumi-3.248.0", "bin");
      assert.equal(first.stdout.trim(), binDir);
      const second = runScript(home, [], FAKE_BUILD);
      assert.equal(second.status, 0, second.stderr);
      assert.equal(second.stdout.trim(), binDir);
      assert.match(second.stderr, /reusing /);
    });

    it("rebuilds a cache one of whose binaries is gone, instead of handing it out", () => {
      const home = newHome("home-partial");
      const first = runScript(home, [], FAKE_BUILD);
      assert.equal(first.status, 0, first.stderr);
      const binDir = first.stdout.trim();
      for (const name of ["pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs", "pulumi-language-python-exec"]) {
        rmSync(join(binDir, name));
        const again = runScript(home, [], FAKE_BUILD);
        assert.equal(again.status, 0, again.stderr);
        assert.doesNotMatch(again.stderr, /reusing /, `${name} removed:\n${again.stderr}`);
        assert.ok(readFileSync(join(binDir, name)).length > 0, `${name} provided again`);
      }
    });

    it("a pulumi-language-yaml it cannot download is reported in one line naming the error; the rest is provided", () => {
      const home = newHome("home-no-yaml");
      const run = runScript(home, [], { ...FAKE_BUILD, PULUMI_YAML_VERSION: "0.0.1" });
      assert.equal(run.status, 0, run.stderr);
      const notBuilt = run.stderr.split("\n").filter((line) => line.includes("NOT BUILT"));
      assert.deepEqual(notBuilt, ["provide-pulumi: NOT BUILT github.com/pulumi/pulumi-yaml@v0.0.1: github.com/pulumi/pulumi-yaml@v0.0.1 is not one of this test's modules (YAML programs cannot run)"]);
    });

    it("reusing a cache without pulumi-language-yaml says so again, with the error and how to retry", () => {
      const home = newHome("home-no-yaml-reuse");
      const env = { ...FAKE_BUILD, PULUMI_YAML_VERSION: "0.0.1" };
      assert.equal(runScript(home, [], env).status, 0);
      const again = runScript(home, [], env);
      assert.equal(again.status, 0, again.stderr);
      assert.match(again.stderr, /reusing /);
      const notBuilt = again.stderr.split("\n").filter((line) => line.includes("NOT BUILT"));
      assert.equal(notBuilt.length, 1, again.stderr);
      assert.match(notBuilt[0] ?? "", /^provide-pulumi: NOT BUILT github\.com\/pulumi\/pulumi-yaml@v0\.0\.1: github\.com\/pulumi\/pulumi-yaml@v0\.0\.1 is not one of this test's modules \(YAML programs cannot run; remove \S+\/bin\/\.provided to try again\)$/);
    });
  });
});
