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
