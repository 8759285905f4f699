import type { ListLiveMessageGroupsOptions, LiveMessageGroupPage } from "./types";

/** PLACEHOLDER: replaced by the real implementation. */
// eslint-disable-next-line require-yield
export async function* paginateLiveMessageGroups(_options: ListLiveMessageGroupsOptions): AsyncGenerator<LiveMessageGroupPage> {
  throw new Error("not implemented yet");
}
