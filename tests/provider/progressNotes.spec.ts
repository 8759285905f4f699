import assert from "node:assert/strict";
import { formatProgress } from "../../sdk/listing/formatProgress";
import type { Clock, ListLiveMessageGroupsOptions, ListProgress, LiveMessageGroupList } from "../../sdk/types";
import { dynamicHostEngineLog } from "../../provider/dynamic/hostLog";
import { PROGRESS_NOTE_AFTER_MS, PROGRESS_NOTE_EVERY_MS, PROGRESS_NOTE_LABEL, progressNotes, withProgressNotes } from "../../provider/progressNotes";

const progress = (pagesDone: number, pagesTotal: number | null, groups: number, retries = 0): ListProgress =>
  ({ pagesDone, pagesTotal, groups, requests: pagesDone + retries, retries });

describe("provider/progressNotes: progress of long listings for Pulumi's display", () => {
  it("says nothing in a listing's first seconds, then one line at most every interval, as the CLI's progress line words it", () => {
    let now = 1_000;
    const notes: string[] = [];
    const onProgress = progressNotes((text) => notes.push(text), () => now);
    onProgress(progress(1, 100, 50));
    now += PROGRESS_NOTE_AFTER_MS - 1;
    onProgress(progress(20, 100, 1_000));
    assert.deepEqual(notes, [], "a short listing shows nothing");
    now += 1;
    onProgress(progress(25, 100, 1_250, 1));
    assert.deepEqual(notes, [formatProgress(PROGRESS_NOTE_LABEL, progress(25, 100, 1_250, 1), PROGRESS_NOTE_AFTER_MS)]);
    assert.equal(notes[0], "listing live message groups: page 25/100, 1250 groups, 250 groups/s, 1 retry");
    now += PROGRESS_NOTE_EVERY_MS - 1;
    onProgress(progress(80, 100, 4_000));
    assert.equal(notes.length, 1, "at most one per interval");
    now += 1;
    onProgress(progress(81, 100, 4_050));
    assert.equal(notes.length, 2);
    assert.match(notes.at(-1) ?? "", /^listing live message groups: page 81\/100, 4050 groups, /);
  });

  it("withProgressNotes: the caller's own onProgress still sees every report, and the notes run on the listing's clock", async () => {
    let virtual = 0;
    const clock: Clock = { now: () => virtual, sleep: async () => undefined, random: () => 0.5 };
    const own: number[] = [];
    const notes: string[] = [];
    let seen: ListLiveMessageGroupsOptions | undefined;
    const list = withProgressNotes(async (options) => {
      seen = options;
      for (let page = 1; page <= 40; page++) {
        virtual += 500; // 20 s in all, on the listing's clock only
        options.onProgress?.(progress(page, 40, page * 50));
      }
      return { groups: [] } as unknown as LiveMessageGroupList;
    }, (text) => notes.push(text));
    await list({ appId: "app", clock, onProgress: (p) => own.push(p.pagesDone) });
    assert.equal(own.length, 40);
    assert.equal(seen?.appId, "app");
    // At 5 s (page 10) and 15 s (page 30): real time did not pass.
    assert.deepEqual(notes.map((n) => /page (\d+)\//.exec(n)?.[1]), ["10", "30"]);
  });
});

describe("provider/dynamic/hostLog: the engine's log only inside Pulumi's dynamic-provider host", () => {
  it("connects nowhere in a program, a test or a script, whatever their arguments", () => {
    assert.equal(dynamicHostEngineLog("/work/app/index.js", ["127.0.0.1:1234"]), undefined);
    assert.equal(dynamicHostEngineLog("/x/node_modules/mocha/bin/mocha.js", ["127.0.0.1:1234"]), undefined);
    assert.equal(dynamicHostEngineLog(undefined, ["127.0.0.1:1234"]), undefined);
  });

  it("in the host, takes the engine's address from its arguments (after any logging flags)", () => {
    const host = "/p/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js";
    assert.notEqual(dynamicHostEngineLog(host, ["--logtostderr", "-v=9", "127.0.0.1:1234"]), undefined);
    assert.equal(dynamicHostEngineLog(host, []), undefined);
  });
});
