/**
 * DEBUG=* (set in a CI job for another tool) and an aliyun CLI profile that assumes a RAM role from
 * STS credentials (ChainableRamRoleArn over a StsToken profile): @alicloud/credentials logs the
 * AssumeRole string-to-sign under the `debug` namespace `sign`, and that string holds the source
 * profile's security token (percent-encoded twice). The bin must not print it.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BIN } from "./helpers/runBin";

const TOKEN = "CAISPlantedSourceStsToken+abc/def==";
const SECRET = "PlantedSourceSecret0123456789ab";

describe("bin: DEBUG=* with a chained RAM role profile", function () {
  this.timeout(60_000);
  let home: string;

  before(() => {
    home = mkdtempSync(path.join(os.tmpdir(), "lmg-cli-chained-"));
    mkdirSync(path.join(home, ".aliyun"));
    writeFileSync(path.join(home, ".aliyun", "config.json"), JSON.stringify({
      current: "chained",
      profiles: [
        { name: "source", mode: "StsToken", access_key_id: "LTAIPlantedSource0001", access_key_secret: SECRET, sts_token: TOKEN },
        { name: "chained", mode: "ChainableRamRoleArn", source_profile: "source", ram_role_arn: "acs:ram::123:role/r", ram_session_name: "s", sts_region: "cn-hangzhou" },
      ],
    }));
    // Every host name resolves to loopback, where nothing listens on 443: the STS request is refused
    // on this machine, after the library logged what it signs.
    writeFileSync(path.join(home, "loopback-dns.js"), `
      const dns = require("node:dns");
      dns.lookup = (host, options, callback) => {
        const cb = typeof options === "function" ? options : callback;
        const all = typeof options === "object" && options !== null && options.all;
        process.nextTick(() => (all ? cb(null, [{ address: "127.0.0.1", family: 4 }]) : cb(null, "127.0.0.1", 4)));
      };`);
  });
  after(() => rmSync(home, { recursive: true, force: true }));

  it("prints neither the source profile's security token nor the string-to-sign", async () => {
    const child = spawn(process.execPath, ["--require", path.join(home, "loopback-dns.js"), BIN, "list", "--app-id", "app", "--endpoint", "http://127.0.0.1:1"], {
      env: { PATH: process.env.PATH ?? "", HOME: home, USERPROFILE: home, ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true", DEBUG: "*" },
      cwd: home, stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.equal(code, 1, output);
    // The run got as far as the STS request (which loopback refused).
    assert.match(output, /aliyun CLI profile/, output);
    assert.ok(!output.includes("CAISPlantedSourceStsToken"), `the source profile's security token is in the output:\n${output}`);
    assert.doesNotMatch(output, /stringToSign|SecurityToken%3D/, output);
  });
});
