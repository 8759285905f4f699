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
  // Everything lives inside the function: the closure serializer copies this text into the state.
  const packageName = "pulumi-alicloud-live-message-groups";
  const nodeModule = require("node:module") as typeof import("node:module");
  const nodePath = require("node:path") as typeof import("node:path");
  const projectDir = process.cwd();
  const requireFromProject = nodeModule.createRequire(nodePath.join(projectDir, "__live_message_groups_provider__.js"));
  let loaded: { liveMessageGroupsProvider?: LiveMessageGroupsProviderImplementation };
  try {
    loaded = requireFromProject(packageName) as typeof loaded;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // Only the package itself missing; a broken install (a missing dependency of it) is rethrown as is.
    if (code !== "MODULE_NOT_FOUND" || !String((error as Error).message).includes(`'${packageName}'`)) throw error;
    throw new Error(
      `The LiveMessageGroups resource needs the npm package ${packageName} in the Pulumi project that holds this stack, ` +
      `but it cannot be loaded from ${JSON.stringify(projectDir)}. Run \`npm install ${packageName}\` in that directory ` +
      "(the one with Pulumi.yaml), then run the Pulumi command again.",
      { cause: error },
    );
  }
  if (loaded.liveMessageGroupsProvider === undefined) {
    throw new Error(`The installed ${packageName} has no liveMessageGroupsProvider: install a version that matches this stack's state (see its README).`);
  }
  return loaded.liveMessageGroupsProvider;
}
