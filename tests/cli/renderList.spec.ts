import assert from "node:assert/strict";
import type { LiveMessageGroupList } from "../../sdk";
import { renderList } from "../../cli/commands/listCommand";

const list = (ids: readonly string[]): LiveMessageGroupList => ({
  appId: "app", dataCenter: "cn-shanghai", groupStatus: "all", sortOrder: "asc", totalCount: ids.length, requests: 1, retries: 0, elapsedMs: 0,
  groups: ids.map((groupId, i) => ({ groupId, groupName: "", groupInfo: "", creatorId: "", adminList: [], createTime: i, deleted: false })),
});

describe("cli list --ids-only", () => {
  it("prints one line per id: control characters in an id are escaped, never a second line or a terminal escape", () => {
    const text = renderList(list(["room-1\nroom-2", "g\u001b[31mred", "room-3"]), "table", true);
    assert.deepEqual(text.split("\n"), ["room-1\\nroom-2", "g\\x1b[31mred", "room-3", ""]);
  });

  // A literal "\x1b" in an id printed exactly like a real ESC; the drift report escapes "\" first.
  it("doubles a backslash, so a literal \\x1b and a real ESC read differently", () => {
    const text = renderList(list(["g\\x1b", "g\u001b", "a\\b"]), "table", true);
    assert.deepEqual(text.split("\n"), ["g\\\\x1b", "g\\x1b", "a\\\\b", ""]);
  });

  it("JSON and CSV keep ids exact (their own quoting)", () => {
    assert.deepEqual(JSON.parse(renderList(list(["a\nb"]), "json", true)), ["a\nb"]);
    assert.equal(renderList(list(["a\nb"]), "csv", true).includes('"a\nb"'), true);
  });
});
