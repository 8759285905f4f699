/**
 * Child process: a program under `liveMessageGroupsMocks`, in a preview (argv[2] "preview") or an
 * update, reporting what a user's test would see: whether registration failed, whether outputs are
 * known, and whether the output of a secret argument is secret. setMocks is process-wide, hence a
 * process of its own.
 */
import * as pulumi from "@pulumi/pulumi";

async function main(): Promise<void> {
  const preview = process.argv[2] === "preview";
  const { liveMessageGroupsMocks } = require("../../../index") as typeof import("../../../index");
  pulumi.runtime.setMocks(liveMessageGroupsMocks({
    groups: { "my-app": [{ groupId: "room-1", groupName: "Lobby" }, { groupId: "room-2", groupName: "Gone", deleted: true }] },
    mocks: {
      // The app: in a preview, not created yet, its `appId` output unknown.
      newResource: (args) => (preview ? { id: undefined, state: {} } : { id: `${args.name}-id`, state: { appId: "my-app" } }),
      call: () => ({}),
    },
  }), "project", "test", preview);
  const lmg = require("../../../index") as typeof import("../../../index");
  class App extends pulumi.CustomResource {
    declare public readonly appId: pulumi.Output<string>;
    constructor(name: string) {
      super("test:index:App", name, { appId: undefined });
    }
  }
  const app = new App("app");
  const errors: string[] = [];
  process.on("unhandledRejection", (error) => errors.push(String((error as Error).message ?? error)));
  const fromApp = new lmg.LiveMessageGroups("from-app", { appId: app.appId, detail: "ids" });
  const secretFilter = new lmg.LiveMessageGroups("secret-filter", { appId: "my-app", nameRegex: pulumi.secret("^Lo"), detail: "ids" });
  // As the engine would see them: unknowns as the unknown sentinel, secrets wrapped.
  const wire = await pulumi.runtime.serializeProperties("report", {
    fromAppIds: fromApp.existingIds, nameRegex: secretFilter.nameRegex, secretFilterIds: secretFilter.ids,
  });
  // A function given a bad secret argument: its error must not quote the value.
  const secretRefused = preview ? "" : await (lmg.getLiveMessageGroupsOutput({ appId: "my-app", endpoint: pulumi.secret("https://hunter2\tpw:1") }) as unknown as { promise(): Promise<unknown> })
    .promise().then(() => "accepted", (error: unknown) => String((error as Error).message));
  // A secret app the service does not know: its error (message and stack) must not quote the app either.
  const secretAppMissing = preview ? "" : await (lmg.getLiveMessageGroupsOutput({ appId: pulumi.secret("very-secret-app-id") }) as unknown as { promise(): Promise<unknown> })
    .promise().then(() => "accepted", (error: unknown) => `${String((error as Error).message)}\n${String((error as Error).stack)}`);
  await new Promise((resolve) => setImmediate(resolve));
  const isSecret = (value: unknown): boolean => typeof value === "object" && value !== null &&
    (value as Record<string, unknown>)[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig;
  const report = {
    fromAppIds: wire.fromAppIds === pulumi.runtime.unknownValue ? "unknown" : wire.fromAppIds,
    secretFilterIsSecret: isSecret(wire.nameRegex),
    secretFilterIds: wire.secretFilterIds === pulumi.runtime.unknownValue ? "unknown" : wire.secretFilterIds,
    secretRefused,
    secretAppMissing,
    // The refused calls' rejections reach the runtime too (a program fails on them): not errors here.
    errors: errors.filter((message) => message !== secretRefused && !secretAppMissing.startsWith(message)),
    quoted: errors.some((message) => message.includes("hunter2") || message.includes("very-secret")),
  };
  process.stdout.write(JSON.stringify(report) + "\n");
}

main().then(() => process.exit(0), (error: unknown) => {
  process.stdout.write(JSON.stringify({ crash: String(error) }) + "\n");
  process.exit(1);
});
