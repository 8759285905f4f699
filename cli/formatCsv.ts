/**
 * CSV of groups per RFC 4180: CRLF line endings, a header row, fields containing a comma,
 * double quote, CR or LF enclosed in double quotes with inner quotes doubled. Values are
 * written verbatim (no spreadsheet-formula escaping): the output is for machines.
 */
import type { LiveMessageGroup } from "../sdk";

export const CSV_COLUMNS = ["groupId", "groupName", "groupInfo", "creatorId", "adminList", "createTime", "deleted"] as const;

/** Separator of admins inside the single adminList field. */
export const CSV_ADMIN_SEPARATOR = ";";

/** Quotes one field when RFC 4180 requires it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CRLF-terminated record. */
export function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(",") + "\r\n";
}

/** Header plus one record per group; createTime in unix seconds, deleted as true/false. */
export function formatCsv(groups: readonly LiveMessageGroup[]): string {
  let out = csvRecord(CSV_COLUMNS);
  for (const group of groups) {
    out += csvRecord([
      group.groupId,
      group.groupName,
      group.groupInfo,
      group.creatorId,
      group.adminList.join(CSV_ADMIN_SEPARATOR),
      String(group.createTime),
      String(group.deleted),
    ]);
  }
  return out;
}
