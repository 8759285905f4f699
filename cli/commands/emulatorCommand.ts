/**
 * `emulator`: runs the local emulator of the API in the foreground until Ctrl-C, and prints
 * the endpoint and the key pair to use with it.
 */
import { once } from "node:events";
import type { Command } from "commander";
import { EMULATOR_DEFAULTS, startEmulator } from "../../emulator";
import type { EmulatorDataCenter, EmulatorFaults, EmulatorKeyPair } from "../../emulator";
import { DATA_CENTERS } from "../../sdk";
import { isValidListingOption, listingOption } from "../../sdk/options/listingOptionsSchema";
import { type CliIo, EXIT_OK } from "../cliIo";
import { escapeControl } from "../displayText";
import { envKeyPair, randomKeyPair } from "../envCredentials";
import { checked, choiceOption, numberOption, PROGRAM_NAME, UsageError, valueOption } from "../program";

/** Fault flags (commander names them by attribute: `--bad-gateway` is badGateway), the emulator fault each sets, what it does. */
const FAULT_FLAGS: readonly (readonly [flag: string, fault: keyof Omit<EmulatorFaults, "actions">, what: string])[] = [
  ["server-error", "serverError", "HTTP 500 ServerError"],
  ["service-unavailable", "serviceUnavailable", "HTTP 503 ServiceUnavailable"],
  ["connection-reset", "connectionReset", "connection reset, no answer"],
  ["no-answer", "noAnswer", "request never answered"],
  ["truncated-body", "truncatedBody", "200 with a cut JSON body"],
  ["bad-gateway", "htmlBadGateway", "HTTP 502 with an HTML body"],
];

export const DEFAULT_EMULATOR_PORT = 8080;
export const DEFAULT_EMULATOR_APP_ID = "demo-app";
export const DEFAULT_EMULATOR_GROUPS = 1000;

type Latency = number | { min: number; max: number };

/** Longest latency, ms: the emulator's bound (a timer's longest delay, about 24.8 days). */
const MAX_LATENCY_MS = 2 ** 31 - 1;

/** A latency: `50` (fixed ms) or `20-80` (uniform range in ms); undefined when `raw` is neither, or past {@link MAX_LATENCY_MS}. */
export function parseLatency(raw: string): Latency | undefined {
  const match = /^(\d+)(?:-(\d+))?$/.exec(raw);
  if (match === null) return undefined;
  const [min, max] = [Number(match[1]), Number(match[2] ?? match[1])];
  if (max > MAX_LATENCY_MS) return undefined;
  return match[2] === undefined ? min : max < min ? undefined : { min, max };
}

export function defineEmulator(program: Command): Command {
  const command = program.command("emulator")
    .description("Run the local emulator of the API in the foreground (Ctrl-C stops it).")
    .usage("[flags]")
    .addOption(numberOption("--port <n>", `Port on 127.0.0.1 (0 = any free port). Default ${DEFAULT_EMULATOR_PORT}.`, 0, 65535, true))
    .addOption(valueOption("--app-id <id>", `App to seed. Default ${DEFAULT_EMULATOR_APP_ID}.`, (raw, flag) => {
      // What `list --app-id` accepts, so the app it seeds can be listed (" app " could not).
      if (!isValidListingOption("appId", raw)) throw new UsageError(`${flag} must be ${listingOption("appId").allowed}`);
      return raw;
    }))
    .addOption(choiceOption("--data-center <dc>", `Its data center: ${DATA_CENTERS.join(" | ")}. Default ${EMULATOR_DEFAULTS.dataCenter}.`, DATA_CENTERS))
    .addOption(numberOption("--groups <n>", `Generated groups, 0..500000. Default ${DEFAULT_EMULATOR_GROUPS}.`, 0, 500_000, true))
    .addOption(numberOption("--deleted-fraction <p>", `Fraction of them marked deleted, 0..1. Default ${EMULATOR_DEFAULTS.deletedFraction}.`, 0, 1))
    .addOption(numberOption("--seed <n>", `Seed of generated data, latency and faults, and of the key pair. Default ${EMULATOR_DEFAULTS.seed} (key pair: random).`, 0, 2 ** 31 - 1, true))
    .addOption(valueOption("--latency <ms>", "Added latency per request: 50 or a range 20-80. Default 0.", checked(`milliseconds up to ${MAX_LATENCY_MS}, fixed (50) or a range (20-80)`, parseLatency)))
    .addOption(numberOption("--calls-per-second <n>", `Call limit per AccessKeyId and action, as the service limits each API (0 = none). Default ${EMULATOR_DEFAULTS.callsPerSecond}, as the service.`, 0, 1_000_000, true));
  for (const [flag, , what] of FAULT_FLAGS) command.addOption(numberOption(`--${flag} <p>`, `Probability of ${what}. Default 0.`, 0, 1));
  return command.addHelpText("after", `
Keys: when ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET (or ALICLOUD_ACCESS_KEY /
ALICLOUD_SECRET_KEY) are set, the emulator accepts exactly that pair and prints no secret; otherwise
it generates a throwaway pair, new on every run (derived from --seed when given), valid only for this
emulator, and prints it to export in another shell.`);
}

