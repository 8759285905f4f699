/**
 * Smoke test run INSIDE a temporary project where the packed tarball is installed next to the
 * newest @pulumi/pulumi, with the newest Node LTS. Plain CommonJS at run time; it only uses what
 * a user gets from `npm install pulumi-alicloud-live-message-groups`.
 *
 * Prints one JSON line: node version, exported names, a direct listing, a mock program's
 * exports (function and resource), and Configure/Check/Create of that program's serialized
 * provider through the installed @pulumi/pulumi's dynamic-provider host, started in this project
 * (so the shim requires the installed package by name from node_modules).
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
    const watched = new pkg.LiveMessageGroups("watched", { appId: "smoke-app", detail: "ids" });
    const exported = await pulumi.runtime.serializeProperties("smoke", { ids: fromOutput.ids, urn: watched.urn });
    const provider = registered.find((r) => r.type.endsWith(":LiveMessageGroups"))?.inputs.__provider;
    const { startProviderHost } = require("./support/providerHost") as typeof import("../provider/support/providerHost");
    const host = await startProviderHost(process.cwd());
    let hostResult: Record<string, unknown>;
    try {
      await host.configure({
        "live-message-groups:endpoint": emulator.url,
        "alicloud:accessKey": emulator.credentials.accessKeyId,
        "alicloud:secretKey": emulator.credentials.accessKeySecret,
      });
      const checked = await host.check({}, { appId: "smoke-app", detail: "ids", __provider: provider });
      const created = await host.create(checked.inputs);
      hostResult = {
        checkFailures: checked.failures,
        id: created.id,
        createdIds: (created.properties.ids as string[]).length,
        emulatorIds: emulator.store.groups("smoke-app").length,
        stateHasSecret: JSON.stringify(created.properties).includes(emulator.credentials.accessKeySecret),
      };
    } catch (error) {
      throw new Error(`provider host: ${error instanceof Error ? error.message : String(error)}\n${host.stderr()}`, { cause: error });
    } finally {
      await host.close();
    }
    process.stdout.write(JSON.stringify({
      node: process.version,
      exportsNames: Object.keys(pkg).sort(),
      listed: listing.groups.length,
      existingFromOutput: (exported.ids as string[]).length,
      existingInEmulator: emulator.store.groups("smoke-app").filter((g) => !g.deleted).length,
      providerMentionsPackage: typeof provider === "string" && provider.includes("pulumi-alicloud-live-message-groups"),
      providerHasSecret: typeof provider === "string" && provider.includes(emulator.credentials.accessKeySecret),
      host: hostResult,
    }) + "\n");
  } finally {
    await emulator.close();
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
