import { isPlainText, isValidListingOption, listingOption, type ListingOptionName } from "../sdk/options/listingOptionsSchema";
import { DETAILS, type GetLiveMessageGroupsArgs } from "./types";

/** A rejected argument: which property, and what it accepts. */
export interface ArgumentFailure {
  readonly property: string;
  /** Human-readable allowed values, e.g. `an integer from 1 to 50`. */
  readonly allowed: string;
  /** True when the property is not an argument at all. */
  readonly unknown?: true;
  /**
   * The value refused, when the property is part of an argument (`ids[3]`) rather than the
   * argument itself; the argument's name is {@link argumentOf} the property.
   */
  readonly received?: unknown;
}

/** Outcome of {@link validateArgs}: `args` is null when any failure was found or any value is unknown. */
export interface ValidatedArgs {
  readonly args: GetLiveMessageGroupsArgs | null;
  readonly failures: readonly ArgumentFailure[];
}

type Validator = (value: unknown) => boolean;

const isString: Validator = (v) => typeof v === "string";
const isNonEmptyString: Validator = (v) => typeof v === "string" && v.trim() !== "";
const oneOf = (values: readonly string[]): Validator => (v) => typeof v === "string" && values.includes(v);

/** An sdk listing option: its check and allowed-value text come from the sdk's one schema. */
const listing = (name: ListingOptionName): { readonly check: Validator; readonly allowed: string } => ({
  check: (v) => isValidListingOption(name, v),
  allowed: listingOption(name).allowed,
});

function isRegex(v: unknown): boolean {
  if (typeof v !== "string") return false;
  try {
    new RegExp(v);
    return true;
  } catch {
    return false;
  }
}


/**
 * What each element of the `ids` filter must be: a group ID as written. An empty, padded (" room-1")
 * or control-character ID matches no group, so the filter would silently keep nothing of it.
 */
export const GROUP_ID_ALLOWED = `a group ID: ${listingOption("appId").allowed}`;

/**
 * What an element repeating an earlier one is told: each ID once. `requestedIds` echoes the filter
 * as given, so a repeated ID would be counted twice by a program comparing it with the IDs found.
 */
function repeatedIdAllowed(first: number): string {
  return `a group ID not already in the list (it repeats ids[${first}]; give each ID once)`;
}

/**
 * The first element of an `ids` list that is no group ID, or that repeats an earlier one, as a
 * failure naming it (`ids[3]`). Elements for which `isUnknown` is true (preview placeholders) are
 * not judged.
 */
function idsElementFailure(ids: readonly unknown[], isUnknown: (value: unknown) => boolean): ArgumentFailure | undefined {
  const firstIndex = new Map<string, number>();
  for (const [index, id] of ids.entries()) {
    if (isUnknown(id)) continue;
    const property = `ids[${index}]`;
    if (!isPlainText(id)) return { property, allowed: GROUP_ID_ALLOWED, received: id };
    const first = firstIndex.get(id);
    if (first !== undefined) return { property, allowed: repeatedIdAllowed(first), received: id };
    firstIndex.set(id, index);
  }
  return undefined;
}

/** The argument a failure's property belongs to: `ids` for `ids[3]`, else the property itself. */
export function argumentOf(property: string): string {
  return property.replace(/\[\d+\]$/, "");
}

/** Every argument with its check; the order is the order failures are reported in. */
export const ARGUMENTS: Readonly<Record<keyof GetLiveMessageGroupsArgs, { readonly check: Validator; readonly allowed: string }>> = {
  appId: listing("appId"),
  dataCenter: listing("dataCenter"),
  groupStatus: listing("groupStatus"),
  sortOrder: listing("sortOrder"),
  pageSize: listing("pageSize"),
  endpoint: listing("endpoint"),
  requestsPerSecond: listing("requestsPerSecond"),
  maxAttempts: listing("maxAttempts"),
  timeoutMs: listing("timeoutMs"),
  // Each element is judged by idsElementFailure, which names it.
  ids: { check: (v) => Array.isArray(v) && idsElementFailure(v, () => false) === undefined, allowed: "a list of group IDs, each given once" },
  nameRegex: { check: isRegex, allowed: "a valid JavaScript regular expression" },
  creatorId: { check: isString, allowed: "a string" },
  outputFile: { check: (value: unknown) => isNonEmptyString(value) && !(value as string).includes("\u0000"), allowed: "a non-empty file path without a NUL character" },
  detail: { check: oneOf(DETAILS), allowed: `one of ${DETAILS.join(", ")}` },
};

