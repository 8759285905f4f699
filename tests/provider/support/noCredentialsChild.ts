/**
 * Child process: with no credentials anywhere and ECS metadata disabled, calls getLiveMessageGroups
 * and reports every socket connect and DNS lookup attempted. The hooks are installed before the
 * package (and @alicloud/credentials) is loaded.
 */
import dns from "node:dns";
import net from "node:net";

const attempts: string[] = [];
const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  // Node passes either (options, cb), (port, host) or its normalized [options, cb] array.
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  const target = (typeof first === "object" && first !== null ? first : { port: first, host: args[1] }) as { host?: unknown; port?: unknown; path?: unknown };
  attempts.push(`connect ${String(target?.host ?? target?.path)}:${String(target?.port)}`);
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
for (const name of ["lookup", "resolve", "resolve4", "resolve6"] as const) {
  const original = dns[name] as (...a: unknown[]) => unknown;
  (dns as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
    attempts.push(`dns.${name} ${String(args[0])}`);
    return original(...args);
  };
  const promised = dns.promises[name] as (...a: unknown[]) => unknown;
  (dns.promises as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
    attempts.push(`dns.promises.${name} ${String(args[0])}`);
    return promised(...args);
  };
}

async function main(): Promise<void> {
  // LMG_PLAIN_MOCKS: under Pulumi's own mocks (not liveMessageGroupsMocks), recording what `call` sees.
  const calls: { token: string; inputs: Record<string, unknown> }[] = [];
  if (process.env.LMG_PLAIN_MOCKS === "true") {
    const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
    await pulumi.runtime.setMocks({
      newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
      call: (args) => {
        calls.push({ token: args.token, inputs: args.inputs as Record<string, unknown> });
        return { ids: ["from-the-mocks"] };
      },
    }, "project", "stack", false);
  }
  const { getLiveMessageGroups } = require("../../../index") as typeof import("../../../index");
  let error: { message: string; kind?: string; code?: string | null } | null = null;
  let result: unknown = null;
  try {
    result = await getLiveMessageGroups({ appId: "app", endpoint: process.env.LMG_TEST_ENDPOINT ?? "live.aliyuncs.com" });
  } catch (e) {
    const err = e as { message: string; kind?: string; code?: string | null };
    error = { message: err.message, kind: err.kind, code: err.code };
  }
  process.stdout.write(JSON.stringify({ attempts, error, calls, result }) + "\n");
}

main().then(() => process.exit(0), (e: unknown) => {
  process.stdout.write(JSON.stringify({ crash: String(e) }) + "\n");
  process.exit(1);
});
