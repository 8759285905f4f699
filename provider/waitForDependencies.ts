import * as pulumi from "@pulumi/pulumi";
import { componentChildren } from "./pulumiInternals";

/**
 * An Output that resolves once every resource in `dependsOn` is ready, and is unknown during a
 * preview while any of them has no ID yet: the behaviour of Pulumi's own Output-form invokes.
 *
 * Custom resources are ready when their ID is; component resources when they and all their
 * children are (as Pulumi's `dependsOn` for invokes expands components).
 */
export function waitForDependencies(dependsOn: pulumi.InvokeOutputOptions["dependsOn"]): pulumi.Output<number> {
  if (dependsOn === undefined) return pulumi.output(0);
  return pulumi.output(dependsOn).apply((deps) => readyWhen((Array.isArray(deps) ? deps : [deps]) as pulumi.Resource[]));
}

/**
 * The same for the resources behind the Outputs in `args`: an argument taken from a resource that
 * a preview has not created yet (its ID unknown) may still hold a known value (the engine echoes a
 * new resource's inputs), and Pulumi's own Output-form invokes return an unknown result for it
 * rather than call with it. Found through `pulumi.runtime.serializeProperty`, which collects the
 * resources an Input depends on, as the invoke path of Pulumi's SDK does.
 */
export function waitForArgumentResources(label: string, args: unknown): pulumi.Output<number> {
  const found = new Set<pulumi.Resource>();
  const collected = pulumi.runtime.serializeProperty(label, args as pulumi.Input<unknown>, found).then(() => [...found]);
  return pulumi.output(collected).apply((deps) => readyWhen(deps as pulumi.Resource[]));
}

/** Resolves, to how many resources were waited for, once each is ready. */
function readyWhen(list: readonly pulumi.Resource[]): pulumi.Output<number> {
  const gates = expand(list).map((r) => (pulumi.CustomResource.isInstance(r) ? r.id : r.urn));
  return pulumi.all(gates).apply(() => gates.length);
}

function expand(roots: readonly pulumi.Resource[]): pulumi.Resource[] {
  const seen = new Set<pulumi.Resource>();
  const stack = [...roots];
  while (stack.length > 0) {
    const r = stack.pop();
    if (r === undefined || seen.has(r)) continue;
    seen.add(r);
    if (pulumi.ComponentResource.isInstance(r)) stack.push(...componentChildren(r));
  }
  return [...seen];
}
