/**
 * `npm run bench`'s Redis rows (bench/run.ts startRedis): when they are skipped, the reason printed
 * is the one that happened. A redis-server that is installed but exits at once is not reported as
 * "not installed", and the answer comes when it exits, not after polling its port for 5 s.
 */
import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startRedis } from "../../bench/run";

describe("bench: starting redis-server for the Redis rows", () => {
  let dir: string;
  let savedPath: string | undefined;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "lmg-bench-redis-"));
    savedPath = process.env.PATH;
  });

  afterEach(() => {
    process.env.PATH = savedPath;
    rmSync(dir, { recursive: true, force: true });
  });

  it("a redis-server that exits before listening is reported as exited, with its code", async () => {
    const fake = path.join(dir, "redis-server");
    writeFileSync(fake, "#!/bin/sh\nexit 3\n");
    chmodSync(fake, 0o755);
    process.env.PATH = `${dir}${path.delimiter}${savedPath ?? ""}`;
    const started = await startRedis();
    assert.ok(started !== null && "failure" in started, `expected a failure, got ${JSON.stringify(started)}`);
    assert.equal(started.failure, "redis-server exited with code 3 before accepting connections");
  });

  it("no redis-server on the PATH is reported as not installed", async () => {
    process.env.PATH = dir;
    const started = await startRedis();
    assert.ok(started !== null && "failure" in started, `expected a failure, got ${JSON.stringify(started)}`);
    assert.equal(started.failure, "redis-server is not installed (apt-get install redis-server)");
  });
});
