/**
 * The Pulumi layer: `getLiveMessageGroups` / `getLiveMessageGroupsOutput` (program-side functions)
 * and the `LiveMessageGroups` dynamic resource.
 */
export * from "./types";
export { getLiveMessageGroups } from "./getLiveMessageGroups";
export { getLiveMessageGroupsOutput } from "./getLiveMessageGroupsOutput";
export { LiveMessageGroups } from "./LiveMessageGroups";
export { CONFIG_NAMESPACE, CONFIG_KEYS, ENV_KEYS } from "./settingsSources";
/** Loaded by the serialized provider inside Pulumi's provider host; not meant for programs. */
export { liveMessageGroupsProvider } from "./dynamic/liveMessageGroupsProvider";
