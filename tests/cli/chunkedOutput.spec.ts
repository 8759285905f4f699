/**
 * Large outputs are rendered in chunks (a thousand groups each) rather than as one string: the
 * bytes must be those the whole-string renderers wrote, across chunk boundaries, and writeOutput
 * must stay all-or-nothing: stdout gets nothing until every chunk is rendered, and an `-o` file,
 * whose temporary file is written as the chunks come, is never left half-written.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "csv-stringify/sync";
import type { LiveMessageGroup, LiveMessageGroupList } from "../../sdk";
import { CSV_COLUMNS, renderList, renderListChunks } from "../../cli/commands/listCommand";
import { StopRequest, writeOutput } from "../../cli/cliIo";
import { displayWidth, escapeText, formatTable } from "../../cli/displayText";
import { CHUNK_ITEMS, toJsonText } from "../../cli/jsonText";
import { createSnapshot, serializeSnapshot, serializeSnapshotChunks } from "../../cli/snapshot";
import { memoryIo } from "./helpers/memoryIo";

/** Past two chunk boundaries. */
const COUNT = 2 * CHUNK_ITEMS + 7;

/** Groups with what each renderer escapes, quotes or measures: CJK, emoji, controls, bidi, CSV's specials. */
const groups: LiveMessageGroup[] = Array.from({ length: COUNT }, (_, i) => ({
  groupId: `g-${String(i).padStart(5, "0")}${i % 97 === 0 ? "\u202e" : ""}`,
  groupName: i % 3 === 0 ? `直播间 ${i} 😀` : `room "${i}", a\u001b[31m`,
  groupInfo: i % 5 === 0 ? `{"k":"v${"\u2028"}"}\r\nline` : `info ${i}\u200b`,
  creatorId: `user-${i}`,
  adminList: i % 4 === 0 ? [] : [`a;${i}`, "b\\c", "d,e"],
  createTime: 1_700_000_000 + i,
  deleted: i % 10 === 0,
}));
// The widest cell of every column is in the last chunk: the first chunk's rows must be padded for it.
groups[COUNT - 1] = { ...groups[COUNT - 1] as LiveMessageGroup, groupId: "g-last-".padEnd(36, "x"), groupName: "宽".repeat(20), creatorId: "c".repeat(30) };

const list: LiveMessageGroupList = {
  appId: "app", dataCenter: "cn-shanghai", groupStatus: "all", sortOrder: "asc", totalCount: COUNT, requests: 1, retries: 0, elapsedMs: 0, groups,
};

describe("cli chunked output: the same bytes as one string", () => {
  it("--format json is toJsonText of the whole listing", () => {
    const { appId, dataCenter, groupStatus, sortOrder, totalCount } = list;
    assert.equal(renderList(list, "json", false), toJsonText({ appId, dataCenter, groupStatus, sortOrder, totalCount, groups }));
    assert.equal(renderList({ ...list, groups: [], totalCount: 0 }, "json", false), toJsonText({ appId, dataCenter, groupStatus, sortOrder, totalCount: 0, groups: [] }));
  });

  it("--ids-only --format json is toJsonText of the ids, and [] for none", () => {
    assert.equal(renderList(list, "json", true), toJsonText(groups.map((group) => group.groupId)));
    assert.equal(renderList({ ...list, groups: [] }, "json", true), "[]\n");
  });

  it("--format csv is csv-stringify of every record at once (one header)", () => {
    const rows = groups.map((group) => ({ ...group, adminList: group.adminList.map((id) => id.replace(/[\\;]/g, "\\$&")).join(";") }));
    const whole = stringify(rows, { record_delimiter: "\r\n", quoted_match: /[\r\n]/, header: true, columns: [...CSV_COLUMNS], cast: { boolean: String } });
    assert.equal(renderList(list, "csv", false), whole);
    assert.equal(renderList(list, "csv", true), stringify(groups.map((group) => [group.groupId]), { record_delimiter: "\r\n", quoted_match: /[\r\n]/ }));
    assert.equal(renderList({ ...list, groups: [] }, "csv", false), "groupId,groupName,groupInfo,creatorId,adminList,createTime,deleted\r\n");
    assert.equal(renderList({ ...list, groups: [] }, "csv", true), "");
  });

  it("--ids-only is one escaped line per id", () => {
    assert.equal(renderList(list, "table", true), groups.map((group) => escapeText(group.groupId) + "\n").join(""));
  });

  it("the table has one line per group, every chunk padded to the widest cell of all", () => {
    const table = renderList(list, "table", false);
    const lines = table.split("\n");
    assert.equal(lines.length, COUNT + 2, "the title, a line per group, and the final newline");
    assert.equal(lines.at(-1), "");
    // The rows of the first and the last group are those of a table of only them (its widths are the last one's).
    const alone = formatTable([groups[0] as LiveMessageGroup, groups[COUNT - 1] as LiveMessageGroup]).split("\n");
    assert.deepEqual([lines[0], lines[1], lines[COUNT]], alone.slice(0, 3));
    const created = (line: string): number => displayWidth(line.slice(0, line.search(/20\d\d-/)));
    assert.equal(new Set(lines.slice(1, -1).map(created)).size, 1, "CREATED starts at the same column on every row");
    assert.equal(renderList({ ...list, groups: [] }, "table", false), "No groups.\n");
  });

  it("a snapshot is serializeSnapshot's text", () => {
    for (const taken of [{}, { takenAt: new Date(1_700_000_000_000) }]) {
      const snapshot = createSnapshot({ appId: "app", dataCenter: "cn-shanghai", groupStatus: "all", groups, ...taken });
      assert.equal([...serializeSnapshotChunks(snapshot)].join(""), serializeSnapshot(snapshot));
      const empty = createSnapshot({ appId: "app", dataCenter: "cn-shanghai", groupStatus: "all", groups: [], ...taken });
      assert.equal([...serializeSnapshotChunks(empty)].join(""), serializeSnapshot(empty));
    }
  });

  // Every other count here ends in a part-filled chunk: a loop that ran once more at an exact
  // multiple wrote the closing "]" twice (invalid JSON for an app of 1000 or 2000 groups).
  it("is the same bytes when the last chunk is full (a multiple of CHUNK_ITEMS items)", () => {
    const full = groups.slice(0, 2 * CHUNK_ITEMS);
    const { appId, dataCenter, groupStatus, sortOrder } = list;
    const exact = { ...list, groups: full, totalCount: full.length };
    assert.equal(renderList(exact, "json", false), toJsonText({ appId, dataCenter, groupStatus, sortOrder, totalCount: full.length, groups: full }));
    assert.equal(renderList(exact, "json", true), toJsonText(full.map((group) => group.groupId)));
    assert.equal(renderList(exact, "table", true), full.map((group) => escapeText(group.groupId) + "\n").join(""));
    assert.equal(renderList(exact, "csv", true), stringify(full.map((group) => [group.groupId]), { record_delimiter: "\r\n", quoted_match: /[\r\n]/ }));
    const snapshot = createSnapshot({ appId: "app", dataCenter: "cn-shanghai", groupStatus: "all", groups: full });
    assert.equal([...serializeSnapshotChunks(snapshot)].join(""), serializeSnapshot(snapshot));
  });

  it("comes in more than one chunk (the whole text is never one string)", () => {
    for (const format of ["table", "json", "csv"] as const) {
      for (const idsOnly of [false, true]) assert.equal([...renderListChunks(list, format, idsOnly)].length, 3, `${format} ${idsOnly}`);
    }
  });
});

