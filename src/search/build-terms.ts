/**
 * The segment builder's numbering of terms: each distinct term gets the number its first
 * `PackedStringsBuilder.push` gave it. The terms are looked up in an open-addressing table of
 * typed arrays (their hash and number) and compared with their UTF-8 in the builder, not kept in a
 * Map of strings: at 50k threads a segment has millions of distinct terms, and a Map holding
 * them kept every term string alive for the garbage collector to trace again and again.
 */
import type { PackedStringsBuilder } from './packed-strings';

/** FNV-1a of the UTF-16 code units (any hash will do: it never leaves this table). */
function hashOf(term: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class TermNumbers {
  /** Term number per slot, -1 for an empty slot; the slot's hash beside it. */
  private numbers = new Int32Array(1 << 12).fill(-1);
  private hashes = new Uint32Array(1 << 12);
  private used = 0;

  /** @param strings where the terms are numbered (other strings may be pushed to it too) */
  constructor(private readonly strings: PackedStringsBuilder) {}

  /** The number of `term`, pushing it to the strings when it is new. */
  id(term: string): number {
    const h = hashOf(term);
    const numbers = this.numbers;
    const mask = numbers.length - 1;
    let slot = h & mask;
    for (;;) {
      const n = numbers[slot] as number;
      if (n < 0) break;
      if (this.hashes[slot] === h && this.strings.equals(n, term)) return n;
      slot = (slot + 1) & mask;
    }
    const n = this.strings.push(term);
    numbers[slot] = n;
    this.hashes[slot] = h;
    if (++this.used * 2 > numbers.length) this.grow();
    return n;
  }

  private grow(): void {
    const numbers = new Int32Array(this.numbers.length * 2).fill(-1);
    const hashes = new Uint32Array(numbers.length);
    const mask = numbers.length - 1;
    for (let s = 0; s < this.numbers.length; s++) {
      const n = this.numbers[s] as number;
      if (n < 0) continue;
      const h = this.hashes[s] as number;
      let slot = h & mask;
      while ((numbers[slot] as number) >= 0) slot = (slot + 1) & mask;
      numbers[slot] = n;
      hashes[slot] = h;
    }
    this.numbers = numbers;
    this.hashes = hashes;
  }
}
