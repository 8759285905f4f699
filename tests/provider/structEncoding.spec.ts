import assert from "node:assert/strict";
import { withStructFields } from "../../provider/plugin/server";
import { encodeStruct, encodeWithStructFields } from "../../provider/plugin/structEncoding";
import { UNKNOWN } from "./support/runMockProgram";
import { fullResult, pb, secret, stockBytes as stock, struct, Struct, type Props, type StructMessage } from "./support/structFixtures";

const decode = (bytes: Uint8Array): Props => Struct.deserializeBinary(bytes).toJavaScript();

describe("encodeStruct: google.protobuf.Struct bytes as google-protobuf's Struct.fromJavaScript(...).serializeBinary() writes them", () => {
  class WithInherited { own = 1; }
  (WithInherited.prototype as unknown as Props).inherited = "from the prototype";
  const table: [string, Props][] = [
    ["empty", {}],
    ["scalars", { s: "text", n: 42, f: -1.5, t: true, b: false, z: null }],
    ["keys out of order, numeric-looking and empty", { b: 1, a: 2, "10": 3, "2": 4, "": 5, A: 6 }],
    ["keys needing UTF-8 (2, 3 and 4 bytes)", { "é": 1, "中文": 2, "😀": 3, "\u{10ffff}": 4, "a\u0000b": 5 }],
    ["astral keys sorted by UTF-16 code units", { "\uffff": 1, "😀": 2, "\ue000": 3 }],
    ["numbers", { zero: 0, negZero: -0, big: 1e308, max: Number.MAX_VALUE, tiny: 5e-324, min: -Number.MAX_VALUE, inf: Infinity, ninf: -Infinity, nan: NaN, int: 2 ** 53 + 2, frac: 0.1 }],
    ["strings", { empty: "", ascii: "plain", latin: "café", cjk: "直播消息组", astral: "😀𝄞", mixed: "a😀b\u00e9c\u4e2d", nul: "\u0000", long: "x".repeat(70_000) }],
    ["lone surrogates", { hi: "\ud800", lo: "\udc00", hiEnd: "a\udbff", hiBeforeHi: "\ud800\ud83d\ude00", loFirst: "\ude00\ud83d", hiThenAscii: "\ud800x", both: "\udc00\ud800" }],
    ["nested lists and objects", { l: [1, "two", [3, [4, []]], { five: [5] }, null, true], o: { a: { b: { c: {} } }, e: [] }, ee: [[], {}, [[]]] }],
    ["secret and unknown sentinels", { appId: secret("my-app"), ids: [UNKNOWN, "g1", secret(["x", UNKNOWN])], nested: secret({ deep: secret(null) }), unknown: UNKNOWN }],
    ["an object with inherited enumerable properties, a Date (no own enumerable keys)", { c: new WithInherited(), d: new Date(0) }],
    ["a plugin result (detail full)", fullResult(300)],
  ];
  for (const [name, value] of table) {
    it(`${name}: byte for byte, and decodes to the same value`, () => {
      const expected = stock(value);
      const actual = encodeStruct(value);
      assert.deepEqual(decode(actual), decode(expected));
      assert.equal(actual.toString("hex"), expected.toString("hex"));
    });
  }

  it("a value larger than the first buffer (grown several times)", () => {
    const value = fullResult(3_000);
    assert.ok(encodeStruct(value).equals(stock(value)));
  });

  it("refuses what a Struct cannot hold with google-protobuf's error", () => {
    // eslint-disable-next-line no-sparse-arrays
    for (const bad of [{ u: undefined }, { f: () => 1 }, { s: Symbol("s") }, { n: 1n }, { l: [1, undefined] }, { l: [1, , 3] }, { o: { deep: [undefined] } }]) {
      assert.throws(() => stock(bad), { message: "Unexpected struct type." });
      assert.throws(() => encodeStruct(bad), { message: "Unexpected struct type." });
    }
  });
});

describe("withStructFields: responses of the plugin as google-protobuf serializes them with Struct.fromJavaScript", () => {
  const outputs = fullResult(50);
  const inputs = { appId: secret("app"), detail: "full" };

  it("InvokeResponse (return = 1)", () => {
    const expected = new pb.InvokeResponse();
    expected.setReturn(struct(outputs));
    const actual = withStructFields(new pb.InvokeResponse(), [[1, outputs]]);
    assert.ok(Buffer.from(actual.serializeBinary()).equals(Buffer.from(expected.serializeBinary())));
    const back = pb.InvokeResponse.deserializeBinary(actual.serializeBinary());
    assert.deepEqual((back.getReturn() as unknown as StructMessage).toJavaScript(), decode(stock(outputs)));
  });

  it("CreateResponse (id = 1, properties = 2), UpdateResponse (properties = 1)", () => {
    const expected = new pb.CreateResponse();
    expected.setId("cn-shanghai/app");
    expected.setProperties(struct(outputs));
    const created = new pb.CreateResponse();
    created.setId("cn-shanghai/app");
    assert.ok(Buffer.from(withStructFields(created, [[2, outputs]]).serializeBinary()).equals(Buffer.from(expected.serializeBinary())));
    const updated = new pb.UpdateResponse();
    updated.setProperties(struct(outputs));
    assert.ok(Buffer.from(withStructFields(new pb.UpdateResponse(), [[1, outputs]]).serializeBinary()).equals(Buffer.from(updated.serializeBinary())));
  });

  it("ReadResponse (id = 1, properties = 2, inputs = 3), empty structs included", () => {
    for (const [props, ins] of [[outputs, inputs], [{}, {}]] as const) {
      const expected = new pb.ReadResponse();
      expected.setId("cn-shanghai/app");
      expected.setProperties(struct(props));
      expected.setInputs(struct(ins));
      const read = new pb.ReadResponse();
      read.setId("cn-shanghai/app");
      assert.ok(Buffer.from(withStructFields(read, [[2, props], [3, ins]]).serializeBinary()).equals(Buffer.from(expected.serializeBinary())));
    }
  });

  it("encodeWithStructFields writes the head first, then each Struct field in the order given", () => {
    const bytes = encodeWithStructFields(Buffer.from([0x0a, 0x01, 0x78]), [[2, { a: 1 }], [3, {}]]);
    const a = stock({ a: 1 });
    assert.equal(a.length, 0x10);
    assert.equal(bytes.toString("hex"), "0a0178" + "12" + "10" + a.toString("hex") + "1a00");
  });
});
