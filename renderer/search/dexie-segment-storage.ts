/** Search segments in the `searchSegments` table, each one encoded to bytes (one compact value). */
import { decodeSegment, encodeSegment } from '../../src/search/segment-codec';
import type { SegmentData } from '../../src/search/segment';
import type { SegmentStorage } from '../../src/search/persistent-index';
import type { ForumDb } from '../db/db';

export class DexieSegmentStorage implements SegmentStorage {
  constructor(private readonly db: ForumDb) {}

  async loadAll(): Promise<SegmentData[]> {
    const rows = await this.db.searchSegments.toArray();
    const segments: SegmentData[] = [];
    for (const row of rows) {
      try {
        segments.push(decodeSegment(row.data as Uint8Array));
      } catch {
        // An unreadable (older format) segment: drop it; `open` rebuilds when the index is empty.
        await this.db.searchSegments.delete(row.id);
      }
    }
    return segments;
  }

  async put(segment: SegmentData): Promise<void> {
    await this.db.searchSegments.put({ id: segment.id, data: encodeSegment(segment), createdAt: segment.createdAt });
  }

  async delete(ids: string[]): Promise<void> {
    await this.db.searchSegments.bulkDelete(ids);
  }
}
