/**
 * The emulator the CLI's end-to-end specs talk to, started in the test process with a
 * distinctive key pair whose secret is registered so every run checks it never leaks.
 */
import { randomBytes } from "node:crypto";
import { startEmulator } from "../../../emulator";
import type { Emulator, EmulatorOptions } from "../../../emulator";
import { registerSecret } from "./runBin";

export interface TestKeys {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

export function makeTestKeys(): TestKeys {
  const keys = { accessKeyId: `LTAIcli${randomBytes(6).toString("hex")}`, accessKeySecret: `cliSecret${randomBytes(12).toString("hex")}` };
  registerSecret(keys.accessKeySecret);
  return keys;
}

/** Starts an emulator accepting `keys`. */
export function startTestEmulator(keys: TestKeys, options: Omit<EmulatorOptions, "keyPairs"> = {}): Promise<Emulator> {
  return startEmulator({ callsPerSecond: 0, ...options, keyPairs: [keys] });
}

/** The environment through which the bin gets its keys (the standard variables). */
export function keyEnv(keys: TestKeys): Record<string, string> {
  return { ALIBABA_CLOUD_ACCESS_KEY_ID: keys.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: keys.accessKeySecret };
}
