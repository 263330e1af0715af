/**
 * A list's thread ids as they cross from the data worker to the UI: one string and where each id
 * ends. Copying a message of 100k (or 1M) separate strings made the UI thread build each one
 * again on arrival, every time the list changed; one string and one typed array copy as two blocks
 * of memory, and the UI makes a string only for the rows it shows.
 */

import { runAll } from '../search/slices';

/** The ids, each followed by a newline (ids never hold one), and the end of each. */
export interface PackedIds {
  readonly text: string;
  readonly ends: Uint32Array;
}

/** What the list reads of its ids: an array of ids is one too. */
export interface IdSequence {
  readonly length: number;
  at(index: number): string | undefined;
  indexOf(id: string): number;
  slice(start?: number, end?: number): string[];
}

const SEPARATOR = '\n';

/** Ids packed per step of `packIdsSteps`. */
const IDS_PER_STEP = 16_384;

/** The ids packed a step at a time (100k ids took ~30 ms in one go, a million ~300). */
export function* packIdsSteps(ids: readonly string[]): Generator<void, PackedIds> {
  const ends = new Uint32Array(ids.length);
  const parts: string[] = [];
  let at = 0;
  for (let from = 0; from < ids.length; from += IDS_PER_STEP) {
    const to = Math.min(ids.length, from + IDS_PER_STEP);
    for (let i = from; i < to; i++) {
      const id = ids[i] as string;
      if (id.includes(SEPARATOR)) throw new Error(`A thread id holds a line break: ${JSON.stringify(id)}`);
      at += id.length;
      ends[i] = at;
      at += 1;
    }
    parts.push(ids.slice(from, to).join(SEPARATOR) + SEPARATOR);
    yield;
  }
  return { text: parts.join(''), ends };
}

export function packIds(ids: readonly string[]): PackedIds {
  return runAll(packIdsSteps(ids));
}

/** Packed ids read as a sequence, the strings made as they are asked for. */
export class IdList implements IdSequence {
  constructor(private readonly packed: PackedIds) {}

  get length(): number {
    return this.packed.ends.length;
  }

  at(index: number): string | undefined {
    const i = index < 0 ? index + this.length : index;
    if (!Number.isInteger(i) || i < 0 || i >= this.length) return undefined;
    return this.packed.text.slice(this.startOf(i), this.packed.ends[i]);
  }

  indexOf(id: string): number {
    if (id === '' || id.includes(SEPARATOR)) return -1;
    const { text } = this.packed;
    const wanted = id + SEPARATOR;
    // A match starts the text or follows a separator; the separator after it ends it.
    for (let from = 0; ;) {
      const at = text.indexOf(wanted, from);
      if (at < 0) return -1;
      if (at === 0 || text.charCodeAt(at - 1) === 10) return this.indexAt(at);
      from = at + 1;
    }
  }

  slice(start = 0, end = this.length): string[] {
    const n = this.length;
    const from = Math.max(0, start < 0 ? start + n : Math.min(start, n));
    const to = Math.max(0, end < 0 ? end + n : Math.min(end, n));
    const out: string[] = [];
    for (let i = from; i < to; i++) out.push(this.packed.text.slice(this.startOf(i), this.packed.ends[i]));
    return out;
  }

  private startOf(i: number): number {
    return i === 0 ? 0 : this.packed.ends[i - 1]! + 1;
  }

  /** The index of the id that starts at `offset` (ends are increasing: a binary search). */
  private indexAt(offset: number): number {
    const { ends } = this.packed;
    let lo = 0;
    let hi = ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ends[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
