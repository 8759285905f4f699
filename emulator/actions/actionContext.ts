import type { GroupStore } from "../groupStore";
import type { Params } from "../params";
import type { Random } from "../random";
import type { ListHook } from "../types";

/** What an action handler gets: the parameters and the emulator's state. */
export interface ActionContext {
  readonly params: Params;
  readonly requestId: string;
  readonly store: GroupStore;
  /** Emulator clock, ms since the epoch. */
  readonly nowMs: () => number;
  /** Stream for ids the service invents (AppId). */
  readonly ids: Random;
  readonly listHook: ListHook | null;
}

/** An action: returns the JSON body of its 200 answer or throws a ServiceError. */
export type ActionHandler = (context: ActionContext) => Promise<string>;
