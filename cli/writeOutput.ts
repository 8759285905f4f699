/**
 * Writes a command's result to stdout or, with `--output`, to a file: through a temporary
 * file renamed into place, so an interrupted or failed run never leaves a half-written
 * snapshot behind for the next `drift` to trip on.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import type { CliIo } from "./cliIo";

export async function writeOutput(io: CliIo, text: string, outputPath: string | undefined): Promise<void> {
  if (outputPath === undefined || outputPath === "-") {
    io.stdout.write(text);
    return;
  }
  const target = path.resolve(io.cwd, outputPath);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    await fs.writeFile(temporary, text, { encoding: "utf8", mode: 0o644 });
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    const code = (error as { code?: unknown }).code;
    throw new Error(`cannot write ${outputPath}: ${typeof code === "string" ? code : (error as Error).message}`, { cause: error });
  }
}
