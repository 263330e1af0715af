/**
 * Which copy of each thread is live, and its global document number: every segment keeps a table
 * of its own threads' ids, and a thread's live copy is its newest one unless that is hidden (a
 * newer delete). So adding or merging a segment builds only that segment's table, in steps
 * (`idTableSteps`), and swaps the lists in one small step, instead of rebuilding one map of every
 * thread in the forum while queries wait.
 *
 * A segment's id table is typed arrays over the ids' stored UTF-8 (the document table's `idBytes`
 * and `idStarts`): no string per thread and no Map entry per thread. At a million threads the
 * strings and Maps were most of the index's load time and a good part of its heap.
 */
import type { PackedDocTable } from './doc-table';
import { equalsUtf8 } from './packed-strings';

/** Ids per step of `idTableSteps`. */
const IDS_PER_STEP = 4096;

const encoder = new TextEncoder();
let scratch = new Uint8Array(256);

/** FNV-1a of bytes `from .. to`. */
export function hashBytes(bytes: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return h >>> 0;
}

/** `hashBytes` of `id`'s UTF-8 (an ASCII id is hashed as it is, without encoding). */
export function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c >= 0x80) {
      if (scratch.length < id.length * 3) scratch = new Uint8Array(id.length * 3);
      const { written } = encoder.encodeInto(id, scratch);
      return hashBytes(scratch, 0, written);
    }
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h >>> 0;
}

/** The smallest power of two at least twice `n` (and at least 16): slots of an open-addressing table. */
function capacityFor(n: number): number {
  let capacity = 16;
  while (capacity < n * 2) capacity *= 2;
  return capacity;
}

/** One segment's thread ids → local document numbers. */
export class IdTable {
  /**
   * @param bytes, starts the ids' UTF-8 (id `i` is `bytes[starts[i] .. starts[i + 1]]`)
   * @param slots local number + 1 per slot (0: empty), by hash
   * @param hashes each id's hash
   */
  constructor(
    readonly bytes: Uint8Array,
    readonly starts: Uint32Array,
    private readonly slots: Int32Array,
    readonly hashes: Uint32Array,
  ) {}

  get length(): number {
    return this.hashes.length;
  }

  /** The local number of `id` (whose `hashId` is `hash`), or -1. */
  find(id: string, hash: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const local = (slots[slot] as number) - 1;
      if (local < 0) return -1;
      if (
        this.hashes[local] === hash &&
        equalsUtf8(id, this.bytes, this.starts[local] as number, this.starts[local + 1] as number)
      )
        return local;
    }
  }

  /** The local number of the id `bytes[from .. to]` (whose hash is `hash`), or -1. */
  findBytes(bytes: Uint8Array, from: number, to: number, hash: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const local = (slots[slot] as number) - 1;
      if (local < 0) return -1;
      if (this.hashes[local] !== hash) continue;
      const f = this.starts[local] as number;
      const t = this.starts[local + 1] as number;
      if (t - f !== to - from) continue;
      let k = 0;
      while (k < t - f && this.bytes[f + k] === bytes[from + k]) k++;
      if (k === t - f) return local;
    }
  }
}

/**
 * A segment's id table, a few thousand ids a step; `each`, when given, sees every id (as a string)
 * and its local number.
 */
export function* idTableSteps(
  docs: PackedDocTable,
  each?: (id: string, local: number) => void,
): Generator<void, IdTable> {
  const { idBytes: bytes, idStarts: starts } = docs.columns;
  const n = docs.length;
  const hashes = new Uint32Array(n);
  const slots = new Int32Array(capacityFor(n));
  const mask = slots.length - 1;
  for (let local = 0; local < n; local++) {
    const h = hashBytes(bytes, starts[local] as number, starts[local + 1] as number);
    hashes[local] = h;
    let slot = h & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = local + 1;
    each?.(docs.id(local), local);
    if (local % IDS_PER_STEP === IDS_PER_STEP - 1) yield;
  }
  return new IdTable(bytes, starts, slots, hashes);
}

/**
 * Which documents of each segment are hidden by a newer segment (a newer copy of the thread, or
 * a delete): `dead[s][local]` is 1 for them, `counts[s]` how many. One pass, newest segment
 * first, through a table of the ids seen so far (each id looked up once, as bytes). A segment
 * holds each thread once (a build keeps a thread's last version, a merge its live copy).
 */
export function hiddenDocs(
  tables: readonly IdTable[],
  deletes: readonly (readonly string[])[],
): { dead: Uint8Array[]; counts: number[] } {
  const total = tables.reduce((n, t) => n + t.length, 0);
  // Slot → segment + 1 (0: empty) and local number of an id seen in a newer segment.
  const seenSegment = new Int32Array(capacityFor(total));
  const seenLocal = new Int32Array(seenSegment.length);
  const mask = seenSegment.length - 1;
  const dead: Uint8Array[] = [];
  const counts: number[] = [];
  for (let s = tables.length - 1; s >= 0; s--) {
    const table = tables[s] as IdTable;
    const flags = new Uint8Array(table.length);
    let count = 0;
    const { bytes, starts, hashes } = table;
    for (let local = 0; local < table.length; local++) {
      const from = starts[local] as number;
      const to = starts[local + 1] as number;
      const h = hashes[local] as number;
      let slot = h & mask;
      let found = false;
      for (; seenSegment[slot] !== 0; slot = (slot + 1) & mask) {
        const other = tables[(seenSegment[slot] as number) - 1] as IdTable;
        const o = seenLocal[slot] as number;
        if (other.hashes[o] !== h) continue;
        const of = other.starts[o] as number;
        const ot = other.starts[o + 1] as number;
        if (ot - of !== to - from) continue;
        let k = 0;
        while (k < to - from && other.bytes[of + k] === bytes[from + k]) k++;
        if (k === to - from) {
          found = true;
          break;
        }
      }
      if (found) {
        flags[local] = 1;
        count++;
      } else {
        // The slot reached is empty: the first copy seen (the newest) takes it.
        seenSegment[slot] = s + 1;
        seenLocal[slot] = local;
      }
    }
    dead[s] = flags;
    counts[s] = count;
  }
  // A segment's deletes hide the thread in every older segment.
  deletes.forEach((ids, s) => {
    for (const id of ids) {
      const h = hashId(id);
      for (let o = 0; o < s; o++) {
        const local = (tables[o] as IdTable).find(id, h);
        const flags = dead[o] as Uint8Array;
        if (local >= 0 && flags[local] === 0) {
          flags[local] = 1;
          counts[o] = (counts[o] as number) + 1;
        }
      }
    }
  });
  return { dead, counts };
}

export class LiveDocs {
  /**
   * @param tables per segment, oldest first: thread id → local document number
   * @param dead per segment, 1 where a document is hidden
   * @param bases per segment, the global number of its first document
   * @param size how many threads are live
   */
  constructor(
    private readonly tables: readonly IdTable[],
    private readonly dead: readonly Uint8Array[],
    private readonly bases: readonly number[],
    readonly size: number,
  ) {}

  /** The global document number of thread `id`'s live copy, or undefined. */
  get(id: string): number | undefined {
    const h = hashId(id);
    for (let s = this.tables.length - 1; s >= 0; s--) {
      const local = (this.tables[s] as IdTable).find(id, h);
      if (local < 0) continue;
      return (this.dead[s] as Uint8Array)[local] === 1 ? undefined : (this.bases[s] as number) + local;
    }
    return undefined;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }
}
