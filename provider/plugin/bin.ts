#!/usr/bin/env node
/**
 * `pulumi-resource-live-message-groups`: the provider plugin as the engine starts it. Takes the
 * engine's address (after optional logging flags) and prints the port it serves on.
 */
// First: keeps DEBUG=* from making httpx and ioredis print signatures, tokens and passwords (the
// executable does not load ./index, which imports it for the plugin directory).
import "../../sdk/transport/quietDebug";
import { servePlugin } from "./server";

servePlugin(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`pulumi-resource-live-message-groups: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
