import { InvalidArgumentError } from "../sdk/errors";
import { buildResult } from "./buildResult";
import { resolveCredentials } from "./resolveCredentials";
import { resolveQuotaSettings, resolveSettings } from "./resolveSettings";
import type { ListFunction } from "./sharedListing";
import type { SettingsSources } from "./settingsSources";
import type { GetLiveMessageGroupsArgs, GetLiveMessageGroupsResult } from "./types";
import { ARGUMENT_NAMES, validateArgs } from "./validateArgs";
import { writeOutputFile } from "./writeOutputFile";

/**
 * The one read path behind the functions and the resource: validate, resolve settings and
 * credentials (run time only), list, filter, write `outputFile`.
 *
 * @throws InvalidArgumentError for the first bad argument or config value; otherwise whatever the
 * sdk throws (errors that never carry credentials).
 */
export async function readLiveMessageGroups(
  raw: Readonly<Record<string, unknown>>,
  sources: SettingsSources,
  list: ListFunction,
): Promise<GetLiveMessageGroupsResult> {
  const { args, failures } = validateArgs(raw);
  const failure = failures[0];
  if (failure !== undefined) {
    // A property that is not an argument may be a credential someone tried to pass: never echo it.
    const received = ARGUMENT_NAMES.includes(failure.property as never) ? raw[failure.property] : `<${typeof raw[failure.property]}>`;
    throw new InvalidArgumentError(failure.property, failure.allowed, received);
  }
  if (args === null) throw new InvalidArgumentError("args", "known values", "unknown");
  return readValidated(args, sources, list);
}

async function readValidated(args: GetLiveMessageGroupsArgs, sources: SettingsSources, list: ListFunction): Promise<GetLiveMessageGroupsResult> {
  const settings = resolveSettings(args, sources);
  const credentials = await resolveCredentials(sources);
  const quota = resolveQuotaSettings(sources);
  const listing = await list({ ...settings, ...quota, ...(credentials === undefined ? {} : { credentials }) });
  const result = buildResult(args, settings, listing);
  if (args.outputFile !== undefined) await writeOutputFile(args.outputFile, result);
  return result;
}
