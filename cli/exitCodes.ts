/**
 * Exit codes of `live-message-groups`, so CI can gate on them.
 *
 * 2 is reserved for "the check ran and found drift": a job can tell "something changed" from
 * "the check itself could not run" (1) without parsing output.
 */
export const EXIT_OK = 0;
/** Usage error, bad snapshot, or a failure talking to the service. */
export const EXIT_ERROR = 1;
/** `drift` found differences between the app and the snapshot. */
export const EXIT_DRIFT = 2;
/** Interrupted by SIGINT (128 + 2, the shell convention). */
export const EXIT_INTERRUPTED = 130;
/** Terminated by SIGTERM (128 + 15), e.g. a CI job cancelled or timed out. */
export const EXIT_TERMINATED = 143;

/** Why a run was stopped: the reason main.ts aborts the run's signal with. */
export class StopRequest extends Error {
  override readonly name = "StopRequest";
  constructor(readonly signal: "SIGINT" | "SIGTERM") {
    super(signal === "SIGTERM" ? "terminated" : "interrupted");
  }
}

/** The exit code of a run stopped with `reason` (130 unless it was SIGTERM). */
export function exitCodeForStop(reason: unknown): number {
  return reason instanceof StopRequest && reason.signal === "SIGTERM" ? EXIT_TERMINATED : EXIT_INTERRUPTED;
}