/** What the arguments as a whole must be. */
export const ARGS_ALLOWED = "an object of arguments with at least appId";

/** Names of every argument, in reporting order. */
export const ARGUMENT_NAMES = Object.keys(ARGUMENTS) as readonly (keyof GetLiveMessageGroupsArgs)[];

/**
 * Validates raw arguments (from a program or from the engine) without throwing.
 *
 * `null` and `undefined` mean "not set". Values for which `isUnknown` returns true (preview
 * placeholders) are not judged; the known elements of an `ids` list holding some are. A bad element
 * of `ids` is reported as `ids[<index>]` with the element as `received`. Properties that are not
 * arguments are failures: in particular credentials, which must never travel as arguments.
 */
export function validateArgs(raw: Readonly<Record<string, unknown>>, isUnknown: (value: unknown) => boolean = () => false): ValidatedArgs {
  // No args at all (a JavaScript caller's `getLiveMessageGroups()`, a config object that is null):
  // named, rather than a TypeError reading appId.
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { args: null, failures: [{ property: "args", allowed: ARGS_ALLOWED }] };
  const failures: ArgumentFailure[] = [];
  const args: Record<string, unknown> = {};
  let unknown = false;
  for (const name of ARGUMENT_NAMES) {
    const value = raw[name];
    if (value === undefined || value === null) {
      if (name === "appId") failures.push({ property: name, allowed: ARGUMENTS[name].allowed });
      continue;
    }
    if (name === "ids" && Array.isArray(value)) {
      // The known elements of a list with unknowns are judged already: they are what the update gets.
      const failure = idsElementFailure(value, isUnknown);
      if (failure !== undefined) {
        failures.push(failure);
        continue;
      }
    }
    if (isUnknown(value) || (Array.isArray(value) && value.some(isUnknown))) {
      unknown = true;
      continue;
    }
    if (!ARGUMENTS[name].check(value)) failures.push({ property: name, allowed: ARGUMENTS[name].allowed });
    else args[name] = Array.isArray(value) ? [...(value as string[])] : value;
  }
  for (const name of Object.keys(raw).sort()) {
    if (!Object.hasOwn(ARGUMENTS, name) && raw[name] !== undefined) failures.push({ property: name, allowed: unknownArgumentAdvice(name), unknown: true });
  }
  const complete = failures.length === 0 && !unknown;
  return { args: complete ? (args as unknown as GetLiveMessageGroupsArgs) : null, failures };
}

/** Looks like a credential someone tried to pass as an argument. */
const CREDENTIAL_LIKE = /key|secret|token|password|credential/i;

/** The message for a property that is not an argument (its value is never echoed: it may be a credential). */
export function unknownArgumentMessage(name: string): string {
  return `Unknown argument ${JSON.stringify(name)}: expected ${unknownArgumentAdvice(name)}.`;
}

/**
 * What to say of a property that is not an argument: that it is unknown, the valid arguments, and
 * where credentials go when the name looks like one.
 */
export function unknownArgumentAdvice(name: string): string {
  const valid = `no value: it is not an argument (valid arguments: ${ARGUMENT_NAMES.join(", ")})`;
  return CREDENTIAL_LIKE.test(name)
    ? `${valid}; credentials are never arguments: set alicloud:accessKey / alicloud:secretKey config, the ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET environment variables, or alicloud:profile`
    : valid;
}
