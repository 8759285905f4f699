import type { ListLiveMessageGroupsOptions, LiveMessageGroupList } from "./types";

/** PLACEHOLDER: replaced by the real implementation. */
export async function listLiveMessageGroups(_options: ListLiveMessageGroupsOptions): Promise<LiveMessageGroupList> {
  throw new Error("not implemented yet");
}
