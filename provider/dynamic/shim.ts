import type * as pulumi from "@pulumi/pulumi";
import type { LiveMessageGroupsProviderImplementation } from "./liveMessageGroupsProvider";

/**
 * The provider object Pulumi serializes into each resource's `__provider` (and so into the state).
 *
 * It is deliberately a thin shim: every method loads the implementation at run time, by package
 * name, inside Pulumi's provider host. It captures nothing else: no credentials, no API client, no
 * zod schema (which the closure serializer cannot serialize anyway). Credentials are read at run
 * time from the stack config (configure), the environment or the credential chain.
 */
export const liveMessageGroupsShim: pulumi.dynamic.ResourceProvider = {
  async configure(req) {
    return loadImplementation().configure(req);
  },
  async check(olds, news) {
    return loadImplementation().check(olds, news);
  },
  async diff(id, olds, news) {
    return loadImplementation().diff(id, olds, news);
  },
  async create(inputs) {
    return loadImplementation().create(inputs);
  },
  async read(id, props) {
    return loadImplementation().read(id, props);
  },
  async update(id, olds, news) {
    return loadImplementation().update(id, olds, news);
  },
  async delete(id, props) {
    return loadImplementation().delete(id, props);
  },
};

/**
 * Requires the package from the Pulumi project directory (the host's working directory). A
 * require anchored there also resolves the package's self-reference, so a stack inside this
 * repository works as well as one that installed the package.
 */
function loadImplementation(): LiveMessageGroupsProviderImplementation {
  const nodeModule = require("node:module") as typeof import("node:module");
  const nodePath = require("node:path") as typeof import("node:path");
  const requireFromProject = nodeModule.createRequire(nodePath.join(process.cwd(), "__live_message_groups_provider__.js"));
  const loaded = requireFromProject("pulumi-alicloud-live-message-groups") as { liveMessageGroupsProvider: LiveMessageGroupsProviderImplementation };
  return loaded.liveMessageGroupsProvider;
}
