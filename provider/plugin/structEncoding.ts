/**
 * google.protobuf.Struct written straight into a Buffer, as google-protobuf's
 * `Struct.fromJavaScript(value).serializeBinary()` writes it, byte for byte, without building a
 * message object per value. At 100,000 groups of `detail: "full"` that path built ~1 GB of message
 * objects and then ~1.2 GB of byte arrays in its writer (2.5 GB peak for a 37 MB Invoke response);
 * this writer keeps one buffer about the size of the result.
 *
 * struct.proto: Struct = map<string, Value> fields = 1 (each entry: key = 1, value = 2); Value is
 * a oneof null_value = 1 (enum, 0), number_value = 2 (double), string_value = 3, bool_value = 4,
 * struct_value = 5, list_value = 6; ListValue = repeated Value values = 1.
 *
 * The writer fills the buffer from its end towards its start, so a message's length is known when
 * its tag and length are written (after its content), in one pass.
 *
 * Faithful to google-protobuf 3.21 (the version @pulumi/pulumi ships), checked by
 * tests/provider/structEncoding.spec.ts: map keys sorted by UTF-16 code units; a string's lone
 * surrogate written as 3 bytes, or dropped when a high one is followed by any character but a low
 * surrogate; NaN as its bytes `ff..ff 7f`; `undefined`, functions, symbols and bigints refused
 * with google-protobuf's error ("Unexpected struct type."); an object's enumerable properties,
 * inherited ones included (`for...in`).
 */

/** Protobuf wire types (structDecoding.ts reads the same ones, and skips fixed32). */
export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH_DELIMITED = 2;
export const WIRE_FIXED32 = 5;
/** Bytes of the first buffer; it doubles as needed. */
const INITIAL_BYTES = 64 * 1024;
/** google-protobuf's NaN (`jspb.utils.splitFloat64`): all mantissa bits set, little-endian. */
const NAN_BYTES = Buffer.from("ffffffffffffff7f", "hex");
const SURROGATE = /[\ud800-\udfff]/;

/** A Buffer written from its end: `position` is the first byte written so far. */
class ReverseWriter {
  private buffer = Buffer.allocUnsafe(INITIAL_BYTES);
  private position = INITIAL_BYTES;

  /** Bytes written so far. */
  get length(): number {
    return this.buffer.length - this.position;
  }

  /** The bytes written, in order (a view of the writer's buffer). */
  bytes(): Buffer {
    return this.buffer.subarray(this.position);
  }

  private reserve(bytes: number): void {
    if (this.position >= bytes) return;
    const used = this.length;
    let size = this.buffer.length * 2;
    while (size - used < bytes) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.buffer.copy(grown, size - used, this.position);
    this.buffer = grown;
    this.position = size - used;
  }

  byte(value: number): void {
    this.reserve(1);
    this.buffer[--this.position] = value;
  }

  /** An unsigned varint below 2^53 (lengths and tags). */
  varint(value: number): void {
    let size = 1;
    for (let rest = value; rest >= 0x80; rest = Math.floor(rest / 0x80)) size++;
    this.reserve(size);
    this.position -= size;
    let rest = value;
    for (let i = 0; i < size; i++) {
      this.buffer[this.position + i] = i === size - 1 ? rest : (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
  }

  tag(field: number, wireType: number): void {
    this.varint(field * 8 + wireType);
  }

  double(value: number): void {
    this.reserve(8);
    this.position -= 8;
    if (Number.isNaN(value)) NAN_BYTES.copy(this.buffer, this.position);
    else this.buffer.writeDoubleLE(value, this.position);
  }

  /** A string's UTF-8 bytes, without length. */
  utf8(text: string): void {
    if (!SURROGATE.test(text)) {
      const size = Buffer.byteLength(text, "utf8");
      this.reserve(size);
      this.position -= size;
      this.buffer.write(text, this.position, size, "utf8");
      return;
    }
    this.raw(jspbUtf8(text));
  }

  raw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.position -= bytes.length;
    this.buffer.set(bytes, this.position);
  }
}

/**
 * UTF-8 as google-protobuf's `BinaryEncoder.writeString` writes a string holding surrogates: pairs
 * as 4 bytes, a lone low surrogate or a high one ending the string as 3 bytes, a high surrogate
 * followed by anything but a low one not at all. (Node's encoder writes U+FFFD for a lone one.)
 */
function jspbUtf8(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out.push(c);
    } else if (c < 0x800) {
      out.push((c >> 6) | 0xc0, (c & 0x3f) | 0x80);
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const second = text.charCodeAt(i + 1);
      if (second >= 0xdc00 && second <= 0xdfff) {
        c = (c - 0xd800) * 0x400 + second - 0xdc00 + 0x10000;
        out.push((c >> 18) | 0xf0, ((c >> 12) & 0x3f) | 0x80, ((c >> 6) & 0x3f) | 0x80, (c & 0x3f) | 0x80);
        i++;
      }
    } else {
      out.push((c >> 12) | 0xe0, ((c >> 6) & 0x3f) | 0x80, (c & 0x3f) | 0x80);
    }
  }
  return Uint8Array.from(out);
}

