import assert from "node:assert/strict";
import type * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import { DECODED_REQUESTS, requestStruct, withStructDecoding } from "../../provider/plugin/server";
import { decodeStruct, splitStructFields } from "../../provider/plugin/structDecoding";
import { UNKNOWN } from "./support/runMockProgram";
import { fullResult, grpcServices, pb, secret, stockBytes, struct, Struct, type Props, type StructMessage } from "./support/structFixtures";

/** What google-protobuf reads: the value, or the error it throws. */
const stockRead = (bytes: Uint8Array): { value: Props } | { error: unknown } => {
  try {
    return { value: Struct.deserializeBinary(bytes).toJavaScript() };
  } catch (error) {
    return { error };
  }
};

/** Equal as google-protobuf's result is, keys in the same order at every level (deepStrictEqual ignores order). */
function assertSameValue(actual: unknown, expected: unknown, path = "value"): void {
  assert.deepStrictEqual(actual, expected, path);
  if (actual !== null && typeof actual === "object" && !Array.isArray(actual)) {
    assert.deepEqual(Object.keys(actual), Object.keys(expected as object), `${path}: key order`);
    for (const key of Object.keys(actual)) assertSameValue((actual as Props)[key], (expected as Props)[key], `${path}.${key}`);
  } else if (Array.isArray(actual)) {
    actual.forEach((element, i) => assertSameValue(element, (expected as unknown[])[i], `${path}[${i}]`));
  }
}

/** Read here, and as google-protobuf reads it. */
function assertReadHere(bytes: Uint8Array, label = "value"): Props {
  const stock = stockRead(bytes);
  assert.ok("value" in stock, `${label}: google-protobuf reads these bytes (${"error" in stock ? String(stock.error) : ""})`);
  const actual = decodeStruct(bytes);
  assert.notEqual(actual, undefined, `${label}: read by decodeStruct, not left to google-protobuf`);
  assertSameValue(actual, stock.value, label);
  return actual as Props;
}

