/**
 * Search segments in the `searchSegments` table: per segment one row with its dictionary (id
 * `seg-…`, loaded at start) and one row per block of postings (id `seg-…/000000`, read when a
 * query needs those terms). A segment's rows are written in one transaction: all or nothing.
 */
import { decodeBlock, decodeDictionary, encodeBlock, encodeDictionary } from '../../src/search/segment-codec';
import { storedSegment, type PostingBlock, type SegmentData, type SegmentDictionary } from '../../src/search/segment';
import type { SegmentStorage } from '../../src/search/persistent-index';
import type { ForumDb } from '../db/db';

const blockKey = (segmentId: string, block: number) => `${segmentId}/${String(block).padStart(6, '0')}`;
/** Every block row of a segment sorts between these two keys. */
const blockRange = (segmentId: string): [string, string] => [`${segmentId}/`, `${segmentId}/\uffff`];

export class DexieSegmentStorage implements SegmentStorage {
  constructor(
    private readonly db: ForumDb,
    /** Postings per block (tests make them small). */
    private readonly maxBlockPostings?: number,
  ) {}

  async loadAll(): Promise<SegmentDictionary[]> {
    const keys = (await this.db.searchSegments.toCollection().primaryKeys()) as string[];
    const ids = keys.filter((k) => !k.includes('/'));
    const rows = await this.db.searchSegments.bulkGet(ids);
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

  async put(segment: SegmentData): Promise<SegmentDictionary> {
    const { dictionary, blocks } = storedSegment(segment, this.maxBlockPostings);
    const createdAt = segment.createdAt;
    await this.db.transaction('rw', this.db.searchSegments, async () => {
      await this.db.searchSegments
        .where('id')
        .between(...blockRange(segment.id), true, true)
        .delete();
      await this.db.searchSegments.bulkPut(
        blocks.map((block, b) => ({ id: blockKey(segment.id, b), data: encodeBlock(block), createdAt })),
      );
      await this.db.searchSegments.put({ id: segment.id, data: encodeDictionary(dictionary), createdAt });
    });
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
