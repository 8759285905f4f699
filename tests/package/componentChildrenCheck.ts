/**
 * Run inside a directory whose node_modules/@pulumi/pulumi is one particular release, next to a
 * copy of provider/pulumiInternals.js: checks that the one Pulumi internal this package reads (a
 * component's children) still means what it does, under that release's mocks.
 */
import * as pulumi from "@pulumi/pulumi";

async function main(): Promise<void> {
  pulumi.runtime.setMocks({
    newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
    call: () => ({}),
  }, "project", "stack", false);
  class Component extends pulumi.ComponentResource {}
  class Custom extends pulumi.CustomResource {}
  const { componentChildren } = require("./pulumiInternals") as typeof import("../../provider/pulumiInternals");
  const parent = new Component("test:index:Parent", "parent");
  const child = new Custom("test:index:Child", "child", {}, { parent });
  const nested = new Component("test:index:Nested", "nested", {}, { parent });
  const grandchild = new Custom("test:index:Grandchild", "grandchild", {}, { parent: nested });
  const names = (rs: pulumi.Resource[]) => Promise.all(rs.map((r) => new Promise<string>((resolve) => r.urn.apply((u) => { resolve(u.split("::").pop() ?? ""); return u; }))));
  const report = {
    version: (require("@pulumi/pulumi/package.json") as { version: string }).version,
    parent: (await names(componentChildren(parent))).sort(),
    nested: await names(componentChildren(nested)),
    childIsLeaf: componentChildren(child as unknown as pulumi.ComponentResource).length,
    grandchild: await names([grandchild]),
  };
  process.stdout.write(JSON.stringify(report) + "\n");
}

main().then(() => process.exit(0), (e: unknown) => { process.stdout.write(JSON.stringify({ error: String(e) }) + "\n"); process.exit(1); });
