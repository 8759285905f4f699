/**
 * Child-process entry that runs one Pulumi program under Pulumi's mocks and prints, as one JSON
 * line on stdout, the program's exports serialized as the engine would see them (unknowns and
 * secrets marked) plus every resource registered.
 *
 * Environment: LMG_PROGRAM (absolute path of the compiled program), LMG_PREVIEW ("true" for a
 * preview), PULUMI_CONFIG (stack config as JSON), LMG_PROJECT (project name, default "lmg-test").
 *
 * setMocks is process-wide, hence one process per program. Dynamic resources of this package are
 * run the way the engine would run them (check, then create; nothing during a preview), through
 * the provider implementation; other resources echo their inputs.
 */
import * as pulumi from "@pulumi/pulumi";

const DYNAMIC_TYPE = "pulumi-nodejs:dynamic/live-message-groups:LiveMessageGroups";
const EXPORT_TIMEOUT_MS = 30_000;

interface RegisteredResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
}

async function main(): Promise<void> {
  const program = process.env.LMG_PROGRAM;
  if (!program) throw new Error("LMG_PROGRAM is not set");
  const preview = process.env.LMG_PREVIEW === "true";
  const resources: RegisteredResource[] = [];
  await pulumi.runtime.setMocks({
    async newResource(args: pulumi.runtime.MockResourceArgs): Promise<pulumi.runtime.MockResourceResult> {
      resources.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
      if (args.type === DYNAMIC_TYPE) return runDynamic(args.inputs as Record<string, unknown>, preview);
      // Other resources: in a preview their ID and their `previewUnknown` output are not known yet.
      if (preview) {
        const { previewUnknown: _unknown, ...known } = args.inputs as Record<string, unknown>;
        return { id: undefined, state: known };
      }
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
      throw new Error(`unexpected invoke ${args.token}: this package's functions must not use invokes`);
    },
  }, process.env.LMG_PROJECT ?? "lmg-test", "dev", preview);

  // Imported only after setMocks, as Pulumi requires.
  const exported = require(program) as Record<string, unknown>;
  const outputs = await withTimeout(pulumi.runtime.serializeProperties("exports", exported), EXPORT_TIMEOUT_MS);
  process.stdout.write(JSON.stringify({ exports: outputs, resources }) + "\n");
}

async function runDynamic(inputs: Record<string, unknown>, preview: boolean): Promise<pulumi.runtime.MockResourceResult> {
  // During a preview the engine would pass unknown inputs as placeholders; mocks drop them, so
  // check cannot judge them here. Nothing is listed: every output stays unknown.
  if (preview) return { id: undefined, state: inputs };
  const { liveMessageGroupsProvider } = require("../../../index") as typeof import("../../../index");
  await liveMessageGroupsProvider.configure({ config: { get: (key: string) => pulumi.runtime.getConfig(key) } } as unknown as pulumi.dynamic.ConfigureRequest);
  const checked = await liveMessageGroupsProvider.check({}, inputs);
  if (checked.failures && checked.failures.length > 0) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
  const checkedInputs = (checked.inputs ?? inputs) as Record<string, unknown>;
  const created = await liveMessageGroupsProvider.create(checkedInputs);
  return { id: created.id, state: { ...checkedInputs, ...(created.outs as Record<string, unknown>) } };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`outputs did not settle within ${ms} ms`)), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e: unknown) => { clearTimeout(timer); reject(e); });
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stdout.write(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }) + "\n");
    process.exit(1);
  },
);
