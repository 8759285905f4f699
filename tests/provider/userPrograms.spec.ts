import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import * as ts from "typescript";

const ROOT = resolve(__dirname, "../../..");
const FIXTURES = join(ROOT, "tests", "fixtures", "userPrograms");
/** Fixtures that must fail to compile: they prove the harness reports errors at all. */
const MUST_FAIL = new Set(["summaryHasNoIds.ts", "readonlyNotAssignable.ts"]);

/**
 * A user's strict CommonJS Pulumi project, stricter than `pulumi new typescript` makes it, but with
 * skipLibCheck (the real @pulumi/alicloud's declarations are large): the template's own options,
 * declaration files checked, are compiled against the packed tarball (tests/package/packagedInstall.spec.ts).
 */
const USER_COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  target: ts.ScriptTarget.ES2020,
  esModuleInterop: true,
  skipLibCheck: true,
  noEmit: true,
  types: ["node"],
};

/** The ```typescript blocks of the public TSDoc comments and the READMEs users read. */
function docExamples(): { name: string; code: string }[] {
  const examples: { name: string; code: string }[] = [];
  const fromComments = ["provider/getLiveMessageGroups.ts", "provider/getLiveMessageGroupsOutput.ts", "provider/LiveMessageGroups.ts", "provider/testing.ts"];
  for (const file of fromComments) {
    const text = readFileSync(join(ROOT, file), "utf8");
    let n = 0;
    for (const match of text.matchAll(/```typescript\n([\s\S]*?)```/g)) {
      const code = (match[1] ?? "").split("\n").map((line) => line.replace(/^\s*\* ?/, "")).join("\n");
      examples.push({ name: `doc-${basename(file, ".ts")}-${n++}.ts`, code });
    }
  }
  for (const file of ["README.md", "provider/README.md"]) {
    const text = readFileSync(join(ROOT, file), "utf8");
    let n = 0;
    for (const match of text.matchAll(/```typescript\n([\s\S]*?)```/g)) {
      examples.push({ name: `doc-${file.replace(/[/.]/g, "_")}-${n++}.ts`, code: match[1] ?? "" });
    }
  }
  return examples;
}

/** Every diagnostic of a program, by the file it is in. */
function diagnosticsByFile(program: ts.Program): Map<string, string[]> {
  const byFile = new Map<string, string[]>();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const file = d.file ? basename(d.file.fileName) : "(global)";
    const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    const where = d.file && d.start !== undefined ? `:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : "";
    byFile.set(file, [...(byFile.get(file) ?? []), `${file}${where}: ${text}`]);
  }
  return byFile;
}

describe("user programs compile against the package (strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess, CommonJS)", function () {
  this.timeout(240_000);
  let dir: string;
  let diagnostics: Map<string, string[]>;
  let files: string[];

  before(() => {
    // A user's project: the package installed (linked, as npm links a local install) next to the
    // same @pulumi/pulumi and the real @pulumi/alicloud.
    dir = mkdtempSync(join(tmpdir(), "lmg-user-program-"));
    mkdirSync(join(dir, "node_modules", "@pulumi"), { recursive: true });
    symlinkSync(ROOT, join(dir, "node_modules", "pulumi-alicloud-live-message-groups"), "dir");
    for (const name of ["pulumi", "alicloud"]) symlinkSync(join(ROOT, "node_modules", "@pulumi", name), join(dir, "node_modules", "@pulumi", name), "dir");
    symlinkSync(join(ROOT, "node_modules", "@types"), join(dir, "node_modules", "@types"), "dir");
    files = [];
    for (const fixture of readdirSync(FIXTURES).filter((f) => f.endsWith(".ts"))) {
      writeFileSync(join(dir, fixture), readFileSync(join(FIXTURES, fixture)));
      files.push(join(dir, fixture));
    }
    for (const example of docExamples()) {
      writeFileSync(join(dir, example.name), example.code);
      files.push(join(dir, example.name));
    }
    const program = ts.createProgram(files, USER_COMPILER_OPTIONS);
    diagnostics = diagnosticsByFile(program);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("the harness sees the package's declarations (no global or resolution errors)", () => {
    assert.deepEqual(diagnostics.get("(global)") ?? [], []);
  });

  for (const fixture of readdirSync(FIXTURES).filter((f) => f.endsWith(".ts"))) {
    if (MUST_FAIL.has(fixture)) {
      it(`${fixture} is rejected (the check can fail)`, () => {
        const errors = diagnostics.get(fixture) ?? [];
        assert.ok(errors.length > 0, `${fixture} compiled, but it must not`);
        // Rejected for the reason it exists: the ID list a summary lacks.
        assert.match(errors.join("\n"), /'ids'|undefined/);
      });
    } else {
      it(`${fixture} compiles`, () => {
        assert.deepEqual(diagnostics.get(fixture) ?? [], []);
      });
    }
  }

  it("every typescript example in the TSDoc and the READMEs compiles as a CommonJS program (no top-level await)", () => {
    const examples = docExamples();
    assert.ok(examples.length >= 6, `found only ${examples.length} examples`);
    const failing = examples.flatMap((e) => diagnostics.get(e.name) ?? []);
    assert.deepEqual(failing, []);
  });
});
