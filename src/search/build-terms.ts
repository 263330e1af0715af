/**
 * The segment builder's numbering of terms: each distinct term gets the number its first
 * `PackedStringsBuilder.push` gave it. The terms are looked up in an open-addressing table of
 * typed arrays (their hash and number) and compared with their UTF-8 in the builder, not kept in a
 * Map of strings: at 50k threads a segment has millions of distinct terms, and a Map holding
 * them kept every term string alive for the garbage collector to trace again and again.
 *
 * The table grows incrementally: a full table is kept as the old one and its entries are moved to
 * the new (twice as large) a few with each new term, lookups reading both meanwhile. Moving
 * millions of entries at once took 30–50 ms at 10k threads (more at 50k) in one slice of a build,
 * which a query arriving meanwhile waited for.
 */
import type { PackedStringsBuilder } from './packed-strings';

/** FNV-1a of the UTF-16 code units (any hash will do: it never leaves this table). */
function hashOf(term: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Old slots moved per new term while the table grows (the old table is emptied well before the new is full). */
const MOVES_PER_TERM = 8;

export class TermNumbers {
  /**
   * Two Int32s per slot, side by side (one cache line for a probe): term number + 1 (0 for an
   * empty slot, so a new table needs no filling; -1 in the old table for an entry already moved),
   * then the term's hash.
   */
  private slots = new Int32Array(2 << 12);
  /** The table being emptied into `slots` while growing (null when not growing), and the next slot to move. */
  private oldSlots: Int32Array | null = null;
  private moved = 0;
  private used = 0;

  /** @param strings where the terms are numbered (other strings may be pushed to it too) */
  constructor(private readonly strings: PackedStringsBuilder) {}

  /** The number of `term`, pushing it to the strings when it is new. */
  id(term: string): number {
    const h = hashOf(term) | 0;
    const slots = this.slots;
    const mask = (slots.length >>> 1) - 1;
    let slot = h & mask;
    for (;;) {
      const n = slots[2 * slot] as number;
      if (n === 0) break;
      if (slots[2 * slot + 1] === h && this.strings.equals(n - 1, term)) return n - 1;
      slot = (slot + 1) & mask;
    }
    if (this.oldSlots !== null) {
      const found = this.findOld(term, h);
      if (found >= 0) return found;
    }
    const n = this.strings.push(term);
    slots[2 * slot] = n + 1;
    slots[2 * slot + 1] = h;
    this.used++;
    if (this.oldSlots !== null) this.moveSome();
    else if (this.used * 2 > mask + 1) this.grow();
    return n;
  }

  /** The number of `term` (hash `h`) in the old table, or -1. */
  private findOld(term: string, h: number): number {
    const old = this.oldSlots as Int32Array;
    const mask = (old.length >>> 1) - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const n = old[2 * slot] as number;
      if (n === 0) return -1;
      if (n > 0 && old[2 * slot + 1] === h && this.strings.equals(n - 1, term)) return n - 1;
    }
  }

  /** Starts growing: the full table becomes the old one, emptied into a new one twice as large. */
  private grow(): void {
    this.oldSlots = this.slots;
    this.moved = 0;
    this.slots = new Int32Array(this.oldSlots.length * 2);
    this.moveSome();
  }

  /** Moves the next few old slots' entries to the new table (marking them moved: probes go past them). */
  private moveSome(): void {
    const old = this.oldSlots as Int32Array;
    const slots = this.slots;
    const mask = (slots.length >>> 1) - 1;
    const end = Math.min(old.length >>> 1, this.moved + MOVES_PER_TERM);
    for (let s = this.moved; s < end; s++) {
      const n = old[2 * s] as number;
      if (n <= 0) continue;
      const h = old[2 * s + 1] as number;
      let slot = h & mask;
      while ((slots[2 * slot] as number) !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = n;
      slots[2 * slot + 1] = h;
      old[2 * s] = -1;
    }
    this.moved = end;
    if (end === old.length >>> 1) this.oldSlots = null;
  }
}
