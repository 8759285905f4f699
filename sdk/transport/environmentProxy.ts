/**
 * Proxies from the environment, for the processes this package runs itself (the CLI and the provider
 * plugin). The Alibaba Cloud client library (`@alicloud/tea-typescript` under
 * `@alicloud/openapi-client`, and `@alicloud/credentials` for STS) sends every request through its
 * own agent and reads no proxy setting, its own `httpProxy` option included; where the proxy is the
 * only way out (a corporate network, a locked-down CI runner), nothing reached the service.
 * `global-agent` routes Node's http and https requests of the whole process through the proxy,
 * replacing every request's agent, which is why this is done only in processes of our own, never on
 * import of the package and never in Pulumi's dynamic-provider host, which runs the project's other
 * dynamic providers too (their own agents, CAs and proxies would be replaced): see the README for
 * TypeScript programs.
 */

/**
 * Never through a proxy: loopback (the emulator; all of 127.0.0.0/8, as the endpoint check counts
 * it) and the ECS metadata service, which only answers directly.
 */
export const ALWAYS_DIRECT = ["localhost", "127.*", "::1", "[::1]", "100.100.100.200"] as const;

/** A proxy variable that cannot be used, named with why (its value is never quoted: it may hold a password). */
export class ProxySettingError extends Error {
  override readonly name = "ProxySettingError";
}

/** The proxies a process should use, as the environment gives them. */
export interface EnvironmentProxy {
  /** The variable `https` came from (`HTTPS_PROXY`, `https_proxy`, `HTTP_PROXY` or `http_proxy`). */
  readonly httpsFrom: string | null;
  /** For https:// requests: HTTPS_PROXY (or https_proxy), else HTTP_PROXY (or http_proxy). */
  readonly https: string | null;
  /** For http:// requests: HTTP_PROXY (or http_proxy). */
  readonly http: string | null;
  /**
   * Hosts reached directly, comma-separated: NO_PROXY (or no_proxy), where `example.com` and
   * `.example.com` each cover the domain and its subdomains and `*` every host, and {@link ALWAYS_DIRECT}.
   */
  readonly noProxy: string;
}

const firstSet = (env: NodeJS.ProcessEnv, ...names: string[]): { value: string; name: string } | null => {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value !== undefined && value !== "") return { value, name };
  }
  return null;
};

/**
 * A proxy variable's value as global-agent takes it: `http://[user:password@]host[:port]`; a value
 * without a scheme is read as http:// (as curl reads it).
 * @throws ProxySettingError for another scheme (global-agent talks plain HTTP to the proxy), a value
 *   that is not a URL, or a user name or password that needs percent-encoding (global-agent sends
 *   them as written, encoded, so the proxy would refuse them).
 */
export function proxyUrl(value: string, name: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    throw new ProxySettingError(`${name} is not a proxy URL: expected http://[user:password@]host:port`);
  }
  if (parsed.protocol !== "http:") {
    throw new ProxySettingError(`${name} names a ${parsed.protocol}// proxy: only http://[user:password@]host:port proxies are supported (the connection to the service through it is still TLS)`);
  }
  if (parsed.username.includes("%") || parsed.password.includes("%")) {
    throw new ProxySettingError(`${name}: the proxy's user name or password needs percent-encoding (it holds a character such as @ : # / % or a space), ` +
      "which global-agent, the library that routes requests through the proxy, would send encoded: the proxy would refuse it. Use a proxy account whose credentials need none.");
  }
  return `http://${parsed.username === "" ? "" : `${parsed.username}${parsed.password === "" ? "" : `:${parsed.password}`}@`}${parsed.host}`;
}

/** `url` (a proxy variable's value, with or without a scheme) with any user name and password replaced, for messages. */
export function redactProxyUrl(url: string): string {
  return url.replace(/^((?:[a-z][a-z0-9+.-]*:\/\/)?)[^@/\s]*@/i, "$1***@");
}

/** NO_PROXY rules as global-agent matches them (a host pattern, optionally `:port`), with curl's domain matching. */
function noProxyRules(value: string): string[] {
  return value.split(/[\s,]+/).filter((rule) => rule !== "").flatMap((rule) => {
    if (rule.includes("*")) return [rule];
    // "example.com" and ".example.com": the domain and its subdomains (global-agent would read a
    // leading dot as "*", matching notexample.com too).
    const domain = rule.replace(/^\.+/, "");
    return domain === "" ? [] : [domain, `*.${domain}`];
  });
}

/** The hosts the environment's proxies leave direct (its NO_PROXY, and {@link ALWAYS_DIRECT}), in global-agent's syntax. */
export function directHostRules(env: NodeJS.ProcessEnv): string {
  return [...noProxyRules(firstSet(env, "NO_PROXY", "no_proxy")?.value ?? ""), ...ALWAYS_DIRECT].join(",");
}

/**
 * The proxies the environment configures, or null when it configures none.
 * @throws ProxySettingError for a value that cannot be used ({@link proxyUrl}).
 */
export function environmentProxy(env: NodeJS.ProcessEnv): EnvironmentProxy | null {
  const httpSet = firstSet(env, "HTTP_PROXY", "http_proxy");
  const httpsSet = firstSet(env, "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy");
  if (httpsSet === null && httpSet === null) return null;
  return {
    https: httpsSet === null ? null : proxyUrl(httpsSet.value, httpsSet.name),
    httpsFrom: httpsSet?.name ?? null,
    http: httpSet === null ? null : proxyUrl(httpSet.value, httpSet.name),
    noProxy: directHostRules(env),
  };
}

/**
 * Routes this process's requests through the proxies the environment configures (see the file
 * comment); does nothing when it configures none. Returns what it applied.
 * @throws ProxySettingError for a value that cannot be used, before anything is patched.
 */
export function routeThroughEnvironmentProxy(env: NodeJS.ProcessEnv = process.env): EnvironmentProxy | null {
  const proxy = environmentProxy(env);
  if (proxy === null) return null;
  // Loaded only when a proxy is configured: no global patch otherwise (synchronously: the CLI and
  // the plugin install it before their first request).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  const { createGlobalProxyAgent } = require("global-agent") as typeof import("global-agent");
  // A namespace no one sets: the agent reads nothing from the environment itself (its default,
  // GLOBAL_AGENT_*, would let those variables override what is set below).
  const agent = createGlobalProxyAgent({ environmentVariableNamespace: "LIVE_MESSAGE_GROUPS_GLOBAL_AGENT_UNUSED_", forceGlobalAgent: true });
  agent.HTTP_PROXY = proxy.http;
  agent.HTTPS_PROXY = proxy.https;
  agent.NO_PROXY = proxy.noProxy;
  return proxy;
}
