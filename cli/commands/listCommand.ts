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
import { escapeText, formatTableChunks } from "../displayText";
import { CHUNK_ITEMS, toJsonArrayChunks, toJsonObjectChunks } from "../jsonText";
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
  await writeOutput(io, renderListChunks(list, flags.format ?? "table", flags.idsOnly === true, toTerminal ? io.stdout.columns : undefined), flags.output);
  return EXIT_OK;
}

/** The text `list` prints for a listing. */
export function renderList(list: LiveMessageGroupList, format: ListFormat, idsOnly: boolean, terminalWidth?: number): string {
  return [...renderListChunks(list, format, idsOnly, terminalWidth)].join("");
}

/**
 * The text of {@link renderList} in chunks of a thousand groups, rendered as they are asked for:
 * writeOutput holds them (UTF-8-sized, about the output's size) before writing to stdout, and
 * streams them into an `-o` file's temporary file. One string of the whole output, then its copy
 * for the write, took several times the output's size: a 500,000-group table peaked at 994 MiB.
 */
export function renderListChunks(list: LiveMessageGroupList, format: ListFormat, idsOnly: boolean, terminalWidth?: number): Iterable<string> {
  if (idsOnly) {
    const ids = list.groups.map((group) => group.groupId);
    if (format === "json") return toJsonArrayChunks(ids);
    // CSV with one column keeps RFC 4180 quoting for ids that need it; a table is just lines, one
    // per id: control characters escaped, so an id cannot split a line or drive the terminal, and
    // `\` doubled, so a literal `\x1b` cannot pass for an escaped ESC.
    if (format === "csv") return inChunks(ids, (slice) => formatCsvRecords(slice.map((id) => [id])));
    return inChunks(ids, (slice) => slice.map((id) => escapeText(id) + "\n").join(""));
  }
  if (format === "csv") return formatCsvChunks(list.groups);
  if (format === "table") return list.groups.length === 0 ? ["No groups.\n"] : formatTableChunks(list.groups, terminalWidth);
  const { appId, dataCenter, groupStatus, sortOrder, totalCount, groups } = list;
  return toJsonObjectChunks({ appId, dataCenter, groupStatus, sortOrder, totalCount }, "groups", groups);
}

/** `render` of each slice of {@link CHUNK_ITEMS} items, as they are asked for (nothing for no items). */
function* inChunks<T>(items: readonly T[], render: (slice: readonly T[]) => string): Generator<string, void, undefined> {
  for (let start = 0; start < items.length; start += CHUNK_ITEMS) yield render(items.slice(start, start + CHUNK_ITEMS));
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
  return [...formatCsvChunks(groups)].join("");
}

/** The text of {@link formatCsv} in chunks of {@link CHUNK_ITEMS} records (the header in the first). */
function* formatCsvChunks(groups: readonly LiveMessageGroup[]): Generator<string, void, undefined> {
  const options = { ...RFC_4180, columns: [...CSV_COLUMNS], cast: { boolean: String } };
  const row = (group: LiveMessageGroup) => ({ ...group, adminList: group.adminList.map(escapeAdmin).join(CSV_ADMIN_SEPARATOR) });
  // The header alone when there are no groups, as csv-stringify writes it.
  if (groups.length === 0) yield stringify([], { ...options, header: true });
  for (let start = 0; start < groups.length; start += CHUNK_ITEMS) {
    yield stringify(groups.slice(start, start + CHUNK_ITEMS).map(row), { ...options, header: start === 0 });
  }
}
