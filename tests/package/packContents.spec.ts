/**
 * The package as users get it: `npm pack --dry-run --json` lists what the tarball holds. Every
 * README (and other document) the main README links to is in it, and no source map points at a
 * source the tarball lacks (the maps carry their sources inline: tsconfig `inlineSources`; and
 * `build` empties dist/ first, so a moved or deleted module leaves no stale file to pack).
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../../..");

interface PackFile { readonly path: string }

describe("package contents (npm pack --dry-run)", function () {
  this.timeout(120_000);
  let files: Set<string>;
  before(() => {
    // --ignore-scripts: `prepare` would rebuild dist/, which this run has just built.
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const out = execFileSync(npm, ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const [pack] = JSON.parse(out) as { files: PackFile[] }[];
    files = new Set((pack?.files ?? []).map((file) => file.path));
    assert.ok(files.has("dist/index.js"), "the tarball holds the build");
  });

  it("holds every document the main README links to", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const linked = [...readme.matchAll(/\]\(([^)#\s]+\.md)(#[^)]*)?\)/g)].map((match) => match[1] as string);
    assert.ok(linked.length >= 5, `links found: ${linked.join(", ")}`);
    const missing = [...new Set(linked)].filter((target) => !files.has(path.posix.normalize(target)));
    assert.deepEqual(missing, []);
    assert.ok(files.has("README.md"));
  });

  it("no source map points at a source the tarball lacks", () => {
    const maps = [...files].filter((file) => file.endsWith(".js.map"));
    assert.ok(maps.length > 20, `${maps.length} source maps`);
    const dangling: string[] = [];
    for (const map of maps) {
      const parsed = JSON.parse(readFileSync(path.join(ROOT, map), "utf8")) as { sources: string[]; sourcesContent?: (string | null)[] };
      parsed.sources.forEach((source, index) => {
        const inline = typeof parsed.sourcesContent?.[index] === "string";
        const shipped = files.has(path.posix.normalize(path.posix.join(path.posix.dirname(map), source)));
        if (!inline && !shipped) dangling.push(`${map} -> ${source}`);
      });
    }
    assert.deepEqual(dangling.slice(0, 5), []);
  });

  it("every file the package.json `files` names exists (no stale entry)", () => {
    const { files: entries } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { files: string[] };
    for (const entry of entries.filter((e) => !e.includes("*"))) assert.ok(existsSync(path.join(ROOT, entry)), entry);
  });
});
