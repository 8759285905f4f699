/**
 * google.protobuf.Struct read straight from its wire bytes into a plain object, as google-protobuf's
 * `Struct.deserializeBinary(bytes).toJavaScript()` returns it, without a message object per value.
 * A refresh sends the stored outputs, and a Diff or an Update the old ones: 25 MB at 100,000 groups
 * of `detail: "full"`, which google-protobuf decoded into ~1 GB of message objects (the plugin's
 * refresh peaked at 1.1 GB where its listing and answer need a third of that).
 *
 * struct.proto: Struct = map<string, Value> fields = 1 (each entry: key = 1, value = 2); Value is
 * a oneof null_value = 1 (enum), number_value = 2 (double), string_value = 3, bool_value = 4,
 * struct_value = 5, list_value = 6; ListValue = repeated Value values = 1.
 *
 * Only bytes as Pulumi's engine writes them (Go's protobuf: valid UTF-8, one key and one value per
 * entry, a kind in every Value) are read here. Anything else (a Value without a kind, an entry with
 * its key or value missing or repeated or an unknown field, a wire type other than the field's, a
 * bool other than 0 or 1, bytes that are not UTF-8 or hold U+FFFD, a `__proto__` key, a group, a
 * tag past 32 bits, a truncated message, a nesting deeper than {@link MAX_DEPTH}) makes {@link decodeStruct} answer
 * `undefined`, and the caller decodes with google-protobuf, whose behaviour (an error, or its own
 * reading) is then the answer. What is read here gives what google-protobuf gives, checked by
 * tests/provider/structDecoding.spec.ts: keys in sorted order, a repeated key's last value, a
 * repeated field's last occurrence, unknown fields skipped, numbers as their doubles (NaN, -0).
 */

import { WIRE_FIXED32, WIRE_FIXED64, WIRE_LENGTH_DELIMITED, WIRE_VARINT } from "./structEncoding";

/** Thrown inside the reader for bytes left to google-protobuf. */
const UNUSUAL = Symbol("left to google-protobuf");

/**
 * Structs and lists nested deeper than this are left to google-protobuf: it recurses through about
 * twice as many frames a level as this reader, so between its stack limit and this reader's it
 * threw RangeError where this reader returned a value (2,500 nested lists in a fresh process, 1,000
 * nested structs under 3,000 frames). The engine's values nest a few levels.
 */
const MAX_DEPTH = 100;

/** A read position within a Buffer. */
class Cursor {
  constructor(readonly buffer: Buffer, public position: number) {}

  /** An unsigned varint (at most 10 bytes) as a double: exact below 2^53. */
  varint(end: number): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.position >= end) throw UNUSUAL;
      const byte = this.buffer[this.position++] as number;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
    throw UNUSUAL;
  }

  /** A length-delimited field's end, after its length. */
  delimitedEnd(end: number): number {
    const length = this.varint(end);
    const bodyEnd = this.position + length;
    if (bodyEnd > end) throw UNUSUAL;
    return bodyEnd;
  }

  /**
   * A field's tag. google-protobuf reads a tag's low 32 bits only (a tag of 2^32 + 10 is field 1 of
   * wire type 2 there): a tag past 32 bits is left to it.
   */
  tag(end: number): number {
    const tag = this.varint(end);
    if (tag > 0xffffffff) throw UNUSUAL;
    return tag;
  }

  skip(wireType: number, end: number): void {
    if (wireType === WIRE_VARINT) this.varint(end);
    else if (wireType === WIRE_FIXED64) this.position += 8;
    else if (wireType === WIRE_LENGTH_DELIMITED) this.position = this.delimitedEnd(end);
    else if (wireType === WIRE_FIXED32) this.position += 4;
    else throw UNUSUAL;
    if (this.position > end) throw UNUSUAL;
  }

  string(end: number): string {
    const stringEnd = this.delimitedEnd(end);
    const text = this.buffer.toString("utf8", this.position, stringEnd);
    // Node writes U+FFFD for bytes that are not UTF-8, where google-protobuf has its own reading.
    if (text.includes("\ufffd")) throw UNUSUAL;
    this.position = stringEnd;
    return text;
  }
}

