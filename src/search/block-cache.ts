/**
 * Posting blocks kept in memory within a budget in bytes: least recently used blocks go first,
 * and a block gets in only by being asked for more often than the blocks it would push out
 * (TinyLFU's admission, Einziger et al., "TinyLFU: A Highly Efficient Cache Admission Policy",
 * 2017; the counts are exact here, one per block asked for, halved every so often so that what
 * was asked for long ago gives way).
 *
 * Least-recently-used eviction alone kept nothing of a mix of queries needing more blocks than
 * the budget holds: each query's blocks pushed out the next one's before it came again (a
 * million threads, 187 MB of cache: every block of the bench's mix read again, the keystroke's
 * p95 went from 30 to 92 ms CPU). With admission, the blocks asked for as often as those already
 * in stay out, and those in stay. A block the cache turns away still serves the query that read
 * it (segmented-index.ts keeps a query's blocks to its end).
 */
import type { PostingBlock } from './segment';

/** The counts are halved after this many asks per block held (at least per 16 blocks). */
const AGE_EVERY = 10;

const bytesOf = (block: PostingBlock) => block.docs.byteLength + block.weights.byteLength;

export class BlockCache {
  /** Least recently used first. */
  private readonly blocks = new Map<string, PostingBlock>();
  /** How often each block was asked for (held or not), halved by `age`. */
  private readonly counts = new Map<string, number>();
  private asks = 0;
  private used = 0;

  /** A fixed budget in bytes, or one that follows the index's size. */
  constructor(private readonly budget: number | (() => number)) {}

  /** The block, if held; counted as asked for either way. */
  get(key: string): PostingBlock | undefined {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    if (++this.asks >= AGE_EVERY * Math.max(16, this.blocks.size)) this.age();
    const block = this.blocks.get(key);
    if (block) {
      this.blocks.delete(key);
      this.blocks.set(key, block);
    }
    return block;
  }

  /** Offers a block just read: kept if there is room, or if it is asked for more often than those it would push out. */
  set(key: string, block: PostingBlock): void {
    if (this.blocks.has(key)) return;
    const budget = typeof this.budget === 'number' ? this.budget : this.budget();
    this.evict(budget);
    const bytes = bytesOf(block);
    let over = this.used + bytes - budget;
    if (over > 0) {
      const asked = this.counts.get(key) ?? 0;
      for (const [held, heldBlock] of this.blocks) {
        if (over <= 0) break;
        if ((this.counts.get(held) ?? 0) >= asked) return;
        over -= bytesOf(heldBlock);
      }
    }
    this.blocks.set(key, block);
    this.used += bytes;
    this.evict(budget, key);
  }

  /** Least recently used blocks go until the rest fit (`kept` stays, even alone over the budget). */
  private evict(budget: number, kept?: string): void {
    for (const [key, block] of this.blocks) {
      if (this.used <= budget || key === kept) break;
      this.blocks.delete(key);
      this.used -= bytesOf(block);
    }
  }

  private age(): void {
    this.asks = 0;
    for (const [key, count] of this.counts)
      if (count <= 1) this.counts.delete(key);
      else this.counts.set(key, count >>> 1);
  }

  /** Forgets a segment's blocks (merged away or deleted). */
  drop(segmentId: string): void {
    const prefix = `${segmentId}#`;
    for (const [key, block] of this.blocks)
      if (key.startsWith(prefix)) {
        this.blocks.delete(key);
        this.used -= bytesOf(block);
      }
    for (const key of this.counts.keys()) if (key.startsWith(prefix)) this.counts.delete(key);
  }

  get bytes(): number {
    return this.used;
  }
}
