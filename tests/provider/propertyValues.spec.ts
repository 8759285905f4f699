import assert from "node:assert/strict";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { markSecret, revealSecrets, UNKNOWN, type Props } from "../../provider/plugin/propertyValues";

const secret = (value: unknown): Props => ({ [specialSigKey]: specialSecretSig, value });

/** The copy-everything reading revealSecrets had before it shared what holds no secret: the reference. */
function referenceReveal(value: unknown): { value: unknown; secret: boolean } {
  if (typeof value === "object" && value !== null && !Array.isArray(value) && (value as Props)[specialSigKey] === specialSecretSig) {
    return { value: referenceReveal((value as Props).value).value, secret: true };
  }
  if (Array.isArray(value)) {
    const items = value.map(referenceReveal);
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => [k, referenceReveal(v)] as const);
    return { value: Object.fromEntries(entries.map(([k, r]) => [k, r.value])), secret: entries.some(([, r]) => r.secret) };
  }
  return { value, secret: false };
}

describe("plugin propertyValues: revealSecrets", () => {
  it("returns what holds no secret as it is (no copy of a refresh's stored groups), and names no key", () => {
    const groups = [{ groupId: "g1", adminList: ["a"] }, { groupId: "g2", adminList: [] }];
    const props = { appId: "app", groups, totalCount: 2, unknown: UNKNOWN, empty: {}, nothing: null };
    const { values, secretKeys } = revealSecrets(props);
    assert.deepEqual([...secretKeys], []);
    assert.equal(values.groups, groups);
    assert.deepEqual(values, props);
  });

  it("unwraps secrets at any depth, copying only the paths to them, and leaves the input as it was", () => {
    const untouched = [{ groupId: "g1" }];
    const props = {
      appId: secret("app"),
      ids: ["a", secret("b"), "c"],
      nested: { keep: untouched, deep: { list: [1, secret({ inner: secret(["x"]) })] } },
      plain: untouched,
    };
    const before = JSON.stringify(props);
    const { values, secretKeys } = revealSecrets(props);
    assert.deepEqual([...secretKeys].sort(), ["appId", "ids", "nested"]);
    assert.deepEqual(values, { appId: "app", ids: ["a", "b", "c"], nested: { keep: untouched, deep: { list: [1, { inner: ["x"] }] } }, plain: untouched });
    assert.equal((values.nested as Props).keep, untouched);
    assert.equal(values.plain, untouched);
    assert.notEqual(values.ids, props.ids);
    assert.equal(JSON.stringify(props), before);
  });

  it("a list or an object holding several secrets, with plain values between and after them, has every one unwrapped", () => {
    const props = { list: ["a", secret("b"), "c", secret("d"), "e"], object: { a: "x", b: secret(1), c: "y", d: secret([secret(2)]), e: "z" } };
    const { values, secretKeys } = revealSecrets(props);
    assert.deepEqual(values, { list: ["a", "b", "c", "d", "e"], object: { a: "x", b: 1, c: "y", d: [2], e: "z" } });
    assert.deepEqual(Object.keys(values.object as Props), ["a", "b", "c", "d", "e"]);
    assert.deepEqual([...secretKeys].sort(), ["list", "object"]);
  });

  it("a key __proto__ of a copied object stays an own key", () => {
    const props = JSON.parse('{"o": {"__proto__": {"polluted": true}, "s": "x"}}') as Props;
    (props.o as Props).s = secret("x");
    const { values } = revealSecrets(props);
    const o = values.o as Props;
    assert.deepEqual(Object.keys(o), ["__proto__", "s"]);
    assert.equal(Object.getPrototypeOf(o), Object.prototype);
    assert.equal(({} as Props).polluted, undefined);
  });

  it("gives what the copy-everything reading gave, on random trees of values and secrets", () => {
    // Exact 32-bit arithmetic, high bits: `(seed * 1103515245 + 12345) % 2 ** 31` in doubles rounds
    // past 2^53, and its low bits gave trees where no list or object held two secrets.
    let seed = 7;
    const random = (below: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return Math.floor((seed / 2 ** 32) * below);
    };
    const tree = (depth: number): unknown => {
      const kind = random(depth > 3 ? 4 : 7);
      if (kind === 0) return random(100);
      if (kind === 1) return `s${random(100)}`;
      if (kind === 2) return random(2) === 0 ? null : UNKNOWN;
      if (kind === 3) return random(2) === 0;
      if (kind === 4) return secret(tree(depth + 1));
      if (kind === 5) return Array.from({ length: random(4) }, () => tree(depth + 1));
      return Object.fromEntries(Array.from({ length: random(4) }, (_, i) => [`k${i}`, tree(depth + 1)]));
    };
    for (let i = 0; i < 2_000; i++) {
      const props = Object.fromEntries(Array.from({ length: 1 + random(4) }, (_, k) => [`p${k}`, tree(0)]));
      const { values, secretKeys } = revealSecrets(props);
      for (const [name, raw] of Object.entries(props)) {
        const expected = referenceReveal(raw);
        assert.deepEqual(values[name], expected.value);
        assert.equal(secretKeys.has(name), expected.secret, name);
      }
    }
  });

  it("markSecret wraps the named properties, or all", () => {
    assert.deepEqual(markSecret({ a: 1, b: [2] }, new Set(["b"])), { a: 1, b: secret([2]) });
    assert.deepEqual(markSecret({ a: 1, b: [2] }, "all"), { a: secret(1), b: secret([2]) });
  });
});
