import assert from "node:assert/strict";
import type { LiveMessageGroup } from "../../sdk";
import { displayWidth, escapeControl, formatTable, formatUnixSeconds, truncateToWidth } from "../../cli/displayText";

const g = (patch: Partial<LiveMessageGroup>): LiveMessageGroup => ({
  groupId: "g1", groupName: "Name", groupInfo: "", creatorId: "u1", adminList: [], createTime: 0, deleted: false, ...patch,
});

describe("cli/formatTable", () => {
  const truncations: [string, number, string][] = [
    ["short", 10, "short"],
    ["exactly10!", 10, "exactly10!"],
    ["longer than ten", 10, "longer th…"],
    ["群组名称很长很长", 7, "群组名…"],
    ["😀😀😀", 4, "😀…"],
    // Emoji the old code-point table measured wrong: a wide emoji outside its ranges, a skin
    // tone, a ZWJ family (one glyph of 2 columns, never cut inside), a flag.
    ["⚡⚡⚡", 4, "⚡…"],
    ["👍🏽👍🏽👍🏽", 5, "👍🏽👍🏽…"],
    ["👨‍👩‍👧x👨‍👩‍👧", 4, "👨‍👩‍👧x…"],
    ["🇨🇳🇨🇳", 3, "🇨🇳…"],
  ];
  for (const [text, width, expected] of truncations) {
    it(`truncates ${JSON.stringify(text)} to ${width} columns`, () => {
      const cut = truncateToWidth(text, width);
      assert.equal(cut, expected);
      assert.ok(displayWidth(cut) <= width);
    });
  }

  const widths: [string, number][] = [["⚡", 2], ["👍🏽", 2], ["👨‍👩‍👧", 2], ["🇨🇳", 2], ["直播", 4], ["é", 1], ["abc", 3]];
  for (const [text, width] of widths) it(`${text} is ${width} columns wide`, () => assert.equal(displayWidth(text), width));

  it("aligns columns after emoji names", () => {
    const table = formatTable([g({ groupId: "a", groupName: "👨‍👩‍👧 family" }), g({ groupId: "b", groupName: "⚡ fast" }), g({ groupId: "c", groupName: "plain" })]);
    const createdAt = table.split("\n").slice(0, 4).map((line) => displayWidth(line.slice(0, line.indexOf("1970"))));
    assert.equal(new Set(createdAt.slice(1)).size, 1, table);
  });

  it("escapes control characters, including ANSI escapes", () => {
    assert.equal(escapeControl("a\nb\tc\u001b[31m"), "a\\nb\\tc\\x1b[31m");
    // And what reorders or breaks a line where it is shown: bidirectional controls, line and paragraph separators.
    assert.equal(escapeControl("a\u202eb\u2066c\u2069d\u200fe\u061cf\u2028g\u2029h"), "a\\u202eb\\u2066c\\u2069d\\u200fe\\u061cf\\u2028g\\u2029h");
    assert.equal(escapeControl("直播 ok \u00e9"), "直播 ok \u00e9");
    // And what shows as nothing: "g1" and "g\u200b1" must not look the same in a drift report.
    assert.equal(escapeControl("g\u200b1\u2060\u2064\ufeff"), "g\\u200b1\\u2060\\u2064\\ufeff");
    // The zero-width joiners stay: an emoji sequence, and Persian's non-joiner.
    assert.equal(escapeControl("👨\u200d👩 \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"), "👨\u200d👩 \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645");
  });

  it("an admin ID with a comma, a quote or a space at an end, or empty, is quoted in the ADMINS cell: a,b + c and a + b,c differ", () => {
    const admins = (adminList: string[]): string => {
      const lines = formatTable([g({ groupId: "x", adminList })]).split("\n");
      const start = (lines[0] ?? "").indexOf("ADMINS");
      return (lines[1] ?? "").slice(start).split("  ")[0] as string;
    };
    assert.equal(admins(["a,b", "c"]), '"a,b",c');
    assert.equal(admins(["a", "b,c"]), 'a,"b,c"');
    assert.equal(admins(['say "hi"', ""]), '"say ""hi""",""');
    assert.equal(admins([" lead", "trail "]), '" lead","trail "');
    assert.equal(admins(["u-1", "user_2@example"]), "u-1,user_2@example");
  });

  it("table cells double a backslash before escaping control characters: a literal \\x1b is not an ESC", () => {
    const lines = formatTable([g({ groupId: "lit", groupName: "a\\x1b" }), g({ groupId: "esc", groupName: "a\u001b" })]).split("\n");
    assert.match(lines[1] ?? "", /^lit +a\\\\x1b /);
    assert.match(lines[2] ?? "", /^esc +a\\x1b /);
  });

  it("formats unix seconds as UTC", () => {
    assert.equal(formatUnixSeconds(1_700_000_000), "2023-11-14 22:13:20");
    // Past what a Date holds: shown as the number, not a crash of the table or the drift report.
    assert.equal(formatUnixSeconds(1e14), "unix 100000000000000");
    // Milliseconds sent as seconds: a year past 9999 printed cut and signed ("+056302-05-26 00:00").
    assert.equal(formatUnixSeconds(1_714_564_800_000), "unix 1714564800000");
    assert.equal(formatUnixSeconds(253_402_300_799), "9999-12-31 23:59:59");
    assert.equal(formatUnixSeconds(253_402_300_800), "unix 253402300800");
    assert.equal(formatUnixSeconds(-62_167_219_200), "0000-01-01 00:00:00");
    assert.equal(formatUnixSeconds(-62_167_219_201), "unix -62167219201");
    assert.equal(formatUnixSeconds(Number.NaN), "unix NaN");
  });

  it("aligns columns and keeps one row per group", () => {
    const table = formatTable([
      g({ groupId: "g1", groupName: "short", adminList: ["a", "b"] }),
      g({ groupId: "g-long-id", groupName: "x".repeat(100), groupInfo: "line1\nline2", deleted: true }),
    ]);
    const lines = table.trimEnd().split("\n");
    assert.equal(lines.length, 3);
    assert.match(lines[0] ?? "", /^GROUP ID\s+NAME\s+CREATED \(UTC\)\s+STATUS\s+CREATOR\s+ADMINS\s+INFO$/);
    const nameColumn = (lines[0] ?? "").indexOf("NAME");
    assert.equal((lines[1] ?? "").indexOf("short"), nameColumn);
    assert.ok((lines[2] ?? "").includes("x".repeat(27) + "…"));
    assert.ok((lines[2] ?? "").includes("line1\\nline2"));
    assert.ok((lines[2] ?? "").includes("deleted"));
  });

  it("fits the terminal width when given", () => {
    const table = formatTable([g({ groupInfo: "i".repeat(200) })], 120);
    for (const line of table.trimEnd().split("\n")) assert.ok(displayWidth(line) <= 120, line);
  });

  // Math.max(title, ...column) spread one argument per row: RangeError past about 126,000 groups.
  it("renders 130,000 groups (no call-stack overflow)", () => {
    const groups = Array.from({ length: 130_000 }, (_, i) => g({ groupId: `group-${i}`, createTime: 1_600_000_000 + i }));
    const lines = formatTable(groups).trimEnd().split("\n");
    assert.equal(lines.length, 130_001);
    assert.match(lines[130_000] ?? "", /^group-129999 +Name +2020-09-15 00:33:19 /);
  });

  it("cuts long non-ASCII text by reading no more of it than it shows", () => {
    assert.equal(truncateToWidth("群".repeat(1_000_000), 7), "群群群…");
    assert.equal(truncateToWidth("é".repeat(10), 10), "é".repeat(10));
    assert.equal(truncateToWidth("é".repeat(11), 10), "é".repeat(9) + "…");
    assert.equal(truncateToWidth("abc", 0), "…");
  });
});
