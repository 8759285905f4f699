import type { GroupStatusCode } from "../appRecord";
import { intParam, requireParam, resolveApp } from "../params";
import { loggableParams } from "../statsRecorder";
import { listEntryJson } from "../wire";
import type { ActionHandler } from "./actionContext";

/** Page size bounds and default, as documented. */
const MAX_PAGE_SIZE = 50;
const DEFAULT_PAGE_SIZE = 20;
/** Page number bounds, as documented (10,000 x 50 = 500,000 groups reachable). */
const MAX_PAGE_NUMBER = 10_000;

/**
 * `ListLiveMessageGroupByPage`: one page of an app's groups by creation time.
 * SortType 1 ascending / 2 descending (descending is exactly the reverse of ascending, ties
 * included); GroupStatus 0 all / 1 existing / 2 deleted; a page past the end is empty while
 * TotalCount still reports the total. The list hook runs after validation, before the page is cut.
 */
export const listLiveMessageGroupByPage: ActionHandler = async (context) => {
  const { params } = context;
  requireParam(params, "AppId");
  requireParam(params, "SortType");
  const sortType = intParam(params, "SortType", 1, 2, 1);
  const pageSize = intParam(params, "PageSize", 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
  const pageNumber = intParam(params, "PageNumber", 1, MAX_PAGE_NUMBER, 1);
  const status = intParam(params, "GroupStatus", 0, 2, 0) as GroupStatusCode;
  let app = resolveApp(context.store, params);
  if (context.listHook !== null) {
    // The hook sees the parameters as the request log does: no signature fields, no STS token.
    await context.listHook({ appId: app.appId, pageNumber, pageSize, params: loggableParams(params) }, context.store);
    app = resolveApp(context.store, params);
  }
  const view = app.view(status);
  const total = view.length;
  const offset = (pageNumber - 1) * pageSize;
  const entries: string[] = [];
  for (let i = offset; i < offset + pageSize && i < total; i++) {
    const record = view[sortType === 1 ? i : total - 1 - i];
    if (record !== undefined) entries.push(listEntryJson(record));
  }
  return `{"RequestId":${JSON.stringify(context.requestId)},"TotalCount":${total},"PageNumber":${pageNumber},` +
    `"PageSize":${pageSize},"GroupList":[${entries.join(",")}]}`;
};
