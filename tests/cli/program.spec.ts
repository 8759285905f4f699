import assert from "node:assert/strict";
import { parseLatency } from "../../cli/commands/emulatorCommand";
import { UsageError } from "../../cli/program";
import { buildProgram, runCli } from "../../cli/runCli";
import { memoryIo } from "./helpers/memoryIo";
import { parseListing as request } from "./helpers/parseListing";

describe("cli argument parsing", () => {
  it("maps flags to sdk options", () => {
    assert.deepEqual(
      request(["--app-id", "app", "--data-center", "ap-southeast-1", "--status", "deleted", "--order=desc", "--page-size", "20",
        "--endpoint", "http://127.0.0.1:9000", "--rps", "12.5", "--concurrency", "4", "--max-attempts", "3", "--timeout", "90s"]),
      {
        appId: "app", dataCenter: "ap-southeast-1", groupStatus: "deleted", sortOrder: "desc", pageSize: 20,
        endpoint: "http://127.0.0.1:9000", requestsPerSecond: 12.5, concurrency: 4, maxAttempts: 3, timeoutMs: 90_000,
      },
    );
  });

  it("reads $LIVE_MESSAGE_GROUPS_ENDPOINT when --endpoint is absent; --endpoint wins; a bad value names the variable", () => {
    const env = { LIVE_MESSAGE_GROUPS_ENDPOINT: "http://127.0.0.1:9100" };
    assert.equal(request(["--app-id", "a"], env).endpoint, "http://127.0.0.1:9100");
    assert.equal(request(["--app-id", "a", "--endpoint", "http://127.0.0.1:9200"], env).endpoint, "http://127.0.0.1:9200");
    // Set but empty is unset; blank is a mistake, named (the Pulumi layer says the same).
    assert.equal(request(["--app-id", "a"], { LIVE_MESSAGE_GROUPS_ENDPOINT: "" }).endpoint, undefined);
    assert.throws(() => request(["--app-id", "a"], { LIVE_MESSAGE_GROUPS_ENDPOINT: " " }), /^UsageError: invalid value for \$LIVE_MESSAGE_GROUPS_ENDPOINT/);
    assert.throws(() => request(["--app-id", "a"], { LIVE_MESSAGE_GROUPS_ENDPOINT: " http://127.0.0.1:9100" }), /^UsageError: invalid value for \$LIVE_MESSAGE_GROUPS_ENDPOINT/);
    assert.throws(() => request(["--app-id", "a"], { LIVE_MESSAGE_GROUPS_ENDPOINT: "http://example.com" }),
      /^UsageError: invalid value for \$LIVE_MESSAGE_GROUPS_ENDPOINT: expected https:\/\/ or a bare host/);
  });

  it("names $LIVE_MESSAGE_GROUPS_QUOTA_KEY and _REDIS_URL (read by the sdk) when their value is refused, in the flags' words, before any request; a flag wins; a URL's password is never echoed", () => {
    // Good values and empty ones stay the sdk's to read: nothing in the request.
    assert.deepEqual(request(["--app-id", "a"], { LIVE_MESSAGE_GROUPS_QUOTA_KEY: "acct-1", LIVE_MESSAGE_GROUPS_REDIS_URL: "redis://:pw@127.0.0.1:6379" }), { appId: "a" });
    assert.deepEqual(request(["--app-id", "a"], { LIVE_MESSAGE_GROUPS_QUOTA_KEY: "", LIVE_MESSAGE_GROUPS_REDIS_URL: "" }), { appId: "a" });
    assert.throws(() => request(["--app-id", "a"], { LIVE_MESSAGE_GROUPS_QUOTA_KEY: " padded" }),
      /^UsageError: invalid value for \$LIVE_MESSAGE_GROUPS_QUOTA_KEY: expected a non-empty string of Unicode text without control characters or surrounding spaces, at most 256 characters, received " padded"$/);
    assert.throws(() => request(["--app-id", "a"], { LIVE_MESSAGE_GROUPS_REDIS_URL: "http://user:s3cr3t@host" }), (error: Error) => {
      assert.match(error.message, /^invalid value for \$LIVE_MESSAGE_GROUPS_REDIS_URL: expected a redis:\/\/ or rediss:\/\/ URL.*: it does not start with redis:\/\/ or rediss:\/\/$/);
      assert.doesNotMatch(error.message, /s3cr3t/);
      return true;
    });
    assert.equal(request(["--app-id", "a", "--quota-key", "acct-2"], { LIVE_MESSAGE_GROUPS_QUOTA_KEY: " padded" }).quotaKey, "acct-2");
    assert.equal(request(["--app-id", "a", "--redis-url", "redis://127.0.0.1:6379"], { LIVE_MESSAGE_GROUPS_REDIS_URL: "http://x" }).redisUrl, "redis://127.0.0.1:6379");
  });

  it("leaves defaults to the sdk", () => {
    assert.deepEqual(request(["--app-id", "app"]), { appId: "app" });
  });

  // No spec passed --polite: the flag could be dropped, or parsed and not passed on (the sdk then
  // spends the window's budget at once, as without it), and every spec passed.
  it("--polite asks the sdk not to burst", () => {
    assert.deepEqual(request(["--app-id", "app", "--polite"]), { appId: "app", burst: false });
  });

  const errors: [string[], string][] = [
    [["--app-id", "a", "--bogus"], "unknown flag --bogus"],
    [["--app-id", "a", "--bogus=s3cr3t-value"], "unknown flag --bogus"],
    [["--app-id", "a", "-x"], "unknown flag -x"],
    // A short flag with text glued to it (a pasted secret): the flag only.
    [["--app-id", "odd", "-xsecretlikeAbCdEfGhIjKlMn0123"], "unknown flag -x (see"],
    [["--app-id"], "flag --app-id needs a value"],
    [["--app-id", "a", "--quiet=yes"], "flag --quiet does not take a value"],
    // The stray argument is named (`--app-id my app`), quoted and escaped; a long one, which may be
    // a pasted secret, only by its length.
    [["--app-id", "my", "app"], 'unexpected argument "app" (this command takes flags only)'],
    [["--app-id", "a", 'x"\\\u001b[2J'], 'unexpected argument "x\\"\\\\\\x1b[2J" (this command takes flags only)'],
    [["--app-id", "a", "averyveryverylongsecretlikething"], "unexpected argument of 32 characters, not shown as it may be a secret (this command takes flags only)"],
    // A single-value flag given twice is a mistake, not "the last one wins".
    [["--app-id", "a", "--app-id", "b"], "flag --app-id was given more than once (it takes one value)"],
    [["--app-id", "a", "--page-size", "5", "--page-size=7"], "flag --page-size was given more than once"],
    // commander suggests the flag meant.
    [["--app-id", "a", "--pagesize", "5"], "unknown flag --pagesize (did you mean --page-size?)"],
    [[], "missing required flag --app-id"],
    // A misspelt required flag is that unknown flag, with the suggestion, not "missing --app-id"
    // (commander checks required flags first); its value is never echoed.
    [["--appid", "a"], "unknown flag --appid (did you mean --app-id?)"],
    [["--appId=s3cr3t", "--quiet"], "unknown flag --appId (did you mean --app-id?)"],
    [["--quiet=yes"], "flag --quiet does not take a value"],
    [["--app-id", " "], 'invalid value for --app-id: expected a non-empty string of Unicode text without control characters or surrounding spaces, received " "'],
    [["--app-id", "a", "--data-center", "us-east-1"], 'invalid value for --data-center: expected one of cn-shanghai, ap-southeast-1, received "us-east-1"'],
    [["--app-id", "a", "--status", "live"], 'invalid value for --status: expected one of all, existing, deleted, received "live"'],
    [["--app-id", "a", "--page-size", "0"], 'invalid value for --page-size: expected an integer from 1 to 50, received "0"'],
    [["--app-id", "a", "--page-size", "2.5"], 'invalid value for --page-size: expected an integer from 1 to 50, received "2.5"'],
    [["--app-id", "a", "--concurrency", "abc"], 'invalid value for --concurrency: expected an integer from 1 to 50, received "abc"'],
    [["--app-id", "a", "--timeout", "soon"], "invalid value for --timeout"],
    [["--app-id", "a", "--endpoint", "http://x/y?z"], "invalid value for --endpoint"],
    // The sdk's rules apply at parse time: plain HTTP only to loopback hosts.
    [["--app-id", "a", "--endpoint", "http://example.com"], "invalid value for --endpoint: expected https:// or a bare host for remote hosts"],
    // Credentials in the URL are never echoed.
    [["--app-id", "a", "--endpoint", "https://AK:s3cr3t@live.aliyuncs.com"], "invalid value for --endpoint"],
  ];
  for (const [args, message] of errors) {
    it(`rejects ${JSON.stringify(args)}`, () => {
      assert.throws(() => request(args), (error: unknown) => {
        assert.ok(error instanceof UsageError);
        // (formatCliError adds the pointer to --help)
        assert.ok(`${error.message} (see`.startsWith(message), error.message);
        assert.ok(!error.message.includes("s3cr3t") && !error.message.includes("secretlike"));
        assert.ok(!error.message.includes("\n"));
        return true;
      });
    });
  }

  const timeout = (raw: string) => request(["--app-id", "a", `--timeout=${raw}`]).timeoutMs;
  const durations: [string, number][] = [
    ["30", 30_000], ["1500ms", 1500], ["45s", 45_000], ["5m", 300_000], ["0.5", 500], ["1.1s", 1100], ["5h", 18_000_000], ["24h", 86_400_000],
  ];
  for (const [raw, ms] of durations) it(`duration ${raw} = ${ms} ms`, () => assert.equal(timeout(raw), ms));
  // Whole milliseconds from 1 to one day, as the sdk and the provider accept (0.5ms once passed as 1 ms).
  for (const raw of ["0", "-1", "", "2d", "0.5ms", "25h", "86400001ms"]) {
    it(`duration ${JSON.stringify(raw)} is rejected`, () => assert.throws(() => timeout(raw), /invalid value for --timeout: expected a duration/));
  }
  it("a refused duration's message gives the forms and the bounds", () => {
    assert.throws(() => timeout("2d"), { message: "invalid value for --timeout: expected a duration such as 30, 45s, 1500ms, 5m or 5h " +
      '(bare numbers are seconds), from 1ms to 24h in whole milliseconds, received "2d"' });
  });

  it("parses latency as fixed or range", () => {
    assert.equal(parseLatency("50"), 50);
    assert.deepEqual(parseLatency("20-80"), { min: 20, max: 80 });
    assert.equal(parseLatency("80-20"), undefined);
  });
});

