/**
 * The write calls the demo makes, through the real @alicloud/openapi-client over HTTP, signed
 * ACS3-HMAC-SHA256: CreateLiveMessageApp, CreateLiveMessageGroup, DeleteLiveMessageGroup.
 *
 * Only the demo writes; the sdk is read-only by design, so these few calls live here.
 */
import OpenApiClient, { Config, OpenApiRequest, Params } from "@alicloud/openapi-client";
import type { Credentials, DataCenter } from "../sdk";
import { scrubSecrets } from "../sdk/transport/scrubSecrets";

const API_VERSION = "2016-11-01";
/** Per-call connect and read timeout, ms (the library's 3 s default is tight on a loaded CI box). */
const CALL_TIMEOUT_MS = 10_000;

type Runtime = Parameters<OpenApiClient["callApi"]>[2];

export interface DemoGroupInput {
  readonly groupId: string;
  readonly groupName: string;
  readonly groupInfo: string;
  readonly creatorId: string;
  readonly adminList: readonly string[];
}

export interface DemoApiClient {
  /** CreateLiveMessageApp; resolves to the AppId the service chose. */
  createApp(appName: string, dataCenter: DataCenter): Promise<string>;
  createGroup(appId: string, dataCenter: DataCenter, group: DemoGroupInput): Promise<void>;
  deleteGroup(appId: string, dataCenter: DataCenter, groupId: string, operatorId: string): Promise<void>;
}

/** A client for `endpoint` (`127.0.0.1:PORT`, plain HTTP: the demo only talks to its own emulator). */
export function createDemoApiClient(endpoint: string, credentials: Credentials): DemoApiClient {
  const client = new OpenApiClient(new Config({
    accessKeyId: credentials.accessKeyId,
    accessKeySecret: credentials.accessKeySecret,
    endpoint,
    protocol: "HTTP",
    connectTimeout: CALL_TIMEOUT_MS,
    readTimeout: CALL_TIMEOUT_MS,
  }));
  // RuntimeOptions lives in @alicloud/tea-util, which is not our direct dependency; callApi only
  // reads optional fields off it, so an empty object is a complete value.
  const runtime = {} as Runtime;
  const secrets = [credentials.accessKeySecret];

  async function call(action: string, query: Record<string, string>): Promise<Record<string, unknown>> {
    try {
      const params = new Params({
        action, version: API_VERSION, protocol: "HTTP", pathname: "/", method: "POST", authType: "AK", style: "RPC", reqBodyType: "formData", bodyType: "json",
      });
      const response = await client.callApi(params, new OpenApiRequest({ query }), runtime);
      const body: unknown = response.body;
      return typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
    } catch (error) {
      // The library's errors carry the request; keep only what a person needs, scrubbed.
      const code = (error as { code?: unknown }).code;
      const message = error instanceof Error ? error.message.split("\n")[0] ?? "" : String(error);
      // No `cause` on purpose: the library's error holds the signed request.
      // eslint-disable-next-line preserve-caught-error
      throw new Error(scrubSecrets(`${action} failed: ${typeof code === "string" ? `${code}: ` : ""}${message}`, secrets));
    }
  }

  return {
    async createApp(appName, dataCenter) {
      const body = await call("CreateLiveMessageApp", { AppName: appName, DataCenter: dataCenter });
      if (typeof body.AppId !== "string" || body.AppId === "") throw new Error("CreateLiveMessageApp answered without an AppId");
      return body.AppId;
    },
    async createGroup(appId, dataCenter, group) {
      await call("CreateLiveMessageGroup", {
        AppId: appId, DataCenter: dataCenter, GroupId: group.groupId, GroupName: group.groupName,
        GroupInfo: group.groupInfo, CreatorId: group.creatorId, Administrators: group.adminList.join(","),
      });
    },
    async deleteGroup(appId, dataCenter, groupId, operatorId) {
      await call("DeleteLiveMessageGroup", { AppId: appId, DataCenter: dataCenter, GroupId: groupId, OperatorId: operatorId });
    },
  };
}
