import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { createProgressReporter, formatProgress, PROGRESS_REDRAW_INTERVAL_MS } from "../../cli/listingFlags";

/** node:readline's "cursor to column 0, clear the line". */
const CLEAR = "\u001b[1G\u001b[2K";

/** A stream recording what is written to it. */
function recorder(): { stream: Writable; text: () => string } {
  let text = "";
  const stream = new Writable({ write(chunk: Buffer | string, _encoding, done) { text += String(chunk); done(); } });
  return { stream, text: () => text };
}

const progress = (pagesDone: number, pagesTotal: number | null, groups: number, retries = 0) =>
  ({ pagesDone, pagesTotal, groups, requests: pagesDone + retries, retries });

describe("cli/progressReporter", () => {
  it("formats pages, groups, rate and retries", () => {
    assert.equal(formatProgress("listing a", progress(3, 10, 150, 1), 1000), "listing a: page 3/10, 150 groups, 150 groups/s, 1 retry");
    assert.equal(formatProgress("listing a", progress(1, null, 50), 0), "listing a: page 1, 50 groups, 0 groups/s, 0 retries");
  });

  it("redraws at most every interval, always the last page, and erases at the end", () => {
    let now = 0;
    const out = recorder();
    const reporter = createProgressReporter({ stream: out.stream, enabled: true, label: "l", now: () => now });
    reporter.onProgress(progress(1, 4, 50));
    now += PROGRESS_REDRAW_INTERVAL_MS - 1;
    reporter.onProgress(progress(2, 4, 100));
    now += 1;
    reporter.onProgress(progress(3, 4, 150));
    reporter.onProgress(progress(4, 4, 200));
    reporter.finish();
    const written = out.text().split(CLEAR);
    assert.equal(written.length, 5, JSON.stringify(out.text()));
    assert.equal(written[0], "");
    assert.match(written[1] ?? "", /^l: page 1\/4/);
    assert.match(written[2] ?? "", /^l: page 3\/4/);
    assert.match(written[3] ?? "", /^l: page 4\/4, 200 groups/);
    assert.equal(written[4], "", "erased at the end");
  });

  it("a warning erases the progress line, takes a line of its own, and the progress is drawn again below it", () => {
    let now = 0;
    const out = recorder();
    const reporter = createProgressReporter({ stream: out.stream, enabled: true, label: "l", now: () => now });
    reporter.onProgress(progress(1, 4, 50));
    reporter.warn("live-message-groups: Redis quota at redis://:***@h:1 unavailable");
    now += 1;
    reporter.onProgress(progress(2, 4, 100));
    reporter.finish();
    assert.equal(out.text(), `${CLEAR}l: page 1/4, 50 groups, 0 groups/s, 0 retries${CLEAR}live-message-groups: Redis quota at redis://:***@h:1 unavailable\n` +
      `${CLEAR}l: page 2/4, 100 groups, 100000 groups/s, 0 retries${CLEAR}`);
    const quiet = recorder();
    const off = createProgressReporter({ stream: quiet.stream, enabled: false, label: "l", now: () => 0 });
    off.warn("w");
    assert.equal(quiet.text(), "w\n", "disabled: the warning still goes out, one line");
  });

  it("writes nothing when disabled", () => {
    const out = recorder();
    const reporter = createProgressReporter({ stream: out.stream, enabled: false, label: "l", now: () => 0 });
    reporter.onProgress(progress(1, 1, 1));
    reporter.finish();
    assert.equal(out.text(), "");
  });

  // A line wider than the terminal wraps, and clearing erases only its last row: each redraw left
  // stale rows behind in a 40-column pane (or at 80 with a long app id).
  it("cuts the line to one column less than the terminal, read at each draw", () => {
    let now = 0;
    const out = recorder();
    const stream = Object.assign(out.stream, { columns: 40 });
    const reporter = createProgressReporter({ stream, enabled: true, label: "listing " + "a".repeat(60), now: () => now });
    reporter.onProgress(progress(1, 4, 50));
    stream.columns = 20;
    now += PROGRESS_REDRAW_INTERVAL_MS;
    reporter.onProgress(progress(2, 4, 100));
    const drawn = out.text().split(CLEAR).filter((text) => text !== "");
    assert.deepEqual(drawn, [`listing ${"a".repeat(30)}…`, `listing ${"a".repeat(10)}…`]);
  });
});
