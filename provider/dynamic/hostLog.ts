import { EngineLog, engineAddressOf } from "../plugin/engineLog";
import { withProgressNotes } from "../progressNotes";
import type { ListFunction } from "../sharedListing";

/** Pulumi's dynamic-provider host: the script the engine runs (`pulumi-resource-pulumi-nodejs`). */
const DYNAMIC_HOST_SCRIPT = /[\\/]@pulumi[\\/]pulumi[\\/]cmd[\\/]dynamic-provider[\\/]index\.js$/;

/**
 * The engine's log, when this process is Pulumi's dynamic-provider host (its first argument is the
 * engine's address, as for any provider plugin); undefined anywhere else (a program, a test under
 * mocks), where no connection is made.
 */
export function dynamicHostEngineLog(main: string | undefined = require.main?.filename, args: readonly string[] = process.argv.slice(2)): EngineLog | undefined {
  if (main === undefined || !DYNAMIC_HOST_SCRIPT.test(main)) return undefined;
  const address = engineAddressOf(args);
  return address === undefined ? undefined : new EngineLog(address);
}

/**
 * `list` with its warnings (a Redis quota that fell back) and progress notes sent to the engine's
 * log, when there is one: the engine hides the host's stderr, where the sdk writes a warning by
 * default. The dynamic provider's operations are not told their resource's URN, so both show on the
 * stack's row.
 */
export function withHostLog(list: ListFunction, log: EngineLog | undefined): ListFunction {
  if (log === undefined) return list;
  return withProgressNotes((options) => list({ ...options, onWarning: (message) => log.warn(message, "") }), (text) => log.progress(text, ""));
}
