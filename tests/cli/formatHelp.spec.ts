import assert from "node:assert/strict";
import { DEMO_SPEC } from "../../cli/commands/demoCommand";
import { DRIFT_SPEC } from "../../cli/commands/driftCommand";
import { EMULATOR_SPEC } from "../../cli/commands/emulatorCommand";
import { LIST_SPEC } from "../../cli/commands/listCommand";
import { SNAPSHOT_SPEC } from "../../cli/commands/snapshotCommand";
import { formatHelp } from "../../cli/formatHelp";
import { runCli } from "../../cli/runCli";
import { memoryIo } from "./helpers/memoryIo";

const SPECS = [LIST_SPEC, SNAPSHOT_SPEC, DRIFT_SPEC, EMULATOR_SPEC, DEMO_SPEC];

describe("cli/formatHelp", () => {
  for (const spec of SPECS) {
    it(`${spec.name} --help: every flag description starts in the same column`, () => {
      const help = formatHelp(spec);
      const rows = help.slice(help.indexOf("Flags:\n") + "Flags:\n".length).split("\n\n")[0]?.split("\n") ?? [];
      assert.equal(rows.length, spec.flags.length);
      const columns = rows.map((row, index) => row.indexOf(spec.flags[index]?.description ?? "\u0000"));
      // Found, after at least two spaces, and the same for every row (--service-unavailable <p> once broke it).
      for (const [index, column] of columns.entries()) {
        assert.ok(column > 0 && rows[index]?.slice(column - 2, column) === "  ", rows[index]);
      }
      assert.equal(new Set(columns).size, 1, help);
    });
  }
});

describe("cli/runCli help", () => {
  for (const spec of SPECS) {
    it(`help ${spec.name} prints the help of ${spec.name}, exit 0`, async () => {
      const io = memoryIo();
      assert.equal(await runCli(["help", spec.name], io), 0);
      assert.equal(io.out(), formatHelp(spec));
      assert.equal(io.err(), "");
    });
  }

  const errors: [string[], RegExp][] = [
    [["help", "frobnicate"], /^live-message-groups: unknown command "frobnicate" \(commands: list, snapshot, drift, emulator, demo\)/],
    [["help", "list", "drift"], /^live-message-groups: help takes one command name/],
  ];
  for (const [args, pattern] of errors) {
    it(`${args.join(" ")}: exit 1, one line on stderr`, async () => {
      const io = memoryIo();
      assert.equal(await runCli(args, io), 1);
      assert.match(io.err(), pattern);
      assert.equal(io.err().trimEnd().split("\n").length, 1);
      assert.equal(io.out(), "");
    });
  }

  it("help alone is the top-level help on stdout", async () => {
    const io = memoryIo();
    assert.equal(await runCli(["help"], io), 0);
    assert.match(io.out(), /^Usage: live-message-groups <command> \[flags\]/);
  });
});
