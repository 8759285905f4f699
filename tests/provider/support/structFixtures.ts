/**
 * What the Struct codec specs (structEncoding.spec.ts, structDecoding.spec.ts) share: google-protobuf
 * and provider_pb as @pulumi/pulumi resolves them (the copies the plugin's server uses), and a
 * plugin result of `detail: "full"`.
 */
import { dirname } from "node:path";
import type * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import { SECRET_SIG_KEY } from "./runMockProgram";

export type Props = Record<string, unknown>;
export interface StructMessage { serializeBinary(): Uint8Array; toJavaScript(): Props }
const PULUMI_DIR = dirname(require.resolve("@pulumi/pulumi/package.json"));
const fromPulumi = <T>(id: string): T => require(require.resolve(id, { paths: [PULUMI_DIR] })) as T;
export const { Struct } = fromPulumi<{ Struct: { fromJavaScript(value: object): StructMessage; deserializeBinary(bytes: Uint8Array): StructMessage } }>("google-protobuf/google/protobuf/struct_pb");
export const pb = fromPulumi<typeof providerPb>("@pulumi/pulumi/proto/provider_pb");
export const grpcServices = fromPulumi<{ ResourceProviderService: Record<string, { requestSerialize(message: unknown): Buffer; requestDeserialize(bytes: Buffer): unknown }> }>("@pulumi/pulumi/proto/provider_grpc_pb");

const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** A secret value as Pulumi's protocol wraps it. */
export const secret = (value: unknown): Props => ({ [SECRET_SIG_KEY]: SECRET_SIG, value });
/** google-protobuf's Struct, typed for the setters of provider_pb. */
export const struct = (value: object): never => Struct.fromJavaScript(value) as never;
/** google-protobuf's bytes for `value`. */
export const stockBytes = (value: object): Buffer => Buffer.from(Struct.fromJavaScript(value).serializeBinary());

/** A result of `detail: "full"` as the plugin returns it, with `groups` groups. */
export function fullResult(groups: number): Props {
  const list = Array.from({ length: groups }, (_, i) => ({
    groupId: `g-${i.toString(36)}`, groupName: `Room ${i} ✓ 😀`, groupInfo: `{"n":${i}}`, creatorId: `user-${i % 7}`,
    adminList: Array.from({ length: i % 4 }, (__, a) => `admin-${a}`), createTime: 1_700_000_000 + i, deleted: i % 10 === 0,
  }));
  return {
    appId: "app", dataCenter: "cn-shanghai", detail: "full", id: "cn-shanghai/app", totalCount: groups, digest: "ab".repeat(32),
    ids: list.map((g) => g.groupId), groups: list, names: list.map((g) => g.groupName),
    adminsByGroupId: Object.fromEntries(list.map((g) => [g.groupId, g.adminList])), requestedIds: null,
  };
}