/** The value of a google.protobuf.Value ending at `end`. */
function readValue(cursor: Cursor, end: number, depth: number): unknown {
  let kind = false;
  let value: unknown;
  while (cursor.position < end) {
    const tag = cursor.tag(end);
    const field = Math.floor(tag / 8);
    const wireType = tag % 8;
    if (field < 1 || field > 6) {
      cursor.skip(wireType, end);
      continue;
    }
    kind = true;
    if (field === 1 && wireType === WIRE_VARINT) {
      cursor.varint(end);
      value = null;
    } else if (field === 2 && wireType === WIRE_FIXED64) {
      if (cursor.position + 8 > end) throw UNUSUAL;
      value = cursor.buffer.readDoubleLE(cursor.position);
      cursor.position += 8;
    } else if (field === 3 && wireType === WIRE_LENGTH_DELIMITED) {
      value = cursor.string(end);
    } else if (field === 4 && wireType === WIRE_VARINT) {
      // google-protobuf 3.21 reads a bool's low 32 bits only (2^32 is false): 0 and 1 here.
      const bool = cursor.varint(end);
      if (bool !== 0 && bool !== 1) throw UNUSUAL;
      value = bool === 1;
    } else if (field === 5 && wireType === WIRE_LENGTH_DELIMITED) {
      value = readStruct(cursor, cursor.delimitedEnd(end), depth + 1);
    } else if (field === 6 && wireType === WIRE_LENGTH_DELIMITED) {
      value = readList(cursor, cursor.delimitedEnd(end), depth + 1);
    } else {
      throw UNUSUAL;
    }
  }
  if (!kind) throw UNUSUAL; // google-protobuf: "Unexpected struct type"
  return value;
}

/** The elements of a google.protobuf.ListValue ending at `end`. */
function readList(cursor: Cursor, end: number, depth: number): unknown[] {
  if (depth > MAX_DEPTH) throw UNUSUAL;
  const list: unknown[] = [];
  while (cursor.position < end) {
    const tag = cursor.tag(end);
    if (tag === 1 * 8 + WIRE_LENGTH_DELIMITED) list.push(readValue(cursor, cursor.delimitedEnd(end), depth));
    else if (Math.floor(tag / 8) === 1) throw UNUSUAL;
    else cursor.skip(tag % 8, end);
  }
  return list;
}

/** One map entry of a Struct ending at `end`, into `entries`. */
function readEntry(cursor: Cursor, end: number, entries: Map<string, unknown>, depth: number): void {
  let key: string | undefined;
  let value: unknown;
  let valued = false;
  while (cursor.position < end) {
    const tag = cursor.tag(end);
    const field = Math.floor(tag / 8);
    if (field === 1 && tag % 8 === WIRE_LENGTH_DELIMITED && key === undefined) {
      key = cursor.string(end);
    } else if (field === 2 && tag % 8 === WIRE_LENGTH_DELIMITED && !valued) {
      value = readValue(cursor, cursor.delimitedEnd(end), depth);
      valued = true;
    } else {
      // A field repeated or of another wire type, or an unknown field (google-protobuf 3.21 fails
      // on one before the key: "Unexpected struct type").
      throw UNUSUAL;
    }
  }
  // google-protobuf's map keeps its entries in an object: `__proto__` is not a key there.
  if (key === undefined || !valued || key === "__proto__") throw UNUSUAL;
  entries.set(key, value);
}

/** The object of a google.protobuf.Struct ending at `end`: keys sorted, as google-protobuf's map iterates them. */
function readStruct(cursor: Cursor, end: number, depth: number): Record<string, unknown> {
  if (depth > MAX_DEPTH) throw UNUSUAL;
  const entries = new Map<string, unknown>();
  while (cursor.position < end) {
    const tag = cursor.tag(end);
    if (tag === 1 * 8 + WIRE_LENGTH_DELIMITED) readEntry(cursor, cursor.delimitedEnd(end), entries, depth);
    else if (Math.floor(tag / 8) === 1) throw UNUSUAL;
    else cursor.skip(tag % 8, end);
  }
  const object: Record<string, unknown> = {};
  for (const key of [...entries.keys()].sort()) object[key] = entries.get(key);
  return object;
}

