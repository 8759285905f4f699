import assert from "node:assert/strict";
import { formatCliError } from "../../cli/formatCliError";
import { assertProxyUsableFor, proxySettingProblem } from "../../sdk/transport/proxySetting";
import { ProxySettingError } from "../../sdk/transport/environmentProxy";

describe("sdk/transport/proxySetting: a proxy setting the CLI cannot use", () => {
  const socks = { HTTPS_PROXY: "socks5://proxyuser:proxy-Pass-7@127.0.0.1:1080" };

  it("is named (never quoted) only when there is one", () => {
    assert.equal(proxySettingProblem({}), null);
    assert.equal(proxySettingProblem({ HTTPS_PROXY: "http://127.0.0.1:3128" }), null);
    const problem = proxySettingProblem(socks);
    assert.ok(problem instanceof ProxySettingError);
    assert.match(problem.message, /^HTTPS_PROXY names a socks5:\/\/ proxy: only http:\/\/\[user:password@\]host:port proxies are supported/);
    assert.doesNotMatch(problem.message, /proxy-Pass-7/);
  });

  it("is printed with its text whole (the form http://[user:password@]host:port is not taken for a URL's credentials), secrets of the environment still scrubbed", () => {
    const problem = proxySettingProblem(socks);
    assert.ok(problem !== null);
    assert.equal(formatCliError(problem, { debug: false, secrets: [], command: "list" }),
      "live-message-groups list: HTTPS_PROXY names a socks5:// proxy: only http://[user:password@]host:port proxies are supported " +
      "(the connection to the service through it is still TLS)\n(run with --debug for details)\n");
    assert.equal(formatCliError(new ProxySettingError("HTTPS_PROXY: SecretValue1234 http://[user:password@]host"), { debug: false, secrets: ["SecretValue1234"], command: null }),
      "live-message-groups: HTTPS_PROXY: *** http://[user:password@]host\n(run with --debug for details)\n");
  });

  // [environment, --endpoint, whether the listing is refused with the setting's error]
  const cases: [string, Record<string, string>, string | undefined, boolean][] = [
    ["the service's endpoint (the default) goes through the proxy", socks, undefined, true],
    ["a remote https:// endpoint goes through the proxy", socks, "https://live.example.com:8443", true],
    ["a percent-encoded password (http_proxy, for https:// too)", { http_proxy: "http://user:p%40ss@proxy:3128" }, "live.aliyuncs.com", true],
    ["a loopback endpoint always goes direct", socks, "http://127.0.0.1:8080", false],
    ["all of 127.0.0.0/8, localhost and [::1] go direct", socks, "https://127.1.2.3:8443", false],
    ["localhost goes direct", socks, "http://localhost:8080", false],
    ["[::1] goes direct", socks, "http://[::1]:8080", false],
    ["a NO_PROXY domain and its subdomains go direct", { ...socks, NO_PROXY: ".example.com" }, "https://live.example.com", false],
    ["no_proxy * sends everything direct", { ...socks, no_proxy: "*" }, undefined, false],
    ["a host NO_PROXY does not cover goes through the proxy", { ...socks, NO_PROXY: "example.com" }, "https://notexample.com", true],
    ["a usable proxy is no problem", { HTTPS_PROXY: "http://127.0.0.1:3128" }, undefined, false],
    ["no proxy is no problem", {}, undefined, false],
  ];
  for (const [name, env, endpoint, refused] of cases) {
    it(name, () => {
      if (refused) assert.throws(() => assertProxyUsableFor(env, endpoint), (error: unknown) => error instanceof ProxySettingError && /_PROXY/i.test(error.message));
      else assert.doesNotThrow(() => assertProxyUsableFor(env, endpoint));
    });
  }
});
