/**
 * pulumi-alicloud-live-message-groups: read the interactive-messaging groups of an Alibaba Cloud
 * ApsaraVideo Live app from TypeScript and from Pulumi programs.
 */
// First, before the sdk loads httpx and its `debug`: see provider/index.ts and sdk/transport/quietDebug.ts
// (a `debug` of its own per package, as pnpm installs it, reads DEBUG once, when loaded).
import "./sdk/transport/quietDebug";
export * from "./sdk";
export { startEmulator } from "./emulator";
export type {
  Emulator, EmulatorOptions, EmulatorKeyPair, EmulatorGroup, EmulatorAppSeed, EmulatorFaults, EmulatorStats,
} from "./emulator";
export * from "./provider";