describe("cli writeOutput of chunks: all or nothing", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), "lmg-chunks-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Two chunks, then `then` (throws, or aborts and goes on). */
  function* chunks(then: () => void): Generator<string> {
    yield "first\n";
    yield "second\n";
    then();
    yield "third\n";
  }
  const failure = new Error("render failed");

  it("writes every chunk, in order, to stdout and to an -o file", async () => {
    const io = { ...memoryIo(), cwd: dir };
    await writeOutput(io, chunks(() => undefined), undefined);
    assert.equal(io.out(), "first\nsecond\nthird\n");
    await writeOutput(io, chunks(() => undefined), "out.txt");
    assert.equal(readFileSync(path.join(dir, "out.txt"), "utf8"), "first\nsecond\nthird\n");
    assert.deepEqual(readdirSync(dir), ["out.txt"]);
  });

  it("a render that fails after some chunks writes nothing to stdout", async () => {
    let written = "";
    const io = { ...memoryIo(), cwd: dir, stdout: { write: (text: string) => (written += text) } };
    await assert.rejects(writeOutput(io, chunks(() => { throw failure; }), undefined), (error) => error === failure);
    assert.equal(written, "");
  });

  // The render's own error as it is, not "cannot write": a bug (a TypeError) is still reported as an internal error.
  it("a render that fails after some chunks leaves no -o file, and one already there as it was", async () => {
    const io = { ...memoryIo(), cwd: dir };
    await assert.rejects(writeOutput(io, chunks(() => { throw failure; }), "new.txt"), (error) => error === failure);
    writeFileSync(path.join(dir, "old.txt"), "before\n");
    await assert.rejects(writeOutput(io, chunks(() => { throw failure; }), "old.txt"), (error) => error === failure);
    assert.deepEqual(readdirSync(dir), ["old.txt"], "no new file, no temporary file");
    assert.equal(readFileSync(path.join(dir, "old.txt"), "utf8"), "before\n");
  });

  // A signal that comes during the render is dispatched at the next turn of the event loop; here
  // it aborts between two chunks, as its handler would once the chunk's write has let it run.
  it("a signal during the render writes nothing to stdout, and stops with its reason", async () => {
    let written = "";
    const controller = new AbortController();
    const io = { ...memoryIo(), cwd: dir, signal: controller.signal, stdout: { write: (text: string) => (written += text) } };
    await assert.rejects(writeOutput(io, chunks(() => controller.abort(new StopRequest("SIGTERM"))), undefined), (error) => error === controller.signal.reason);
    assert.equal(written, "");
  });

  it("a signal during the render of an -o file leaves no file and no temporary file, and stops with its reason", async () => {
    const controller = new AbortController();
    const io = { ...memoryIo(), cwd: dir, signal: controller.signal };
    writeFileSync(path.join(dir, "old.txt"), "before\n");
    await assert.rejects(writeOutput(io, chunks(() => controller.abort(new StopRequest("SIGINT"))), "old.txt"), (error) => error === controller.signal.reason);
    assert.deepEqual(readdirSync(dir), ["old.txt"]);
    assert.equal(readFileSync(path.join(dir, "old.txt"), "utf8"), "before\n");
  });

  it("a signal after the last chunk still keeps the -o file from being replaced", async () => {
    const controller = new AbortController();
    const io = { ...memoryIo(), cwd: dir, signal: controller.signal };
    function* abortAtEnd(): Generator<string> {
      yield "only\n";
      controller.abort(new StopRequest("SIGTERM"));
    }
    await assert.rejects(writeOutput(io, abortAtEnd(), "new.txt"), (error) => error === controller.signal.reason);
    assert.deepEqual(readdirSync(dir), []);
  });
});
