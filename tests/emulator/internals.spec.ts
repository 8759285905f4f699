import { strict as assert } from "node:assert";
import { parseAcsTimestamp } from "../../emulator/acsTimestamp";
import { NonceCache } from "../../emulator/nonceCache";
import { canonicalQuery, percentEncode } from "../../emulator/percentEncode";
import { createRandom } from "../../emulator/random";

describe("emulator: small building blocks", () => {
  const encodings = [
    { text: "a b", encoded: "a%20b" },
    { text: "!'()*", encoded: "%21%27%28%29%2A" },
    { text: "-_.~", encoded: "-_.~" },
    { text: "a+b=c&d/é", encoded: "a%2Bb%3Dc%26d%2F%C3%A9" },
  ];
  for (const row of encodings) {
    it(`percent-encodes ${JSON.stringify(row.text)} as RFC 3986`, () => assert.equal(percentEncode(row.text), row.encoded));
  }

  it("canonicalizes a query by sorted name, then value", () => {
    assert.equal(canonicalQuery([["b", "2"], ["a", "z z"], ["a", "y"]]), "a=y&a=z%20z&b=2");
  });

  it("encodes names as well as values, and sorts by code unit (uppercase before lowercase), not by locale", () => {
    assert.equal(canonicalQuery([["a b", "1"], ["a", "3"], ["B", "2"]]), "B=2&a=3&a%20b=1");
  });

  const timestamps = [
    { text: "2025-01-02T03:04:05Z", ms: Date.UTC(2025, 0, 2, 3, 4, 5) },
    { text: "2025-01-02T03:04:05.120Z", ms: null },
    { text: "2030-02-30T00:00:00Z", ms: null },
    { text: "2030-03-01T24:00:00Z", ms: null },
    { text: "2024-02-29T23:59:59Z", ms: Date.UTC(2024, 1, 29, 23, 59, 59) },
    { text: "2025-01-02 03:04:05", ms: null },
    { text: "2025-01-02T03:04:05+08:00", ms: null },
    { text: "Thu, 02 Jan 2025 03:04:05 GMT", ms: null },
    { text: "2025-13-45T03:04:05Z", ms: null },
  ];
  for (const row of timestamps) {
    it(`parses ${row.text} as ${row.ms}`, () => assert.equal(parseAcsTimestamp(row.text), row.ms));
  }

  it("remembers nonces per key until they expire, within a size limit", () => {
    const cache = new NonceCache(2);
    const fresh = (key: string, nonce: string, expiresAt: number, now: number): boolean => {
      if (cache.used(key, nonce, now)) return false;
      cache.remember(key, nonce, expiresAt, now);
      return true;
    };
    assert.ok(fresh("k", "n1", 100, 0));
    assert.ok(!fresh("k", "n1", 100, 50), "replay inside the window");
    assert.ok(fresh("other", "n1", 100, 50), "nonces are per key");
    assert.ok(fresh("k", "n1", 300, 150), "forgotten after expiry");
    assert.ok(fresh("k", "n2", 300, 160));
    assert.ok(fresh("k", "n3", 300, 170));
    assert.equal(cache.size, 2);
    const big = new NonceCache();
    for (let i = 0; i < 3000; i++) big.remember("k", String(i), i + 10, i);
    assert.ok(big.size <= 11);
  });

  it("keeps a nonce used again after it expired when the entry of its first use is pruned", () => {
    // Through the emulator: a nonce first signed 14 minutes in the past is forgotten a minute later, is
    // used again with a fresh date, and must stay used when pruning reaches its first entry.
    const cache = new NonceCache();
    cache.remember("k", "a", 200, 0);
    cache.remember("k", "n", 100, 0); // queued behind "a", so not pruned at its expiry
    assert.ok(!cache.used("k", "n", 150));
    cache.remember("k", "n", 400, 150);
    cache.remember("k", "b", 500, 250); // prunes "a" and the first entry of "n"
    assert.ok(cache.used("k", "n", 260), "the second use is still remembered");
  });

  it("keeps random streams reproducible and independent", () => {
    const draw = (seed: number, stream: string) => {
      const random = createRandom(seed, stream);
      return [random.next(), random.int(1, 6), random.pick(["a", "b", "c"])];
    };
    assert.deepEqual(draw(1, "x"), draw(1, "x"));
    assert.notDeepEqual(draw(1, "x"), draw(1, "y"));
    assert.notDeepEqual(draw(-1, "x"), draw(1, "x"));
    assert.deepEqual(draw(2.5, "x"), draw(2.5, "x"));
    assert.throws(() => createRandom(1, "x").pick([]), RangeError);
  });
});