export async function emulatorCommand(io: CliIo, flags: {
  port?: number; appId?: string; dataCenter?: EmulatorDataCenter; groups?: number; deletedFraction?: number;
  seed?: number; latency?: Latency; callsPerSecond?: number; [fault: string]: unknown;
}): Promise<number> {
  const { port = DEFAULT_EMULATOR_PORT, appId = DEFAULT_EMULATOR_APP_ID, dataCenter = EMULATOR_DEFAULTS.dataCenter, seed = EMULATOR_DEFAULTS.seed } = flags;
  const { latency = EMULATOR_DEFAULTS.latencyMs, callsPerSecond = EMULATOR_DEFAULTS.callsPerSecond } = flags;
  const given = FAULT_FLAGS.flatMap(([flag, fault]) => {
    const p = flags[flag.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase())];
    return typeof p === "number" ? [{ flag, fault, p }] : [];
  });
  // Each request gets at most one fault: their probabilities share one draw. The emulator's own
  // tolerance (emulator/faultPicker.ts): decimals that add up to 1 may sum to 1.0000000000000002.
  const sum = given.reduce((total, { p }) => total + p, 0);
  if (sum > 1 + 1e-9) {
    throw new UsageError(`the fault probabilities must add up to at most 1: ${given.map(({ flag, p }) => `--${flag} ${p}`).join(" + ")} = ${Number(sum.toFixed(6))}`, "emulator");
  }
  const faults = Object.fromEntries(given.map(({ fault, p }) => [fault, p])) as EmulatorFaults;
  const fromEnv = envKeyPair(io.env);
  // Keys from the environment; else the emulator's seeded pair when --seed asks for a
  // reproducible run; else a new random pair, so a pair printed once opens no later emulator.
  const keyPairs: EmulatorKeyPair[] | undefined = fromEnv !== null
    ? [{ accessKeyId: fromEnv.accessKeyId, accessKeySecret: fromEnv.accessKeySecret, ...(fromEnv.securityToken === undefined ? {} : { securityToken: fromEnv.securityToken }) }]
    : flags.seed !== undefined ? undefined : [randomKeyPair()];
  const emulator = await startEmulator({
    port, callsPerSecond, latencyMs: latency, faults, seed, ...(keyPairs === undefined ? {} : { keyPairs }),
    apps: [{ appId, dataCenter, groups: flags.groups ?? DEFAULT_EMULATOR_GROUPS, deletedFraction: flags.deletedFraction ?? EMULATOR_DEFAULTS.deletedFraction }],
  });
  const groups = emulator.store.groups(appId);
  const shownFaults = Object.entries(faults).map(([name, p]) => `${name} ${String(p)}`).join(", ") || "none";
  const lines = [
    `Emulator listening on ${emulator.url}`,
    `  app ${escapeControl(appId)} (${dataCenter}): ${groups.length} groups, ${groups.filter((group) => group.deleted).length} deleted`,
    `  call limit ${callsPerSecond === 0 ? "none" : `${callsPerSecond}/s per AccessKeyId and action`}, ` +
      `latency ${typeof latency === "number" ? latency : `${latency.min}-${latency.max}`} ms, faults ${shownFaults}`,
    "",
    // The AccessKeyId from the environment is escaped, so it cannot move the cursor or end the line.
    ...(fromEnv !== null
      ? [`Accepting the key pair from ${fromEnv.source} (AccessKeyId ${escapeControl(fromEnv.accessKeyId)}). In another shell with the same variables:`]
      : [
        flags.seed !== undefined
          ? `Key pair derived from --seed ${seed} (the same on every run with this seed). In another shell:`
          : "Throwaway key pair (new on every run, valid only for this emulator). In another shell:",
        `  export ALIBABA_CLOUD_ACCESS_KEY_ID=${emulator.credentials.accessKeyId}`,
        `  export ALIBABA_CLOUD_ACCESS_KEY_SECRET=${emulator.credentials.accessKeySecret}`,
      ]),
    `  ${PROGRAM_NAME} list --endpoint ${emulator.url} --app-id ${shellWord(appId)} --data-center ${dataCenter}`, "", "Ctrl-C stops the emulator.", "",
  ];
  io.stdout.write(lines.join("\n"));
  if (!io.signal.aborted) await once(io.signal, "abort");
  const stats = emulator.stats();
  await emulator.close();
  io.stdout.write(`Emulator stopped after ${stats.requests} requests (${stats.throttled} throttled).\n`);
  return EXIT_OK;
}

/** `text` as one word a POSIX shell reads back unchanged (single-quoted when needed), control characters escaped. */
export function shellWord(text: string): string {
  if (/^[A-Za-z0-9._:/@%+=-]+$/.test(text)) return text;
  return `'${escapeControl(text).replace(/'/g, "'\\''")}'`;
}
