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

/** The value with every secret wrapper removed, and whether it held a secret anywhere. */
function reveal(value: unknown): { value: unknown; secret: boolean } {
  if (isSecretWrapper(value)) return { value: reveal(value.value).value, secret: true };
  if (Array.isArray(value)) {
    const items = value.map(reveal);
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => [k, reveal(v)] as const);
    return { value: Object.fromEntries(entries.map(([k, r]) => [k, r.value])), secret: entries.some(([, r]) => r.secret) };
  }
  return { value, secret: false };
}

/** A property bag without secret wrappers, and the names of the properties that held a secret. */
export function revealSecrets(props: Props): { values: Props; secretKeys: Set<string> } {
  const values: Props = {};
  const secretKeys = new Set<string>();
  for (const [name, raw] of Object.entries(props)) {
    const revealed = reveal(raw);
    values[name] = revealed.value;
    if (revealed.secret) secretKeys.add(name);
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
