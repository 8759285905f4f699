/**
 * The baseline: what a user writes today with the official transport. One request at a time,
 * PageNumber 1, 2, 3... until a short page, no retries, no rate limiting. It is what Terraform-style
 * data sources and the aliyun CLI pager do.
 */
import { createRequire } from "node:module";
import * as OpenApi from "@alicloud/openapi-client";

interface RuntimeOptionsModule {
  RuntimeOptions: new (map?: Record<string, unknown>) => unknown;
}

// tea-util is openapi-client's own (pinned) dependency; resolve that copy rather than adding one.
const util = createRequire(require.resolve("@alicloud/openapi-client"))("@alicloud/tea-util") as RuntimeOptionsModule;

/** A group as the API sends it; the naive loop keeps them as they come, as a user's loop would. */
export interface WireGroup {
  readonly GroupId?: string;
  readonly [field: string]: unknown;
}

export interface NaiveLoopResult {
  readonly groups: WireGroup[];
  readonly requests: number;
}

export async function naiveLoop(
  endpoint: string, accessKeyId: string, accessKeySecret: string, appId: string, pageSize: number,
): Promise<NaiveLoopResult> {
  const client = new OpenApi.default(new OpenApi.Config({
    accessKeyId, accessKeySecret, endpoint, protocol: "HTTP",
  }));
  const params = new OpenApi.Params({
    action: "ListLiveMessageGroupByPage", version: "2016-11-01", protocol: "HTTP", pathname: "/",
    method: "GET", authType: "AK", style: "RPC", reqBodyType: "formData", bodyType: "json",
  });
  const runtime = new util.RuntimeOptions({}) as Parameters<OpenApi.default["callApi"]>[2];
  const groups: WireGroup[] = [];
  let requests = 0;
  for (let pageNumber = 1; ; pageNumber++) {
    const request = new OpenApi.OpenApiRequest({
      query: {
        AppId: appId, SortType: "1", GroupStatus: "0", DataCenter: "cn-shanghai",
        PageSize: String(pageSize), PageNumber: String(pageNumber),
      },
    });
    requests++;
    const response = await client.callApi(params, request, runtime);
    const body = response.body as { GroupList?: WireGroup[] };
    const list = body.GroupList ?? [];
    groups.push(...list);
    if (list.length < pageSize) break;
  }
  return { groups, requests };
}
