/**
 * Search segments in the `searchSegments` table: per segment one row with its dictionary (id
 * `seg-…`, loaded at start) and one row per block of postings (id `seg-…/000000`, read when a
 * query needs those terms). A segment's blocks are written first, its dictionary row last: a segment
exists once its dictionary does, and blocks without one are dropped when the index is loaded.
 */
import { decodeBlock, decodeDictionary, encodeBlock, encodeDictionary } from '../../src/search/segment-codec';
import {
  postingBlock,
  segmentDictionary,
  type PostingBlock,
  type SegmentData,
  type SegmentDictionary,
} from '../../src/search/segment';
import type { SegmentStorage } from '../../src/search/persistent-index';
import type { ForumDb } from '../db/forum-db';

/** Blocks per write: 8 blocks are at most ~2 MB of postings. */
const BLOCKS_PER_WRITE = 8;

const blockKey = (segmentId: string, block: number) => `${segmentId}/${String(block).padStart(6, '0')}`;
/** Every block row of a segment sorts between these two keys. */
const blockRange = (segmentId: string): [string, string] => [`${segmentId}/`, `${segmentId}/\uffff`];

export class DexieSegmentStorage implements SegmentStorage {
  constructor(
    private readonly db: ForumDb,
    /** Postings per block (tests make them small). */
    private readonly maxBlockPostings?: number,
    /**
     * Asked before each write of blocks: a write that must not wait behind the index's (an
     * import's, whose every step needs the thread) gives a promise of its end, waited for first.
     */
    private readonly yieldTo?: () => Promise<unknown> | null,
  ) {}

  async loadAll(): Promise<SegmentDictionary[]> {
    const keys = (await this.db.searchSegments.toCollection().primaryKeys()) as string[];
    const ids = keys.filter((k) => !k.includes('/'));
    // A request per dictionary, each answered in a task of its own: one request for them all was
    // one task of 110 ms in the data worker at 100k threads (two dictionaries of 12 MB; a million
    // threads have twenty of up to 31 MB), which any other request at start waited for.
    const rows = [];
    for (const id of ids) rows.push(await this.db.searchSegments.get(id));
    const segments: SegmentDictionary[] = [];
    const unreadable: string[] = [];
    rows.forEach((row, i) => {
      try {
        if (!row) throw new Error('gone');
        segments.push(decodeDictionary(row.data as Uint8Array));
      } catch {
        // An unreadable (older format) segment: drop it; the worker rebuilds when the index is empty.
        unreadable.push(ids[i] as string);
      }
    });
    // Blocks whose dictionary is gone (a delete interrupted half-way) are dropped too.
    const known = new Set(segments.map((s) => s.id));
    const orphans = keys.filter((k) => k.includes('/') && !known.has(k.slice(0, k.indexOf('/'))));
    if (unreadable.length > 0 || orphans.length > 0) {
      await this.db.searchSegments.bulkDelete([...unreadable, ...orphans]);
    }
    return segments;
  }

  /**
   * Writes the posting blocks a few at a time (one transaction each, so the worker is never busy
   * copying a whole segment at once and queries run in between), then the dictionary row, which
   * makes the segment exist: blocks left without it by a crash are dropped at the next load. Each
   * write waits for an import's write under way (`yieldTo`): beside a segment's writes, an import
   * write of 10 threads took 150–250 ms in the UI bench's 200 MB import, and a search typed
   * meanwhile waited for it.
   */
  async put(segment: SegmentData): Promise<SegmentDictionary> {
    const dictionary = segmentDictionary(segment, this.maxBlockPostings);
    const createdAt = segment.createdAt;
    await this.db.searchSegments
      .where('id')
      .between(...blockRange(segment.id), true, true)
      .delete();
    const count = dictionary.blocks.length - 1;
    for (let first = 0; first < count; first += BLOCKS_PER_WRITE) {
      const held = this.yieldTo?.();
      if (held) await held.catch(() => undefined);
      const rows = [];
      for (let b = first; b < Math.min(count, first + BLOCKS_PER_WRITE); b++)
        rows.push({
          id: blockKey(segment.id, b),
          data: encodeBlock(postingBlock(segment, dictionary.blocks, b)),
          createdAt,
        });
      await this.db.searchSegments.bulkPut(rows);
    }
    await this.db.searchSegments.put({ id: segment.id, data: encodeDictionary(dictionary), createdAt });
    return dictionary;
  }

  async delete(ids: string[]): Promise<void> {
    await this.db.transaction('rw', this.db.searchSegments, async () => {
      await this.db.searchSegments.bulkDelete(ids);
      for (const id of ids)
        await this.db.searchSegments
          .where('id')
          .between(...blockRange(id), true, true)
          .delete();
    });
  }

  async readBlock(segmentId: string, block: number): Promise<PostingBlock> {
    const row = await this.db.searchSegments.get(blockKey(segmentId, block));
    if (!row) throw new Error(`search segment ${segmentId} has no block ${block}`);
    return decodeBlock(row.data as Uint8Array);
  }
}
