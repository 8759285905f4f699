/**
 * A proxy setting a process of ours cannot use (a `socks5://` HTTPS_PROXY, a password that needs
 * percent-encoding) routes nothing: the CLI (cli/main.ts) and the provider plugin
 * (provider/plugin/server.ts) leave the process unpatched, and the setting's error is reported only
 * by a listing whose requests that proxy would carry. Everything that sends no request through it
 * runs as usual: the CLI's `--help`, `--version`, `emulator`, `demo` (its own loopback emulator),
 * the plugin's start, schema and configuration, and listings of a loopback or NO_PROXY endpoint,
 * which go direct as they would through a usable proxy. Which hosts go direct is decided as
 * global-agent decides it for a usable proxy.
 */
import isUrlMatchingNoProxy from "global-agent/dist/utilities/isUrlMatchingNoProxy";
import { endpointOrigin } from "../listing/openListingSession";
import { DEFAULT_ENDPOINT, parseEndpoint } from "./parseEndpoint";
import { directHostRules, environmentProxy, ProxySettingError } from "./environmentProxy";

type Env = Readonly<Record<string, string | undefined>>;

/** The error of the environment's proxy setting, or null when it is usable (or there is none). */
export function proxySettingProblem(env: Env): ProxySettingError | null {
  try {
    environmentProxy(env);
    return null;
  } catch (error) {
    if (error instanceof ProxySettingError) return error;
    throw error;
  }
}

/**
 * Throws the environment's unusable proxy setting ({@link ProxySettingError}, naming the variable,
 * never its value) when a request to `endpoint` (the listing's `--endpoint`, default the
 * service's) would go through that proxy; does nothing when the setting is usable or the endpoint
 * is reached directly.
 */
export function assertProxyUsableFor(env: Env, endpoint: string | undefined): void {
  const problem = proxySettingProblem(env);
  if (problem === null) return;
  const url = `${endpointOrigin(parseEndpoint(endpoint ?? DEFAULT_ENDPOINT))}/`;
  let direct: boolean;
  try {
    direct = isUrlMatchingNoProxy(url, directHostRules(env));
  } catch {
    // A NO_PROXY rule global-agent cannot read: the request would not go direct either.
    direct = false;
  }
  if (!direct) throw problem;
}
