/**
 * The "cli-output" scenario's baseline, a child process: `list` as the CLI wrote it before its
 * output came in chunks. The same listing (the CLI's own flags-to-request and fetchGroups), the
 * whole output rendered as one string (renderList), then written at once: to stdout, or to a
 * temporary file renamed into place (`-o`). Peak memory through maxRssOnExit.
 *
 * argv: <appId> <table|json|csv|none> [<output file>]; `none` lists and writes nothing (the listing's own floor).
 */
import { renameSync, writeFileSync } from "node:fs";
import { renderList, type ListFormat } from "../cli/commands/listCommand";
import { fetchGroups, listingRequest } from "../cli/listingFlags";

async function main(): Promise<void> {
  const [appId = "", format = "table", output] = process.argv.slice(2);
  const io = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), signal: new AbortController().signal, now: () => Date.now() };
  const list = await fetchGroups(io, { ...listingRequest({ appId }, process.env), requestsPerSecond: 10_000 }, true);
  if (format === "none") return;
  const text = renderList(list, format as ListFormat, false);
  if (output === undefined) process.stdout.write(text);
  else {
    writeFileSync(`${output}.tmp`, text);
    renameSync(`${output}.tmp`, output);
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  process.stderr.write(`baseline failed: ${String(error)}\n`);
  process.exit(1);
});
