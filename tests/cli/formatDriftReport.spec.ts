import assert from "node:assert/strict";
import type { LiveMessageGroup } from "../../sdk";
import { computeDrift } from "../../cli/drift";
import { DRIFT_REPORT_FORMAT, formatDriftJson, formatDriftText } from "../../cli/formatDriftReport";
import { createSnapshot } from "../../cli/snapshot";

const g = (groupId: string, patch: Partial<LiveMessageGroup> = {}): LiveMessageGroup => ({
  groupId, groupName: groupId.toUpperCase(), groupInfo: "", creatorId: "c", adminList: ["a1"], createTime: 1_700_000_000, deleted: false, ...patch,
});
const snapshot = createSnapshot({ appId: "app", dataCenter: "cn-shanghai", groupStatus: "all", groups: [g("g1"), g("g2"), g("g3"), g("g4")] });
const context = { snapshotSource: "snap.json", snapshotTakenAt: "2024-01-01T00:00:00.000Z" };

describe("cli/formatDriftReport", () => {
  it("says so when nothing drifted", () => {
    const text = formatDriftText(computeDrift(snapshot, snapshot.groups), context);
    assert.equal(text, "No drift: app app (cn-shanghai, all groups) against snap.json taken 2024-01-01T00:00:00.000Z; 4 groups unchanged.\n");
  });

  it("shows a rename to an invisible character (soft hyphen, Hangul filler...) escaped: it read \"Room\" -> \"Room\"", () => {
    const hidden = ["\u00ad", "\u034f", "\u115f", "\u1160", "\u17b4", "\u17b5", "\u180e", "\u3164", "\uffa0"];
    const before = createSnapshot({ appId: "app", dataCenter: "cn-shanghai", groupStatus: "all", groups: hidden.map((_, i) => g(`g${i}`, { groupName: "Room" })) });
    const drift = computeDrift(before, hidden.map((char, i) => g(`g${i}`, { groupName: `Room${char}` })));
    const text = formatDriftText(drift, context);
    // As every escape of the text report: \xNN below U+0100, else \uNNNN.
    const escaped = (char: string): string => (char.charCodeAt(0) > 0xff ? "\\u" + char.charCodeAt(0).toString(16).padStart(4, "0") : "\\x" + char.charCodeAt(0).toString(16));
    hidden.forEach((char, i) => assert.ok(text.includes(`~ g${i}  "Room" -> "Room${escaped(char)}"\n`), text));
    const json = formatDriftJson(drift, context);
    for (const char of hidden) assert.ok(!json.includes(char), "escaped in the JSON report too");
    assert.deepEqual((JSON.parse(json) as { changes: { renamed: { to: string }[] } }).changes.renamed.map((change) => change.to), hidden.map((char) => `Room${char}`));
  });

  it("counts one group unchanged in the singular, as it does one change (it read \"1 groups unchanged\")", () => {
    const scope = { appId: "app", dataCenter: "cn-shanghai", groupStatus: "all" } as const;
    const one = createSnapshot({ ...scope, groups: [g("g1")] });
    assert.match(formatDriftText(computeDrift(one, one.groups), context), /; 1 group unchanged\.\n$/);
    const text = formatDriftText(computeDrift(createSnapshot({ ...scope, groups: [g("g1"), g("g2")] }), [g("g1"), g("g3")]), context);
    assert.match(text, /^Drift: .*; 2 changes, 1 group unchanged\.$/m);
  });

  it("a snapshot's takenAt (the file's own text) is escaped: it cannot rewrite the log line", () => {
    const forged = { ...context, snapshotTakenAt: "2024-01-01\u001b[2J\u001b[31mFAKE: No drift\r" };
    const text = formatDriftText(computeDrift(snapshot, snapshot.groups), forged);
    assert.ok(text.includes("taken 2024-01-01\\x1b[2J\\x1b[31mFAKE: No drift\\r;"), text);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(text.slice(0, -1), /[\u0000-\u001f]/);
  });

  it("lists each kind of change in its own section", () => {
    const now = [g("g1", { groupName: "Renamed\u001b[31m" }), g("g2", { deleted: true }), g("g3", { adminList: ["a2"] }), g("g5")];
    const text = formatDriftText(computeDrift(snapshot, now), context);
    assert.match(text, /^Drift: app app .*; 5 changes, 0 groups unchanged\.$/m);
    assert.match(text, /^Added \(1\):\n {2}\+ g5 {2}"G5" {2}\(live, created 2023-11-14 22:13:20 UTC, admins "a1"\)$/m);
    assert.match(text, /^Removed \(no longer listed at all\) \(1\):\n {2}- g4 /m);
    assert.match(text, /^Newly deleted \(still listed, flagged deleted\) \(1\):\n {2}x g2 {2}"G2" {2}\(deleted,/m);
    assert.match(text, /^Renamed \(1\):\n {2}~ g1 {2}"G1" -> "Renamed\\x1b\[31m"$/m);
    assert.match(text, /^Admins changed \(1\):\n {2}~ g3 {2}\+"a2" -"a1"$/m);
    assert.ok(!text.includes("Info changed"));
    assert.ok(!text.includes("\u001b"));
  });

  // JSON infos once printed as "{"room":6}" -> "{"room":7}": the quotes could not be told apart.
  const infoCases: [string, string, string, string[]][] = [
    ["JSON", '{"room":6,"topic":"Q&A"}', '{"room":6,"pinned":true}', ['      was "{\\"room\\":6,\\"topic\\":\\"Q&A\\"}"', '      now "{\\"room\\":6,\\"pinned\\":true}"']],
    ["quotes and arrows", 'a" -> "b', "a", ['      was "a\\" -> \\"b"', '      now "a"']],
    ["a backslash next to a control character", "x\\x1b", "x\u001b", ['      was "x\\\\x1b"', '      now "x\\x1b"']],
    ["empty", "", "{}", ['      was ""', '      now "{}"']],
  ];
  for (const [name, from, to, expected] of infoCases) {
    it(`info change (${name}): old and new on their own lines, unambiguously quoted`, () => {
      const before = createSnapshot({ appId: "app", dataCenter: "cn-shanghai", groupStatus: "all", groups: [g("g1", { groupInfo: from })] });
      const text = formatDriftText(computeDrift(before, [g("g1", { groupInfo: to })]), context);
      assert.deepEqual(text.split("\n").slice(-4, -1), ["  ~ g1", ...expected]);
    });
  }

  it("a rename cannot reorder the line (a bidi override) or fake a section (a line separator)", () => {
    const before = createSnapshot({ appId: "app", dataCenter: "cn-shanghai", groupStatus: "all", groups: [g("g1"), g("g2")] });
    const now = [g("g1", { groupName: 'safe\u202e"elif-dab" <- "' }), g("g2", { creatorId: "x", adminList: ["a\u2028Removed (1):\u2029  - g-other", "\u2066b\u2069"] })];
    const text = formatDriftText(computeDrift(before, now), context);
    assert.match(text, /^ {2}~ g1 {2}"G1" -> "safe\\u202e\\"elif-dab\\" <- \\""$/m);
    assert.ok(text.includes('+"a\\u2028Removed (1):\\u2029  - g-other"') && text.includes('+"\\u2066b\\u2069"'), text);
    assert.doesNotMatch(text, /[\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
  });

  it("a rename with quotes in it stays readable on one line", () => {
    const before = createSnapshot({ appId: "app", dataCenter: "cn-shanghai", groupStatus: "all", groups: [g("g1", { groupName: 'Say "hi"' })] });
    const text = formatDriftText(computeDrift(before, [g("g1", { groupName: "Say hi" })]), context);
    assert.match(text, /^ {2}~ g1 {2}"Say \\"hi\\"" -> "Say hi"$/m);
  });

  // Only some sections' titles were ever checked: a report with a restored, info-changed,
  // creator-changed or re-created group could lose its heading (or, re-created, its lines: exit 1
  // instead of 2) and every spec passed. A --no-timestamp snapshot (the CI recipe) was not reported either.
  it("writes every section in full, in report order, for a snapshot without takenAt", () => {
    const before = createSnapshot({
      appId: "app", dataCenter: "ap-southeast-1", groupStatus: "all",
      groups: [g("r1"), g("d1"), g("u1", { deleted: true }), g("n1"), g("i1", { groupInfo: "x".repeat(250) }), g("a1"), g("c1"), g("t1"), g("same")],
    });
    const now = [
      g("new", { adminList: [] }), g("d1", { deleted: true }), g("u1"), g("n1", { groupName: "N2" }), g("i1", { groupInfo: "y".repeat(250) }),
      g("a1", { adminList: [] }), g("c1", { creatorId: "c2" }), g("t1", { createTime: 1_700_000_060 }), g("same"),
    ];
    const created = "created 2023-11-14 22:13:20 UTC";
    assert.equal(formatDriftText(computeDrift(before, now), { snapshotSource: "ops/s.json", snapshotTakenAt: null }), [
      "Drift: app app (ap-southeast-1, all groups) against ops/s.json; 9 changes, 1 group unchanged.",
      "", "Added (1):", `  + new  "NEW"  (live, ${created}, no admins)`,
      "", "Removed (no longer listed at all) (1):", `  - r1  "R1"  (live, ${created}, admins "a1")`,
      "", "Newly deleted (still listed, flagged deleted) (1):", `  x d1  "D1"  (deleted, ${created}, admins "a1")`,
      "", "Restored (deleted in the snapshot, live now) (1):", `  ^ u1  "U1"  (live, ${created}, admins "a1")`,
      "", "Renamed (1):", '  ~ n1  "N1" -> "N2"',
      // Infos are cut at 200 columns, the "…" included.
      "", "Info changed (1):", "  ~ i1", `      was "${"x".repeat(199)}…"`, `      now "${"y".repeat(199)}…"`,
      "", "Admins changed (1):", '  ~ a1  -"a1"',
      "", "Creator changed (1):", '  ~ c1  "c" -> "c2"',
      "", "Re-created (creation time changed) (1):", "  ~ t1  2023-11-14 22:13:20 -> 2023-11-14 22:14:20 UTC",
      "",
    ].join("\n"));
    assert.match(formatDriftText(computeDrift(before, before.groups.slice(1)), context), /^Drift: .*; 1 change, 8 groups unchanged\.$/m);
  });

  it("writes a versioned JSON report", () => {
    const report = JSON.parse(formatDriftJson(computeDrift(snapshot, [g("g1"), g("g2"), g("g3")]), context)) as Record<string, unknown>;
    assert.equal(report.format, DRIFT_REPORT_FORMAT);
    // The documented name CI scripts check for, not only the module's constant.
    assert.equal(DRIFT_REPORT_FORMAT, "live-message-groups/drift@1");
    assert.equal(report.drifted, true);
    assert.deepEqual((report.counts as Record<string, number>).removed, 1);
    assert.deepEqual(((report.changes as Record<string, { groupId: string }[]>).removed ?? []).map((x) => x.groupId), ["g4"]);
    assert.equal(report.snapshotTakenAt, "2024-01-01T00:00:00.000Z");
  });

  // lines.push(...section) spread one argument per entry: RangeError (exit 1, not 2) past about 125,000.
  it("reports a section of 130,000 entries (no call-stack overflow)", () => {
    const empty = createSnapshot({ appId: "app", dataCenter: "cn-shanghai", groupStatus: "all", groups: [] });
    const groups = Array.from({ length: 130_000 }, (_, i) => g(`group-${String(i).padStart(7, "0")}`));
    const lines = formatDriftText(computeDrift(empty, groups), context).trimEnd().split("\n");
    assert.equal(lines[2], "Added (130000):");
    assert.equal(lines.length, 3 + 130_000);
    assert.match(lines.at(-1) ?? "", /^ {2}\+ group-0129999 {2}"GROUP-0129999" /);
  });

  // Ids were cut at 60 columns: two distinct 64-character ids printed identically.
  it("never cuts a group id; escapes it as the table does", () => {
    const [long1, long2] = ["G".repeat(64), "G".repeat(60) + "HHHH"];
    const before = createSnapshot({ appId: "app", dataCenter: "cn-shanghai", groupStatus: "all", groups: [g(long1), g(long2), g("lit\\x1b")] });
    const text = formatDriftText(computeDrift(before, [g(long1, { groupName: "x" }), g(long2, { groupName: "y" }), g("lit\\x1b", { groupName: "z" })]), context);
    assert.ok(text.includes(`  ~ ${long1}  "${"G".repeat(59)}…" -> "x"`), text);
    assert.ok(text.includes(`  ~ ${long2}  "${"G".repeat(59)}…" -> "y"`), text);
    assert.ok(text.includes('  ~ lit\\\\x1b  '), text);
  });

  // "N" x 4999 + "M" -> "N" x 5000 printed the same 60 columns on both sides.
  it("a rename whose sides differ only past the cut shows both from just before the difference", () => {
    const before = createSnapshot({ appId: "app", dataCenter: "cn-shanghai", groupStatus: "all", groups: [g("g1", { groupName: "N".repeat(4999) + "M" }), g("g2", { groupInfo: "i".repeat(500) })] });
    const text = formatDriftText(computeDrift(before, [g("g1", { groupName: "N".repeat(5000) }), g("g2", { groupInfo: "i".repeat(500) + "!" })]), context);
    assert.ok(text.includes(`  ~ g1  "…${"N".repeat(10)}M" -> "…${"N".repeat(11)}"`), text);
    assert.ok(text.includes(`      was "…${"i".repeat(11)}"\n      now "…${"i".repeat(11)}!"`), text);
    // A difference in the middle: shown from just before it, not from ten graphemes before the end
    // (where both sides read the same again).
    const middle = formatDriftText(computeDrift(before, [g("g1", { groupName: "N".repeat(2000) + "O" + "N".repeat(2999) })]), context);
    assert.ok(middle.includes(`  ~ g1  "…${"N".repeat(58)}…" -> "…${"N".repeat(10)}O${"N".repeat(47)}…"`), middle);
    // Sides that differ within the cut are cut at the end as before.
    const plain = formatDriftText(computeDrift(before, [g("g1", { groupName: "O".repeat(100) })]), context);
    assert.ok(plain.includes(`  ~ g1  "${"N".repeat(59)}…" -> "${"O".repeat(59)}…"`), plain);
  });

  // Admin ids were neither quoted nor escaped: ["a -b"] read as two admins, a "\" as an escape.
  it("quotes and escapes admin ids, and never cuts them", () => {
    const longAdmin = "A".repeat(80);
    const before = createSnapshot({ appId: "app", dataCenter: "cn-shanghai", groupStatus: "all", groups: [g("g1", { adminList: ["a -b", 'q"\\'] })] });
    const text = formatDriftText(computeDrift(before, [g("g1", { adminList: [longAdmin, "e\u001b"] }), g("g2", { adminList: ["x y", "z"] })]), context);
    assert.ok(text.includes(`  ~ g1  +"${longAdmin}" +"e\\x1b" -"a -b" -"q\\"\\\\"`), text);
    assert.ok(text.includes('admins "x y","z")'), text);
  });
});
