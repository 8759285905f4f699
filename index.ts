/**
 * pulumi-alicloud-live-message-groups: read the interactive-messaging groups of an Alibaba Cloud
 * ApsaraVideo Live app from TypeScript and from Pulumi programs.
 */
export * from "./sdk";
export { startEmulator } from "./emulator";
export type {
  Emulator, EmulatorOptions, EmulatorKeyPair, EmulatorGroup, EmulatorAppSeed, EmulatorFaults, EmulatorStats,
} from "./emulator";
export * from "./provider";
