/**
 * Many strings as one UTF-8 byte blob and each string's start: two typed arrays instead of a
 * JavaScript string (and its header) per entry, stored and loaded as they are. A string is
 * decoded only when asked for.
 */

import { GrowingArray } from './build-growth';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Scratch for `equalsUtf8` (grown as needed). */
let scratch = new Uint8Array(256);

/** Bytes `from .. to` of `bytes` as a string (short ASCII without TextDecoder's call cost). */
export function decodeUtf8(bytes: Uint8Array, from: number, to: number): string {
  if (to - from <= 48) {
    let ascii = true;
    for (let p = from; p < to; p++) if ((bytes[p] as number) >= 0x80) ascii = false;
    if (ascii) return String.fromCharCode.apply(null, bytes.subarray(from, to) as unknown as number[]);
  }
  return decoder.decode(bytes.subarray(from, to));
}

/** Whether `bytes[from .. to]` is the UTF-8 of `s` (ASCII compared code unit to byte, without encoding). */
export function equalsUtf8(s: string, bytes: Uint8Array, from: number, to: number): boolean {
  if (to - from === s.length) {
    let k = 0;
    while (k < s.length && s.charCodeAt(k) === bytes[from + k]) k++;
    if (k === s.length) return true;
    if (s.charCodeAt(k) < 0x80) return false;
  } else if (to - from < s.length) return false;
  if (scratch.length < s.length * 3) scratch = new Uint8Array(s.length * 3);
  const { written } = encoder.encodeInto(s, scratch);
  if (written !== to - from) return false;
  for (let k = 0; k < written; k++) if (scratch[k] !== bytes[from + k]) return false;
  return true;
}

export class PackedStrings {
  /**
   * @param bytes the strings' UTF-8, one after another
   * @param starts string `i` is `bytes[starts[i] .. starts[i + 1]]`; `length + 1` entries
   */
  constructor(
    readonly bytes: Uint8Array,
    readonly starts: Uint32Array,
  ) {
    if (starts.length === 0 || starts[starts.length - 1] !== bytes.length)
      throw new Error('packed strings: starts do not match the bytes');
  }

  static of(strings: readonly string[]): PackedStrings {
    const builder = new PackedStringsBuilder();
    for (const s of strings) builder.push(s);
    return builder.finish();
  }

  get length(): number {
    return this.starts.length - 1;
  }

  get(i: number): string {
    return decodeUtf8(this.bytes, this.starts[i] as number, this.starts[i + 1] as number);
  }

  /** Every string, decoded at once (one decode of the whole blob when it is ASCII). */
  all(): string[] {
    const n = this.length;
    const text = decoder.decode(this.bytes);
    if (text.length !== this.bytes.length) return Array.from({ length: n }, (_, i) => this.get(i));
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++) out[i] = text.slice(this.starts[i] as number, this.starts[i + 1] as number);
    return out;
  }
}

/** Appends strings' UTF-8 to one growing buffer (grown a block at a time: build-growth.ts). */
export class PackedStringsBuilder {
  private readonly growingBytes = new GrowingArray((n) => new Uint8Array(n), 1 << 12);
  private readonly growingStarts = new GrowingArray((n) => new Uint32Array(n), 1 << 8);
  private bytes = this.growingBytes.array;
  private starts = this.growingStarts.array;
  private count = 0;
  private used = 0;

  get length(): number {
    return this.count;
  }

  /** Appends `s`; returns its number. */
  push(s: string): number {
    if (this.used + s.length * 3 > this.growingBytes.checkAt)
      this.bytes = this.growingBytes.reserve(this.used, s.length * 3);
    if (this.count + 2 > this.growingStarts.checkAt) this.starts = this.growingStarts.reserve(this.count, 2);
    this.starts[this.count] = this.used;
    this.used += encoder.encodeInto(s, this.bytes.subarray(this.used)).written;
    return this.count++;
  }

  /** The bytes so far (a view: valid until the next push). */
  get buffer(): Uint8Array {
    return this.bytes;
  }

  /**
   * Every string's byte range so far: string `i` is `bytes[from[i] .. to[i]]` (no array per
   * string); only strings `lo .. hi` when given (a sort fills millions a block at a time).
   */
  rangesInto(from: Uint32Array, to: Uint32Array, lo = 0, hi = this.count): void {
    const n = this.count;
    const starts = this.starts;
    for (let i = lo; i < hi; i++) {
      from[i] = starts[i] as number;
      to[i] = i + 1 < n ? (starts[i + 1] as number) : this.used;
    }
  }

  /** Whether string `i` is `s`. */
  equals(i: number, s: string): boolean {
    return equalsUtf8(
      s,
      this.bytes,
      this.starts[i] as number,
      i + 1 < this.count ? (this.starts[i + 1] as number) : this.used,
    );
  }

  /** String `i`'s byte range. */
  range(i: number): [number, number] {
    return [this.starts[i] as number, i + 1 < this.count ? (this.starts[i + 1] as number) : this.used];
  }

  finish(): PackedStrings {
    const starts = this.starts.slice(0, this.count + 1);
    starts[this.count] = this.used;
    return new PackedStrings(this.bytes.slice(0, this.used), starts);
  }
}
