import assert from "node:assert/strict";
import { createProgressReporter, formatProgress, PROGRESS_REDRAW_INTERVAL_MS } from "../../cli/progressReporter";

const progress = (pagesDone: number, pagesTotal: number | null, groups: number, retries = 0) =>
  ({ pagesDone, pagesTotal, groups, requests: pagesDone + retries, retries });

describe("cli/progressReporter", () => {
  it("formats pages, groups, rate and retries", () => {
    assert.equal(formatProgress("listing a", progress(3, 10, 150, 1), 1000), "listing a: page 3/10, 150 groups, 150 groups/s, 1 retry");
    assert.equal(formatProgress("listing a", progress(1, null, 50), 0), "listing a: page 1, 50 groups, 0 groups/s, 0 retries");
  });

  it("redraws at most every interval, always the last page, and erases at the end", () => {
    let now = 0;
    const written: string[] = [];
    const reporter = createProgressReporter({ stream: { write: (text: string) => written.push(text) }, enabled: true, label: "l", now: () => now });
    reporter.onProgress(progress(1, 4, 50));
    now += PROGRESS_REDRAW_INTERVAL_MS - 1;
    reporter.onProgress(progress(2, 4, 100));
    now += 1;
    reporter.onProgress(progress(3, 4, 150));
    reporter.onProgress(progress(4, 4, 200));
    reporter.finish();
    assert.equal(written.length, 4);
    assert.match(written[0] ?? "", /page 1\/4/);
    assert.match(written[1] ?? "", /page 3\/4/);
    assert.match(written[2] ?? "", /page 4\/4, 200 groups/);
    assert.equal(written[3], "\r\u001b[2K");
  });

  it("writes nothing when disabled", () => {
    const written: string[] = [];
    const reporter = createProgressReporter({ stream: { write: (text: string) => written.push(text) }, enabled: false, label: "l", now: () => 0 });
    reporter.onProgress(progress(1, 1, 1));
    reporter.finish();
    assert.deepEqual(written, []);
  });
});
