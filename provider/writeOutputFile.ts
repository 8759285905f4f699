import { constants, lstatSync, readlinkSync, statSync, type Stats } from "node:fs";
import { access, mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { ClientError, escapeControl, InvalidArgumentError } from "../sdk/errors";
import type { LiveMessageGroupsResultOfAnyDetail } from "./types";

/** What `outputFile` may be, as every message about it says. */
const WRITABLE_FILE = "a path to a file this process can write (its directory is created when missing)";

/**
 * Checks, before any request, that `outputFile` can be written as {@link writeOutputFile} writes it
 * (in place, following a link): an existing file (or /dev/null, a link to one) writable itself,
 * whatever its directory; a new file (or a link to one that does not exist yet) in a directory that
 * exists and is writable, or under the nearest existing directory, writable, where the missing ones
 * are created. A listing of 500,000 groups takes minutes; a path that cannot be written should not
 * wait for it to fail.
 */
export async function assertOutputFileWritable(file: string): Promise<void> {
  const refuse = (why: string): never => {
    throw new InvalidArgumentError("outputFile", WRITABLE_FILE, file, `Invalid outputFile: ${why}; expected ${WRITABLE_FILE}.`);
  };
  let path = resolve(file);
  const target = statOrNull(path);
  if (target !== null) {
    if (target.isDirectory()) refuse(`${escapeControl(path)} is a directory`);
    try {
      await access(path, constants.W_OK);
    } catch (error) {
      refuse(`${escapeControl(path)} cannot be written (${codeOf(error)})`);
    }
    return;
  }
  // A link to a file that does not exist yet: the file is created where the links end, in a
  // directory that must exist (only the link's own missing directories are created).
  let hops = 0;
  for (; hops < 40 && isLink(path); hops++) path = resolve(dirname(path), readlinkSync(path));
  let ancestor = dirname(path);
  while (hops === 0 && statOrNull(ancestor) === null && dirname(ancestor) !== ancestor) ancestor = dirname(ancestor);
  if (statOrNull(ancestor)?.isDirectory() !== true) refuse(`${escapeControl(ancestor)} is not a directory`);
  try {
    await access(ancestor, constants.W_OK);
  } catch (error) {
    refuse(`this process cannot write in ${escapeControl(ancestor)} (${codeOf(error)})`);
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : "error";
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
