/**
 * `emulator`: runs the local emulator of the API in the foreground until Ctrl-C, and prints
 * the endpoint and the key pair to use with it.
 */
import { EMULATOR_DEFAULTS, startEmulator } from "../../emulator";
import type { EmulatorDataCenter, EmulatorFaults, EmulatorKeyPair } from "../../emulator";
import { DATA_CENTERS } from "../../sdk";
import type { CliIo } from "../cliIo";
import type { CommandSpec } from "../commandSpec";
import { HELP_FLAG } from "../commandSpec";
import { escapeControl } from "../displayText";
import { envKeyPair } from "../envKeyPair";
import { randomKeyPair } from "../randomKeyPair";
import { EXIT_OK } from "../exitCodes";
import { stringFlag } from "../flagValue";
import { PROGRAM_NAME } from "../program";
import type { FlagValues } from "../program";
import { parseEnumFlag, parseIntegerFlag, parseLatencyFlag, parseNumberFlag } from "../parseValues";
import { UsageError } from "../usageError";

/** Fault flags and the emulator fault each one sets. */
const FAULT_FLAGS: readonly { readonly flag: string; readonly fault: keyof Omit<EmulatorFaults, "actions">; readonly what: string }[] = [
  { flag: "server-error", fault: "serverError", what: "HTTP 500 ServerError" },
  { flag: "service-unavailable", fault: "serviceUnavailable", what: "HTTP 503 ServiceUnavailable" },
  { flag: "connection-reset", fault: "connectionReset", what: "connection reset, no answer" },
  { flag: "no-answer", fault: "noAnswer", what: "request never answered" },
  { flag: "truncated-body", fault: "truncatedBody", what: "200 with a cut JSON body" },
  { flag: "bad-gateway", fault: "htmlBadGateway", what: "HTTP 502 with an HTML body" },
];

export const DEFAULT_EMULATOR_PORT = 8080;
export const DEFAULT_EMULATOR_APP_ID = "demo-app";
export const DEFAULT_EMULATOR_GROUPS = 1000;

export const EMULATOR_SPEC: CommandSpec = {
  name: "emulator",
  summary: "Run the local emulator of the API in the foreground (Ctrl-C stops it).",
  usage: "emulator [flags]",
  flags: [
    { name: "port", type: "string", placeholder: "<n>", description: `Port on 127.0.0.1 (0 = any free port). Default ${DEFAULT_EMULATOR_PORT}.` },
    { name: "app-id", type: "string", placeholder: "<id>", description: `App to seed. Default ${DEFAULT_EMULATOR_APP_ID}.` },
    { name: "data-center", type: "string", placeholder: "<dc>", choices: DATA_CENTERS, description: `Its data center: ${DATA_CENTERS.join(" | ")}. Default ${EMULATOR_DEFAULTS.dataCenter}.` },
    { name: "groups", type: "string", placeholder: "<n>", description: `Generated groups, 0..500000. Default ${DEFAULT_EMULATOR_GROUPS}.` },
    { name: "deleted-fraction", type: "string", placeholder: "<p>", description: `Fraction of them marked deleted, 0..1. Default ${EMULATOR_DEFAULTS.deletedFraction}.` },
    { name: "seed", type: "string", placeholder: "<n>", description: `Seed of generated data, latency and faults, and of the key pair. Default ${EMULATOR_DEFAULTS.seed} (key pair: random).` },
    { name: "latency", type: "string", placeholder: "<ms>", description: "Added latency per request: 50 or a range 20-80. Default 0." },
    { name: "calls-per-second", type: "string", placeholder: "<n>", description: `Call limit per AccessKeyId (0 = none). Default ${EMULATOR_DEFAULTS.callsPerSecond}, as the service.` },
    ...FAULT_FLAGS.map((entry) => ({ name: entry.flag, type: "string" as const, placeholder: "<p>", description: `Probability of ${entry.what}. Default 0.` })),
    HELP_FLAG,
  ],
  notes: [
    "Keys: when ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET (or ALICLOUD_ACCESS_KEY /\n" +
      "ALICLOUD_SECRET_KEY) are set, the emulator accepts exactly that pair and prints no secret; otherwise\n" +
      "it generates a throwaway pair, new on every run (derived from --seed when given), valid only for this\n" +
      "emulator, and prints it to export in another shell.",
  ],
};

