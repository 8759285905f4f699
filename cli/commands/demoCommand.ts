import type { CliIo } from "../cliIo";
import type { CommandSpec } from "../commandSpec";
import { HELP_FLAG } from "../commandSpec";
import type { FlagValues } from "../parseCommandArgs";

export const DEMO_SPEC: CommandSpec = {
  name: "demo",
  summary: "The main job end to end against an embedded emulator: no account, no network.",
  usage: "demo [flags]",
  flags: [HELP_FLAG],
};

export async function demoCommand(_io: CliIo, _values: FlagValues): Promise<number> {
  throw new Error("demo: not written yet");
}
