import assert from "node:assert/strict";
import { DEFAULT_CONCURRENCY, DEFAULT_MAX_ATTEMPTS, DEFAULT_PAGE_SIZE, DEFAULT_REQUESTS_PER_SECOND, DEFAULT_TIMEOUT_MS } from "../../sdk";
import { isUsageError } from "../../cli/program";
import { formatCliError } from "../../cli/formatCliError";
import { listCommandOf, parseListing } from "./helpers/parseListing";

const description = (name: string): string => listCommandOf().options.find((option) => option.long === `--${name}`)?.description ?? "";

describe("cli/listingFlags", () => {
  // The help states the sdk's real defaults (it once said 8 attempts while the sdk made 10).
  const defaults: [string, string][] = [
    ["max-attempts", `Default ${DEFAULT_MAX_ATTEMPTS}.`],
    ["concurrency", `Default ${DEFAULT_CONCURRENCY}.`],
    ["page-size", `Default ${DEFAULT_PAGE_SIZE}.`],
    ["rps", `Default ${DEFAULT_REQUESTS_PER_SECOND} `],
    ["timeout", DEFAULT_TIMEOUT_MS % 60_000 === 0 ? `at least ${DEFAULT_TIMEOUT_MS / 60_000}m.` : `at least ${DEFAULT_TIMEOUT_MS / 1000}s.`],
  ];
  for (const [flag, text] of defaults) {
    it(`--${flag} help states the sdk's default`, () => assert.ok(description(flag).includes(text), description(flag)));
  }

  it("list --help shows the sdk's default attempts and the 1..100 range", () => {
    assert.equal(DEFAULT_MAX_ATTEMPTS, 10);
    // commander wraps long descriptions: compare with the whitespace folded.
    assert.match(listCommandOf().helpInformation().replace(/\s+/g, " "), /--max-attempts <n> Attempts per request, retries included, 1\.\.100; the service's throttles do not count \(--timeout bounds them\)\. Default 10\./);
  });

  const ranges: [string, string, number | null][] = [
    ["max-attempts", "1", 1],
    ["max-attempts", "21", 21],
    ["max-attempts", "100", 100],
    ["max-attempts", "101", null],
    ["max-attempts", "0", null],
    // The sdk rejects more than 50 pages in flight: the CLI must not accept what would fail later.
    ["concurrency", "50", 50],
    ["concurrency", "51", null],
    // The sdk rejects fewer than 0.5 calls/s (MIN_REQUESTS_PER_SECOND).
    ["rps", "0.5", 0.5],
    ["rps", "0.4", null],
    // Plain decimals only, as Pulumi config and the environment read them (parseDecimal).
    ["rps", "12.5", 12.5],
    ["rps", " 12.5 ", null],
    ["rps", ".5", 0.5],
    ["max-attempts", "0x10", null],
    ["max-attempts", "1e1", null],
    ["rps", "Infinity", null],
    ["rps", "-0", null],
    ["rps", "5abc", null],
  ];
  const option = { "max-attempts": "maxAttempts", concurrency: "concurrency", rps: "requestsPerSecond" } as const;
  for (const [flag, value, expected] of ranges) {
    it(`--${flag} ${value} ${expected === null ? "is a usage error" : "is accepted"}`, () => {
      const run = () => parseListing(["--app-id", "a", `--${flag}=${value}`]);
      if (expected === null) {
        assert.throws(run, (error: unknown) => isUsageError(error) && new RegExp(`--${flag}`).test(error.message));
      } else {
        assert.equal(run()[option[flag as keyof typeof option]], expected);
      }
    });
  }

  it("--redis-url refuses a URL holding a password (ps shows the command line) and names the variable to use", () => {
    for (const url of ["redis://:pw-secret-1@127.0.0.1:6379", "redis://user:pw-secret-1@127.0.0.1:6379/0", "redis://127.0.0.1:6379?password=pw-secret-1"]) {
      assert.throws(() => parseListing(["--app-id", "a", "--redis-url", url]), (error: unknown) =>
        isUsageError(error) && /--redis-url must not carry a password/.test(error.message) && /LIVE_MESSAGE_GROUPS_REDIS_URL/.test(error.message) &&
        !error.message.includes("pw-secret-1"), url);
    }
    assert.equal(parseListing(["--app-id", "a", "--redis-url", "redis://user@127.0.0.1:6379"]).redisUrl, "redis://user@127.0.0.1:6379");
    // As the user reads it: through the output's secret scrub, whole.
    const error = (() => {
      try {
        parseListing(["--app-id", "a", "--redis-url", "redis://:pw-secret-1@127.0.0.1:6379"]);
      } catch (caught) {
        return caught;
      }
      return assert.fail("accepted");
    })();
    assert.match(formatCliError(error, { command: "list", debug: false, secrets: [] }),
      /--redis-url must not carry a password, since other users see the command line through ps\. Put the URL in the environment variable LIVE_MESSAGE_GROUPS_REDIS_URL instead/);
  });
});
