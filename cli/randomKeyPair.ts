/**
 * A fresh key pair for a local emulator, from the operating system's random source.
 *
 * The emulator's own default pair is derived from its seed (1 unless told otherwise), so it
 * is the same on every run and on every machine: anyone who has seen it once could call any
 * emulator started that way. `live-message-groups emulator` therefore asks for a new pair per
 * run, unless `--seed` asks for a reproducible run.
 */
import { randomInt } from "node:crypto";
import type { EmulatorKeyPair } from "../emulator";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** Lengths of the service's own keys: `LTAI` + 20 characters, and a 30-character secret. */
const ID_SUFFIX_LENGTH = 20;
const SECRET_LENGTH = 30;

function randomText(length: number): string {
  let text = "";
  for (let i = 0; i < length; i += 1) text += ALPHABET[randomInt(ALPHABET.length)] ?? "A";
  return text;
}

/** A new AccessKeyId / AccessKeySecret pair, shaped like the service's. */
export function randomKeyPair(): EmulatorKeyPair {
  return { accessKeyId: `LTAI${randomText(ID_SUFFIX_LENGTH)}`, accessKeySecret: randomText(SECRET_LENGTH) };
}
