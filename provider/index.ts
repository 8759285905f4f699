/**
 * The Pulumi layer: `getLiveMessageGroups` / `getLiveMessageGroupsOutput` (program-side functions)
 * and the `LiveMessageGroups` dynamic resource.
 */
export * from "./types";
export { getLiveMessageGroups } from "./getLiveMessageGroups";
export { getLiveMessageGroupsOutput } from "./getLiveMessageGroupsOutput";
export { LiveMessageGroups, type IdsOutput, type FullOutput } from "./LiveMessageGroups";
export { liveMessageGroupsMocks, LIVE_MESSAGE_GROUPS_RESOURCE_TYPE, type LiveMessageGroupsMocksOptions, type MockLiveMessageGroup } from "./testing";
export { CONFIG_NAMESPACE, CONFIG_KEYS, ENV_KEYS } from "./settingsSources";
/** Loaded by the serialized provider inside Pulumi's provider host; not meant for programs. */
export { liveMessageGroupsProvider } from "./dynamic/liveMessageGroupsProvider";
export type { LiveMessageGroupsProviderImplementation } from "./dynamic/liveMessageGroupsProvider";
