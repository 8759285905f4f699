/**
 * `npm run bench`'s command line (bench/run.ts): a flag the chosen scenarios would not use, or a
 * value given to a flag that takes none, is an error naming the flag, never silently ignored.
 */
import assert from "node:assert/strict";
import { parseArgs, scenarioSizes, type BenchArgs } from "../../bench/run";

function parsed(argv: readonly string[]): BenchArgs {
  const args = parseArgs(argv);
  assert.notEqual(args, "help");
  return args as BenchArgs;
}

describe("bench: command line", () => {
  it("--state-sizes sizes the struct scenario too (it ran at 500,000 groups whatever was asked)", () => {
    assert.deepEqual(scenarioSizes(parsed(["--only", "struct", "--state-sizes", "10000"])).struct, [10_000]);
    assert.deepEqual(scenarioSizes(parsed(["--only", "state,struct", "--state-sizes", "10000,20000"])), { state: [10_000, 20_000], struct: [10_000, 20_000] });
    assert.deepEqual(scenarioSizes(parsed(["--quick", "--state-sizes", "3000"])).struct, [3_000]);
  });

  it("without --state-sizes, the struct and state scenarios keep their sizes", () => {
    assert.deepEqual(scenarioSizes(parsed(["--only", "struct"])), { state: [10_000, 100_000, 500_000], struct: [10_000, 100_000, 500_000] });
    assert.deepEqual(scenarioSizes(parsed(["--quick"])), { state: [2_000], struct: [2_000] });
  });

  it("--state-sizes with --only naming neither state nor struct is an error naming both", () => {
    assert.throws(() => parseArgs(["--only", "limit,cpu", "--state-sizes", "10000"]),
      /--state-sizes: sizes the state and struct scenarios, and --only names neither \(it names limit, cpu\)/);
    assert.throws(() => parseArgs(["--state-sizes", "10000", "--only", "render"]), /--state-sizes: sizes the state and struct scenarios/);
    assert.doesNotThrow(() => parseArgs(["--only", "state", "--state-sizes", "10000"]));
    assert.doesNotThrow(() => parseArgs(["--state-sizes", "10000"]));
  });

  it("--quick and --help given a value are an error naming the flag (--quick=no ran the quick run)", () => {
    assert.throws(() => parseArgs(["--quick=no"]), /--quick takes no value \(given "no"\)/);
    assert.throws(() => parseArgs(["--help=1"]), /--help takes no value \(given "1"\)/);
    assert.equal(parsed(["--quick"]).quick, true);
    assert.equal(parseArgs(["--help"]), "help");
  });
});
