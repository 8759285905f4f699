import type { Emulator, EmulatorOptions } from "./types";

/** PLACEHOLDER: replaced by the real implementation. */
export async function startEmulator(_options: EmulatorOptions = {}): Promise<Emulator> {
  throw new Error("not implemented yet");
}
