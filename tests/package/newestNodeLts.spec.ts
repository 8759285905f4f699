import assert from "node:assert/strict";
import { LTS_AGE_DAYS, pickNewestNodeLts } from "./newestNodeLts";

describe("pickNewestNodeLts (npm registry `node` times -> newest LTS major)", () => {
  const times = {
    "created": "2014-01-01T00:00:00.000Z",
    "22.0.0": "2024-04-24T00:00:00.000Z",
    "23.0.0": "2024-10-16T00:00:00.000Z",
    "24.0.0": "2025-05-06T00:00:00.000Z",
    "24.1.0": "2025-05-21T00:00:00.000Z",
    "25.0.0": "2025-10-15T00:00:00.000Z",
    "26.0.0": "2026-04-22T00:00:00.000Z",
    "26.0.0-rc.1": "2026-04-01T00:00:00.000Z",
  };
  const cases: { now: string; major: number }[] = [
    { now: "2025-11-01T00:00:00Z", major: 22 }, // 24.0.0 is 179 days old: not LTS yet
    { now: "2025-11-12T00:00:00Z", major: 24 }, // 190 days
    { now: "2026-10-01T00:00:00Z", major: 24 }, // 26 is 162 days old; 25 is odd, never LTS
    { now: "2026-10-29T00:00:00Z", major: 26 },
  ];
  for (const c of cases) {
    it(`${c.now} -> ${c.major}`, () => {
      const choice = pickNewestNodeLts(times, new Date(c.now));
      assert.equal(choice.major, c.major);
      assert.ok(choice.ageDays >= LTS_AGE_DAYS);
    });
  }
  it("fails loudly when no even major is old enough", () => {
    assert.throws(() => pickNewestNodeLts({ "27.0.0": "2026-10-20T00:00:00Z" }, new Date("2026-11-01T00:00:00Z")), /no even Node major/);
  });
});
