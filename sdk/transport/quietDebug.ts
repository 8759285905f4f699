/**
 * Imported first by this package's own processes (the `live-message-groups` command and the
 * provider plugin) and by its Pulumi layer (a Pulumi program's process, Pulumi's dynamic-provider
 * host: their stderr goes into the update's log), for its side effect: the `debug` package under httpx (the HTTP client of
 * @alicloud/openapi-client and @alicloud/credentials) and ioredis writes every request's headers
 * (the Authorization signature, the STS token) and Redis commands (AUTH and its password) to stderr
 * when the DEBUG variable names their namespaces, as `DEBUG=*` does in a CI job debugging another
 * tool; and @alicloud/credentials logs, under the namespace `sign`, the string-to-sign of its AssumeRole
 * request (a RamRoleArn or ChainableRamRoleArn profile), which holds the source credentials' STS
 * security token. Here their namespaces are excluded from whatever DEBUG says, before any of them loads
 * `debug` (which reads DEBUG once, when first loaded; one loaded earlier is told again). A program
 * that imports only the sdk (`pulumi-alicloud-live-message-groups/sdk`) keeps its own DEBUG: see
 * sdk/README.md.
 */
export const SECRET_DEBUG_NAMESPACES = ["httpx:*", "ioredis:*", "sign"] as const;

const requested = process.env.DEBUG;
if (requested !== undefined && requested.trim() !== "") {
  process.env.DEBUG = [requested, ...SECRET_DEBUG_NAMESPACES.map((namespace) => `-${namespace}`)].join(",");
  // A `debug` loaded earlier (by the host that started this process) has read DEBUG already.
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require("debug") as { enable(namespaces: string): void }).enable(process.env.DEBUG);
  } catch {
    // No `debug` installed: nothing can print.
  }
}
