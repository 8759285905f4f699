/**
 * A signal that arrives while a large output is being rendered is handled once rendering returns,
 * when the listing is already over: writeOutput is where the run must still stop. A review helper's
 * SIGTERM during the 20 s render of a 100,000-group table was answered by a complete -o file (exit 0).
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { constants, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { Socket } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { removeTemporaries, StopRequest, writeOutput } from "../../cli/cliIo";
import { memoryIo } from "./helpers/memoryIo";

describe("cli writeOutput after a signal", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), "lmg-stopped-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const stopped = () => {
    const controller = new AbortController();
    controller.abort(new StopRequest("SIGTERM"));
    return { ...memoryIo(), cwd: dir, signal: controller.signal, out: () => "" };
  };

  it("writes no -o file, and leaves one already there as it was", async () => {
    const io = stopped();
    await assert.rejects(writeOutput(io, "table\n", "new.txt"), (error) => error === io.signal.reason);
    writeFileSync(path.join(dir, "old.txt"), "before\n");
    await assert.rejects(writeOutput(io, "table\n", "old.txt"), (error) => error === io.signal.reason);
    assert.deepEqual(readdirSync(dir), ["old.txt"], "no new file, no temporary file");
    assert.equal(readFileSync(path.join(dir, "old.txt"), "utf8"), "before\n");
  });

  it("writes nothing to stdout either", async () => {
    let written = "";
    const io = { ...stopped(), stdout: { write: (text: string) => (written += text) } };
    await assert.rejects(writeOutput(io, "table\n", undefined), (error) => error instanceof StopRequest);
    assert.equal(written, "");
  });

  it("two writes of one -o path by processes of one pid (containers sharing a volume) each go through a temporary file of their own", async () => {
    // Two writes at once in this process stand for them: the temporary file was `<path>.<pid>.tmp`,
    // so one's rename took the other's file and the other failed (ENOENT) or renamed a mixed one.
    const io = { ...memoryIo(), cwd: dir, signal: new AbortController().signal, out: () => "" };
    const texts = ["a\n".repeat(200_000), "b\n".repeat(200_000)];
    const results = await Promise.allSettled(texts.map((text) => writeOutput(io, text, "same.txt")));
    assert.deepEqual(results.map((r) => r.status), ["fulfilled", "fulfilled"], JSON.stringify(results.map((r) => r.status === "rejected" ? String(r.reason) : "")));
    assert.ok(texts.includes(readFileSync(path.join(dir, "same.txt"), "utf8")), "one write's text, whole");
    assert.deepEqual(readdirSync(dir), ["same.txt"], "no temporary file left");
  });

  // A signal that came during a synchronous render is dispatched on a later turn of the event loop
  // (here: an immediate queued before the write, as the signal's handler is).
  it("a signal dispatched after the render returns still stops the write to stdout", async () => {
    let written = "";
    const controller = new AbortController();
    const io = { ...memoryIo(), cwd: dir, signal: controller.signal, stdout: { write: (text: string) => (written += text) } };
    setImmediate(() => controller.abort(new StopRequest("SIGTERM")));
    await assert.rejects(writeOutput(io, "table\n", undefined), (error) => error instanceof StopRequest);
    assert.equal(written, "");
  });

  it("removeTemporaries (a second signal, which exits at once) removes the temporary file being written, and forgets one renamed into place", async () => {
    // The first signal's clean-up is asynchronous: a second one exited before it, and a double
    // Ctrl-C left `<file>.<pid>.<random>.tmp` beside the file.
    const io = { ...memoryIo(), cwd: dir, signal: new AbortController().signal, out: () => "" };
    const seen: string[][] = [];
    function* chunks(): Generator<string> {
      yield "a\n";
      seen.push(readdirSync(dir));
      removeTemporaries();
      seen.push(readdirSync(dir));
      yield "b\n";
    }
    await assert.rejects(writeOutput(io, chunks(), "snap.json"), /cannot write snap\.json: ENOENT/);
    assert.equal(seen[0]?.length, 1, "the temporary file, while it is written");
    assert.match(seen[0]?.[0] ?? "", /^snap\.json\.\d+\.[0-9a-f]{12}\.tmp$/);
    assert.deepEqual(seen[1], [], "removed");
    assert.deepEqual(readdirSync(dir), []);
    // A file written to the end is no longer noted: a later second signal leaves it alone.
    await writeOutput(io, "kept\n", "snap.json");
    removeTemporaries();
    assert.equal(readFileSync(path.join(dir, "snap.json"), "utf8"), "kept\n");
  });

  it("a stop signal ends the write to a FIFO whose reader stopped reading (only SIGKILL ended the run)", async () => {
    const fifo = path.join(dir, "fifo");
    execFileSync("mkfifo", [fifo]);
    // A reader that reads one buffer, then nothing: the rest of the output fills the pipe.
    const reader = new Socket({ fd: openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK), readable: true, writable: false });
    const controller = new AbortController();
    const io = { ...memoryIo(), cwd: dir, signal: controller.signal };
    const writing = writeOutput(io, "x".repeat(4 << 20), fifo);
    writing.catch(() => undefined);
    try {
      await once(reader, "readable");
      controller.abort(new StopRequest("SIGTERM"));
      let guard: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        writing.then(() => "written", (error: unknown) => error),
        new Promise((resolve) => (guard = setTimeout(() => resolve("still writing 5 s after the signal"), 5000))),
      ]);
      clearTimeout(guard);
      assert.equal(outcome, io.signal.reason);
    } finally {
      // Drained, so that a write that did not stop ends (a thread blocked in it kept the test process alive).
      reader.resume();
      await Promise.race([once(reader, "close"), writing.then(() => undefined, () => undefined)]);
      reader.destroy();
    }
  });
});