/** Writes `body` (reversed) and then its length-delimited header for `field`. */
function delimited(writer: ReverseWriter, field: number, body: () => void): void {
  const end = writer.length;
  body();
  writer.varint(writer.length - end);
  writer.tag(field, WIRE_LENGTH_DELIMITED);
}

/** A string field: its UTF-8 bytes, length-delimited. */
function writeString(writer: ReverseWriter, field: number, text: string): void {
  delimited(writer, field, () => writer.utf8(text));
}

/** The fields of a google.protobuf.Value holding `value`. */
function writeValue(writer: ReverseWriter, value: unknown): void {
  if (value === null) {
    writer.varint(0);
    writer.tag(1, WIRE_VARINT);
  } else if (typeof value === "number") {
    writer.double(value);
    writer.tag(2, WIRE_FIXED64);
  } else if (typeof value === "string") {
    writeString(writer, 3, value);
  } else if (typeof value === "boolean") {
    writer.varint(value ? 1 : 0);
    writer.tag(4, WIRE_VARINT);
  } else if (Array.isArray(value)) {
    const list: readonly unknown[] = value;
    delimited(writer, 6, () => {
      for (let i = list.length - 1; i >= 0; i--) delimited(writer, 1, () => writeValue(writer, list[i]));
    });
  } else if (typeof value === "object") {
    delimited(writer, 5, () => writeStructFields(writer, value));
  } else {
    throw new Error("Unexpected struct type.");
  }
}

/** The map entries of a google.protobuf.Struct holding `object`'s properties, keys sorted. */
function writeStructFields(writer: ReverseWriter, object: object): void {
  const keys: string[] = [];
  // Inherited enumerable properties too, as google-protobuf's `for...in`.
  for (const key in object) keys.push(key);
  keys.sort();
  const record = object as Record<string, unknown>;
  for (let i = keys.length - 1; i >= 0; i--) {
    const key = keys[i] as string;
    delimited(writer, 1, () => {
      delimited(writer, 2, () => writeValue(writer, record[key]));
      writeString(writer, 1, key);
    });
  }
}

/**
 * google.protobuf.Struct's wire bytes for `object`: what
 * `Struct.fromJavaScript(object).serializeBinary()` returns, byte for byte.
 * @throws Error `Unexpected struct type.` for a value a Struct cannot hold (`undefined`, a function, ...).
 */
export function encodeStruct(object: object): Buffer {
  const writer = new ReverseWriter();
  writeStructFields(writer, object);
  return writer.bytes();
}

/**
 * A message's bytes: `head` (its other fields, already encoded) followed by Struct fields, each
 * `[fieldNumber, object]`, in the order given. google-protobuf writes fields by number, so this is
 * byte for byte its output when the Struct fields are given by number and number above every field of `head`.
 */
export function encodeWithStructFields(head: Uint8Array, structs: readonly (readonly [field: number, object: object])[]): Buffer {
  const writer = new ReverseWriter();
  for (let i = structs.length - 1; i >= 0; i--) {
    const [field, object] = structs[i] as readonly [number, object];
    delimited(writer, field, () => writeStructFields(writer, object));
  }
  writer.raw(head);
  return writer.bytes();
}
