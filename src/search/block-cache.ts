/**
 * Posting blocks kept in memory, within a budget in bytes, by S3-FIFO (Yang et al., "FIFO queues
 * are all you need for cache eviction", SOSP 2023): a new block enters a small queue (a tenth of
 * the budget) and leaves it soon unless it is asked for again; a block asked for again, or asked
 * for again shortly after it left (its key is remembered in a ghost queue), goes to the main
 * queue, where a block is kept as long as it is asked for between two passes of the queue.
 *
 * Least-recently-used eviction kept nothing of a mix of queries needing more blocks than the
 * budget holds: each query's blocks pushed out the next one's before it came again (a million
 * threads, 187 MB of cache: every block of the bench's mix read again, the keystroke's p95 went
 * from 30 to 92 ms CPU). Here a share of the blocks stays, the ones asked for most.
 */
import type { PostingBlock } from './segment';

/** The small queue's share of the budget. */
const SMALL_SHARE = 0.1;
/** How many passes of the main queue a block survives without being asked for (at most). */
const MAX_FREQ = 3;

interface Entry {
  block: PostingBlock;
  bytes: number;
  /** Asks since it entered its queue, or since the main queue last passed it (at most MAX_FREQ). */
  freq: number;
}

const bytesOf = (block: PostingBlock) => block.docs.byteLength + block.weights.byteLength;

/** The first entry of an insertion-ordered map. */
function first<K, V>(map: Map<K, V>): [K, V] | undefined {
  for (const entry of map) return entry;
  return undefined;
}

export class BlockCache {
  private readonly small = new Map<string, Entry>();
  private readonly main = new Map<string, Entry>();
  /** Keys of blocks the small queue let go of, oldest first. */
  private readonly ghost = new Set<string>();
  private smallBytes = 0;
  private used = 0;

  /** A fixed budget in bytes, or one that follows the index's size. */
  constructor(private readonly budget: number | (() => number)) {}

  get(key: string): PostingBlock | undefined {
    const entry = this.small.get(key) ?? this.main.get(key);
    if (!entry) return undefined;
    entry.freq = Math.min(MAX_FREQ, entry.freq + 1);
    return entry.block;
  }

  /** Keeps `block` (a block larger than the whole budget is kept until the next one comes). */
  set(key: string, block: PostingBlock): void {
    if (this.small.has(key) || this.main.has(key)) return;
    const entry = { block, bytes: bytesOf(block), freq: 0 };
    if (this.ghost.delete(key)) this.main.set(key, entry);
    else {
      this.small.set(key, entry);
      this.smallBytes += entry.bytes;
    }
    this.used += entry.bytes;
    this.evict(typeof this.budget === 'number' ? this.budget : this.budget(), key);
  }

  private evict(budget: number, kept: string): void {
    while (this.used > budget) {
      // The block just kept is the last of its queue: it goes only when nothing else is left.
      const smallHead = first(this.small);
      const mainHead = first(this.main);
      const fromSmall = smallHead !== undefined && smallHead[0] !== kept;
      const fromMain = mainHead !== undefined && mainHead[0] !== kept;
      if (fromSmall && (this.smallBytes > budget * SMALL_SHARE || !fromMain)) {
        const [key, entry] = smallHead;
        this.small.delete(key);
        this.smallBytes -= entry.bytes;
        if (entry.freq > 0) {
          entry.freq = 0;
          this.main.set(key, entry);
        } else {
          this.used -= entry.bytes;
          this.remember(key);
        }
      } else if (fromMain) {
        const [key, entry] = mainHead;
        this.main.delete(key);
        if (entry.freq > 0) {
          entry.freq--;
          this.main.set(key, entry);
        } else this.used -= entry.bytes;
      } else return;
    }
  }

  /** Remembers a key let go of, as many as the queues hold blocks. */
  private remember(key: string): void {
    this.ghost.add(key);
    const most = Math.max(1, this.small.size + this.main.size);
    for (const old of this.ghost) {
      if (this.ghost.size <= most) break;
      this.ghost.delete(old);
    }
  }

  /** Forgets a segment's blocks (merged away or deleted). */
  drop(segmentId: string): void {
    const prefix = `${segmentId}#`;
    for (const queue of [this.small, this.main])
      for (const [key, entry] of queue)
        if (key.startsWith(prefix)) {
          queue.delete(key);
          this.used -= entry.bytes;
          if (queue === this.small) this.smallBytes -= entry.bytes;
        }
    for (const key of this.ghost) if (key.startsWith(prefix)) this.ghost.delete(key);
  }

  get bytes(): number {
    return this.used;
  }
}
