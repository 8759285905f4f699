/**
 * Preloaded (NODE_OPTIONS --require) into Stryker and its test-runner processes: makes `mocha`
 * resolve to the mocha 11 installed beside Stryker instead of the project's mocha 12.
 *
 * Why: @stryker-mutator/mocha-runner 10.1.1 resolves mocha from the working directory first
 * (the project, whose mocha 12 moved lib/cli/*.js to *.cjs) and then requires
 * `<mocha>/lib/cli/run-helpers`, which mocha 12 no longer has. Its own fallback (the mocha next
 * to it) is only tried when the project has no mocha at all. Remove this file once the runner
 * loads mocha 12 (upstream fix pending).
 */
"use strict";
const Module = require("node:module");
const path = require("node:path");

// Resolved before the hook is installed (resolving through the hook would recurse).
const mochaRoot = path.dirname(Module.createRequire(path.join(__dirname, "package.json")).resolve("mocha/package.json"));
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, isMain, options) {
  if (request === "mocha" || request.startsWith("mocha/")) {
    return resolveFilename.call(this, path.join(mochaRoot, request.slice("mocha".length)), parent, isMain, options);
  }
  return resolveFilename.call(this, request, parent, isMain, options);
};
