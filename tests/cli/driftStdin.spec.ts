import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { StopRequest } from "../../cli/cliIo";
import { runCli } from "../../cli/runCli";
import { memoryIo } from "./helpers/memoryIo";

describe("cli drift --snapshot - (stdin)", () => {
  it("a stop signal while it waits on a stdin that never ends ends the run at once: exit 143, one line", async () => {
    const controller = new AbortController();
    const stdin = new PassThrough();
    stdin.write("{"); // a producer that started, then hangs
    const io = { ...memoryIo(), signal: controller.signal, stdin };
    const run = runCli(["drift", "--endpoint", "http://127.0.0.1:9", "--snapshot", "-"], io);
    // Once it is reading (the chunk written is consumed), stop it.
    while (stdin.readableLength > 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new StopRequest("SIGTERM"));
    assert.equal(await run, 143);
    assert.equal(io.err(), "live-message-groups drift: terminated\n");
  });
});
