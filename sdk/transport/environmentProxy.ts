/**
 * Proxies from the environment, for the processes this package runs itself (the CLI and the provider
 * plugin). The Alibaba Cloud client library (`@alicloud/tea-typescript` under
 * `@alicloud/openapi-client`, and `@alicloud/credentials` for STS) sends every request through its
 * own agent and reads no proxy setting, its own `httpProxy` option included; where the proxy is the
 * only way out (a corporate network, a locked-down CI runner), nothing reached the service.
 * `global-agent` routes Node's http and https requests of the whole process through the proxy, which
 * is why this is done only in processes of our own, never on import of the package (a Pulumi
 * program's process is the user's: see the README for it).
 */

/** Never through a proxy: loopback (the emulator) and the ECS metadata service, which only answers directly. */
export const ALWAYS_DIRECT = ["localhost", "127.0.0.1", "::1", "[::1]", "100.100.100.200"] as const;

/** The proxies a process should use, as the environment gives them. */
export interface EnvironmentProxy {
  /** The variable `https` came from (`HTTPS_PROXY`, `https_proxy`, `HTTP_PROXY` or `http_proxy`). */
  readonly httpsFrom: string | null;
  /** For https:// requests: HTTPS_PROXY (or https_proxy), else HTTP_PROXY (or http_proxy). */
  readonly https: string | null;
  /** For http:// requests: HTTP_PROXY (or http_proxy). */
  readonly http: string | null;
  /**
   * Hosts reached directly, comma-separated: NO_PROXY (or no_proxy) as curl reads it (`example.com`
   * also covers its subdomains, `.example.com` only them, `*` every host), and {@link ALWAYS_DIRECT}.
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
const first = (env: NodeJS.ProcessEnv, ...names: string[]): string | null => firstSet(env, ...names)?.value ?? null;

/** `url` with any user name and password replaced, for messages. */
export function redactProxyUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username !== "") parsed.username = "***";
    if (parsed.password !== "") parsed.password = "***";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return "<unparseable URL>";
  }
}

/** The proxies the environment configures, or null when it configures none. */
export function environmentProxy(env: NodeJS.ProcessEnv): EnvironmentProxy | null {
  const http = first(env, "HTTP_PROXY", "http_proxy");
  const httpsSet = firstSet(env, "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy");
  const https = httpsSet?.value ?? null;
  if (https === null && http === null) return null;
  const rules = (first(env, "NO_PROXY", "no_proxy") ?? "").split(/[\s,]+/).filter((rule) => rule !== "");
  // global-agent matches a rule against the host alone; curl's "example.com" covers its subdomains too.
  const expanded = rules.flatMap((rule) => (rule.startsWith(".") || rule.includes("*") ? [rule] : [rule, `*.${rule}`]));
  return { https, httpsFrom: httpsSet?.name ?? null, http, noProxy: [...expanded, ...ALWAYS_DIRECT].join(",") };
}

/**
 * Routes this process's requests through the proxies the environment configures (see the file
 * comment); does nothing when it configures none. Returns what it applied.
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
