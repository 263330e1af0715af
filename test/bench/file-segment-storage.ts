/**
 * The bench's segment storage: each segment a dictionary file and a blocks file in a temporary
 * directory, a block read being one positioned read (`pread`) of the blocks file.
 *
 * What this stands for: the app keeps the same dictionary and blocks as IndexedDB rows, where a
 * block read is a LevelDB read plus a structured clone across Chromium's IndexedDB IPC (a few
 * hundred microseconds to a few milliseconds each, more on a cold disk). A file read from a warm
 * page cache is cheaper than that, so the bench's figures for cold queries (blocks not yet in
 * the index's cache) are a lower bound; warm queries read no blocks at all. What it does measure
 * honestly is memory: the postings are outside the JavaScript heap, as they are in the app.
 */
import { closeSync, mkdirSync, openSync, readFileSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { SegmentStorage } from '../../src/search/persistent-index';
import {
  postingBlock,
  segmentDictionary,
  type PostingBlock,
  type SegmentData,
  type SegmentDictionary,
} from '../../src/search/segment';
import { decodeBlock, decodeDictionary, encodeBlock, encodeDictionary } from '../../src/search/segment-codec';

export class FileSegmentStorage implements SegmentStorage {
  /** Open blocks files and each block's byte range, by segment. */
  private readonly open = new Map<string, { fd: number; ranges: [number, number][] }>();
  blockReads = 0;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  private ids(): string[] {
    try {
      return (JSON.parse(readFileSync(join(this.dir, 'segments.json'), 'utf8')) as string[]).slice();
    } catch {
      return [];
    }
  }

  private attach(dictionary: SegmentDictionary): void {
    const ranges: [number, number][] = [];
    let at = 0;
    for (let b = 0; b + 1 < dictionary.blocks.length; b++) {
      const postings =
        (dictionary.offsets[dictionary.blocks[b + 1] as number] as number) -
        (dictionary.offsets[dictionary.blocks[b] as number] as number);
      ranges.push([at, 4 + 8 * postings]);
      at += 4 + 8 * postings;
    }
    this.open.set(dictionary.id, { fd: openSync(join(this.dir, `${dictionary.id}.blocks`), 'r'), ranges });
  }

  loadAll(): Promise<SegmentDictionary[]> {
    const dictionaries = this.ids().map((id) => decodeDictionary(readFileSync(join(this.dir, `${id}.dict`))));
    for (const d of dictionaries) if (!this.open.has(d.id)) this.attach(d);
    return Promise.resolve(dictionaries);
  }

  /**
   * Writes the blocks one at a time, as the app's storage writes a few per transaction: a copy of
   * a whole segment's postings (hundreds of MB at 50k threads) would be a memory peak the app
   * does not have.
   */
  put(segment: SegmentData): Promise<SegmentDictionary> {
    const dictionary = segmentDictionary(segment);
    const fd = openSync(join(this.dir, `${segment.id}.blocks`), 'w');
    try {
      let at = 0;
      for (let b = 0; b + 1 < dictionary.blocks.length; b++) {
        const bytes = encodeBlock(postingBlock(segment, dictionary.blocks, b));
        writeSync(fd, bytes, 0, bytes.length, at);
        at += bytes.length;
      }
    } finally {
      closeSync(fd);
    }
    writeFileSync(join(this.dir, `${segment.id}.dict`), encodeDictionary(dictionary));
    writeFileSync(join(this.dir, 'segments.json'), JSON.stringify([...new Set([...this.ids(), segment.id])]));
    this.close(segment.id);
    this.attach(dictionary);
    return Promise.resolve(dictionary);
  }

  delete(ids: string[]): Promise<void> {
    writeFileSync(join(this.dir, 'segments.json'), JSON.stringify(this.ids().filter((id) => !ids.includes(id))));
    for (const id of ids) {
      this.close(id);
      rmSync(join(this.dir, `${id}.blocks`), { force: true });
      rmSync(join(this.dir, `${id}.dict`), { force: true });
    }
    return Promise.resolve();
  }

  readBlock(segmentId: string, block: number): Promise<PostingBlock> {
    const file = this.open.get(segmentId);
    const range = file?.ranges[block];
    if (!file || !range) return Promise.reject(new Error(`no block ${block} of ${segmentId}`));
    const bytes = new Uint8Array(range[1]);
    readSync(file.fd, bytes, 0, range[1], range[0]);
    this.blockReads++;
    return Promise.resolve(decodeBlock(bytes));
  }

  private close(id: string): void {
    const file = this.open.get(id);
    if (file) closeSync(file.fd);
    this.open.delete(id);
  }

  /** Bytes on disk: dictionaries and blocks. */
  size(): { dictionaryBytes: number; blockBytes: number } {
    let dictionaryBytes = 0;
    let blockBytes = 0;
    for (const id of this.ids()) {
      dictionaryBytes += readFileSync(join(this.dir, `${id}.dict`)).byteLength;
      const ranges = this.open.get(id)?.ranges ?? [];
      blockBytes += ranges.reduce((n, [, length]) => n + length, 0);
    }
    return { dictionaryBytes, blockBytes };
  }

  dispose(): void {
    for (const id of [...this.open.keys()]) this.close(id);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
