import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { buildSchema, FUNCTION_TOKEN, RESOURCE_TOKEN } from "../../provider/plugin/schema";

const ROOT = resolve(__dirname, "../../..");
const read = (path: string): string => readFileSync(join(ROOT, path), "utf8");

interface Schema {
  types: Record<string, { enum?: { name: string; value: string }[] }>;
  functions: Record<string, { inputs: { properties: Record<string, unknown> }; outputs: { properties: Record<string, unknown> } }>;
  resources: Record<string, { inputProperties: Record<string, unknown>; properties: Record<string, unknown> }>;
}
const schema = buildSchema("0.0.0") as unknown as Schema;
const fn = schema.functions[FUNCTION_TOKEN];
const resource = schema.resources[RESOURCE_TOKEN];
const names = (record: Record<string, unknown> | undefined): string[] => Object.keys(record ?? {});
const fnInputs = names(fn?.inputs.properties);
const fnOutputs = names(fn?.outputs.properties);
const resourceInputs = names(resource?.inputProperties);
const resourceOutputs = names(resource?.properties);

const camelFromSnake = (name: string): string => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const camelFromPascal = (name: string): string => name[0]?.toLowerCase() + name.slice(1);
const all = (pattern: RegExp, text: string): string[] => [...text.matchAll(pattern)].map((m) => m[1] ?? "");
/** The text between `open` and its matching `close`, starting at the first `start`. */
function block(text: string, start: string, open: string, close: string): string {
  const from = text.indexOf(start);
  assert.ok(from >= 0, `no ${start}`);
  const begin = text.indexOf(open, from);
  let depth = 0;
  for (let i = begin; i < text.length; i++) {
    if (text[i] === open) depth++;
    if (text[i] === close && --depth === 0) return text.slice(begin + 1, i);
  }
  throw new Error(`unclosed ${start}`);
}
/**
 * `<enum type><member>` names used by a program resolve to enum members. Pulumi's Go generator
 * (`makeSafeEnumName` in pkg/codegen/go/utilities.go) upper-cases a member name's first letter
 * and turns `-x` into `_X` (`lmg.DetailIds`); .NET keeps the name (`Detail.Ids`).
 */
function assertEnumMembers(used: readonly string[][], goNames = false): void {
  assert.ok(used.length > 0, "no enum member used");
  const goName = (name: string): string => (name.charAt(0).toUpperCase() + name.slice(1)).replace(/-(\w)/g, (_, c: string) => `_${c.toUpperCase()}`);
  for (const [type = "", member = ""] of used) {
    const members = schema.types[`live-message-groups:index:${type}`]?.enum?.map((e) => (goNames ? goName(e.name) : e.name)) ?? [];
    assert.ok(members.includes(member), `${type}.${member} is not a member of ${members.join(", ")}`);
  }
}
const assertSubset = (used: readonly string[], defined: readonly string[], what: string): void => {
  assert.ok(used.length > 0, `${what}: nothing found`);
  for (const name of used) assert.ok(defined.includes(name), `${what}: ${name} is not in the schema (${defined.join(", ")})`);
};

/**
 * The Python, Go, C# and YAML examples are not run here (no Pulumi CLI nor language SDKs), but
 * every token, argument, output and enum member they use must exist in the plugin's schema, named
 * as each language's code generator names it.
 */
