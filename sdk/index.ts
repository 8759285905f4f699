/**
 * The Live interactive-messaging client: every page of ListLiveMessageGroupByPage, fast and
 * correct under faults. Imports nothing from Pulumi, the CLI or the emulator.
 */
export * from "./types";
export * from "./errors";
export { listLiveMessageGroups } from "./listLiveMessageGroups";
export { paginateLiveMessageGroups } from "./paginateLiveMessageGroups";
