import * as pulumi from "@pulumi/pulumi";

/**
 * The only Pulumi internal this package touches, isolated here.
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
