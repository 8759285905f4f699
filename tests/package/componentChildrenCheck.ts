/**
 * Run inside a directory whose node_modules/@pulumi/pulumi is one particular release, next to a
 * copy of provider/pulumiInternals.js: checks that the Pulumi internals this package reads (a
 * component's children, the mocks in force, which config keys are secret) still mean what they do,
 * under that release's mocks.
 */
import * as pulumi from "@pulumi/pulumi";

async function main(): Promise<void> {
  const mocks: pulumi.runtime.Mocks = {
    newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
    call: () => ({}),
  };
  pulumi.runtime.setMocks(mocks, "project", "stack", false);
  class Component extends pulumi.ComponentResource {}
  class Custom extends pulumi.CustomResource {}
  const { componentChildren, configKeyIsSecret, mocksInForce } = require("./pulumiInternals") as typeof import("../../provider/pulumiInternals");
  // No secret-key list yet (the mocks' run was given none): cannot tell. Then, as the engine gives it.
  const secretBefore = configKeyIsSecret("alicloud:secretKey");
  pulumi.runtime.setAllConfig({ "alicloud:secretKey": "s", "alicloud:accessKey": "a" }, ["alicloud:secretKey"]);
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
    mocksFound: mocksInForce() === mocks,
    configSecret: [secretBefore, configKeyIsSecret("alicloud:secretKey"), configKeyIsSecret("alicloud:accessKey")],
    grandchild: await names([grandchild]),
  };
  process.stdout.write(JSON.stringify(report) + "\n");
}

main().then(() => process.exit(0), (e: unknown) => { process.stdout.write(JSON.stringify({ error: String(e) }) + "\n"); process.exit(1); });
