export * from "./types";
export { startEmulator } from "./startEmulator";
export { generateGroups, type GenerateGroupsOptions } from "./seed";
