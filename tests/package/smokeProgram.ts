/**
 * Smoke test run INSIDE a temporary project where the packed tarball is installed next to the
 * newest @pulumi/pulumi, with the newest Node LTS. Plain CommonJS at run time; it only uses what
 * a user gets from `npm install pulumi-alicloud-live-message-groups`.
 *
 * Prints one JSON line: node version, exported names, a direct listing, and a mock program's
 * exports (function and resource).
 */
type Module = Record<string, unknown>;

async function main(): Promise<void> {
  const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
  const registered: { type: string; inputs: Record<string, unknown> }[] = [];
  await pulumi.runtime.setMocks({
    newResource: (args) => { registered.push({ type: args.type, inputs: args.inputs as Record<string, unknown> }); return { id: `${args.name}-id`, state: args.inputs }; },
    call: (args) => { throw new Error(`unexpected invoke ${args.token}`); },
  }, "smoke", "dev", false);

  const pkg = require("pulumi-alicloud-live-message-groups") as Module & typeof import("../../index");
  const { startEmulator } = require("pulumi-alicloud-live-message-groups/emulator") as typeof import("../../emulator");
  const emulator = await startEmulator({ callsPerSecond: 0, apps: [{ appId: "smoke-app", groups: 75 }] });
  try {
    const listing = await pkg.listLiveMessageGroups({ appId: "smoke-app", endpoint: emulator.url, credentials: emulator.credentials });
    pulumi.runtime.setConfig("live-message-groups:endpoint", emulator.url);
    pulumi.runtime.setConfig("alicloud:accessKey", emulator.credentials.accessKeyId);
    pulumi.runtime.setConfig("alicloud:secretKey", emulator.credentials.accessKeySecret);
    const fromOutput = pkg.getLiveMessageGroupsOutput({ appId: pulumi.output("smoke-app"), groupStatus: "existing" });
    const watched = new pkg.LiveMessageGroups("watched", { appId: "smoke-app" });
    const exported = await pulumi.runtime.serializeProperties("smoke", { ids: fromOutput.ids, urn: watched.urn });
    const provider = registered.find((r) => r.type.endsWith(":LiveMessageGroups"))?.inputs.__provider;
    process.stdout.write(JSON.stringify({
      node: process.version,
      exportsNames: Object.keys(pkg).sort(),
      listed: listing.groups.length,
      existingFromOutput: (exported.ids as string[]).length,
      existingInEmulator: emulator.store.groups("smoke-app").filter((g) => !g.deleted).length,
      providerMentionsPackage: typeof provider === "string" && provider.includes("pulumi-alicloud-live-message-groups"),
      providerHasSecret: typeof provider === "string" && provider.includes(emulator.credentials.accessKeySecret),
    }) + "\n");
  } finally {
    await emulator.close();
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
