import { ACTION_TABLE } from "./actions/actionTable";
import { FAULT_KINDS } from "./faultPicker";
import type { EmulatorDataCenter, EmulatorFaults, EmulatorOptions } from "./types";

/** The data centers the service (and so the emulator) has. */
const EMULATOR_DATA_CENTERS: readonly EmulatorDataCenter[] = ["cn-shanghai", "ap-southeast-1"];

const OPTION_NAMES = [
  "port", "host", "keyPairs", "callsPerSecond", "latencyMs", "networkDelayMs", "connectionSetupMs", "faults", "seed", "apps",
  "maxClockSkewMs", "requestLogLimit", "tieOrder", "now",
] as const;
const FAULT_OPTION_NAMES: readonly string[] = [...FAULT_KINDS, "actions"];

/** The value as a message shows it: short, one line. */
function shown(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : typeof value === "function" ? "a function"
    : typeof value === "number" || value === undefined ? String(value) : String(JSON.stringify(value) ?? value);
  return text.length > 60 ? `${text.slice(0, 60)}...` : text;
}

function keysOf(value: unknown, where: string, allowed: readonly string[]): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new TypeError(`${where} must be an object, got ${shown(value)}`);
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new TypeError(`${where}.${key} is not an option (options: ${allowed.join(", ")})`);
  }
}

function number(value: unknown, where: string, min: number, max: number, integer: boolean): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new RangeError(`${where} must be ${integer ? "an integer" : "a number"} from ${min} to ${max}, got ${shown(value)}`);
  }
}

/**
 * Checks `faults` (the option, and what `setFaults` is given): a misspelled fault kind or an action
 * the emulator does not serve would inject no fault, and the test built on it pass.
 */
export function validateFaultsOption(faults: EmulatorFaults): void {
  keysOf(faults, "faults", FAULT_OPTION_NAMES);
  for (const kind of FAULT_KINDS) number(faults[kind], `faults.${kind}`, 0, 1, false);
  const actions = faults.actions;
  if (actions !== undefined) {
    if (!Array.isArray(actions)) throw new TypeError(`faults.actions must be a list of action names, got ${shown(actions)}`);
    for (const action of actions) {
      if (!ACTION_TABLE.has(action)) throw new RangeError(`faults.actions: ${shown(action)} is not an action the emulator serves (${[...ACTION_TABLE.keys()].join(", ")})`);
    }
  }
}

/**
 * Rejects options a test would otherwise pass with silently: a misspelled option or fault kind (no
 * fault injected), a string or NaN where a number goes (`maxClockSkewMs: NaN` accepted every date,
 * `-1` refused every request), a duplicated AccessKeyId (the first pair's credentials then failed
 * their signature), a port that is not a number (a Unix socket named after it).
 */
export function validateEmulatorOptions(options: EmulatorOptions): void {
  keysOf(options, "options", OPTION_NAMES);
  number(options.port, "port", 0, 65535, true);
  if (options.host !== undefined && (typeof options.host !== "string" || options.host === "")) throw new TypeError(`host must be a non-empty string, got ${shown(options.host)}`);
  number(options.callsPerSecond, "callsPerSecond", 0, Number.MAX_SAFE_INTEGER, false);
  number(options.networkDelayMs, "networkDelayMs", 0, 2 ** 31 - 1, false);
  number(options.connectionSetupMs, "connectionSetupMs", 0, 2 ** 31 - 1, false);
  number(options.seed, "seed", -(2 ** 53), 2 ** 53, true);
  number(options.maxClockSkewMs, "maxClockSkewMs", 1, Number.MAX_SAFE_INTEGER, false);
  number(options.requestLogLimit, "requestLogLimit", 0, Number.MAX_SAFE_INTEGER, true);
  if (typeof options.latencyMs === "object" && options.latencyMs !== null) {
    keysOf(options.latencyMs, "latencyMs", ["min", "max"]);
    number(options.latencyMs.min, "latencyMs.min", 0, 2 ** 31 - 1, false);
    number(options.latencyMs.max, "latencyMs.max", options.latencyMs.min, 2 ** 31 - 1, false);
  } else {
    number(options.latencyMs, "latencyMs", 0, 2 ** 31 - 1, false);
  }
  if (options.now !== undefined && typeof options.now !== "function") throw new TypeError(`now must be a function returning ms, got ${shown(options.now)}`);
  if (options.faults !== undefined) validateFaultsOption(options.faults);
  const ids = new Set<string>();
  for (const [index, pair] of (options.keyPairs ?? []).entries()) {
    keysOf(pair, `keyPairs[${index}]`, ["accessKeyId", "accessKeySecret", "securityToken", "securityTokenExpiresAt", "accountId"]);
    for (const field of ["accessKeyId", "accessKeySecret", "securityToken", "accountId"] as const) {
      const value = pair[field];
      const required = field === "accessKeyId" || field === "accessKeySecret";
      if ((required || value !== undefined) && (typeof value !== "string" || value === "")) {
        throw new TypeError(`keyPairs[${index}].${field} must be a non-empty string, got ${shown(value)}`);
      }
    }
    const expiresAt = pair.securityTokenExpiresAt;
    if (expiresAt !== undefined) {
      if (typeof expiresAt !== "number" || !Number.isFinite(expiresAt)) {
        throw new TypeError(`keyPairs[${index}].securityTokenExpiresAt must be a finite number of ms since the epoch, got ${shown(expiresAt)}`);
      }
      if (pair.securityToken === undefined) throw new TypeError(`keyPairs[${index}].securityTokenExpiresAt needs a securityToken`);
    }
    if (ids.has(pair.accessKeyId)) throw new RangeError(`keyPairs: AccessKeyId ${shown(pair.accessKeyId)} is given twice`);
    ids.add(pair.accessKeyId);
  }
  for (const [index, app] of (options.apps ?? []).entries()) {
    keysOf(app, `apps[${index}]`, ["appId", "dataCenter", "groups", "deletedFraction"]);
    // eslint-disable-next-line no-control-regex -- an app ID a listing can name: no control characters
    if (typeof app.appId !== "string" || app.appId.trim() === "" || app.appId !== app.appId.trim() || /[\u0000-\u001f\u007f-\u009f]/.test(app.appId)) {
      throw new TypeError(`apps[${index}].appId must be a non-empty string without control characters or surrounding spaces, got ${shown(app.appId)}`);
    }
    if (app.dataCenter !== undefined && !EMULATOR_DATA_CENTERS.includes(app.dataCenter)) {
      throw new RangeError(`apps[${index}].dataCenter must be one of ${EMULATOR_DATA_CENTERS.join(", ")}, got ${shown(app.dataCenter)}`);
    }
    if (typeof app.groups === "number") number(app.groups, `apps[${index}].groups`, 0, 10_000_000, true);
    else if (app.groups !== undefined) {
      // A count given as a string ("5", from an environment variable) was iterated as a list: one group without an ID.
      if (!Array.isArray(app.groups)) throw new TypeError(`apps[${index}].groups must be a number of groups or a list of groups, got ${shown(app.groups)}`);
      for (const [at, group] of (app.groups as readonly unknown[]).entries()) {
        const where = `apps[${index}].groups[${at}]`;
        keysOf(group, where, ["groupId", "groupName", "groupInfo", "creatorId", "adminList", "createTime", "deleted"]);
        const { groupId } = group as { groupId?: unknown };
        if (typeof groupId !== "string" || groupId === "") throw new TypeError(`${where}.groupId must be a non-empty string, got ${shown(groupId)}`);
      }
    }
    number(app.deletedFraction, `apps[${index}].deletedFraction`, 0, 1, false);
  }
}
