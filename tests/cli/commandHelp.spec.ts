import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { DEMO_SPEC } from "../../cli/commands/demoCommand";
import { DRIFT_SPEC } from "../../cli/commands/driftCommand";
import { EMULATOR_SPEC } from "../../cli/commands/emulatorCommand";
import { LIST_SPEC } from "../../cli/commands/listCommand";
import { SNAPSHOT_SPEC } from "../../cli/commands/snapshotCommand";
import { commandHelp } from "../../cli/program";
import { runCli } from "../../cli/runCli";
import { memoryIo } from "./helpers/memoryIo";

const SPECS = [LIST_SPEC, SNAPSHOT_SPEC, DRIFT_SPEC, EMULATOR_SPEC, DEMO_SPEC];
const fold = (text: string): string => text.replace(/\s+/g, " ");

describe("cli help (commander)", () => {
  for (const spec of SPECS) {
    it(`${spec.name} --help: usage, every flag with its description, choices, on stdout, exit 0`, async () => {
      const io = memoryIo();
      assert.equal(await runCli([spec.name, "--help"], io), 0);
      assert.equal(io.err(), "");
      const help = io.out();
      assert.equal(help, commandHelp(spec));
      assert.match(help, new RegExp(`^Usage: live-message-groups ${spec.name} `));
      for (const flag of spec.flags) {
        assert.ok(help.includes(`--${flag.name}`), `--${flag.name}`);
        assert.ok(fold(help).includes(fold(flag.description)), flag.description);
        if (flag.choices !== undefined) assert.ok(fold(help).includes(`(choices: ${flag.choices.map((c) => `"${c}"`).join(", ")})`), flag.name);
      }
    });
  }

  it("--version prints the package's version", async () => {
    const { version } = JSON.parse(readFileSync(path.resolve(__dirname, "../../../package.json"), "utf8")) as { version: string };
    for (const flag of ["--version", "-V"]) {
      const io = memoryIo();
      assert.equal(await runCli([flag], io), 0);
      assert.equal(io.out(), `${version}\n`);
    }
  });

  it("an unknown command is one line with a suggestion", async () => {
    const io = memoryIo();
    assert.equal(await runCli(["lst", "--app-id", "a"], io), 1);
    assert.equal(io.err(), 'live-message-groups: unknown command "lst" (commands: list, snapshot, drift, emulator, demo) (did you mean list?) (see \'live-message-groups --help\')\n');
  });
});

describe("cli/runCli help", () => {
  for (const spec of SPECS) {
    it(`help ${spec.name} prints the help of ${spec.name}, exit 0`, async () => {
      const io = memoryIo();
      assert.equal(await runCli(["help", spec.name], io), 0);
      assert.equal(io.out(), commandHelp(spec));
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
