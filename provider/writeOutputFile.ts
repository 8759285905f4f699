import { constants, statSync } from "node:fs";
import { access, mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { ClientError, escapeControl, InvalidArgumentError } from "../sdk/errors";
import type { LiveMessageGroupsResultOfAnyDetail } from "./types";

/** What `outputFile` may be, as every message about it says. */
const WRITABLE_FILE = "a path to a file this process can write (its directory is created when missing)";

/**
 * Checks, before any request, that `outputFile` can be written: not a directory, no regular file
 * where a directory of the path must be, the nearest existing directory writable. A listing of
 * 500,000 groups takes minutes; a path that cannot be written should not wait for it to fail.
 */
export async function assertOutputFileWritable(file: string): Promise<void> {
  const path = resolve(file);
  const kind = (p: string): "file" | "directory" | "other" | null => {
    try {
      const st = statSync(p);
      return st.isDirectory() ? "directory" : st.isFile() ? "file" : "other";
    } catch {
      return null;
    }
  };
  if (kind(path) === "directory") throw new InvalidArgumentError("outputFile", WRITABLE_FILE, file, `Invalid outputFile: ${escapeControl(path)} is a directory; expected ${WRITABLE_FILE}.`);
  let ancestor = dirname(path);
  while (kind(ancestor) === null && dirname(ancestor) !== ancestor) ancestor = dirname(ancestor);
  if (kind(ancestor) !== "directory") {
    throw new InvalidArgumentError("outputFile", WRITABLE_FILE, file, `Invalid outputFile: ${escapeControl(ancestor)} is not a directory; expected ${WRITABLE_FILE}.`);
  }
  try {
    await access(ancestor, constants.W_OK);
  } catch {
    throw new InvalidArgumentError("outputFile", WRITABLE_FILE, file, `Invalid outputFile: this process cannot write in ${escapeControl(ancestor)}; expected ${WRITABLE_FILE}.`);
  }
}

/**
 * Writes a result as pretty-printed JSON (the `outputFile` argument, as Alibaba data sources do).
 * The result holds no credentials, so the file is safe to keep. Relative paths resolve against
 * the working directory (the Pulumi project directory during `pulumi up`). A failure (a full disk)
 * is a ClientError naming outputFile and the path, escaped.
 */
export async function writeOutputFile(file: string, result: LiveMessageGroupsResultOfAnyDetail): Promise<void> {
  const path = resolve(file);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, JSON.stringify(result, null, 2) + "\n", "utf8");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ClientError(`outputFile: could not write ${escapeControl(path)}${typeof code === "string" ? ` (${code})` : ""}; the listing itself succeeded.`,
      { code: "OutputFileNotWritten" });
  }
}
