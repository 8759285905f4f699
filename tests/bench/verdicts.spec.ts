/**
 * `npm run bench`'s verdicts (bench/run.ts): a listing the bench measured and found inexact always
 * prints a MISS (and so exits non-zero), whatever the row; the figure says it was inexact.
 */
import assert from "node:assert/strict";
import { listingsVerdict, sharedRowVerdicts, smallRowVerdicts, type SharedRow } from "../../bench/run";
import type { ClientResult } from "../../bench/protocol";

const row = (overrides: Partial<SharedRow>): SharedRow => ({
  processes: 1, mode: "uncoordinated", of: "10000 groups each", fraction: 0.96, throttled: 0, requests: 200, exact: true, fellBack: 0, lateStartMs: 0, ...overrides,
});

describe("bench: verdicts", () => {
  for (const mode of ["uncoordinated", "Redis"] as const) {
    it(`a lone ${mode} process's inexact listing is a MISS (it printed WRONG in the table and no verdict)`, () => {
      const verdicts = sharedRowVerdicts(row({ mode, exact: false }));
      assert.equal(verdicts.length, 1);
      assert.match(verdicts[0] as string, /^MISS {2}1 process \(.+\), 10000 groups each: every listing exact: WRONG$/);
      assert.match(sharedRowVerdicts(row({ mode }))[0] as string, /^MET {3}1 process .*: exact$/);
    });
  }

  it("a fleet's inexact listing is a MISS whose figure says WRONG, its fraction and throttles aside", () => {
    const uncoordinated = sharedRowVerdicts(row({ processes: 3, fraction: 0.96, throttled: 0, requests: 600, exact: false }));
    assert.deepEqual(uncoordinated.map((line) => line.slice(0, 4)), ["MISS"]);
    assert.match(uncoordinated[0] as string, /: 0\.960, 0\.00%, WRONG$/);
    const redis = sharedRowVerdicts(row({ processes: 3, mode: "Redis", fraction: 0.96, requests: 600, exact: false }));
    assert.match(redis[0] as string, /^MISS .*: 0\.960, 0 throttled, WRONG$/);
    assert.match(sharedRowVerdicts(row({ processes: 3, mode: "Redis", requests: 600 }))[0] as string, /^MET .*: 0\.960, 0 throttled, exact$/);
  });

  it("a Redis row whose processes fell back to the local limiter is a MISS whatever its figures, at any process count", () => {
    for (const processes of [1, 3, 10]) {
      const verdicts = sharedRowVerdicts(row({ processes, mode: "Redis", fraction: 0.99, requests: 600, fellBack: 1 }));
      assert.equal(verdicts.length, 1);
      assert.match(verdicts[0] as string, /^MISS {2}\d+ process(es)? sharing Redis, 10000 groups each: measured with the shared quota: 1 of \d+ fell back to the local limiter/);
    }
    assert.match(sharedRowVerdicts(row({ processes: 3, fraction: 0.96, requests: 600, fellBack: 3 }))[0] as string, /^MET /, "an uncoordinated row has no Redis to fall back from");
    assert.match(sharedRowVerdicts(row({ processes: 3, mode: "Redis", fraction: 0.96, requests: 600 }))[0] as string, /^MET /);
  });

  it("a small listing's inexact result is a MISS in both modes, and the figure says so", () => {
    for (const polite of [false, true]) {
      const verdicts = smallRowVerdicts({ groups: 1000, polite, throttled: 0, exact: false });
      assert.equal(verdicts.length, 1, `polite: ${polite}`);
      assert.match(verdicts[0] as string, /^MISS .*1000 groups.*: 0 throttled, WRONG$/);
    }
    assert.match(smallRowVerdicts({ groups: 1000, polite: true, throttled: 0, exact: true })[0] as string, /^MET .*polite.*: 0 throttled, exact$/);
  });

  it("the limit and cpu tables' listing verdict names each wrong listing with what it listed (it printed the seeded count)", () => {
    const result = (groups: number, fingerprint: string): ClientResult => ({
      variant: "ours", groups, requests: 200, wallMs: 1, cpuMs: 1, peakRssMiB: 1, fingerprint, startedAtMs: 0, endedAtMs: 1, warnings: [],
    });
    const expected = { groups: 10_000, fingerprint: "seeded" };
    const rows = [
      { label: "naive loop, PageSize 20", result: result(10_000, "seeded") },
      { label: "naive loop, PageSize 50", result: result(9_950, "short") },
      { label: "this project (defaults)", result: result(10_000, "reordered") },
    ];
    assert.equal(listingsVerdict("every variant listed the seeded groups in order", rows, expected),
      "MISS  every variant listed the seeded groups in order: naive loop, PageSize 50: 9950 groups, WRONG; this project (defaults): 10000 groups, WRONG");
    assert.equal(listingsVerdict("every variant listed the seeded groups in order", rows.slice(0, 1), expected),
      "MET   every variant listed the seeded groups in order: 10000 groups, exact");
  });
});