describe("cli: command names and flags that may be a pasted secret", () => {
  const stderrOf = async (args: string[]): Promise<string> => {
    const io = memoryIo();
    assert.equal(await runCli(args, io), 1);
    assert.equal(io.out(), "");
    return io.err();
  };
  const commands = "(commands: list, snapshot, drift, emulator, demo)";

  it("an unknown command name longer than 24 characters is described by its length only, as a stray argument is (also after help)", async () => {
    for (const args of [["SuperSecretValue1234567890abcd"], ["help", "SuperSecretValue1234567890abcd"], ["SuperSecret'Value1234567890abc"], ["help", "SuperSecret'Value1234567890abc"]]) {
      assert.equal(await stderrOf(args), `live-message-groups: unknown command of 30 characters, not shown as it may be a secret ${commands} ` +
        "(see 'live-message-groups --help')\n");
    }
  });

  it("a short unknown command name is quoted and escaped, with a suggestion", async () => {
    assert.equal(await stderrOf(["lst"]), `live-message-groups: unknown command "lst" ${commands} (did you mean list?) (see 'live-message-groups --help')\n`);
    assert.equal(await stderrOf(["help", 'x"\u001b']), `live-message-groups: unknown command "x\\"\\x1b" ${commands} (see 'live-message-groups --help')\n`);
    assert.equal(await stderrOf(["help", "ExactlyTwentyFourChars24"]), `live-message-groups: unknown command "ExactlyTwentyFourChars24" ${commands} (see 'live-message-groups --help')\n`);
  });

  it("a short flag with text glued to it is named by the flag only, in a command and before one", async () => {
    assert.equal(await stderrOf(["list", "--app-id", "odd", "-xAbCdEfGhIjKlMnOpQrStUvWxYz0123"]), "live-message-groups list: unknown flag -x (see 'live-message-groups list --help')\n");
    assert.equal(await stderrOf(["-xAbCdEfGhIjKlMnOpQrStUvWxYz0123"]), "live-message-groups: expected a command before -x (see 'live-message-groups --help')\n");
    assert.equal(await stderrOf(["--app-id=AbCdEfGhIjKlMnOpQrStUvWxYz0123"]), "live-message-groups: expected a command before --app-id (see 'live-message-groups --help')\n");
  });
});

