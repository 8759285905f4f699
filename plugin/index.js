// Entry point of the plugin directory for Pulumi's Node.js language host, which runs
// `node @pulumi/pulumi/cmd/run-plugin <this directory> <engine address>`: run-plugin requires this
// directory and passes the engine address as the program's first argument.
//
// Inside the npm package (installed, or this repository) the code is next door in ../dist; in a
// plugin tarball (scripts/pack-plugin.mjs) the package is a dependency in ./node_modules.
"use strict";
const { existsSync } = require("node:fs");
const { join } = require("node:path");

const inPackage = join(__dirname, "..", "dist", "provider", "plugin", "index.js");
const plugin = existsSync(inPackage) ? require(inPackage) : require("pulumi-alicloud-live-message-groups/plugin");
plugin.servePlugin(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`pulumi-resource-live-message-groups: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
