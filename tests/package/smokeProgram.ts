/**
 * Smoke test run INSIDE a temporary project where the packed tarball is installed next to the
 * newest @pulumi/pulumi, with the newest Node LTS. Plain CommonJS at run time; it only uses what
 * a user gets from `npm install pulumi-alicloud-live-message-groups`.
 *
 * Prints one JSON line: node version, exported names, a direct listing, a mock program's
 * exports (function and resource), and Configure/Check/Create of that program's serialized
 * provider through the installed @pulumi/pulumi's dynamic-provider host, started in this project
 * (so the shim requires the installed package by name from node_modules); and the installed
 * provider plugin, started as the engine starts it: the `pulumi-resource-live-message-groups`
 * executable from node_modules/.bin, and the package's PulumiPlugin.yaml directory through the
 * installed @pulumi/pulumi's run-plugin (what Pulumi's Node.js language host runs).
 */
import { join } from "node:path";

type Module = Record<string, unknown>;

/** GetPluginInfo, GetSchema, Configure and Invoke through an installed plugin start path. */
async function drivePlugin(command: string, args: string[], emulator: { url: string; credentials: { accessKeyId: string; accessKeySecret: string } }): Promise<Record<string, unknown>> {
  const grpc = require("./support/grpcPlugin") as typeof import("../provider/support/grpcPlugin");
  const binDir = join(process.cwd(), "node_modules", ".bin");
  // `#!/usr/bin/env node` must find this project's Node (the registry's LTS), as it would on a user's PATH.
  const plugin = await grpc.spawnPlugin(command, args, { cwd: process.cwd(), env: { PATH: `${binDir}:${process.env.PATH ?? ""}` } });
  const client = grpc.connectProvider(plugin.port);
  type Response = Record<string, () => unknown>;
  try {
    const empty = require(require.resolve("google-protobuf/google/protobuf/empty_pb", { paths: [join(process.cwd(), "node_modules", "@pulumi", "pulumi")] })) as { Empty: new () => unknown };
    const info = await client.call<Response>("getPluginInfo", new empty.Empty());
    const schema = await client.call<Response>("getSchema", grpc.message("GetSchemaRequest", { setVersion: 0 }));
    await client.call("configure", grpc.message("ConfigureRequest", {
      setArgs: grpc.Struct.fromJavaScript({ endpoint: emulator.url, accessKey: emulator.credentials.accessKeyId, secretKey: emulator.credentials.accessKeySecret }),
    }));
    const invoked = await client.call<Response>("invoke", grpc.message("InvokeRequest", {
      setTok: "live-message-groups:index:getLiveMessageGroups", setArgs: grpc.Struct.fromJavaScript({ appId: "smoke-app" }),
    }));
    const outputs = (invoked.getReturn?.call(invoked) as { toJavaScript(): Record<string, unknown> }).toJavaScript();
    return {
      version: info.getVersion?.call(info),
      schemaName: (JSON.parse(String(schema.getSchema?.call(schema))) as { name: string }).name,
      listed: (outputs.ids as string[]).length,
      hasSecret: JSON.stringify(outputs).includes(emulator.credentials.accessKeySecret),
    };
  } catch (error) {
    throw new Error(`plugin ${command} ${args.join(" ")}: ${error instanceof Error ? error.message : String(error)}\n${plugin.stderr()}`, { cause: error });
  } finally {
    client.close();
    await plugin.close();
  }
}

async function main(): Promise<void> {
  const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
  const registered: { type: string; inputs: Record<string, unknown> }[] = [];
  const invoked: string[] = [];
  // Under plain mocks the program-side function goes to `call`, as a generated SDK's does: answered
  // here by a real listing of the emulator through the installed package.
  let answer: (inputs: Record<string, unknown>) => Promise<Record<string, unknown>> = () => Promise.reject(new Error("too early"));
  await pulumi.runtime.setMocks({
    newResource: (args) => { registered.push({ type: args.type, inputs: args.inputs as Record<string, unknown> }); return { id: `${args.name}-id`, state: args.inputs }; },
    call: (args) => {
      invoked.push(args.token);
      if (args.token !== "live-message-groups:index:getLiveMessageGroups") throw new Error(`unexpected invoke ${args.token}`);
      return answer(args.inputs as Record<string, unknown>);
    },
  }, "smoke", "dev", false);

  const pkg = require("pulumi-alicloud-live-message-groups") as Module & typeof import("../../index");
  const { startEmulator } = require("pulumi-alicloud-live-message-groups/emulator") as typeof import("../../emulator");
  const emulator = await startEmulator({ callsPerSecond: 0, apps: [{ appId: "smoke-app", groups: 75 }] });
  try {
    const listing = await pkg.listLiveMessageGroups({ appId: "smoke-app", endpoint: emulator.url, credentials: emulator.credentials });
    answer = async (inputs) => {
      const asked = await pkg.listLiveMessageGroups({ appId: String(inputs.appId), groupStatus: inputs.groupStatus as "existing", endpoint: emulator.url, credentials: emulator.credentials });
      return { ids: asked.groups.map((g) => g.groupId) };
    };
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
    const installed = join(process.cwd(), "node_modules", "pulumi-alicloud-live-message-groups");
    const plugins = {
      bin: await drivePlugin(join(process.cwd(), "node_modules", ".bin", "pulumi-resource-live-message-groups"), ["127.0.0.1:1"], emulator),
      pluginDir: await drivePlugin(process.execPath, [require.resolve("@pulumi/pulumi/cmd/run-plugin"), join(installed, "plugin"), "127.0.0.1:1"], emulator),
    };
    process.stdout.write(JSON.stringify({
      node: process.version,
      exportsNames: Object.keys(pkg).sort(),
      listed: listing.groups.length,
      existingFromOutput: (exported.ids as string[]).length,
      invoked,
      existingInEmulator: emulator.store.groups("smoke-app").filter((g) => !g.deleted).length,
      providerMentionsPackage: typeof provider === "string" && provider.includes("pulumi-alicloud-live-message-groups"),
      providerHasSecret: typeof provider === "string" && provider.includes(emulator.credentials.accessKeySecret),
      host: hostResult,
      plugins,
      packageVersion: (require("pulumi-alicloud-live-message-groups/package.json") as { version: string }).version,
    }) + "\n");
  } finally {
    await emulator.close();
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
