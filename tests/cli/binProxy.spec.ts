/**
 * A network whose only way out is an HTTP proxy: the real bin and the real plugin reach the
 * service's public endpoint (https://live.aliyuncs.com) through HTTPS_PROXY, as curl would. Here the
 * proxy tunnels every CONNECT to a TLS front (a test certificate for live.aliyuncs.com, trusted
 * through NODE_EXTRA_CA_CERTS) of an emulator; nothing resolves live.aliyuncs.com here, so a request
 * that skips the proxy fails (ENOTFOUND), as it did before the CLI read HTTPS_PROXY.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { once } from "node:events";
import type { Server } from "node:net";
import { join } from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { promisify } from "node:util";
import type { Emulator } from "../../emulator";
import isUrlMatchingNoProxy from "global-agent/dist/utilities/isUrlMatchingNoProxy";
import { ALWAYS_DIRECT, environmentProxy, ProxySettingError, redactProxyUrl } from "../../sdk/transport/environmentProxy";
import * as pulumi from "@pulumi/pulumi";
import { liveMessageGroupsShim } from "../../provider/dynamic/shim";
import { startFakeEngine, type CallError } from "../provider/support/grpcPlugin";
import { startPlugin } from "../provider/support/pluginClient";
import { makeProjectDir, startProviderHost } from "../provider/support/providerHost";
import { runBin, spawnBin } from "./helpers/runBin";
import { keyEnv, makeTestKeys, startTestEmulator } from "./helpers/testEmulator";
import { connectProxy, portOf, TLS_DIR, tlsFront } from "../support/httpsFront";

const APP = "proxied-app";
describe("environment proxies (HTTPS_PROXY, HTTP_PROXY, NO_PROXY)", function () {
  this.timeout(60_000);

  it("reads them: either case, a value without a scheme as http://, HTTPS falling back to HTTP_PROXY; NO_PROXY domains cover their subdomains; loopback and the metadata service always direct", () => {
    assert.equal(environmentProxy({}), null);
    assert.equal(environmentProxy({ HTTPS_PROXY: " ", NO_PROXY: "x" }), null);
    const direct = ALWAYS_DIRECT.join(",");
    assert.deepEqual(environmentProxy({ https_proxy: "http://p:3128" }), { https: "http://p:3128", httpsFrom: "https_proxy", http: null, noProxy: direct });
    assert.deepEqual(environmentProxy({ HTTP_PROXY: "u:pw@p:8080" }), { https: "http://u:pw@p:8080", httpsFrom: "HTTP_PROXY", http: "http://u:pw@p:8080", noProxy: direct });
    assert.deepEqual(environmentProxy({ http_proxy: "http://p:3128" }), { https: "http://p:3128", httpsFrom: "http_proxy", http: "http://p:3128", noProxy: direct });
    assert.deepEqual(environmentProxy({ HTTPS_PROXY: "http://a:1", https_proxy: "http://b:2", no_proxy: "corp.example, .svc *.local host:8080" }),
      { https: "http://a:1", httpsFrom: "HTTPS_PROXY", http: null, noProxy: `corp.example,*.corp.example,svc,*.svc,*.local,host:8080,*.host:8080,${direct}` });
    // As global-agent matches them: ".example.com" covers example.com and its subdomains, not notexample.com.
    const matches = (rules: string, url: string): boolean => isUrlMatchingNoProxy(url, rules);
    const rules = environmentProxy({ HTTPS_PROXY: "p:1", NO_PROXY: ".example.com" })?.noProxy ?? "";
    assert.deepEqual(["https://example.com/", "https://live.example.com/", "https://notexample.com/", "http://127.0.0.2:8080/", "http://[::1]:1/"].map((url) => matches(rules, url)),
      [true, true, false, true, true]);
    // The ECS metadata service (the ECS RAM role's credentials) only answers directly.
    assert.ok(matches(rules, "http://100.100.100.200/latest/meta-data/ram/security-credentials/my-role"));
    // A scheme in upper case is still a scheme; a proxy user without a password keeps that form.
    assert.equal(environmentProxy({ HTTPS_PROXY: "HTTP://Proxy.Example:3128" })?.https, "http://proxy.example:3128");
    assert.equal(environmentProxy({ HTTPS_PROXY: "puser@p:3128" })?.https, "http://puser@p:3128");
  });

  it("refuses a value it cannot use, by the variable's name and never quoting it (it may hold a password)", () => {
    for (const [value, reason] of [["https://u:secret-9@p:1", /names a https:\/\/ proxy: only http:\/\//], ["socks5://p:1", /socks5:/],
      ["http://user:p%40ss@p:1", /needs percent-encoding \(it holds a character such as @ : # \/ % or a space\), which global-agent, .* would send encoded: the proxy would refuse it\./],
      ["http://us%40er-secret-9:pw@p:1", /needs percent-encoding/], ["u:secret-9@p:notaport", /^HTTPS_PROXY is not a proxy URL: expected http:\/\/\[user:password@\]host:port$/]] as const) {
      assert.throws(() => environmentProxy({ HTTPS_PROXY: value }), (error: Error) => {
        assert.ok(error instanceof ProxySettingError);
        assert.match(error.message, /^HTTPS_PROXY/);
        assert.match(error.message, reason);
        assert.ok(!error.message.includes("secret-9") && !error.message.includes("p%40ss"), error.message);
        return true;
      });
    }
    // HTTP_PROXY unusable while HTTPS_PROXY is: named by its own variable.
    assert.throws(() => environmentProxy({ HTTPS_PROXY: "http://p:1", HTTP_PROXY: "socks5://q:1" }), /^ProxySettingError: HTTP_PROXY names a socks5:\/\/ proxy/);
    assert.equal(redactProxyUrl("puser:pPW123@proxy.corp.example:3128"), "***@proxy.corp.example:3128");
    assert.equal(redactProxyUrl("http://u:p@h:1"), "http://***@h:1");
    assert.equal(redactProxyUrl("HTTP://u:pw-9@h:1"), "HTTP://***@h:1");
  });

  it("routes plain http:// requests (a credentials URI over http) through HTTP_PROXY, in a process of its own", async () => {
    // A child process: the route patches Node's http for the whole process.
    const script = `
      const http = require("node:http");
      const { routeThroughEnvironmentProxy } = require(${JSON.stringify(join(__dirname, "..", "..", "sdk", "transport", "environmentProxy.js"))});
      const proxy = http.createServer((request, response) => response.end("proxied " + request.url));
      proxy.listen(0, "127.0.0.1", () => {
        routeThroughEnvironmentProxy({ HTTP_PROXY: "http://127.0.0.1:" + proxy.address().port });
        http.get("http://creds.example.invalid/token", (response) => {
          let body = "";
          response.on("data", (chunk) => (body += chunk));
          response.on("end", () => { process.stdout.write(body); proxy.close(); });
        }).on("error", (error) => { process.stdout.write("failed: " + error.message); proxy.close(); });
      });`;
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], { env: { PATH: process.env.PATH ?? "" }, timeout: 30_000 });
    assert.equal(stdout, "proxied http://creds.example.invalid/token");
  });

  describe("the bin with a proxy setting it cannot use (socks5://)", () => {
    const keys = makeTestKeys();
    const socks = { HTTPS_PROXY: "socks5://proxyuser:proxy-Pass-7@127.0.0.1:1080" };
    let emulator: Emulator;
    before(async () => (emulator = await startTestEmulator(keys, { apps: [{ appId: APP, groups: 3 }] })));
    after(async () => emulator?.close());

    it("runs what sends nothing through it: --help, -V, a listing of a loopback endpoint (always direct), emulator, demo", async () => {
      for (const args of [["--help"], ["-V"], ["list", "--help"]]) {
        const result = await runBin(args, { env: socks });
        assert.equal(result.code, 0, `${args.join(" ")}: ${result.stderr}`);
        assert.equal(result.stderr, "");
      }
      const listed = await runBin(["list", "--endpoint", emulator.url, "--app-id", APP, "--ids-only"], { env: { ...socks, ...keyEnv(keys) } });
      assert.equal(listed.code, 0, listed.stderr);
      assert.equal(listed.stdout.trimEnd().split("\n").length, 3);
      // The emulator, until SIGINT (its banner means it listens).
      const child = spawnBin(["emulator", "--port", "0", "--groups", "1"], { env: socks });
      let banner = "";
      child.stdout.setEncoding("utf8");
      const ready = new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (chunk: string) => {
          banner += chunk;
          if (banner.includes("Ctrl-C stops the emulator.")) resolve();
        });
        child.on("exit", (code) => reject(new Error(`emulator exited early (${String(code)}): ${banner}`)));
      });
      try {
        await ready;
      } finally {
        if (child.exitCode === null && child.signalCode === null) {
          const exited = once(child, "exit");
          child.kill("SIGINT");
          await exited;
        }
      }
      const demo = await runBin(["demo", "--groups", "10"], { env: socks, timeoutMs: 55_000 });
      assert.equal(demo.code, 0, demo.stderr);
      assert.equal(demo.stderr, "");
    });

    it("refuses a listing whose requests would go through it, naming the variable (never its value), before any request", async () => {
      const result = await runBin(["list", "--endpoint", "https://live.aliyuncs.com", "--app-id", APP], { env: { ...socks, ...keyEnv(keys) } });
      assert.equal(result.code, 1);
      assert.equal(result.stderr, "live-message-groups list: HTTPS_PROXY names a socks5:// proxy: only http://[user:password@]host:port proxies are " +
        "supported (the connection to the service through it is still TLS)\n(run with --debug for details)\n");
    });

    it("the provider plugin starts all the same (schema, a loopback listing) and refuses only a listing whose requests would go through it, naming the variable", async () => {
      const dir = mkdtempSync(join(tmpdir(), "lmg-plugin-bad-proxy-"));
      // Before: the plugin exited at start, so every Pulumi command that starts it failed ("exited prematurely").
      const plugin = await startPlugin({ mode: "bin", cwd: dir, env: { HOME: dir, ...socks } });
      const fn = "live-message-groups:index:getLiveMessageGroups";
      try {
        assert.equal((JSON.parse(await plugin.getSchema()) as { name: string }).name, "live-message-groups");
        await plugin.configure({ args: { endpoint: emulator.url, accessKey: keys.accessKeyId, secretKey: keys.accessKeySecret } });
        const { outputs } = await plugin.invoke(fn, { appId: APP, detail: "ids" });
        assert.equal((outputs.ids as unknown[]).length, 3);
        await assert.rejects(plugin.invoke(fn, { appId: APP, endpoint: "https://live.aliyuncs.com" }), (error: CallError) => {
          assert.match(error.details ?? "", /^HTTPS_PROXY names a socks5:\/\/ proxy: only http:\/\/\[user:password@\]host:port proxies are supported/);
          assert.doesNotMatch(error.details ?? "", /proxy-Pass-7/);
          return true;
        });
        assert.doesNotMatch(plugin.stderr(), /proxy-Pass-7/);
      } finally {
        await plugin.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe("the bin and the plugin behind a proxy (and the dynamic-provider host, opted in)", () => {
    const keys = makeTestKeys();
    let emulator: Emulator;
    let front: Server;
    let tunnel: Awaited<ReturnType<typeof connectProxy>>;
    let env: Record<string, string>;

    before(async () => {
      emulator = await startTestEmulator(keys, { apps: [{ appId: APP, groups: 120 }] });
      front = await tlsFront(Number(new URL(emulator.url).port));
      tunnel = await connectProxy(portOf(front));
      env = { ...keyEnv(keys), NODE_EXTRA_CA_CERTS: join(TLS_DIR, "cert.pem") };
    });
    after(async () => {
      tunnel?.server.close();
      front?.close();
      await emulator?.close();
    });

    const list = (extraEnv: Record<string, string>, endpoint = "https://live.aliyuncs.com", extraArgs: readonly string[] = []) =>
      runBin(["list", "--endpoint", endpoint, "--app-id", APP, "--ids-only", "--format", "json", ...extraArgs], { env: { ...env, ...extraEnv } });

    it("lists through HTTPS_PROXY (with the proxy's credentials, never printed), and fails without it (nothing resolves the name here)", async () => {
      const proxyUrl = `http://proxyuser:proxy-Pass-7@127.0.0.1:${portOf(tunnel.server)}`;
      const through = await list({ HTTPS_PROXY: proxyUrl });
      assert.equal(through.code, 0, through.stderr);
      assert.equal((JSON.parse(through.stdout) as string[]).length, 120);
      assert.ok(tunnel.asked.length > 0 && tunnel.asked.every((line) => line === "CONNECT live.aliyuncs.com:443"), JSON.stringify(tunnel.asked));
      assert.equal(tunnel.proxyAuthorization[0], `Basic ${Buffer.from("proxyuser:proxy-Pass-7").toString("base64")}`);
      const direct = await list({});
      assert.notEqual(direct.code, 0);
      assert.match(direct.stderr, /ENOTFOUND/);
      // The proxy's password is in no message (a failing proxy included).
      const refused = await list({ https_proxy: "http://proxyuser:proxy-Pass-7@127.0.0.1:1" }, undefined, ["--max-attempts", "1"]);
      assert.notEqual(refused.code, 0);
      assert.doesNotMatch(refused.stderr + refused.stdout, /proxy-Pass-7/);
      // "Nothing is listening at the endpoint" is the proxy refusing here: the message says a proxy was in the way.
      assert.match(refused.stderr, /^note: requests go through the proxy http:\/\/\*\*\*@127\.0\.0\.1:1 \(https_proxy\) for https:\/\/ endpoints, except to NO_PROXY hosts and loopback/m);
      // curl's form without a scheme works; a scheme global-agent cannot speak is refused before any request.
      const schemeless = await list({ HTTPS_PROXY: `proxyuser:proxy-Pass-7@127.0.0.1:${portOf(tunnel.server)}` });
      assert.equal(schemeless.code, 0, schemeless.stderr);
      const socks = await list({ HTTPS_PROXY: "socks5://proxyuser:proxy-Pass-7@127.0.0.1:1080" });
      assert.equal(socks.code, 1);
      assert.match(socks.stderr, /^live-message-groups list: HTTPS_PROXY names a socks5:\/\/ proxy: only http:\/\/\[user:password@\]host:port proxies are supported/);
      assert.doesNotMatch(socks.stderr, /proxy-Pass-7/);
    });

    it("the provider plugin (started by the engine with the user's environment) lists through HTTPS_PROXY too", async () => {
      const dir = mkdtempSync(join(tmpdir(), "lmg-plugin-proxy-"));
      const asked = tunnel.asked.length;
      const plugin = await startPlugin({
        mode: "pluginDir", cwd: dir,
        env: { HOME: dir, HTTPS_PROXY: `http://127.0.0.1:${portOf(tunnel.server)}`, NODE_EXTRA_CA_CERTS: join(TLS_DIR, "cert.pem") },
      });
      try {
        await plugin.configure({ args: { endpoint: "https://live.aliyuncs.com", accessKey: keys.accessKeyId, secretKey: keys.accessKeySecret } });
        const { outputs, failures } = await plugin.invoke("live-message-groups:index:getLiveMessageGroups", { appId: APP });
        assert.deepEqual(failures, []);
        assert.equal((outputs.ids as unknown[]).length, 120);
        assert.ok(tunnel.asked.length > asked, "the plugin's requests went through the proxy");
      } finally {
        await plugin.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("the plugin's warnings reach the engine on loopback directly, whatever https_proxy says (grpc-js would route them through it)", async () => {
      const dir = mkdtempSync(join(tmpdir(), "lmg-plugin-proxy-engine-"));
      const engine = await startFakeEngine();
      const plugin = await startPlugin({ mode: "bin", cwd: dir, engineAddress: engine.address, env: { HOME: dir, https_proxy: "http://127.0.0.1:1", grpc_proxy: "http://127.0.0.1:1" } });
      try {
        await plugin.configure({ args: { endpoint: emulator.url, accessKey: keys.accessKeyId, secretKey: keys.accessKeySecret, redisUrl: "redis://127.0.0.1:1" } });
        const { failures } = await plugin.invoke("live-message-groups:index:getLiveMessageGroups", { appId: APP });
        assert.deepEqual(failures, []);
        assert.equal(engine.logs.filter((log) => /Redis quota at redis:\/\/127\.0\.0\.1:1\/? unavailable/.test(log.message)).length, 1, JSON.stringify(engine.logs));
        assert.doesNotMatch(plugin.stderr(), /Redis quota/);
      } finally {
        await plugin.close();
        await engine.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("Pulumi's dynamic-provider host is left alone (it runs the project's other dynamic providers too); opted into with NODE_OPTIONS and global-agent's bootstrap, the TypeScript resource lists through the proxy", async () => {
      const project = makeProjectDir();
      const provider = liveMessageGroupsShim;
      const providerText = (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
      const config = { "live-message-groups:endpoint": "https://live.aliyuncs.com", "alicloud:accessKey": keys.accessKeyId, "alicloud:secretKey": keys.accessKeySecret };
      const proxyEnv = { HTTPS_PROXY: `http://127.0.0.1:${portOf(tunnel.server)}`, NODE_EXTRA_CA_CERTS: join(TLS_DIR, "cert.pem") };
      const asked = tunnel.asked.length;
      const untouched = await startProviderHost(project.dir, proxyEnv);
      try {
        await untouched.configure(config);
        await assert.rejects(untouched.check({}, { appId: APP, __provider: providerText, maxAttempts: 1 }), /ENOTFOUND/);
        assert.equal(tunnel.asked.length, asked);
      } finally {
        await untouched.close();
      }
      const bootstrap = require.resolve("global-agent/bootstrap");
      const optedIn = await startProviderHost(project.dir, { ...proxyEnv, NODE_OPTIONS: `--require ${bootstrap}`, GLOBAL_AGENT_ENVIRONMENT_VARIABLE_NAMESPACE: "" });
      try {
        await optedIn.configure(config);
        const checked = await optedIn.check({}, { appId: APP, __provider: providerText });
        assert.deepEqual(checked.failures, []);
        assert.match(String(checked.inputs.checkedDigest), /^[0-9a-f]{64}$/, "Check listed the groups");
        assert.ok(tunnel.asked.length > asked, "the host's requests went through the proxy");
      } finally {
        await optedIn.close();
        project.remove();
      }
    });

    it("NO_PROXY and loopback go direct: the emulator on 127.0.0.1 with a proxy that refuses every connection", async () => {
      const asked = tunnel.asked.length;
      const loopback = await list({ HTTPS_PROXY: "http://127.0.0.1:1", HTTP_PROXY: "http://127.0.0.1:1" }, emulator.url);
      assert.equal(loopback.code, 0, loopback.stderr);
      // All of 127.0.0.0/8 is loopback, as the endpoint check counts it: 127.0.0.2 is tried directly
      // (nothing listens there: the emulator is bound to 127.0.0.1), not through the proxy, whose
      // name would not resolve.
      const otherLoopback = await list({ HTTP_PROXY: "http://proxy.invalid:3128" }, emulator.url.replace("127.0.0.1", "127.0.0.2"), ["--max-attempts", "1"]);
      const [failure = ""] = otherLoopback.stderr.split("\n");
      assert.match(failure, /ECONNREFUSED 127\.0\.0\.2:/);
      assert.doesNotMatch(failure, /proxy\.invalid|ENOTFOUND/);
      assert.match(otherLoopback.stderr, /^note: requests go through the proxy http:\/\/proxy\.invalid:3128 \(HTTP_PROXY\) for https:\/\/ and http:\/\/ endpoints, except/m);
      const named = await list({ HTTPS_PROXY: `http://127.0.0.1:${portOf(tunnel.server)}`, NO_PROXY: "aliyuncs.com" });
      assert.notEqual(named.code, 0, "live.aliyuncs.com matched NO_PROXY: direct, and nothing resolves it");
      assert.match(named.stderr, /ENOTFOUND/);
      assert.equal(tunnel.asked.length, asked);
    });
  });
});
