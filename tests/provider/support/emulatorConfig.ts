import type { Emulator } from "../../../emulator/types";

/** Stack config that points this package at an emulator, with its key pair in alicloud:* keys. */
export function emulatorConfig(emulator: Emulator, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    "live-message-groups:endpoint": emulator.url,
    "alicloud:accessKey": emulator.credentials.accessKeyId,
    "alicloud:secretKey": emulator.credentials.accessKeySecret,
    ...extra,
  };
}

/** Group IDs of an app in the emulator, by creation time then ID (the result's `asc` order). */
export function storedIds(emulator: Emulator, appId: string, keep: (g: { deleted: boolean; creatorId: string }) => boolean = () => true): string[] {
  return emulator.store.groups(appId)
    .filter(keep)
    .sort((a, b) => a.createTime - b.createTime || (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0))
    .map((g) => g.groupId);
}
