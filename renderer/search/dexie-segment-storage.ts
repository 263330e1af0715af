/**
 * Search segments in IndexedDB: each segment's dictionary is a row of `searchDictionaries` (id
 * `seg-…`, all loaded at start), its postings are rows of `searchSegments`, a block a row (id
 * `seg-…/000000`, read when a query needs those terms). A segment's blocks are written first, its
 * dictionary last: a segment exists once its dictionary does. A segment being written is named in
 * the `meta` table until its dictionary is stored, so that blocks a crash left without one are
 * found by their key range at the next load, never by listing the blocks.
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
import { traceMark } from '../data/trace-mark';

/** Blocks per write: 8 blocks are at most ~2 MB of postings. */
const BLOCKS_PER_WRITE = 8;
/** The `meta` row naming the segments whose blocks are being written (a list of ids). */
export const WRITING_KEY = 'searchSegmentsWriting';

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
    traceMark('forumkb:dictionary-read');
    const [rows, writing] = await Promise.all([this.db.searchDictionaries.toArray(), this.writing()]);
    traceMark('forumkb:dictionary-read-end');
    const segments: SegmentDictionary[] = [];
    const unreadable: string[] = [];
    for (const row of rows) {
      try {
        segments.push(decodeDictionary(row.data as Uint8Array));
      } catch {
        // An unreadable (older format) segment: drop it; the worker rebuilds when the index is empty.
        unreadable.push(row.id);
      }
    }
    traceMark('forumkb:dictionary-decoded');
    // Segments whose blocks a crash interrupted, never stored whole: their blocks are dropped.
    const known = new Set(segments.map((s) => s.id));
    const unfinished = writing.filter((id) => !known.has(id));
    if (unreadable.length > 0 || writing.length > 0) {
      await this.db.transaction('rw', [this.db.searchDictionaries, this.db.searchSegments, this.db.meta], async () => {
        await this.deleteRows([...unreadable, ...unfinished]);
        await this.db.meta.delete(WRITING_KEY);
      });
    }
    return segments;
  }

  /** The segments being written, as the `meta` table names them. */
  private async writing(): Promise<string[]> {
    const row = await this.db.meta.get(WRITING_KEY);
    return Array.isArray(row?.value) ? (row.value as string[]) : [];
  }

  /** Names or no longer names a segment as being written (inside the caller's transaction, if any). */
  private async markWriting(id: string, writing: boolean): Promise<void> {
    await this.db.transaction('rw', this.db.meta, async () => {
      const ids = (await this.writing()).filter((other) => other !== id);
      if (writing) ids.push(id);
      if (ids.length > 0) await this.db.meta.put({ key: WRITING_KEY, value: ids });
      else await this.db.meta.delete(WRITING_KEY);
    });
  }

  /**
   * Writes the posting blocks a few at a time (one transaction each, so the worker is never busy
   * copying a whole segment at once and queries run in between), then the dictionary row, which
   * makes the segment exist: blocks left without it by a crash are dropped at the next load.
   */
  async put(segment: SegmentData): Promise<SegmentDictionary> {
    const dictionary = segmentDictionary(segment, this.maxBlockPostings);
    const createdAt = segment.createdAt;
    await this.markWriting(segment.id, true);
    await this.db.searchSegments
      .where('id')
      .between(...blockRange(segment.id), true, true)
      .delete();
    const count = dictionary.blocks.length - 1;
    for (let first = 0; first < count; first += BLOCKS_PER_WRITE) {
      const rows = [];
      for (let b = first; b < Math.min(count, first + BLOCKS_PER_WRITE); b++)
        rows.push({
          id: blockKey(segment.id, b),
          data: encodeBlock(postingBlock(segment, dictionary.blocks, b)),
          createdAt,
        });
      await this.db.searchSegments.bulkPut(rows);
    }
    const row = { id: segment.id, data: encodeDictionary(dictionary), createdAt };
    await this.db.transaction('rw', [this.db.searchDictionaries, this.db.meta], async () => {
      await this.db.searchDictionaries.put(row);
      await this.markWriting(segment.id, false);
    });
    return dictionary;
  }

  async delete(ids: string[]): Promise<void> {
    await this.db.transaction('rw', [this.db.searchDictionaries, this.db.searchSegments], () => this.deleteRows(ids));
  }

  /** Segments' dictionaries and blocks (inside the caller's transaction). */
  private async deleteRows(ids: string[]): Promise<void> {
    await this.db.searchDictionaries.bulkDelete(ids);
    for (const id of ids)
      await this.db.searchSegments
        .where('id')
        .between(...blockRange(id), true, true)
        .delete();
  }

  async readBlock(segmentId: string, block: number): Promise<PostingBlock> {
    const row = await this.db.searchSegments.get(blockKey(segmentId, block));
    if (!row) throw new Error(`search segment ${segmentId} has no block ${block}`);
    return decodeBlock(row.data as Uint8Array);
  }
}
