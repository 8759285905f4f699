/**
 * Wire schemas of ListLiveMessageGroupByPage: the only place that knows the PascalCase names.
 * The official model marks every field optional, so absent strings become "" and an absent
 * AdminList becomes []: nothing `undefined` leaks out. `GroupId`, `Createtime` and `TotalCount`
 * are required: without them a group cannot be identified or ordered, nor a listing completed.
 */
import { z } from "zod";
import { idText } from "../errors";
import type { GroupStatus, LiveMessageGroup, LiveMessageGroupPage } from "../types";

/*
 * No per-field transforms: zod runs them as pipes, which costs CPU on every group of every page.
 * The schemas only validate; toGroup() fills the defaults in one pass.
 */
const optionalString = z.string().nullish();
/** Counts and times sometimes travel as numeric strings in Alibaba APIs; accept both. */
const wholeNumber = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]);
/**
 * `Delete` is a boolean; accept "true"/"false" strings too. Absent (every field of the official
 * model is optional): what the request's `GroupStatus` filter selected, and for all statuses, not
 * deleted.
 */
const deleteFlag = z.union([z.boolean(), z.enum(["true", "false"])]).nullish();

export const wireGroupSchema = z.object({
  GroupId: z.string().min(1),
  GroupName: optionalString,
  GroupInfo: optionalString,
  CreatorId: optionalString,
  AdminList: z.array(z.string()).nullish(),
  Createtime: wholeNumber,
  Delete: deleteFlag,
});

export const wirePageSchema = z.object({
  RequestId: optionalString,
  TotalCount: wholeNumber,
  PageNumber: wholeNumber.nullish(),
  PageSize: wholeNumber.nullish(),
  GroupList: z.array(wireGroupSchema).nullish(),
});

type WireGroup = z.output<typeof wireGroupSchema>;

/**
 * One group. A group without `Delete` on a page asked for one status is of that status: read as not
 * deleted, a deleted listing's groups failed its status check, and the all-status view it fell back
 * to dropped them, returning none without an error.
 */
function toGroup(group: WireGroup, groupStatus: GroupStatus): LiveMessageGroup {
  const deleted = group.Delete == null ? groupStatus === "deleted" : group.Delete === true || group.Delete === "true";
  return {
    groupId: group.GroupId,
    groupName: group.GroupName ?? "",
    groupInfo: group.GroupInfo ?? "",
    creatorId: group.CreatorId ?? "",
    adminList: group.AdminList ?? [],
    createTime: Number(group.Createtime),
    deleted,
  };
}

export type WirePage = z.output<typeof wirePageSchema>;

/** Outcome of validating one body: the page, or a short description of what was wrong. */
export type ParsedPage =
  | { readonly ok: true; readonly page: LiveMessageGroupPage }
  | { readonly ok: false; readonly problem: string; readonly requestId: string | null };

/**
 * Validates one response body (once per page) and converts it. `requested` fills pageNumber and
 * pageSize when the body omits them, and a group's status when it omits `Delete` (see toGroup).
 */
export function parsePageBody(body: unknown, requested: { pageNumber: number; pageSize: number; groupStatus?: GroupStatus }): ParsedPage {
  const result = wirePageSchema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? "body" : issue.path.join(".");
    const requestId = typeof body === "object" && body !== null && typeof (body as { RequestId?: unknown }).RequestId === "string"
      ? (body as { RequestId: string }).RequestId
      : null;
    return { ok: false, problem: `${where}: ${issue?.message ?? "invalid"}`, requestId };
  }
  const wire = result.data;
  return {
    ok: true,
    page: {
      pageNumber: wire.PageNumber == null ? requested.pageNumber : Number(wire.PageNumber),
      pageSize: wire.PageSize == null ? requested.pageSize : Number(wire.PageSize),
      totalCount: Number(wire.TotalCount),
      groups: (wire.GroupList ?? []).map((group) => toGroup(group, requested.groupStatus ?? "all")),
      // Escaped and cut like an error's: it is quoted in errors (a shifted listing's, TooManyPages) and logs.
      requestId: idText(wire.RequestId ?? ""),
    },
  };
}
