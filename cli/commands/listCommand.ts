/**
 * `list`: every group of an app, as a table for people or JSON / CSV for machines.
 */
import type { LiveMessageGroupList } from "../../sdk";
import type { CliIo } from "../cliIo";
import type { CommandSpec } from "../commandSpec";
import { HELP_FLAG } from "../commandSpec";
import { EXIT_OK } from "../exitCodes";
import { booleanFlag, stringFlag } from "../flagValue";
import { formatCsv, formatCsvRecords } from "../formatCsv";
import { formatTable } from "../formatTable";
import { fetchGroups } from "../fetchGroups";
import { LISTING_FLAGS, listingRequestFromFlags } from "../listingFlags";
import type { FlagValues } from "../program";
import { parseEnumFlag } from "../parseValues";
import { writeOutput } from "../writeOutput";

export const LIST_FORMATS = ["table", "json", "csv"] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

export const LIST_SPEC: CommandSpec = {
  name: "list",
  summary: "List every group of an app (table, JSON or CSV).",
  usage: "list --app-id <id> [flags]",
  flags: [
    ...LISTING_FLAGS,
    { name: "format", type: "string", placeholder: "<f>", choices: LIST_FORMATS, description: "table (default, for people) | json | csv (RFC 4180)." },
    { name: "ids-only", type: "boolean", description: "Only group ids: one per line, or a JSON array with --format json." },
    { name: "output", type: "string", short: "o", placeholder: "<file>", description: "Write to this file instead of stdout." },
    HELP_FLAG,
  ],
  notes: [
    "JSON: {appId, dataCenter, groupStatus, sortOrder, totalCount, groups: [{groupId, groupName, groupInfo,\n" +
      "creatorId, adminList, createTime (unix seconds), deleted}]}. CSV: the same columns, adminList joined by ';'.",
    "Example: live-message-groups list --app-id my-app --status existing --format csv -o groups.csv",
  ],
};

export async function listCommand(io: CliIo, values: FlagValues): Promise<number> {
  const request = listingRequestFromFlags(values, true, io.env);
  const rawFormat = stringFlag(values, "format");
  let format: ListFormat = "table";
  if (rawFormat !== undefined) format = parseEnumFlag("format", rawFormat, LIST_FORMATS);
  const list = await fetchGroups(io, request, { quiet: booleanFlag(values, "quiet") });
  const output = stringFlag(values, "output");
  const toTerminal = output === undefined && io.stdout.isTTY === true;
  await writeOutput(io, renderList(list, format, booleanFlag(values, "ids-only"), toTerminal ? io.stdout.columns : undefined), output);
  return EXIT_OK;
}

/** The text `list` prints for a listing. */
export function renderList(list: LiveMessageGroupList, format: ListFormat, idsOnly: boolean, terminalWidth?: number): string {
  if (idsOnly) {
    const ids = list.groups.map((group) => group.groupId);
    if (format === "json") return JSON.stringify(ids, null, 2) + "\n";
    // CSV with one column keeps RFC 4180 quoting for ids that need it; a table is just lines.
    if (format === "csv") return formatCsvRecords(ids.map((id) => [id]));
    return ids.map((id) => id + "\n").join("");
  }
  switch (format) {
    case "json": {
      const { appId, dataCenter, groupStatus, sortOrder, totalCount, groups } = list;
      return JSON.stringify({ appId, dataCenter, groupStatus, sortOrder, totalCount, groups }, null, 2) + "\n";
    }
    case "csv":
      return formatCsv(list.groups);
    case "table":
      return list.groups.length === 0 ? "No groups.\n" : formatTable(list.groups, terminalWidth);
  }
}