/** Protobuf wire bytes, written by hand. */
const wire = {
  varint(value: number): Buffer {
    const out: number[] = [];
    let rest = value;
    while (rest >= 0x80) {
      out.push((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    out.push(rest);
    return Buffer.from(out);
  },
  tag: (field: number, wireType: number): Buffer => wire.varint(field * 8 + wireType),
  delimited: (field: number, ...body: Buffer[]): Buffer => {
    const content = Buffer.concat(body);
    return Buffer.concat([wire.tag(field, 2), wire.varint(content.length), content]);
  },
  string: (field: number, text: string | Buffer): Buffer => wire.delimited(field, Buffer.isBuffer(text) ? text : Buffer.from(text, "utf8")),
  double(field: number, value: number): Buffer {
    const bytes = Buffer.alloc(8);
    bytes.writeDoubleLE(value);
    return Buffer.concat([wire.tag(field, 1), bytes]);
  },
  varintField: (field: number, value: number): Buffer => Buffer.concat([wire.tag(field, 0), wire.varint(value)]),
  fixed32: (field: number): Buffer => Buffer.concat([wire.tag(field, 5), Buffer.from([1, 2, 3, 4])]),
  /** A Struct map entry: key = 1, value = 2 (a Value's fields). */
  entry: (key: string, ...value: Buffer[]): Buffer => wire.delimited(1, wire.string(1, key), wire.delimited(2, ...value)),
  /** Value fields. */
  str: (text: string): Buffer => wire.string(3, text),
  num: (value: number): Buffer => wire.double(2, value),
};

/** Stored outputs of `detail: "full"`, with a secret argument. */
const fullOutputs = (groups: number): Props => ({ ...fullResult(groups), appId: secret("app") });

describe("decodeStruct: google.protobuf.Struct bytes read as google-protobuf's Struct.deserializeBinary(...).toJavaScript() reads them", () => {
  const table: [string, Props][] = [
    ["empty", {}],
    ["scalars", { s: "text", n: 42, f: -1.5, t: true, b: false, z: null }],
    ["keys out of order, numeric-looking and empty", { b: 1, a: 2, "10": 3, "2": 4, "": 5, A: 6 }],
    ["keys needing UTF-8 (2, 3 and 4 bytes), NUL", { "é": 1, "中文": 2, "😀": 3, "\u{10ffff}": 4, "a\u0000b": 5, "\uffff": 6, "\ue000": 7 }],
    ["keys named as Object.prototype's members", { constructor: "c", toString: 1, hasOwnProperty: [true], valueOf: { a: null }, __defineGetter__: "" }],
    ["numbers", { zero: 0, negZero: -0, big: 1e308, tiny: 5e-324, inf: Infinity, ninf: -Infinity, nan: NaN, int: 2 ** 53 + 2, frac: 0.1 }],
    ["strings", { empty: "", latin: "café", cjk: "直播消息组", astral: "😀𝄞", mixed: "a😀b\u00e9c\u4e2d", nul: "\u0000", bom: "\ufeffx", long: "x".repeat(70_000) }],
    ["nested lists and objects", { l: [1, "two", [3, [4, []]], { five: [5] }, null, true], o: { a: { b: { c: {} } }, e: [] }, ee: [[], {}, [[]]] }],
    ["secret and unknown sentinels", { appId: secret("my-app"), ids: [UNKNOWN, "g1", secret(["x", UNKNOWN])], nested: secret({ deep: secret(null) }), unknown: UNKNOWN }],
    ["stored outputs (detail full, 2,000 groups)", fullOutputs(2_000)],
  ];
  for (const [name, value] of table) {
    it(`${name}: read here, equal to google-protobuf's reading, keys in its order`, () => {
      assertReadHere(stockBytes(value));
    });
  }

  it("reads bytes as other writers may order them: a repeated key's last value, a repeated or later field's last occurrence, value before key, unknown fields of a Struct, a Value and a ListValue skipped", () => {
    const unknownFields = Buffer.concat([wire.varintField(9, 300), wire.fixed32(10), wire.double(11, 1), wire.string(12, "skip")]);
    const cases: Buffer[] = [
      Buffer.concat([wire.entry("k", wire.str("first")), wire.entry("a", wire.num(1)), wire.entry("k", wire.str("last"))]),
      wire.entry("two kinds", wire.str("s"), wire.num(7)),
      wire.entry("two kinds back", wire.num(7), wire.varintField(1, 0), wire.varintField(4, 1)),
      wire.entry("struct twice", wire.delimited(5, wire.entry("x", wire.num(1))), wire.delimited(5, wire.entry("y", wire.num(2)))),
      wire.delimited(1, wire.delimited(2, wire.str("v")), wire.string(1, "value first")),
      Buffer.concat([unknownFields, wire.delimited(1, wire.string(1, "k"), wire.delimited(2, unknownFields, wire.str("v"), unknownFields)), unknownFields]),
      wire.entry("list", wire.delimited(6, unknownFields, wire.delimited(1, wire.num(1)), unknownFields, wire.delimited(1, unknownFields, wire.str("b")))),
      wire.entry("bools", wire.delimited(6, wire.delimited(1, wire.varintField(4, 1)), wire.delimited(1, wire.varintField(4, 0)))),
      wire.entry("null with a value", wire.varintField(1, 5)),
      wire.entry("NaN payload", Buffer.concat([wire.tag(2, 1), Buffer.from("010000000000f87f", "hex")])),
      Buffer.concat([wire.entry("", wire.str("empty key")), wire.entry("\u0001", wire.str("control"))]),
    ];
    cases.forEach((bytes, i) => assertReadHere(bytes, `case ${i}`));
    assertSameValue(decodeStruct(cases[0] as Buffer), { a: 1, k: "last" });
    assertSameValue(decodeStruct(cases[3] as Buffer), { "struct twice": { y: 2 } });
  });

  it("leaves to google-protobuf what the engine never writes (then its reading or its error is the answer)", () => {
    const cases: [string, Buffer][] = [
      ["a Value without a kind", wire.entry("k")],
      ["a Value with only unknown fields", wire.entry("k", wire.varintField(9, 1))],
      ["an entry without a key", wire.delimited(1, wire.delimited(2, wire.str("v")))],
      ["an entry without a value", wire.delimited(1, wire.string(1, "k"))],
      ["an entry with its key twice", wire.delimited(1, wire.string(1, "k"), wire.string(1, "j"), wire.delimited(2, wire.str("v")))],
      ["an entry with an unknown field (google-protobuf fails on one before the key)", wire.delimited(1, wire.varintField(9, 1), wire.string(1, "k"), wire.delimited(2, wire.str("v")))],
      ["an entry with an unknown field after its key and value", wire.delimited(1, wire.string(1, "k"), wire.delimited(2, wire.str("v")), wire.varintField(9, 1))],
      ["an entry with its value twice", wire.delimited(1, wire.string(1, "k"), wire.delimited(2, wire.str("v")), wire.delimited(2, wire.str("w")))],
      ["a number as a varint", wire.entry("k", wire.varintField(2, 1))],
      ["a bool of 2 (google-protobuf: true)", wire.entry("k", wire.varintField(4, 2))],
      ["a bool of 2^32 (google-protobuf reads its low 32 bits: false)", wire.entry("k", wire.varintField(4, 2 ** 32))],
      ["a string as a varint", wire.entry("k", wire.varintField(3, 1))],
      ["a bool as fixed64", wire.entry("k", wire.double(4, 1))],
      ["an entry as a varint", wire.varintField(1, 1)],
      ["a list element as a varint", wire.entry("k", wire.delimited(6, wire.varintField(1, 1)))],
      ["a key that is not UTF-8", wire.delimited(1, wire.string(1, Buffer.from([0xff])), wire.delimited(2, wire.str("v")))],
      ["a string that is not UTF-8 (a lone surrogate as google-protobuf writes it)", stockBytes({ k: "\ud800" })],
      ["a string holding U+FFFD", stockBytes({ k: "\ufffd" })],
      ["a __proto__ key", wire.entry("__proto__", wire.delimited(5, wire.entry("polluted", wire.varintField(4, 1))))],
      ["a group (wire type 3)", Buffer.concat([wire.tag(7, 3), wire.tag(7, 4)])],
      ["a truncated entry", wire.entry("k", wire.str("value")).subarray(0, 6)],
      ["a length past the end", Buffer.concat([wire.tag(1, 2), wire.varint(100), Buffer.from([1, 2])])],
      ["a fixed64 past the end", Buffer.concat([wire.tag(9, 1), Buffer.from([1, 2])])],
      ["a varint of 11 bytes", Buffer.concat([wire.tag(9, 0), Buffer.alloc(10, 0xff), Buffer.from([1])])],
      ["a nesting deeper than the stack", nested(100_000)],
      // google-protobuf reads a tag's low 32 bits: an entry, or a Value's kind, there.
      ["an entry under a tag past 32 bits", Buffer.concat([wire.varint(2 ** 32 + 1 * 8 + 2), wire.varint(8), wire.string(1, "a"), wire.delimited(2, wire.str("v"))])],
      ["a Value's kind under a tag past 32 bits", wire.entry("a", wire.num(0), wire.varint(2 ** 32 + 3 * 8 + 2), wire.varint(1), Buffer.from("x"))],
      // google-protobuf recurses through about twice the frames a level: it threw RangeError there (in a fresh process).
      ["2,500 nested lists", nestedLists(2_500)],
    ];
    for (const [name, bytes] of cases) assert.equal(decodeStruct(bytes), undefined, name);
    // A field of another wire type whose bytes would still parse, and a field read past its Value's end:
    // google-protobuf fails on each.
    const failing: [string, Buffer][] = [
      ["a number as a varint, 7 bytes after it", wire.entry("k", wire.varintField(2, 0), Buffer.alloc(7))],
      ["a string as a varint of 0", wire.entry("k", wire.varintField(3, 0))],
      ["a Struct as a varint of 0", wire.entry("k", wire.varintField(5, 0))],
      ["a list as a varint of 0", wire.entry("k", wire.varintField(6, 0))],
      ["a key as a varint of 0", wire.delimited(1, wire.varintField(1, 0), wire.delimited(2, wire.str("v")))],
      ["a value as a varint of 2, a Value's 2 bytes after it", wire.delimited(1, wire.string(1, "k"), wire.varintField(2, 2), wire.str(""))],
      ["a Value under field 3 of an entry", wire.delimited(1, wire.string(1, "k"), wire.delimited(3, wire.str("v")))],
      ["a bool whose varint is past its Value's end", wire.delimited(1, wire.string(1, "k"), wire.delimited(2, wire.tag(4, 0)), wire.varint(1))],
      ["a number whose 8 bytes end past its Value's end", wire.delimited(1, wire.string(1, "k"), wire.delimited(2, wire.tag(2, 1), Buffer.alloc(4)), Buffer.alloc(4))],
    ];
    for (const [name, bytes] of failing) {
      assert.equal(decodeStruct(bytes), undefined, name);
      assert.ok("error" in stockRead(bytes), `${name}: google-protobuf fails`);
    }
    // google-protobuf's own answer for some of them, which the plugin now gives through it.
    assert.throws(() => Struct.deserializeBinary(wire.entry("k")).toJavaScript(), { message: "Unexpected struct type" });
    assert.deepEqual(stockRead(cases.find(([name]) => name === "an entry under a tag past 32 bits")?.[1] as Buffer), { value: { a: "v" } });
    assert.deepEqual(stockRead(cases.find(([name]) => name === "a Value's kind under a tag past 32 bits")?.[1] as Buffer), { value: { a: "x" } });
    const proto = stockRead(cases.find(([name]) => name === "a __proto__ key")?.[1] as Buffer);
    assert.ok("value" in proto && !Object.keys(proto.value).includes("__proto__"));
  });

  it("bytes damaged at random (flipped, inserted, deleted, cut) are either left to google-protobuf or read as it reads them", () => {
    // Exact 32-bit arithmetic, high bits: `(seed * 1103515245 + 12345) % 2 ** 31` in doubles rounds
    // past 2^53, and its low bits gave 19 byte values and almost only flips (no insert, delete, cut).
    let seed = 0x5eed;
    const random = (below: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return Math.floor((seed / 2 ** 32) * below);
    };
    const sources = [
      stockBytes({ s: "text", n: 1.5, t: true, z: null, l: [1, "é", [null, false]], o: { a: "😀", b: [] } }),
      stockBytes(fullOutputs(3)),
    ];
    let readHere = 0;
    let left = 0;
    for (let i = 0; i < 20_000; i++) {
      const bytes = Buffer.from(sources[i % sources.length] as Buffer);
      let damaged: Buffer = bytes;
      for (let d = 1 + random(3); d > 0; d--) {
        const at = random(damaged.length);
        const kind = random(4);
        if (kind === 0) damaged[at] = random(256);
        else if (kind === 1) damaged = Buffer.concat([damaged.subarray(0, at), Buffer.from([random(256)]), damaged.subarray(at)]);
        else if (kind === 2) damaged = Buffer.concat([damaged.subarray(0, at), damaged.subarray(at + 1)]);
        else damaged = damaged.subarray(0, at);
      }
      const actual = decodeStruct(damaged);
      if (actual === undefined) {
        left++;
        continue;
      }
      readHere++;
      const stock = stockRead(damaged);
      assert.ok("value" in stock, `damaged bytes ${damaged.toString("hex")} read here, google-protobuf fails: ${"error" in stock ? String(stock.error) : ""}`);
      assertSameValue(actual, stock.value, `damaged bytes ${damaged.toString("hex")}`);
    }
    // Both ways taken many times: the property is not vacuous (about 800 read here, most damage breaks the bytes).
    assert.ok(readHere > 500 && left > 1000, `${readHere} read here, ${left} left`);
  });

  it("the deep nesting above is a well-formed Struct (read here at a depth within the stack)", () => {
    let expected: Props = { leaf: 1 };
    for (let i = 0; i < 50; i++) expected = { n: expected };
    assertSameValue(assertReadHere(nested(50)), expected);
  });

  it("Structs and lists nested 100 levels are read here; 101 levels, which google-protobuf reads too, are left to it", () => {
    let struct: Props = { leaf: 1 };
    for (let i = 0; i < 100; i++) struct = { n: struct };
    assertSameValue(assertReadHere(nested(100)), struct);
    let list: unknown = 1;
    for (let i = 0; i < 100; i++) list = [list];
    assertSameValue(assertReadHere(nestedLists(100)), { k: list });
    for (const [name, bytes] of [["101 nested Structs", nested(101)], ["101 nested lists", nestedLists(101)]] as const) {
      assert.ok("value" in stockRead(bytes), name);
      assert.equal(decodeStruct(bytes), undefined, name);
    }
  });

  it("reads a Uint8Array that is not a Buffer, at its offset", () => {
    const bytes = stockBytes({ a: [1, "x"] });
    const backing = new Uint8Array(bytes.length + 7);
    backing.set(bytes, 7);
    assertSameValue(decodeStruct(backing.subarray(7)), { a: [1, "x"] });
  });
});

/**
 * A Struct nested `depth` levels through single-entry structs ({"n": {"n": ... {"leaf": 1}}}), its
 * headers written from the inside out and joined once (appending level by level copies quadratically).
 */
function nested(depth: number): Buffer {
  const leaf = wire.entry("leaf", wire.num(1));
  const key = wire.string(1, "n");
  const headers: Buffer[] = [];
  let inner = leaf.length;
  for (let i = 0; i < depth; i++) {
    // entry = tag(1) len [key] tag(2) len [value = tag(5) len [struct]]
    const value = Buffer.concat([wire.tag(5, 2), wire.varint(inner)]);
    const valueField = Buffer.concat([wire.tag(2, 2), wire.varint(value.length + inner)]);
    const entryLength = key.length + valueField.length + value.length + inner;
    headers.push(Buffer.concat([wire.tag(1, 2), wire.varint(entryLength), key, valueField, value]));
    inner = entryLength + wire.tag(1, 2).length + wire.varint(entryLength).length;
  }
  return Buffer.concat([...headers.reverse(), leaf]);
}

/** A Struct {"k": [[...[1]...]]}: lists nested `depth` levels, its headers joined once. */
function nestedLists(depth: number): Buffer {
  const headers: Buffer[] = [];
  const leaf = wire.num(1);
  let inner = leaf.length;
  for (let i = 0; i < depth; i++) {
    // Value = tag(6) len [ListValue = tag(1) len [Value]]
    const element = Buffer.concat([wire.tag(1, 2), wire.varint(inner)]);
    const list = Buffer.concat([wire.tag(6, 2), wire.varint(element.length + inner)]);
    headers.push(Buffer.concat([list, element]));
    inner += element.length + list.length;
  }
  const key = wire.string(1, "k");
  const valueField = Buffer.concat([wire.tag(2, 2), wire.varint(inner)]);
  const entryLength = key.length + valueField.length + inner;
  return Buffer.concat([wire.tag(1, 2), wire.varint(entryLength), key, valueField, ...headers.reverse(), leaf]);
}

describe("splitStructFields and withStructDecoding: the plugin's Diff, Read and Update requests", () => {
  const outputs = fullOutputs(40);
  const inputs = { appId: secret("app"), detail: "full" };

  /** Every field of a request as google-protobuf reads it (Structs as plain objects). */
  const fieldsOf = (message: { toObject(): object }): object => message.toObject();

  it("takes the chosen Struct fields out of a ReadRequest and keeps every other field for google-protobuf", () => {
    const request = new pb.ReadRequest().setId("cn-shanghai/app").setUrn("urn:pulumi:s::p::t::n").setProperties(struct(outputs))
      .setInputs(struct(inputs)).setName("n").setType("t").setResourceStatusAddress("127.0.0.1:1").setTimeout(30);
    const bytes = request.serializeBinary();
    const split = splitStructFields(bytes, new Set([3, 4]));
    assert.ok(split !== undefined);
    assertSameValue(split.structs.get(3), request.getProperties()?.toJavaScript());
    assertSameValue(split.structs.get(4), request.getInputs()?.toJavaScript());
    const rest = pb.ReadRequest.deserializeBinary(split.rest);
    assert.equal(rest.hasProperties() || rest.hasInputs(), false);
    assert.deepEqual(fieldsOf(rest), fieldsOf(new pb.ReadRequest().setId("cn-shanghai/app").setUrn("urn:pulumi:s::p::t::n").setName("n").setType("t").setResourceStatusAddress("127.0.0.1:1").setTimeout(30)));
  });

  it("keeps a Struct field it was not asked for (oldInputs) in the rest, and a field absent is absent", () => {
    const request = new pb.DiffRequest().setId("i").setUrn("u").setOlds(struct(outputs)).setOldInputs(struct(inputs)).setIgnorechangesList(["detail"]);
    const split = splitStructFields(request.serializeBinary(), new Set([3, 4]));
    assert.ok(split !== undefined);
    assert.deepEqual([...split.structs.keys()], [3]);
    const rest = pb.DiffRequest.deserializeBinary(split.rest);
    assertSameValue(rest.getOldInputs()?.toJavaScript(), inputs);
    assert.deepEqual(rest.getIgnorechangesList(), ["detail"]);
    assert.equal(rest.getId(), "i");
  });

  it("a Struct field sent twice: its last occurrence, as google-protobuf keeps it; one of another wire type: left to google-protobuf", () => {
    const first = new pb.UpdateRequest().setId("i").setOlds(struct({ a: 1, only: "first" })).serializeBinary();
    const second = new pb.UpdateRequest().setOlds(struct({ a: 2 })).setPreview(true).serializeBinary();
    const both = Buffer.concat([first, second]);
    const split = splitStructFields(both, new Set([3, 4]));
    assert.ok(split !== undefined);
    assertSameValue(split.structs.get(3), pb.UpdateRequest.deserializeBinary(both).getOlds()?.toJavaScript());
    assertSameValue(split.structs.get(3), { a: 2 });
    assert.equal(splitStructFields(Buffer.concat([first, wire.varintField(3, 1)]), new Set([3])), undefined);
    // A varint of 0 would read as an empty Struct; google-protobuf fails on it.
    const varintOlds = Buffer.concat([first, wire.varintField(3, 0)]);
    assert.throws(() => pb.UpdateRequest.deserializeBinary(varintOlds));
    assert.equal(splitStructFields(varintOlds, new Set([3])), undefined);
  });

  it("the provider service as the plugin serves it: Diff, Read and Update read their Structs here, the same values google-protobuf gives; other methods untouched", () => {
    const stock = grpcServices.ResourceProviderService;
    const service = withStructDecoding(stock);
    assert.notEqual(service, stock);
    for (const name of Object.keys(stock)) {
      if (!["diff", "read", "update"].includes(name)) assert.equal(service[name], stock[name], name);
    }
    const requests = {
      diff: [new pb.DiffRequest().setId("i").setUrn("u").setOlds(struct(outputs)).setNews(struct(inputs)), [[3, "getOlds"], [4, "getNews"]]],
      read: [new pb.ReadRequest().setId("i").setUrn("u").setProperties(struct(outputs)).setInputs(struct(inputs)), [[3, "getProperties"], [4, "getInputs"]]],
      update: [new pb.UpdateRequest().setId("i").setUrn("u").setOlds(struct(outputs)).setNews(struct(inputs)).setPreview(true), [[3, "getOlds"], [4, "getNews"]]],
    } as const;
    for (const [name, [request, fields]] of Object.entries(requests)) {
      const method = service[name];
      assert.ok(method !== undefined);
      const bytes = stock[name]?.requestSerialize(request) as Buffer;
      const decoded = method.requestDeserialize(bytes) as Record<string, () => StructMessage | undefined> & { getId(): string };
      assert.equal(decoded.getId(), "i");
      for (const [field, getter] of fields) {
        // Read here: the message google-protobuf read holds no Struct for the field.
        assert.equal(decoded[getter]?.call(decoded), undefined, `${name}: ${getter} not read by google-protobuf`);
        const expected = (request as unknown as Record<string, () => StructMessage | undefined>)[getter]?.call(request)?.toJavaScript();
        assertSameValue(requestStruct(decoded, field, () => decoded[getter]?.call(decoded)), expected, `${name}.${getter}`);
      }
    }
    // A Read without inputs (an import): none, as hasInputs() said.
    const imported = service.read?.requestDeserialize(Buffer.from(new pb.ReadRequest().setId("cn-shanghai/app").serializeBinary())) as object;
    assert.equal(requestStruct(imported, 4, () => undefined), undefined);
    assert.deepEqual(requestStruct(imported, 3, () => undefined), undefined);
  });

  it("a request field under a tag past 32 bits (google-protobuf reads its low 32 bits: inputs) is left to google-protobuf", () => {
    const service = withStructDecoding(grpcServices.ResourceProviderService);
    const bytes = Buffer.concat([wire.string(1, "i"), wire.varint(2 ** 32 + 4 * 8 + 2), wire.varint(0)]);
    const full = pb.ReadRequest.deserializeBinary(bytes);
    assert.ok(full.hasInputs());
    assert.equal(splitStructFields(bytes, new Set([3, 4])), undefined);
    const decoded = service.read?.requestDeserialize(bytes) as providerPb.ReadRequest;
    assert.equal(decoded.getId(), "i");
    assertSameValue(requestStruct(decoded, 4, () => decoded.getInputs()), {});
  });

  it("a request google-protobuf could read past a kept field's end (a string ending inside a character, oldInputs holding one, a View) is left to it", () => {
    const service = withStructDecoding(grpcServices.ResourceProviderService);
    // id = f0 9f 98: google-protobuf reads its character's last byte past the end (id "😀"), then inputs = {} (here: an unknown varint, no inputs).
    const bytes = Buffer.from("0a03f09f9880" + "2200", "hex");
    const full = pb.ReadRequest.deserializeBinary(bytes);
    assert.ok(full.hasInputs());
    const decoded = service.read?.requestDeserialize(bytes) as providerPb.ReadRequest;
    assert.equal(decoded.getId(), full.getId());
    assertSameValue(requestStruct(decoded, 4, () => decoded.getInputs()), {});
    assertSameValue(requestStruct(decoded, 3, () => decoded.getProperties()), undefined);
    assert.equal(splitStructFields(bytes, DECODED_REQUESTS.read.fields, DECODED_REQUESTS.read.kept), undefined);
    // A Read with a View, a Diff whose oldInputs hold a key ending inside a character: not split.
    const withView = new pb.ReadRequest().setId("i").setProperties(struct({ a: 1 }));
    withView.addOldViews(new pb.View().setName("v"));
    assert.equal(splitStructFields(withView.serializeBinary(), DECODED_REQUESTS.read.fields, DECODED_REQUESTS.read.kept), undefined);
    const olds = Buffer.from(new pb.DiffRequest().setId("i").setOlds(struct({ a: 1 })).serializeBinary());
    const oldInputs = Buffer.concat([olds, wire.delimited(6, wire.delimited(1, wire.string(1, Buffer.from([0x61, 0xc3]))))]);
    assert.equal(splitStructFields(oldInputs, DECODED_REQUESTS.diff.fields, DECODED_REQUESTS.diff.kept), undefined);
    // Well-formed ones are still split.
    const diff = new pb.DiffRequest().setId("i").setUrn("u").setOlds(struct({ a: 1 })).setOldInputs(struct({ b: "é" })).setIgnorechangesList(["é"]).setName("n").setType("t");
    assert.ok(splitStructFields(diff.serializeBinary(), DECODED_REQUESTS.diff.fields, DECODED_REQUESTS.diff.kept));
  });

  it("each request's kept fields are provider.proto's: every field google-protobuf reads as a string, oldInputs and the views", () => {
    const requests = { diff: pb.DiffRequest, read: pb.ReadRequest, update: pb.UpdateRequest } as const;
    /** The field number of the one field set in `message`. */
    const fieldOf = (message: { serializeBinary(): Uint8Array }): number => Math.floor((message.serializeBinary()[0] as number) / 8);
    const oldInputs = { diff: fieldOf(new pb.DiffRequest().setOldInputs(struct({}))), read: undefined, update: fieldOf(new pb.UpdateRequest().setOldInputs(struct({}))) };
    const withView = <M extends { addOldViews(view: providerPb.View): unknown }>(request: M): M => {
      request.addOldViews(new pb.View());
      return request;
    };
    const views = { diff: undefined, read: fieldOf(withView(new pb.ReadRequest())), update: fieldOf(withView(new pb.UpdateRequest())) };
    for (const [method, Request] of Object.entries(requests) as [keyof typeof requests, (typeof requests)[keyof typeof requests]][]) {
      const { fields, kept } = DECODED_REQUESTS[method];
      const olds = wire.delimited([...fields][0] as number, wire.entry("a", wire.num(1)));
      const split = (field: Buffer): boolean => splitStructFields(Buffer.concat([field, olds]), fields, kept) !== undefined;
      const strings: number[] = [];
      for (let field = 1; field <= 20; field++) {
        let readAsString = false;
        try {
          readAsString = JSON.stringify(Request.deserializeBinary(wire.string(field, "probe")).toObject()).includes('"probe"');
        } catch {
          // not a string field
        }
        if (!readAsString) continue;
        strings.push(field);
        assert.ok(split(wire.string(field, "é")), `${method}: string field ${field}, well-formed`);
        assert.ok(!split(wire.string(field, Buffer.from([0x61, 0xc3]))), `${method}: string field ${field} ending inside a character`);
      }
      assert.deepEqual([...(kept.strings ?? [])].sort((a, b) => a - b), strings, `${method}: the string fields`);
      assert.ok(strings.length >= 4, `${method}: id, urn, name, type at least`);
      const oldInputsField = oldInputs[method];
      assert.deepEqual([...(kept.structs ?? [])], oldInputsField === undefined ? [] : [oldInputsField], `${method}: oldInputs`);
      if (oldInputsField !== undefined) {
        assert.ok(split(wire.delimited(oldInputsField, wire.entry("b", wire.str("é")))), `${method}: oldInputs read here`);
        // UTF-8 throughout, but a bool of 2: decodeStruct leaves it, so the request is left whole.
        assert.ok(!split(wire.delimited(oldInputsField, wire.entry("b", wire.varintField(4, 2)))), `${method}: oldInputs left to google-protobuf`);
      }
      const viewsField = views[method];
      assert.deepEqual([...(kept.messages ?? [])], viewsField === undefined ? [] : [viewsField], `${method}: views`);
      if (viewsField !== undefined) assert.ok(!split(wire.delimited(viewsField, wire.string(1, "v"))), `${method}: a View`);
    }
  });

  it("a service without one of the three methods is refused, naming it", () => {
    const { read: _read, ...withoutRead } = grpcServices.ResourceProviderService;
    assert.throws(() => withStructDecoding(withoutRead), { message: "the provider service has no method read" });
  });

  it("bytes left to google-protobuf are read by the stock deserializer, and requestStruct takes the field from it", () => {
    const service = withStructDecoding(grpcServices.ResourceProviderService);
    // A lone surrogate as google-protobuf writes it (not UTF-8): left to it.
    const request = new pb.ReadRequest().setId("i").setProperties(struct({ name: "\udc00x" }));
    assert.equal(decodeStruct((request.getProperties() as unknown as StructMessage).serializeBinary()), undefined);
    const decoded = service.read?.requestDeserialize(Buffer.from(request.serializeBinary())) as providerPb.ReadRequest;
    assert.ok(decoded.hasProperties());
    assertSameValue(requestStruct(decoded, 3, () => decoded.getProperties()), request.getProperties()?.toJavaScript());
    assert.equal(requestStruct(decoded, 4, () => decoded.getInputs()), undefined);
  });
});
