import * as pulumi from "@pulumi/pulumi";

/**
 * The Pulumi internals this package touches, isolated here.
 *
 * `dependsOn` on a component means "and all its children", as Pulumi's own invokes and resources
 * expand it. Pulumi exposes no public accessor for a component's children: its SDK keeps them in
 * the `__childResources` set of the parent, which its own dependency expansion
 * (`getAllTransitivelyReferencedResourceURNs`) reads, in every release from 3.145 (our oldest
 * supported) to the newest. `tests/package/` runs {@link componentChildren} against both.
 *
 * Should a future release rename it, this returns no children (the component's own URN is still
 * waited for) and the package's test against the newest release fails, so the change is noticed.
 */
export function componentChildren(component: pulumi.ComponentResource): pulumi.Resource[] {
  const children = (component as unknown as { __childResources?: unknown }).__childResources;
  return children instanceof Set ? [...children].filter((c): c is pulumi.Resource => pulumi.Resource.isInstance(c)) : [];
}

/**
 * The mocks of `pulumi.runtime.setMocks` in force, or null when the program runs under an engine (or
 * none). Pulumi exposes no public "is this a unit test" accessor: `setMocks` installs a monitor of
 * class `MockMonitor` that keeps the mocks in its `mocks` field, in every release from 3.145 to the
 * newest (`tests/package/` checks both). Should that change, this returns null and a program-side
 * call under mocks lists as configured, as it did before; the package test notices.
 */
export function mocksInForce(): object | null {
  if (!pulumi.runtime.hasMonitor()) return null;
  const monitor = pulumi.runtime.getMonitor() as unknown as { constructor?: { name?: unknown }; mocks?: unknown } | undefined;
  if (monitor?.constructor?.name !== "MockMonitor") return null;
  return typeof monitor.mocks === "object" && monitor.mocks !== null ? monitor.mocks : {};
}

/**
 * The program run the caller is in, by the identity of its resource monitor (public API), or null
 * outside any (no engine, no mocks). Pulumi makes one monitor per run: per process under the CLI,
 * per run of an Automation API inline program in a long-lived process (each run has its own async
 * store), and per `setMocks`.
 */
export function programRun(): object | null {
  const monitor: unknown = pulumi.runtime.hasMonitor() ? pulumi.runtime.getMonitor() : undefined;
  return typeof monitor === "object" && monitor !== null ? monitor : null;
}

/** Stands for "outside any program run" where a run is a key ({@link programRunOrOutside}). */
const OUTSIDE_ANY_RUN: object = Object.freeze({});

/** {@link programRun}, or one object standing for every caller outside any run (no engine, no mocks). */
export function programRunOrOutside(): object {
  return programRun() ?? OUTSIDE_ANY_RUN;
}

/**
 * Whether stack config `key` holds a secret value (`pulumi config set --secret`), or null when this
 * release or engine cannot tell. Pulumi exposes no public accessor: its SDK keeps the secret keys it
 * was given (the engine's `PULUMI_CONFIG_SECRET_KEYS`, or `runtime.setAllConfig`'s list) in the
 * config of its run's store (`runtime/state`'s `getStore`), in every release from 3.145 to the
 * newest (`tests/package/` checks both). No list there (an engine that sends none, a renamed
 * internal) is null: no key is called plain on a guess.
 */
export function configKeyIsSecret(key: string): boolean | null {
  try {
    const state = require("@pulumi/pulumi/runtime/state") as { getStore?: () => { config?: Record<string, unknown> } };
    const listed = state.getStore?.().config?.PULUMI_CONFIG_SECRET_KEYS;
    if (typeof listed !== "string" || listed === "") return null;
    const keys: unknown = JSON.parse(listed);
    // The engine names keys `namespace:name`; older hosts wrote `namespace:config:name`.
    return Array.isArray(keys) ? keys.includes(key) || keys.includes(key.replace(":", ":config:")) : null;
  } catch {
    return null;
  }
}