describe("examples for other languages use only what the plugin's schema defines", () => {
  it("YAML", () => {
    const text = read("examples/yaml/Pulumi.yaml");
    assert.deepEqual(all(/function: (\S+)/g, text), [FUNCTION_TOKEN]);
    assert.deepEqual(all(/type: (live-message-groups:\S+)/g, text), [RESOURCE_TOKEN]);
    const keysUnder = (heading: string): string[] => {
      const lines = text.split("\n");
      const at = lines.findIndex((l) => l.trim() === `${heading}:`);
      const indent = (lines[at]?.search(/\S/) ?? 0);
      const keys: string[] = [];
      for (const line of lines.slice(at + 1)) {
        if (line.trim() === "" || line.trim().startsWith("#")) continue;
        if (line.search(/\S/) <= indent) break;
        keys.push(/^\s*(\w+):/.exec(line)?.[1] ?? "");
      }
      return keys;
    };
    assertSubset(keysUnder("arguments"), fnInputs, "function arguments");
    assertSubset(keysUnder("properties"), resourceInputs, "resource inputs");
    assertSubset(all(/\$\{groups\.(\w+)\}/g, text), fnOutputs, "function outputs");
    assertSubset(all(/\$\{watched\.(\w+)\}/g, text), resourceOutputs, "resource outputs");
    assert.match(text, /^runtime: yaml$/m);
  });

  it("Python (snake_case names)", () => {
    const text = read("examples/python/__main__.py");
    assertSubset(all(/(\w+)=/g, block(text, "get_live_message_groups_output(", "(", ")")).map(camelFromSnake), fnInputs, "function arguments");
    assertSubset(all(/groups\.(\w+)/g, text).map(camelFromSnake), fnOutputs, "function outputs");
    assertSubset(all(/(\w+)=/g, block(text, "lmg.LiveMessageGroups(", "(", ")")).map(camelFromSnake), resourceInputs, "resource inputs");
    assertSubset(all(/watched\.(\w+)/g, text).map(camelFromSnake), resourceOutputs, "resource outputs");
    assert.match(text, /^import pulumi_live_message_groups as lmg$/m);
    assert.equal((buildSchema("0.0.0").language as { python: { packageName: string } }).python.packageName, "pulumi_live_message_groups");
  });

  it("Go (Lookup for a function named like a resource, PascalCase fields, typed enum constants)", () => {
    const text = read("examples/go/main.go");
    assertSubset(all(/(\w+):/g, block(text, "lmg.LookupLiveMessageGroupsOutputArgs{", "{", "}")).map(camelFromPascal), fnInputs, "function arguments");
    assertSubset(all(/groups\.(\w+)\(\)/g, text).map(camelFromPascal), fnOutputs, "function outputs");
    assertSubset(all(/(\w+):/g, block(text, "lmg.LiveMessageGroupsArgs{", "{", "}")).map(camelFromPascal), resourceInputs, "resource inputs");
    assertSubset(all(/watched\.(\w+)/g, text).map(camelFromPascal), resourceOutputs, "resource outputs");
    assertEnumMembers([...text.matchAll(/lmg\.(GroupStatus|Detail|SortOrder|DataCenter)(\w+)/g)].map((m) => [m[1] ?? "", m[2] ?? ""]), true);
    const importPath = (buildSchema("0.0.0").language as { go: { importBasePath: string } }).go.importBasePath;
    // The generator writes the SDK's go.mod for the module one element above the import path (the
    // package is a directory of it), and `pulumi package add` replaces that module.
    const modulePath = importPath.slice(0, importPath.lastIndexOf("/"));
    assert.ok(text.includes(`lmg "${importPath}"`));
    assert.ok(read("examples/go/go.mod").includes(`replace ${modulePath} => ./sdks/live-message-groups`));
  });

  it("C# (PascalCase properties, enum members)", () => {
    const text = read("examples/csharp/Program.cs");
    assertSubset(all(/(\w+) =/g, block(text, "new GetLiveMessageGroupsInvokeArgs", "{", "}")).map(camelFromPascal), fnInputs, "function arguments");
    assertSubset(all(/result\.(\w+)/g, text).map(camelFromPascal), fnOutputs, "function outputs");
    assertSubset(all(/(\w+) =/g, block(text, "new LiveMessageGroupsArgs", "{", "}")).map(camelFromPascal), resourceInputs, "resource inputs");
    assertSubset(all(/watched\.(\w+)/g, text).map(camelFromPascal), resourceOutputs, "resource outputs");
    assertEnumMembers([...text.matchAll(/\b(GroupStatus|Detail|SortOrder|DataCenter)\.(\w+)/g)].map((m) => [m[1] ?? "", m[2] ?? ""]));
    const csharp = (buildSchema("0.0.0").language as { csharp: { rootNamespace: string; namespaces: Record<string, string> } }).csharp;
    assert.ok(text.includes(`using ${csharp.rootNamespace}.${csharp.namespaces["live-message-groups"]};`));
  });

  it("every example's Pulumi.yaml records the plugin directory of this repository", () => {
    for (const language of ["yaml", "python", "go", "csharp"]) {
      assert.match(read(`examples/${language}/Pulumi.yaml`), /^\s+live-message-groups: \.\.\/\.\.\/plugin$/m, language);
    }
  });
});