const asBuffer = (bytes: Uint8Array): Buffer => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

/**
 * `Struct.deserializeBinary(bytes).toJavaScript()` of google-protobuf, or `undefined` for bytes
 * left to it (see the file's comment).
 */
export function decodeStruct(bytes: Uint8Array): Record<string, unknown> | undefined {
  try {
    const buffer = asBuffer(bytes);
    return readStruct(new Cursor(buffer, 0), buffer.length, 0);
  } catch {
    // UNUSUAL, or a RangeError of a nesting deeper than the stack: google-protobuf decides.
    return undefined;
  }
}

/** A message's bytes without its Struct fields, and those fields read. */
export interface SplitMessage {
  /** The message's other fields, in their order: for google-protobuf to read. */
  readonly rest: Buffer;
  /** Each Struct field present, by field number: its last occurrence, as google-protobuf keeps it. */
  readonly structs: ReadonlyMap<number, Record<string, unknown>>;
}

/**
 * What google-protobuf reads in the fields a message keeps (by field number): a field not listed
 * is skipped by its length, as google-protobuf skips a field its message does not have.
 */
export interface KeptFields {
  /**
   * Fields read as strings: kept only when UTF-8 (not holding U+FFFD). google-protobuf reads a
   * character's bytes past the end of a string that ends inside one (its reading of the string and
   * of what follows then depends on the bytes after it, which taking a Struct field out changes).
   */
  readonly strings?: ReadonlySet<number>;
  /** Struct fields left to google-protobuf (oldInputs): kept only when {@link decodeStruct} reads them (google-protobuf then reads them within their bytes). */
  readonly structs?: ReadonlySet<number>;
  /** Other message fields (a View): the whole message is left to google-protobuf when one is present. */
  readonly messages?: ReadonlySet<number>;
}

const NONE: ReadonlySet<number> = new Set();

/**
 * Takes the Struct fields numbered `fields` out of a message's bytes and reads them with
 * {@link decodeStruct}; `undefined` when the bytes are left to google-protobuf (one of those
 * fields of another wire type, unusual Struct bytes, a message that does not parse, a tag past 32
 * bits, a kept field that google-protobuf could read past its end (see {@link KeptFields}), or a
 * nesting deeper than {@link MAX_DEPTH}).
 */
export function splitStructFields(bytes: Uint8Array, fields: ReadonlySet<number>, kept: KeptFields = {}): SplitMessage | undefined {
  const buffer = asBuffer(bytes);
  const cursor = new Cursor(buffer, 0);
  const strings = kept.strings ?? NONE;
  const keptStructs = kept.structs ?? NONE;
  const messages = kept.messages ?? NONE;
  const keptBytes: Buffer[] = [];
  const structs = new Map<number, Record<string, unknown>>();
  try {
    let keptFrom = 0;
    while (cursor.position < buffer.length) {
      const start = cursor.position;
      const tag = cursor.tag(buffer.length);
      const field = Math.floor(tag / 8);
      const wireType = tag % 8;
      if (!fields.has(field)) {
        if (wireType === WIRE_LENGTH_DELIMITED && (strings.has(field) || keptStructs.has(field) || messages.has(field))) {
          if (messages.has(field)) throw UNUSUAL;
          if (strings.has(field)) cursor.string(buffer.length);
          else readStruct(cursor, cursor.delimitedEnd(buffer.length), 0);
        } else {
          cursor.skip(wireType, buffer.length);
        }
        continue;
      }
      if (wireType !== WIRE_LENGTH_DELIMITED) throw UNUSUAL;
      const end = cursor.delimitedEnd(buffer.length);
      structs.set(field, readStruct(cursor, end, 0));
      if (start > keptFrom) keptBytes.push(buffer.subarray(keptFrom, start));
      keptFrom = end;
    }
    if (buffer.length > keptFrom) keptBytes.push(buffer.subarray(keptFrom));
  } catch {
    return undefined;
  }
  return { rest: Buffer.concat(keptBytes), structs };
}
