import type * as pulumi from "@pulumi/pulumi";
import { escapeControl } from "../sdk/errors";
import { CONFIG_NAMESPACE } from "./settingsSources";

/** Packages whose provider a caller may hand this layer expecting it to choose the account. */
const ACCOUNT_PACKAGES = [CONFIG_NAMESPACE, "alicloud"] as const;

/** A provider's package (`getPackage` is public at run time, though not in Pulumi's declarations). */
function packageOf(provider: unknown): string | undefined {
  const getPackage = (provider as { getPackage?: () => unknown } | undefined)?.getPackage;
  const pkg = typeof getPackage === "function" ? getPackage.call(provider) : undefined;
  return typeof pkg === "string" ? pkg : undefined;
}

/**
 * Refuses a provider this layer cannot honour, instead of reading another account without a word:
 * the TypeScript functions and resource read the stack's `alicloud:*` config (and the environment),
 * never a provider resource. An explicit `provider` or `providers` entry of this package or of
 * `alicloud`, or a provider of this package inherited from `parent` (a component's `providers`), is
 * an error saying what to do.
 * An `alicloud` provider inherited from a parent is left alone (a component's regional provider,
 * usually of the same account); provider/README.md says the layer ignores it.
 */
export function assertNoAccountProvider(what: string, opts: { provider?: pulumi.ProviderResource | undefined; providers?: unknown; parent?: pulumi.Resource | undefined } | undefined): void {
  if (opts === undefined) return;
  const explicitPackage = packageOf(opts.provider);
  const listed = opts.providers === undefined || opts.providers === null ? [] : Array.isArray(opts.providers) ? opts.providers : Object.values(opts.providers as object);
  // Given to this resource or call itself, an alicloud provider is as explicit as the provider option.
  const fromList = listed.map(packageOf).find((pkg) => (ACCOUNT_PACKAGES as readonly (string | undefined)[]).includes(pkg));
  // A type token of this package (Pulumi reads its package only from a three-part token).
  const inherited = opts.parent?.getProvider(`${CONFIG_NAMESPACE}:index:LiveMessageGroups`) !== undefined ? CONFIG_NAMESPACE : undefined;
  const found = (ACCOUNT_PACKAGES as readonly (string | undefined)[]).includes(explicitPackage) ? { pkg: explicitPackage as string, how: "the provider option" }
    : fromList !== undefined ? { pkg: fromList, how: "the providers option" }
      : inherited !== undefined ? { pkg: inherited, how: "a provider inherited from its parent (a component's providers)" } : null;
  if (found === null) return;
  throw new Error(`${what} was given ${found.how} of package ${escapeControl(found.pkg)}, which the TypeScript layer cannot use: `
    + "its functions and resource read the account of the stack's alicloud:* config (or the environment), never a provider resource. "
    + `To read another account, use the provider plugin's resource or function (type ${CONFIG_NAMESPACE}:index:LiveMessageGroups) with that provider; see provider/README.md.`);
}
