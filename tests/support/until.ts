/**
 * A wait for a state that sends no event to wait on (a Redis key, a count kept by the code under
 * test, what another process did): asked every few ms until it holds, for at most a bound, after
 * which the loop ends with an error naming what was waited for. A loop without a bound, when its
 * spec failed, went on after mocha gave up on the spec and kept the test process alive (mocha
 * runs without --exit); one bounded by a number of turns passed on silently, to an assertion that
 * did not say it had waited.
 */
import { abortableSleep } from "../../sdk/systemClock";

/**
 * Resolves once `holds()` is true, asked every `everyMs`; rejects, naming `what` (a function: read
 * then, to show the state the wait ended in), when it was not
 * within `withinMs`. The default bound, 10 s, is for a machine so loaded that nothing else would
 * pass (these waits are for something that takes a few ms here): not a measurement.
 */
export async function until(what: string | (() => string), holds: () => boolean | Promise<boolean>, withinMs = 10_000, everyMs = 5): Promise<void> {
  const deadline = performance.now() + withinMs;
  while (!(await holds())) {
    if (performance.now() > deadline) throw new Error(`not within ${withinMs} ms: ${typeof what === "string" ? what : what()}`);
    await abortableSleep(everyMs);
  }
}