// Only the bin specs ran drift's flags, and none of these: mutation testing left alive a drift
// that accepted --order (and ignored it), went on to read a --snapshot "" (the working directory:
// "cannot read snapshot : EISDIR"), ignored $LIVE_MESSAGE_GROUPS_ENDPOINT, and checked -o only
// once the listing was done.
describe("cli drift: its flags, checked before the snapshot is read", () => {
  const missing = "no-such-snapshot-for-program-spec.json";
  const stderrOf = async (args: string[], env: Record<string, string> = {}): Promise<string> => {
    const io = memoryIo(env);
    assert.equal(await runCli(["drift", ...args], io), 1);
    assert.equal(io.out(), "");
    return io.err();
  };

  it("takes no --order (its scope and order are the snapshot's)", async () => {
    assert.equal(await stderrOf(["--snapshot", missing, "--order", "asc"]), "live-message-groups drift: unknown flag --order (see 'live-message-groups drift --help')\n");
  });

  it("an empty --snapshot is the missing flag", async () => {
    assert.equal(await stderrOf(["--snapshot", ""]), "live-message-groups drift: missing required flag --snapshot (see 'live-message-groups drift --help')\n");
  });

  it("a refused $LIVE_MESSAGE_GROUPS_ENDPOINT is named, as in list", async () => {
    assert.match(await stderrOf(["--snapshot", missing], { LIVE_MESSAGE_GROUPS_ENDPOINT: "http://example.com" }),
      /^live-message-groups drift: invalid value for \$LIVE_MESSAGE_GROUPS_ENDPOINT: expected https:\/\/ or a bare host/);
  });

  it("an -o that cannot be written is named", async () => {
    assert.equal(await stderrOf(["--snapshot", missing, "-o", "/no-such-dir-for-program-spec/r.txt"]),
      "live-message-groups drift: --output \"/no-such-dir-for-program-spec/r.txt\": its directory does not exist: ENOENT (see 'live-message-groups drift --help')\n");
  });
});

describe("cli emulator flags", () => {
  it("--no-answer takes a probability (a value flag named --no-x is not a negation)", () => {
    const command = buildProgram(memoryIo()).commands.find((candidate) => candidate.name() === "emulator");
    assert.ok(command !== undefined);
    command.action(() => undefined).parse(["--no-answer", "0.5"], { from: "user" });
    assert.equal(command.opts()["noAnswer"], 0.5);
  });
});
