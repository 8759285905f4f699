import { strict as assert } from "node:assert";
import { createConnection } from "node:net";
import { networkInterfaces } from "node:os";
import { startEmulator } from "../../emulator";
import { createCaller } from "./support/openApiCaller";

const KEY = { accessKeyId: "host-key", accessKeySecret: "host-secret-000111" };

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("emulator: the address it listens on", () => {
  it("is 127.0.0.1 by default", async () => {
    const emulator = await startEmulator({ keyPairs: [KEY] });
    try {
      assert.equal(emulator.endpoint, `127.0.0.1:${emulator.port}`);
      assert.equal(emulator.url, `http://127.0.0.1:${emulator.port}`);
    } finally {
      await emulator.close();
    }
  });

  it("is the `host` option's address when given, and only that one", async () => {
    // 127.0.0.2 is loopback too on Linux: another address without touching the network.
    const emulator = await startEmulator({ host: "127.0.0.2", keyPairs: [KEY], apps: [{ appId: "app", groups: 3 }] });
    try {
      assert.equal(emulator.endpoint, `127.0.0.2:${emulator.port}`);
      assert.equal(emulator.url, `http://127.0.0.2:${emulator.port}`);
      const answer = await createCaller(emulator.endpoint, KEY)("ListLiveMessageGroupByPage", { AppId: "app", SortType: "1" });
      assert.ok(answer !== undefined);
      assert.equal(await accepts("127.0.0.1", emulator.port), false);
    } finally {
      await emulator.close();
    }
  });

  it("puts an IPv6 address in brackets in endpoint and url", async function () {
    // Skipped only where the host has no IPv6 loopback, and only for the error that says so: any
    // other failure to start on ::1 (the emulator refusing an IPv6 host) fails the test.
    const hasIpv6Loopback = Object.values(networkInterfaces()).some((addresses) => (addresses ?? []).some((a) => a.family === "IPv6" && a.address === "::1"));
    const emulator = await startEmulator({ host: "::1", keyPairs: [KEY] }).catch((error: unknown) => {
      const code = (error as { code?: unknown }).code;
      if (hasIpv6Loopback || (code !== "EADDRNOTAVAIL" && code !== "EAFNOSUPPORT")) throw error;
      process.stdout.write(`      (skipped: no IPv6 loopback here: ${String(error)})\n`);
      return undefined;
    });
    if (emulator === undefined) return this.skip();
    try {
      assert.equal(emulator.endpoint, `[::1]:${emulator.port}`);
      assert.equal(emulator.url, `http://[::1]:${emulator.port}`);
    } finally {
      await emulator.close();
    }
  });
});
