/**
 * pulumi-alicloud-live-message-groups: read the interactive-messaging groups of an Alibaba Cloud
 * ApsaraVideo Live app from TypeScript and from Pulumi programs.
 */
// First, for its side effect, before the sdk loads httpx and its `debug` (a `debug` of its own per
// package, as pnpm installs it, reads DEBUG once, when loaded): under Pulumi (a program's process,
// the dynamic-provider host, which loads this entry) what the debug package prints lands in the
// update's log, so httpx's and ioredis' namespaces (headers, signatures, STS tokens, Redis AUTH) are
// excluded from DEBUG, as in the CLI and the plugin. See sdk/transport/quietDebug.ts.
import "./sdk/transport/quietDebug";
export * from "./sdk";
export { startEmulator } from "./emulator";
export type {
  Emulator, EmulatorOptions, EmulatorKeyPair, EmulatorGroup, EmulatorAppSeed, EmulatorFaults, EmulatorStats,
} from "./emulator";
export * from "./provider";
