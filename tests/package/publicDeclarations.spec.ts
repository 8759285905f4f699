import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import * as ts from "typescript";

const ROOT = resolve(__dirname, "../../..");
const PACKAGE = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  exports: Record<string, string | { types?: string }>; dependencies: Record<string, string>; peerDependencies: Record<string, string>;
};

/** The declaration files of the package's entry points (its `exports` with types). */
function entryDeclarations(): string[] {
  return Object.values(PACKAGE.exports).flatMap((target) => (typeof target === "object" && target.types !== undefined ? [join(ROOT, target.types)] : []));
}

/** The package a bare specifier names (`@scope/name/sub` -> `@scope/name`). */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] as string);
}

/**
 * Every declaration file of this package that a user's compiler loads from the entry points, and
 * each package those files import, with the first file that imports it.
 */
function publicDeclarationGraph(): { files: string[]; packages: Map<string, string> } {
  const files: string[] = [];
  const packages = new Map<string, string>();
  const pending = entryDeclarations();
  const seen = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    files.push(file);
    const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    for (const { fileName } of [...info.importedFiles, ...info.referencedFiles]) {
      if (fileName.startsWith(".")) {
        const base = resolve(dirname(file), fileName.replace(/\.js$/, ""));
        const target = [`${base}.d.ts`, join(base, "index.d.ts")].find((candidate) => existsSync(candidate));
        assert.ok(target !== undefined, `${relative(ROOT, file)} imports ${fileName}, which has no declaration file`);
        pending.push(target);
      } else if (!packages.has(packageOf(fileName))) {
        packages.set(packageOf(fileName), relative(ROOT, file));
      }
    }
    for (const { fileName } of info.typeReferenceDirectives) if (!packages.has(`@types/${fileName}`)) packages.set(`@types/${fileName}`, relative(ROOT, file));
  }
  return { files, packages };
}

describe("the package's public declarations (what a user's compiler loads from its entry points)", () => {
  it("import only Node's built-in modules and packages the package depends on or names as peers", () => {
    const { files, packages } = publicDeclarationGraph();
    assert.ok(files.length > 20, `only ${files.length} declaration files found: is dist/ built?`);
    const declared = new Set([...Object.keys(PACKAGE.dependencies), ...Object.keys(PACKAGE.peerDependencies)]);
    const builtins = new Set(builtinModules.map((name) => name.replace(/^node:/, "")));
    const undeclared = [...packages].filter(([name]) => !declared.has(name) && !builtins.has(name.replace(/^node:/, "")) && name !== "@types/node");
    // A package that is only hoisted next to this one (e.g. @grpc/grpc-js under @pulumi/pulumi)
    // is missing from an isolated install (pnpm, npm's linked strategy): the user's build fails.
    assert.deepEqual(undeclared, []);
  });

  it("never reach zod's, which fail to type-check under Pulumi's TypeScript template (no esModuleInterop, no skipLibCheck)", () => {
    const { packages } = publicDeclarationGraph();
    assert.equal(packages.get("zod"), undefined, `zod's declarations are loaded through ${packages.get("zod") ?? ""}`);
  });
});
