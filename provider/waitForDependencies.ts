import * as pulumi from "@pulumi/pulumi";
import { componentChildren } from "./pulumiInternals";

/**
 * An Output that resolves once every resource in `dependsOn` is ready, and is unknown during a
 * preview while any of them has no ID yet: the behaviour of Pulumi's own Output-form invokes.
 *
 * Custom resources are ready when their ID is; component resources when they and all their
 * children are (as Pulumi's `dependsOn` for invokes expands components).
 */
export function waitForDependencies(dependsOn: pulumi.InvokeOutputOptions["dependsOn"]): pulumi.Output<true> {
  if (dependsOn === undefined) return pulumi.output(true as const);
  return pulumi.output(dependsOn).apply((deps) => {
    const list = (Array.isArray(deps) ? deps : [deps]) as pulumi.Resource[];
    const gates = expand(list).map((r) => (pulumi.CustomResource.isInstance(r) ? r.id : r.urn));
    return pulumi.all(gates).apply(() => true as const);
  });
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
