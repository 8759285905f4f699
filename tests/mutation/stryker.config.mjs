// @ts-check
/**
 * StrykerJS over the sdk core: `npm run test:mutation` (see README, "Mutation testing").
 *
 * Runner combination: Stryker 10.1.1 needs Node 22+, so it runs on the registry's `node@22`
 * package installed in tests/mutation/ (the project itself stays on Node 20). Its
 * @stryker-mutator/mocha-runner 10.1.1 cannot load mocha 12 (mocha 12 renamed its CLI files to
 * .cjs and the runner requires the old paths), so tests/mutation/ also holds mocha 11.7.6, which
 * the runner resolves from its own node_modules; the project's `npm test` keeps mocha 12. The mocha
 * runner gives per-test coverage, so each mutant runs only the tests that reach it.
 *
 * Build: Stryker instruments the TypeScript sources (all mutants switched at run time), then
 * tests/mutation/tsconfig.json compiles sdk/, emulator/ and tests/sdk/ into the sandbox's dist/.
 *
 * Specs: tests/sdk/*.spec.js except rate.integration, which measures real time against a child
 * emulator (issue 11 owns and is rewriting it; a wall-clock spec under a 2-core mutation run
 * fails the initial test run at random).
 */
const config = {
  packageManager: "npm",
  testRunner: "mocha",
  // The runner plugin is a sibling of @stryker-mutator/core in tests/mutation/node_modules.
  plugins: ["@stryker-mutator/mocha-runner"],
  mochaOptions: { config: "tests/mutation/.mocharc.json", "no-package": true },
  coverageAnalysis: "perTest",
  // Runs before node_modules is linked into the sandbox; Stryker puts the project's node_modules/.bin on PATH.
  buildCommand: "tsc -p tests/mutation/tsconfig.json",
  mutate: [
    "sdk/classifyError.ts",
    "sdk/retryPolicy.ts",
    "sdk/retryBudget.ts",
    "sdk/withRetries.ts",
    "sdk/verifyListing.ts",
    "sdk/rateLimiter.ts",
    "sdk/listAppendOnly.ts",
    "sdk/fetchPass.ts",
    "sdk/listBracketed.ts",
    "sdk/fetchPagesConcurrently.ts",
  ],
  // Stryker's default only covers {src,lib,test}/: our mutated files must not fail tsc.
  disableTypeChecks: "sdk/**/*.ts",
  ignorePatterns: ["dist", "coverage", "examples", "bench", "reports", "tests/mutation/node_modules"],
  // Two cores shared by several developers: at most two test processes.
  concurrency: 2,
  // Mutants that loop forever are cut off at (baseline x 1.5 + 10 s).
  timeoutMS: 10_000,
  incremental: true,
  incrementalFile: "tests/mutation/.stryker-incremental.json",
  thresholds: { high: 95, low: 90, break: 90 },
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
};
export default config;
