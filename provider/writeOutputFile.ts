import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { LiveMessageGroupsResultOfAnyDetail } from "./types";

/**
 * Writes a result as pretty-printed JSON (the `outputFile` argument, as Alibaba data sources do).
 * The result holds no credentials, so the file is safe to keep. Relative paths resolve against
 * the working directory (the Pulumi project directory during `pulumi up`).
 */
export async function writeOutputFile(file: string, result: LiveMessageGroupsResultOfAnyDetail): Promise<void> {
  const path = resolve(file);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(result, null, 2) + "\n", "utf8");
}
