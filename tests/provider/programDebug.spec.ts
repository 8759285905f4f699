import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

/**
 * A Pulumi program's own process calls getLiveMessageGroups (functions run there, and what they
 * print lands in the update's log): DEBUG=*, set in a CI job for another tool, must not make the
 * HTTP client print the request headers (signature, STS token) nor ioredis its commands.
 */
describe("a program that imports the Pulumi layer, under DEBUG=*", function () {
  this.timeout(60_000);

  it("prints no header, signature or Redis command of the listing", async () => {
    const index = join(__dirname, "..", "..", "index.js");
    const script = `
      const lib = require(${JSON.stringify(index)});
      (async () => {
        const emulator = await lib.startEmulator({ callsPerSecond: 0, apps: [{ appId: "app", groups: 60 }] });
        try {
          process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = emulator.credentials.accessKeyId;
          process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = emulator.credentials.accessKeySecret;
          const result = await lib.getLiveMessageGroups({ appId: "app", endpoint: emulator.url });
          process.stdout.write(String(result.totalCount));
        } finally {
          await emulator.close();
        }
      })().catch((error) => { process.stdout.write("failed: " + error.message); process.exitCode = 1; });`;
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["-e", script], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true", DEBUG: "*",
        LIVE_MESSAGE_GROUPS_REDIS_URL: "redis://:RedisPass9@127.0.0.1:1" },
    });
    assert.equal(stdout, "60");
    assert.doesNotMatch(stderr, /httpx|ioredis|Signature=|authorization|x-acs-|RedisPass9/i, stderr.slice(0, 2000));
  });

  it("DEBUG already excludes httpx and ioredis when the first copy of `debug` loads (a package's own copy, as pnpm installs it, reads DEBUG only then)", async () => {
    const index = join(__dirname, "..", "..", "index.js");
    const script = `
      const Module = require("node:module");
      const load = Module._load;
      let seen = null;
      Module._load = function (request, ...rest) {
        if (seen === null && request === "debug") seen = process.env.DEBUG;
        return load.call(this, request, ...rest);
      };
      require(${JSON.stringify(index)});
      process.stdout.write(String(seen));`;
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], { env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DEBUG: "*" } });
    assert.equal(stdout, "*,-httpx:*,-ioredis:*,-sign");
  });

  it("a `debug` loaded before it (by the host that started the process) is told again: the secret namespaces off, the others still on", async () => {
    const quietDebug = join(__dirname, "..", "..", "sdk", "transport", "quietDebug.js");
    const script = `
      const debug = require(require.resolve("debug", { paths: [${JSON.stringify(dirname(quietDebug))}] }));
      require(${JSON.stringify(quietDebug)});
      process.stdout.write(JSON.stringify(["other:thing", "httpx:request", "ioredis:connection", "sign"].map((name) => debug.enabled(name))));`;
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], { env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DEBUG: "*" } });
    assert.equal(stdout, "[true,false,false,false]");
  });

  it("DEBUG unset or blank is left as it is (nothing to exclude from), and importing does not throw", async () => {
    const quietDebug = join(__dirname, "..", "..", "sdk", "transport", "quietDebug.js");
    const script = `require(${JSON.stringify(quietDebug)}); process.stdout.write(JSON.stringify(process.env.DEBUG ?? null));`;
    for (const [debug, expected] of [[undefined, "null"], ["", '""'], ["  ", '"  "'], ["app:*", '"app:*,-httpx:*,-ioredis:*,-sign"']] as const) {
      const env: Record<string, string> = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" };
      if (debug !== undefined) env.DEBUG = debug;
      const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], { env });
      assert.equal(stdout, expected, JSON.stringify(debug));
    }
  });
});
