import assert from "node:assert/strict";

describe("package root", () => {
  it("loads and exports the public API", () => {
    const root = require("../index") as Record<string, unknown>;
    assert.equal(typeof root.listLiveMessageGroups, "function");
    assert.equal(typeof root.paginateLiveMessageGroups, "function");
  });
});
