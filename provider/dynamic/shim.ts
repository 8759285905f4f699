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
  configure: (req) => loadImplementation().configure(req),
  check: (olds, news) => loadImplementation().check(olds, news),
  diff: (id, olds, news) => loadImplementation().diff(id, olds, news),
  create: (inputs) => loadImplementation().create(inputs),
  read: (id, props) => loadImplementation().read(id, props),
  update: (id, olds, news) => loadImplementation().update(id, olds, news),
  delete: (id, props) => loadImplementation().delete(id, props),
};

/**
 * Requires the package from the Pulumi project directory (the host's working directory). A
 * require anchored there also resolves the package's self-reference, so a stack inside this
 * repository works as well as one that installed the package.
 *
 * The closure serializer copies this function's text into every resource's inputs and outputs in
 * the state, so it is kept short: no comments inside, and only the package itself missing (not a
 * missing dependency of it, a broken install) is explained; anything else is rethrown as is.
 * `process.getBuiltinModule`, not a free `require`: a program bundled to ESM (esbuild) rewrites
 * `require` into a helper of its own, which the serializer cannot capture. A pnpm project resolves
 * only its direct dependencies: the package must be one (a component library that depends on it
 * is not enough).
 */
function loadImplementation(): LiveMessageGroupsProviderImplementation {
  const name = "pulumi-alicloud-live-message-groups";
  const dir = process.cwd();
  let loaded: { liveMessageGroupsProvider?: LiveMessageGroupsProviderImplementation };
  try {
    loaded = process.getBuiltinModule("node:module").createRequire(`${dir}/_.js`)(name) as typeof loaded;
  } catch (error) {
    if ((error as { code?: unknown }).code !== "MODULE_NOT_FOUND" || !String((error as Error).message).includes(`'${name}'`)) throw error;
    throw new Error(`LiveMessageGroups needs the npm package ${name} in the Pulumi project (the directory with Pulumi.yaml), ` +
      `but it cannot be loaded from ${JSON.stringify(dir)}: make it a direct dependency of the project there (\`npm install ${name}\`, \`pnpm add ${name}\`), then run the Pulumi command again.`, { cause: error });
  }
  if (loaded.liveMessageGroupsProvider === undefined) throw new Error(`This ${name} has no liveMessageGroupsProvider: install the version this stack's state needs.`);
  return loaded.liveMessageGroupsProvider;
}
