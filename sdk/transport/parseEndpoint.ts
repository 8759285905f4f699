import { InvalidArgumentError } from "../errors";

/** Where requests go: what `@alicloud/openapi-client` takes as `endpoint` and `protocol`. */
export interface ParsedEndpoint {
  /** `host[:port]` only: openapi-client builds the URL itself and a scheme would break it. */
  readonly host: string;
  readonly protocol: "HTTP" | "HTTPS";
}

/** The public endpoint of the service (it serves both data centers). */
export const DEFAULT_ENDPOINT = "live.aliyuncs.com";

const ALLOWED =
  "a host[:port] such as live.aliyuncs.com (HTTPS), https://host[:port], or http://host:port for a loopback host " +
  "(127.0.0.0/8, localhost, [::1])";

/** Hostnames, IPv4 literals and bracketed IPv6 literals, with an optional port. */
const HOST_PORT = /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::(\d{1,5}))?$/;

/**
 * Parses the `endpoint` option. A bare `host[:port]` and `https://` mean HTTPS. Plain `http://` is
 * accepted only for loopback hosts: the request carries a signature and, with STS, a security
 * token, and the service itself is HTTPS-only, so plain HTTP is only ever right for a local emulator.
 */
export function parseEndpoint(endpoint: unknown): ParsedEndpoint {
  if (typeof endpoint !== "string" || endpoint.length === 0) {
    throw new InvalidArgumentError("endpoint", ALLOWED, endpoint);
  }
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/.exec(endpoint);
  const scheme = match?.[1]?.toLowerCase() ?? null;
  let rest = match?.[2] ?? endpoint;
  if (rest.endsWith("/")) rest = rest.slice(0, -1);
  const hostMatch = HOST_PORT.exec(rest);
  const port = hostMatch?.[1];
  if (hostMatch === null || (port !== undefined && (Number(port) < 1 || Number(port) > 65535))) {
    throw new InvalidArgumentError("endpoint", ALLOWED, endpoint);
  }
  if (scheme === null || scheme === "https") return { host: rest, protocol: "HTTPS" };
  if (scheme !== "http") throw new InvalidArgumentError("endpoint", ALLOWED, endpoint);
  const hostname = port === undefined ? rest : rest.slice(0, rest.length - port.length - 1);
  if (!isLoopbackHost(hostname)) {
    throw new InvalidArgumentError(
      "endpoint",
      "https:// or a bare host for remote hosts; plain http:// is allowed only for loopback hosts (127.0.0.0/8, " +
        "localhost, [::1]) because requests carry signatures and security tokens",
      endpoint,
    );
  }
  return { host: rest, protocol: "HTTP" };
}

/** True for 127.0.0.0/8, `localhost` and `[::1]`. */
export function isLoopbackHost(hostname: string): boolean {
  const lower = hostname.toLowerCase();
  if (lower === "localhost" || lower === "[::1]") return true;
  const octets = lower.split(".");
  return (
    octets.length === 4 && octets[0] === "127" &&
    octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255)
  );
}
