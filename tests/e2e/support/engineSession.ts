import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { startEmulator } from "../../../emulator";
import type { Emulator, EmulatorAppSeed, EmulatorKeyPair } from "../../../emulator/types";
import { provideEngine, PulumiCli } from "./pulumiCli";

/** What an e2e spec works with: the emulator and a CLI logged in to its own file backend. */
export interface EngineSession {
  readonly emulator: Emulator;
  readonly cli: PulumiCli;
}

/**
 * What every e2e spec starts with: the engine (scripts/provide-pulumi.sh: a cold build on first
 * use), an emulator holding `apps` for `keyPair`, and a CLI with that key pair in its environment,
 * logged in to a file backend of its own. `languageHost` names a host the spec needs beside the CLI.
 */
export async function startEngineSession(keyPair: EmulatorKeyPair, apps: readonly EmulatorAppSeed[], languageHost?: string): Promise<EngineSession> {
  const binDir = provideEngine();
  if (languageHost !== undefined) {
    assert.ok(existsSync(join(binDir, languageHost)), `no ${languageHost} in ${binDir}: scripts/provide-pulumi.sh reported why`);
  }
  const emulator = await startEmulator({ keyPairs: [keyPair], apps });
  const cli = new PulumiCli(binDir, keyPair);
  await cli.login();
  return { emulator, cli };
}
