import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { buildProgram, runCli } from "../../cli/runCli";
import { memoryIo } from "./helpers/memoryIo";

const COMMANDS = buildProgram(memoryIo()).commands;
const fold = (text: string): string => text.replace(/\s+/g, " ");

describe("cli help (commander)", () => {
  for (const command of COMMANDS) {
    const name = command.name();
    it(`${name} --help: usage, every flag with its description, choices, on stdout, exit 0`, async () => {
      const io = memoryIo();
      assert.equal(await runCli([name, "--help"], io), 0);
      assert.equal(io.err(), "");
      const help = io.out();
      assert.ok(help.startsWith(command.helpInformation()), help);
      assert.match(help, new RegExp(`^Usage: live-message-groups ${name} `));
      assert.ok(help.includes("-h, --help"));
      for (const option of command.options) {
        assert.ok(help.includes(option.long ?? "?"), option.long);
        assert.ok(fold(help).includes(fold(option.description)), option.description);
        if (option.argChoices !== undefined) assert.ok(fold(help).includes(`(choices: ${option.argChoices.map((c) => `"${c}"`).join(", ")})`), option.long);
      }
    });
  }

  it("--help's description is one paragraph wrapped once (no short ragged lines)", async () => {
    const io = memoryIo();
    assert.equal(await runCli(["--help"], io), 0);
    const paragraph = io.out().split("\n\n")[1]?.split("\n") ?? [];
    assert.ok(paragraph.length >= 3, io.out());
    for (const line of paragraph.slice(0, -1)) assert.ok(line.length >= 60, `a ragged line: ${JSON.stringify(line)}`);
  });

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
  for (const command of COMMANDS) {
    it(`help ${command.name()} prints the help of ${command.name()}, exit 0`, async () => {
      const io = memoryIo();
      const direct = memoryIo();
      assert.equal(await runCli([command.name(), "--help"], direct), 0);
      assert.equal(await runCli(["help", command.name()], io), 0);
      assert.equal(io.out(), direct.out());
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
