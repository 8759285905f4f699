/**
 * Starts the local emulator for the root stack on a fixed port with a fixed demo key pair and a
 * seeded app, and prints the stack config commands that point the stack at it.
 *
 *     node dist/examples/stack/startDemoEmulator.js [port]
 */
import { startEmulator } from "pulumi-alicloud-live-message-groups";

const DEMO_APP_ID = "demo-app";
const DEMO_KEY_PAIR = { accessKeyId: "LTAIdemoEmulatorKey", accessKeySecret: "demo-emulator-secret-not-a-real-key" };

async function main(): Promise<void> {
  const port = Number(process.argv[2] ?? "8787");
  const emulator = await startEmulator({ port, keyPairs: [DEMO_KEY_PAIR], apps: [{ appId: DEMO_APP_ID, groups: 40 }] });
  process.stdout.write([
    `emulator listening on ${emulator.url}`,
    `pulumi config set appId ${DEMO_APP_ID}`,
    `pulumi config set live-message-groups:endpoint ${emulator.url}`,
    `pulumi config set alicloud:accessKey ${DEMO_KEY_PAIR.accessKeyId}`,
    `pulumi config set --secret alicloud:secretKey ${DEMO_KEY_PAIR.accessKeySecret}`,
    "# Programs in other languages (Python, Go, C#, YAML) read the provider plugin's own keys instead:",
    `# pulumi config set live-message-groups:accessKey ${DEMO_KEY_PAIR.accessKeyId}`,
    `# pulumi config set --secret live-message-groups:secretKey ${DEMO_KEY_PAIR.accessKeySecret}`,
    "",
  ].join("\n"));
}

void main();
