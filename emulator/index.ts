export * from "./types";
export { startEmulator } from "./startEmulator";
export { EMULATOR_DEFAULTS } from "./defaults";
export { generateGroups, type GenerateGroupsOptions } from "./seed";
