/**
 * `list`: every group of an app, as a table for people or JSON / CSV for machines. CSV per RFC
 * 4180, written by csv-stringify: CRLF line endings, a header row, fields containing a comma,
 * double quote, CR or LF enclosed in double quotes with inner quotes doubled. Values are written
 * verbatim (no spreadsheet-formula escaping): the output is for machines.
 */
import type { Command } from "commander";
import { stringify } from "csv-stringify/sync";
import type { LiveMessageGroup, LiveMessageGroupList } from "../../sdk";
import { type CliIo, writeOutput, EXIT_OK } from "../cliIo";
import { escapeText, formatTable } from "../displayText";
import { toJsonText } from "../jsonText";
import { addListingOptions, fetchGroups, listingRequest, requireWritableOutput } from "../listingFlags";
import { choiceOption, valueOption } from "../program";

export const LIST_FORMATS = ["table", "json", "csv"] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

export function defineList(program: Command): Command {
  return addListingOptions(program.command("list").description("List every group of an app (table, JSON or CSV).").usage("--app-id <id> [flags]"))
    .addOption(choiceOption("--format <f>", "table (default, for people) | json | csv (RFC 4180).", LIST_FORMATS))
    .option("--ids-only", "Only group ids: one per line, or a JSON array with --format json.")
    .addOption(valueOption("-o, --output <file>", "Write to this file instead of stdout."))
    .addHelpText("after", `
JSON: {appId, dataCenter, groupStatus, sortOrder, totalCount, groups: [{groupId, groupName, groupInfo,
creatorId, adminList, createTime (unix seconds), deleted}]}. CSV: the same columns, adminList joined by ';'.

Example: live-message-groups list --app-id my-app --status existing --format csv -o groups.csv`);
}

export async function listCommand(io: CliIo, flags: { format?: ListFormat; idsOnly?: boolean; output?: string; quiet?: boolean }): Promise<number> {
  const request = listingRequest(flags, io.env);
  await requireWritableOutput(io, flags.output, "list");
  const list = await fetchGroups(io, request, flags.quiet === true);
  const toTerminal = flags.output === undefined && io.stdout.isTTY === true;
  await writeOutput(io, renderList(list, flags.format ?? "table", flags.idsOnly === true, toTerminal ? io.stdout.columns : undefined), flags.output);
  return EXIT_OK;
}

/** The text `list` prints for a listing. */
export function renderList(list: LiveMessageGroupList, format: ListFormat, idsOnly: boolean, terminalWidth?: number): string {
  if (idsOnly) {
    const ids = list.groups.map((group) => group.groupId);
    if (format === "json") return toJsonText(ids);
    // CSV with one column keeps RFC 4180 quoting for ids that need it; a table is just lines, one
    // per id: control characters escaped, so an id cannot split a line or drive the terminal, and
    // `\` doubled, so a literal `\x1b` cannot pass for an escaped ESC.
    if (format === "csv") return formatCsvRecords(ids.map((id) => [id]));
    return ids.map((id) => escapeText(id) + "\n").join("");
  }
  if (format === "csv") return formatCsv(list.groups);
  if (format === "table") return list.groups.length === 0 ? "No groups.\n" : formatTable(list.groups, terminalWidth);
  const { appId, dataCenter, groupStatus, sortOrder, totalCount, groups } = list;
  return toJsonText({ appId, dataCenter, groupStatus, sortOrder, totalCount, groups });
}

export const CSV_COLUMNS = ["groupId", "groupName", "groupInfo", "creatorId", "adminList", "createTime", "deleted"] as const;

/** Separator of admins inside the single adminList field. */
export const CSV_ADMIN_SEPARATOR = ";";

/** RFC 4180: CRLF records; csv-stringify quotes delimiters and quotes itself, and a lone CR or LF only when told. */
const RFC_4180 = { record_delimiter: "\r\n", quoted_match: /[\r\n]/ } as const;

/** CRLF-terminated records of string fields. */
export function formatCsvRecords(records: readonly (readonly string[])[]): string {
  return stringify(records.map((record) => [...record]), RFC_4180);
}

/**
 * An admin ID in the adminList field: a `;` or `\\` in it escaped with `\\`, so `["a;b", "c"]`
 * (`a\\;b;c`) cannot be read as three admins `a`, `b`, `c`; IDs without either are unchanged.
 */
function escapeAdmin(adminId: string): string {
  return adminId.replace(/[\\;]/g, "\\$&");
}

/**
 * Header plus one record per group; createTime in unix seconds, deleted as true/false. adminList
 * splits back exactly, an empty field being `[]`, but for `[""]`, which writes an empty field too:
 * any other spelling of it would be a syntax every reader must learn for a list the API's
 * comma-joined Administrators can hardly produce, and the empty field of no admins is what
 * spreadsheets and scripts expect. README says so; JSON keeps the two apart.
 */
export function formatCsv(groups: readonly LiveMessageGroup[]): string {
  const rows = groups.map((group) => ({ ...group, adminList: group.adminList.map(escapeAdmin).join(CSV_ADMIN_SEPARATOR) }));
  return stringify(rows, { ...RFC_4180, header: true, columns: [...CSV_COLUMNS], cast: { boolean: String } });
}
