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
 *
 * Like the engine (and unlike Pulumi's mock monitor), outputs named in a registration's
 * `additionalSecretOutputs` come back secret; the list is also reported per resource.
 *
 * LMG_SLOW_TYPE names a resource type whose creation resolves only after a barrier: LMG_SLOW_BARRIER
 * (JSON `{ endpoint, accessKeyId, accessKeySecret, appId, rounds }`) makes `rounds` whole listings
 * of another app, one after the other, against that endpoint. The emulator's arrival order then
 * shows whether the program listed before its dependency resolved, without any clock.
 */
import * as pulumi from "@pulumi/pulumi";
import { markOwnMocks } from "../../../provider/sharedListing";
import { revealSecrets } from "../../../provider/testing";
import { listLiveMessageGroups } from "../../../sdk";

const DYNAMIC_TYPE = "pulumi-nodejs:dynamic/live-message-groups:LiveMessageGroups";
const EXPORT_TIMEOUT_MS = 30_000;
let slowResolved = false;

/** The listings LMG_SLOW_BARRIER asks for, in sequence. */
async function barrier(): Promise<void> {
  const spec = JSON.parse(process.env.LMG_SLOW_BARRIER ?? "{}") as { endpoint: string; accessKeyId: string; accessKeySecret: string; appId: string; rounds: number };
  for (let round = 0; round < spec.rounds; round++) {
    await listLiveMessageGroups({ appId: spec.appId, endpoint: spec.endpoint, credentials: { accessKeyId: spec.accessKeyId, accessKeySecret: spec.accessKeySecret } });
  }
}

interface RegisteredResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  additionalSecretOutputs?: string[];
  /** This package's resources outside a preview: the ID and outputs the engine would store. */
  id?: string;
  state?: Record<string, unknown>;
}

interface StructMessage { toJavaScript(): Record<string, unknown> }
interface RegisterRequest { getName(): string; getAdditionalsecretoutputsList(): string[] }
interface RegisterResponse { getObject(): StructMessage | undefined; setObject(value: StructMessage): void }
type RegisterCallback = (error: Error | null, response: RegisterResponse | undefined) => void;
interface Monitor { registerResource(request: RegisterRequest, callback: RegisterCallback): void }

const PULUMI_DIR = require.resolve("@pulumi/pulumi/package.json").replace(/package\.json$/, "");
const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [PULUMI_DIR] })) as { Struct: { fromJavaScript(value: Record<string, unknown>): StructMessage } };

/** Marks `additionalSecretOutputs` secret in the registration's response, as the engine does. */
function emulateAdditionalSecretOutputs(resources: RegisteredResource[]): void {
  const monitor = pulumi.runtime.getMonitor() as unknown as Monitor;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) => register(request, (error, response) => {
    const secretOutputs = request.getAdditionalsecretoutputsList();
    const registered = resources.find((r) => r.name === request.getName());
    if (registered !== undefined) registered.additionalSecretOutputs = secretOutputs;
    const object = response?.getObject()?.toJavaScript();
    if (error === null && response !== undefined && object !== undefined && secretOutputs.length > 0) {
      for (const key of secretOutputs) {
        if (key in object) object[key] = { [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value: object[key] };
      }
      response.setObject(Struct.fromJavaScript(object));
    }
    callback(error, response);
  });
}

async function main(): Promise<void> {
  const program = process.env.LMG_PROGRAM;
  if (!program) throw new Error("LMG_PROGRAM is not set");
  const preview = process.env.LMG_PREVIEW === "true";
  const resources: RegisteredResource[] = [];
  // Marked as this package's own mocks: the stand-in for an engine, under which the program-side
  // functions list as configured (under anyone else's mocks they go to the mocks' `call`).
  await pulumi.runtime.setMocks(markOwnMocks({
    async newResource(args: pulumi.runtime.MockResourceArgs): Promise<pulumi.runtime.MockResourceResult> {
      const registered: RegisteredResource = { type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> };
      resources.push(registered);
      if (args.type === DYNAMIC_TYPE) {
        const result = await runDynamic(args.inputs as Record<string, unknown>, preview);
        if (result.id !== undefined) Object.assign(registered, { id: result.id, state: result.state });
        return result;
      }
      if (args.type === process.env.LMG_SLOW_TYPE) {
        await barrier();
        slowResolved = true;
      }
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
  }), process.env.LMG_PROJECT ?? "lmg-test", "dev", preview);
  emulateAdditionalSecretOutputs(resources);

  // Imported only after setMocks, as Pulumi requires.
  const exported = require(program) as Record<string, unknown>;
  const outputs = await withTimeout(pulumi.runtime.serializeProperties("exports", exported), EXPORT_TIMEOUT_MS);
  process.stdout.write(JSON.stringify({ exports: outputs, resources, ...(process.env.LMG_SLOW_TYPE === undefined ? {} : { slowResolved }) }) + "\n");
}

async function runDynamic(inputs: Record<string, unknown>, preview: boolean): Promise<pulumi.runtime.MockResourceResult> {
  // During a preview the engine would pass unknown inputs as placeholders; mocks drop them, so
  // check cannot judge them here. Nothing is listed: every output stays unknown.
  if (preview) return { id: undefined, state: inputs };
  // The host reports acceptSecrets=false: the engine hands the provider plaintext.
  inputs = revealSecrets(inputs) as Record<string, unknown>;
  const { liveMessageGroupsProvider } = require("../../../index") as typeof import("../../../index");
  await liveMessageGroupsProvider.configure({ config: { get: (key: string) => pulumi.runtime.getConfig(key) } } as unknown as pulumi.dynamic.ConfigureRequest);
  const checked = await liveMessageGroupsProvider.check({}, inputs);
  if (checked.failures && checked.failures.length > 0) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
  const checkedInputs = (checked.inputs ?? inputs) as Record<string, unknown>;
  const created = await liveMessageGroupsProvider.create(checkedInputs);
  // As the host answers Create: the outputs plus `__provider` (which refresh and destroy run).
  return { id: created.id, state: { ...(created.outs as Record<string, unknown>), __provider: inputs.__provider } };
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
