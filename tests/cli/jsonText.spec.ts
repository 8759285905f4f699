import assert from "node:assert/strict";
import type { LiveMessageGroup, LiveMessageGroupList } from "../../sdk";
import { renderList } from "../../cli/commands/listCommand";
import { computeDrift } from "../../cli/drift";
import { formatDriftJson } from "../../cli/formatDriftReport";
import { toJsonText } from "../../cli/jsonText";
import { createSnapshot, parseSnapshot, serializeSnapshot } from "../../cli/snapshot";

/** C1 controls, DEL, bidirectional controls, line/paragraph separators and invisible characters JSON.stringify leaves raw. */
const HIDDEN = ["\u007f", "\u0080", "\u0085", "\u009b", "\u009f", "\u061c", "\u200b", "\u200e", "\u200f", "\u2028", "\u2029",
  "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2060", "\u2064", "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff",
  // Invisible too: a rename to "Room" + a soft hyphen read "Room" -> "Room".
  "\u00ad", "\u034f", "\u115f", "\u1160", "\u17b4", "\u17b5", "\u180e", "\u3164", "\uffa0"];
const RAW = /[\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufeff\uffa0]|\u034f|\u17b4|\u17b5/;
const tricky = `evil${HIDDEN.join("")}\\${"\u202e"}end "q" \u001b[2J 产品 😀`;

const group = (overrides: Partial<LiveMessageGroup> = {}): LiveMessageGroup => ({
  groupId: `g${"\u202e"}1`, groupName: tricky, groupInfo: `{"a":"${"\u2028"}"}`, creatorId: `c${"\u0085"}`, adminList: [`a${"\u2066"}b${"\u2069"}`, "\u200b"],
  createTime: 1_700_000_000, deleted: false, ...overrides,
});

describe("cli JSON output: invisible and control characters escaped as \\uXXXX, losslessly", () => {
  it("toJsonText escapes each of them, and only them", () => {
    const text = toJsonText({ [tricky]: [tricky] });
    assert.doesNotMatch(text, RAW, JSON.stringify(text));
    for (const char of HIDDEN) assert.ok(text.includes(`\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`), `escaped ${JSON.stringify(char)}`);
    // Printable text, CJK and emoji stay as they are; a backslash before an escaped character stays a backslash.
    assert.ok(text.includes("产品 😀") && text.includes("\\\\\\u202eend"), text);
    assert.deepEqual(JSON.parse(text), { [tricky]: [tricky] });
    assert.ok(text.endsWith("\n") && text.startsWith("{\n  \""));
  });

  it("list --format json (and --ids-only)", () => {
    const list: LiveMessageGroupList = {
      appId: "app", dataCenter: "cn-shanghai", groupStatus: "all", sortOrder: "asc", totalCount: 1, requests: 1, retries: 0, elapsedMs: 0, groups: [group()],
    };
    for (const idsOnly of [false, true]) {
      const text = renderList(list, "json", idsOnly);
      assert.doesNotMatch(text, RAW, JSON.stringify(text));
      assert.deepEqual(JSON.parse(text), idsOnly ? [group().groupId] : { appId: "app", dataCenter: "cn-shanghai", groupStatus: "all", sortOrder: "asc", totalCount: 1, groups: [group()] });
    }
    // CSV is written verbatim, as documented.
    assert.ok(renderList(list, "csv", false).includes(tricky.replace(/"/g, '""')));
  });

  it("drift --format json and the snapshot file", () => {
    const snapshot = createSnapshot({ appId: "app", dataCenter: "cn-shanghai", groupStatus: "all", groups: [group({ groupName: "plain" })] });
    const serialized = serializeSnapshot(snapshot);
    assert.doesNotMatch(serialized, RAW, serialized);
    assert.deepEqual(parseSnapshot(serialized, "x.json"), snapshot);
    const report = formatDriftJson(computeDrift(snapshot, [group()]), { snapshotSource: `snap${"\u202e"}.json`, snapshotTakenAt: null });
    assert.doesNotMatch(report, RAW, report);
    const parsed = JSON.parse(report) as { snapshot: string; changes: { renamed: { before: string; after: string }[] } };
    assert.equal(parsed.snapshot, `snap${"\u202e"}.json`);
    assert.ok(JSON.stringify(parsed.changes).includes(JSON.stringify(tricky).slice(1, -1)), report);
  });
});