export async function emulatorCommand(io: CliIo, values: FlagValues): Promise<number> {
  const options = emulatorOptionsFromFlags(values);
  const fromEnv = envKeyPair(io.env);
  // Keys from the environment; else the emulator's seeded pair when --seed asks for a
  // reproducible run; else a new random pair, so a pair printed once opens no later emulator.
  const keyPairs: EmulatorKeyPair[] | undefined = fromEnv !== null
    ? [fromEnv.securityToken === undefined
      ? { accessKeyId: fromEnv.accessKeyId, accessKeySecret: fromEnv.accessKeySecret }
      : { accessKeyId: fromEnv.accessKeyId, accessKeySecret: fromEnv.accessKeySecret, securityToken: fromEnv.securityToken }]
    : options.seedGiven ? undefined : [randomKeyPair()];
  const emulator = await startEmulator({
    port: options.port,
    callsPerSecond: options.callsPerSecond,
    latencyMs: options.latencyMs,
    faults: options.faults,
    seed: options.seed,
    apps: [{ appId: options.appId, dataCenter: options.dataCenter, groups: options.groups, deletedFraction: options.deletedFraction }],
    ...(keyPairs === undefined ? {} : { keyPairs }),
  });
  const groups = emulator.store.groups(options.appId);
  const deleted = groups.filter((group) => group.deleted).length;
  const faults = Object.entries(options.faults).map(([name, p]) => `${name} ${String(p)}`).join(", ") || "none";
  const latency = typeof options.latencyMs === "number" ? `${options.latencyMs} ms` : `${options.latencyMs.min}-${options.latencyMs.max} ms`;
  const lines = [
    `Emulator listening on ${emulator.url}`,
    `  app ${options.appId} (${options.dataCenter}): ${groups.length} groups, ${deleted} deleted`,
    `  call limit ${options.callsPerSecond === 0 ? "none" : `${options.callsPerSecond}/s per AccessKeyId`}, latency ${latency}, faults ${faults}`,
    "",
  ];
  if (fromEnv === null) {
    lines.push(
      options.seedGiven
        ? `Key pair derived from --seed ${options.seed} (the same on every run with this seed). In another shell:`
        : "Throwaway key pair (new on every run, valid only for this emulator). In another shell:",
      `  export ALIBABA_CLOUD_ACCESS_KEY_ID=${emulator.credentials.accessKeyId}`,
      `  export ALIBABA_CLOUD_ACCESS_KEY_SECRET=${emulator.credentials.accessKeySecret}`,
    );
  } else {
    // The AccessKeyId comes from the environment: escaped, so it cannot move the cursor or end the line.
    lines.push(`Accepting the key pair from ${fromEnv.source} (AccessKeyId ${escapeControl(fromEnv.accessKeyId)}). In another shell with the same variables:`);
  }
  lines.push(`  ${PROGRAM_NAME} list --endpoint ${emulator.url} --app-id ${options.appId} --data-center ${options.dataCenter}`, "", "Ctrl-C stops the emulator.", "");
  io.stdout.write(lines.join("\n"));

  await new Promise<void>((resolve) => {
    if (io.signal.aborted) resolve();
    else io.signal.addEventListener("abort", () => resolve(), { once: true });
  });
  const stats = emulator.stats();
  await emulator.close();
  io.stdout.write(`Emulator stopped after ${stats.requests} requests (${stats.throttled} throttled).\n`);
  return EXIT_OK;
}

interface EmulatorCommandOptions {
  port: number;
  appId: string;
  dataCenter: EmulatorDataCenter;
  groups: number;
  deletedFraction: number;
  seed: number;
  /** --seed was given: the run is reproducible, key pair included. */
  seedGiven: boolean;
  latencyMs: number | { min: number; max: number };
  callsPerSecond: number;
  faults: EmulatorFaults;
}

function emulatorOptionsFromFlags(values: FlagValues): EmulatorCommandOptions {
  const text = (name: string): string | undefined => stringFlag(values, name);
  const appId = text("app-id") ?? DEFAULT_EMULATOR_APP_ID;
  if (appId.trim() === "") throw new UsageError("--app-id must not be empty");
  const faults: Record<string, number> = {};
  for (const entry of FAULT_FLAGS) {
    const raw = text(entry.flag);
    if (raw !== undefined) faults[entry.fault] = parseNumberFlag(entry.flag, raw, 0, 1);
  }
  return {
    port: text("port") === undefined ? DEFAULT_EMULATOR_PORT : parseIntegerFlag("port", text("port") ?? "", 0, 65535),
    appId,
    dataCenter: text("data-center") === undefined ? EMULATOR_DEFAULTS.dataCenter : parseEnumFlag<EmulatorDataCenter>("data-center", text("data-center") ?? "", DATA_CENTERS),
    groups: text("groups") === undefined ? DEFAULT_EMULATOR_GROUPS : parseIntegerFlag("groups", text("groups") ?? "", 0, 500_000),
    deletedFraction: text("deleted-fraction") === undefined ? EMULATOR_DEFAULTS.deletedFraction : parseNumberFlag("deleted-fraction", text("deleted-fraction") ?? "", 0, 1),
    seed: text("seed") === undefined ? EMULATOR_DEFAULTS.seed : parseIntegerFlag("seed", text("seed") ?? "", 0, 2 ** 31 - 1),
    seedGiven: text("seed") !== undefined,
    latencyMs: text("latency") === undefined ? EMULATOR_DEFAULTS.latencyMs : parseLatencyFlag("latency", text("latency") ?? ""),
    callsPerSecond: text("calls-per-second") === undefined ? EMULATOR_DEFAULTS.callsPerSecond : parseIntegerFlag("calls-per-second", text("calls-per-second") ?? "", 0, 1_000_000),
    faults: faults as EmulatorFaults,
  };
}
