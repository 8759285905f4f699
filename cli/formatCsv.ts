/**
 * CSV of groups per RFC 4180, written by csv-stringify: CRLF line endings, a header row, fields
 * containing a comma, double quote, CR or LF enclosed in double quotes with inner quotes doubled.
 * Values are written verbatim (no spreadsheet-formula escaping): the output is for machines.
 */
import { stringify } from "csv-stringify/sync";
import type { LiveMessageGroup } from "../sdk";

export const CSV_COLUMNS = ["groupId", "groupName", "groupInfo", "creatorId", "adminList", "createTime", "deleted"] as const;

/** Separator of admins inside the single adminList field. */
export const CSV_ADMIN_SEPARATOR = ";";

/** RFC 4180: CRLF records; csv-stringify quotes delimiters and quotes itself, and a lone CR or LF only when told. */
const RFC_4180 = { record_delimiter: "\r\n", quoted_match: /[\r\n]/ } as const;

/** CRLF-terminated records of string fields. */
export function formatCsvRecords(records: readonly (readonly string[])[]): string {
  return stringify(records.map((record) => [...record]), RFC_4180);
}

/** Header plus one record per group; createTime in unix seconds, deleted as true/false. */
export function formatCsv(groups: readonly LiveMessageGroup[]): string {
  const rows = groups.map((group) => ({ ...group, adminList: group.adminList.join(CSV_ADMIN_SEPARATOR) }));
  return stringify(rows, { ...RFC_4180, header: true, columns: [...CSV_COLUMNS], cast: { boolean: String } });
}
