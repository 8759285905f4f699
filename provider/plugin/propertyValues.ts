/**
 * Pulumi's special values inside the property structs of the provider protocol. A plugin that
 * accepts secrets receives secret values wrapped (`{<sig>: <secret sig>, value}`) and must wrap
 * secret outputs itself: the engine re-marks outputs only for plugins that do not accept secrets.
 */
import { specialSecretSig, specialSigKey, unknownValue } from "@pulumi/pulumi/runtime/rpc";

/** A property bag as it travels in the protocol. */
export type Props = Record<string, unknown>;

/** The placeholder of a value not known during a preview. */
export const UNKNOWN = unknownValue;

/** True for the preview placeholder of an unknown value. */
export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

function isSecretWrapper(value: unknown): value is { value?: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    && (value as Record<string, unknown>)[specialSigKey] === specialSecretSig;
}

/**
 * `value` with every secret wrapper removed; sets `found.secret` when it held one anywhere. An array
 * or object holding no wrapper is returned as it is, not copied: the stored outputs a Diff, a Read
 * or an Update receives (100,000 groups of `full`) were copied whole, with an object for every
 * value, on each of them.
 */
function reveal(value: unknown, found: { secret: boolean }): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (isSecretWrapper(value)) {
    found.secret = true;
    return reveal(value.value, found);
  }
  if (Array.isArray(value)) {
    const list: readonly unknown[] = value;
    let copy: unknown[] | undefined;
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      const revealed = reveal(item, found);
      if (copy === undefined && revealed !== item) copy = list.slice(0, i);
      copy?.push(revealed);
    }
    return copy ?? value;
  }
  const record = value as Props;
  const keys = Object.keys(record);
  let entries: [string, unknown][] | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const item = record[key];
    const revealed = reveal(item, found);
    if (entries === undefined && revealed !== item) entries = keys.slice(0, i).map((k) => [k, record[k]]);
    entries?.push([key, revealed]);
  }
  // A new plain object, as before (a key `__proto__` stays a key).
  return entries === undefined ? value : Object.fromEntries(entries);
}

/** A property bag without secret wrappers, and the names of the properties that held a secret. */
export function revealSecrets(props: Props): { values: Props; secretKeys: Set<string> } {
  const values: Props = {};
  const secretKeys = new Set<string>();
  for (const [name, raw] of Object.entries(props)) {
    const found = { secret: false };
    values[name] = reveal(raw, found);
    if (found.secret) secretKeys.add(name);
  }
  return { values, secretKeys };
}

/** Wraps the named properties (all when `keys` is `"all"`) as secrets. */
export function markSecret(props: Props, keys: ReadonlySet<string> | "all"): Props {
  const marked: Props = {};
  for (const [name, value] of Object.entries(props)) {
    marked[name] = keys === "all" || keys.has(name) ? { [specialSigKey]: specialSecretSig, value } : value;
  }
  return marked;
}
