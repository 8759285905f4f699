/**
 * `list`: every group of an app, as a table for people or JSON / CSV for machines.
 */
import type { Command } from "commander";
import type { LiveMessageGroupList } from "../../sdk";
import { type CliIo, writeOutput, EXIT_OK } from "../cliIo";
import { formatCsv, formatCsvRecords } from "../formatCsv";
import { formatTable } from "../formatTable";
import { addListingOptions, fetchGroups, listingRequest } from "../listingFlags";
import { choiceOption, valueOption } from "../program";

export const LIST_FORMATS = ["table", "json", "csv"] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

export function defineList(program: Command): Command {
  return addListingOptions(program.command("list").description("List every group of an app (table, JSON or CSV).").usage("--app-id <id> [flags]"))
    .addOption(choiceOption("--format <f>", "table (default, for people) | json | csv (RFC 4180).", LIST_FORMATS))
    .option("--ids-only", "Only group ids: one per line, or a JSON array with --format json.")
    .addOption(valueOption("-o, --output <file>", "Write to this file instead of stdout."))
    .addHelpText("after", [
      "",
      "JSON: {appId, dataCenter, groupStatus, sortOrder, totalCount, groups: [{groupId, groupName, groupInfo,",
      "creatorId, adminList, createTime (unix seconds), deleted}]}. CSV: the same columns, adminList joined by ';'.",
      "",
      "Example: live-message-groups list --app-id my-app --status existing --format csv -o groups.csv",
    ].join("\n"));
}

export async function listCommand(io: CliIo, flags: { format?: ListFormat; idsOnly?: boolean; output?: string; quiet?: boolean }): Promise<number> {
  const list = await fetchGroups(io, listingRequest(flags, io.env), flags.quiet === true);
  const toTerminal = flags.output === undefined && io.stdout.isTTY === true;
  await writeOutput(io, renderList(list, flags.format ?? "table", flags.idsOnly === true, toTerminal ? io.stdout.columns : undefined), flags.output);
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
