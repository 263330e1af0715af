import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../src/import/detect-format';
import { ImportError } from '../../../src/import/import-error';
import { importSources, WriteYielded } from '../../../src/import/import-files';
import { stringSource, type TextSource } from '../../../src/import/text-source';
import { MemoryThreadStore } from '../../../src/import/thread-store';
import { CAPTURED_AT, readFixture } from './fixture-helpers';

const listing = () => stringSource('networking-listing.txt', readFixture('networking-listing.txt'));

/** A source whose reading fails half-way, as a file on a disconnected volume would. */
function failingSource(name: string, goodLines: string[]): TextSource {
  return {
    ...stringSource(name, goodLines.join('\n')),
    async *lines() {
      yield* goodLines;
      throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
    },
  };
}

describe('importSources', () => {
  it('imports the other files when one is unknown, broken or unreadable, naming each bad file', async () => {
    const store = new MemoryThreadStore();
    const result = await importSources(
      store,
      [
        stringSource('notes.md', '# My notes\n\nNothing a forum page has.'),
        listing(),
        stringSource('broken.xml', '<?xml version="1.0"?>\n<rss><channel>\n<item>\n</rss>'),
        new ImportError('missing.txt', null, 'cannot read the file (ENOENT)'),
        stringSource('backup.json', '{"format": "forumkb-archive", "version": 1}'), // incomplete archive
      ],
      { capturedAt: CAPTURED_AT },
    );
    expect(store.all()).toHaveLength(21);
    expect(result.report).toEqual({ added: 21, updated: 0, unchanged: 20, skipped: 4 });
    expect(result.failed).toEqual([
      { file: 'notes.md', line: 1, message: expect.stringContaining('not a format ForumKB knows') },
      { file: 'broken.xml', line: expect.any(Number), message: expect.stringContaining('not well-formed XML') },
      { file: 'missing.txt', line: null, message: 'cannot read the file (ENOENT)' },
      { file: 'backup.json', line: 1, message: 'exportedAt: missing' },
    ]);
  });

  it('turns a read error into an ImportError for that file; whole-file mode applies none of it', async () => {
    const header = ['Posts under Networking subtopic', 'Post', 'Replies', 'Boosts', 'Views', 'Activity'];
    const entries = ['A', 'a body', '1', '0', '5', '2d', 'B', 'b body', '1', '0', '5', '2d'];
    const store = new MemoryThreadStore();
    const result = await importSources(store, [failingSource('eio.txt', [...header, ...entries]), listing()], {
      capturedAt: CAPTURED_AT,
    });
    expect(result.failed).toEqual([{ file: 'eio.txt', line: null, message: 'cannot read the file (EIO)' }]);
    expect(store.all().map((r) => r.thread.title)).not.toContain('A');
    expect(store.all()).toHaveLength(21);
  });

  it('in batches, applies records while reading and gives the same store as whole-file mode', async () => {
    const whole = new MemoryThreadStore();
    const batched = new MemoryThreadStore();
    const a = await importSources(whole, [listing()], { capturedAt: CAPTURED_AT });
    const b = await importSources(batched, [listing()], { capturedAt: CAPTURED_AT, batchSize: 4 });
    expect(b.report).toEqual(a.report);
    expect(JSON.stringify(batched.all())).toBe(JSON.stringify(whole.all()));
  });

  it('in batches, a read error keeps what was applied and says so in the report', async () => {
    const header = ['Posts under Networking subtopic', 'Post', 'Replies', 'Boosts', 'Views', 'Activity'];
    const entries = ['A', 'a body', '1', '0', '5', '2d', 'B', 'b body', '1', '0', '5', '2d'];
    const store = new MemoryThreadStore();
    const result = await importSources(store, [failingSource('eio.txt', [...header, ...entries])], {
      capturedAt: CAPTURED_AT,
      batchSize: 1,
    });
    expect(store.all().map((r) => r.thread.title)).toEqual(['A', 'B']);
    expect(result.report).toEqual({ added: 2, updated: 0, unchanged: 0, skipped: 1 });
  });

  it('writes as many records at a time as `writeSize` says, asked before each write, in both modes', async () => {
    const header = ['Posts under Networking subtopic', 'Post', 'Replies', 'Boosts', 'Views', 'Activity'];
    const entries = Array.from({ length: 20 }, (_, i) => [`Thread ${i}`, `body ${i}`, '1', '0', '5', '2d']).flat();
    const text = [...header, ...entries].join('\n');
    /** Imports the listing, giving the sizes in turn (then undefined), and says how many threads each write added. */
    const writes = async (mode: { batchSize?: number; undoable?: boolean }, sizes: (number | undefined)[]) => {
      const store = new MemoryThreadStore();
      const added: number[] = [];
      const result = await importSources(store, [stringSource('own.txt', text)], {
        capturedAt: CAPTURED_AT,
        batchSize: mode.batchSize,
        undoable: mode.undoable ? { begin: () => {}, undo: async () => {}, end: () => {} } : undefined,
        writeSize: () => sizes.shift(),
        write: async (work) => {
          const before = store.all().length;
          await work();
          added.push(store.all().length - before);
        },
      });
      expect(result.report.added).toBe(20);
      expect(store.all()).toHaveLength(20);
      return added;
    };
    // A whole file in short writes: 3, 3, 7, then the default (the 7 left).
    expect(await writes({ undoable: true }, [3, 3, 7])).toEqual([3, 3, 7, 7]);
    // Streamed batches of 8 (8, 8, 4), each split into writes of 3; the whole batch when unset.
    expect(await writes({ batchSize: 8 }, Array(20).fill(3))).toEqual([3, 3, 2, 3, 3, 2, 3, 1]);
    expect(await writes({ batchSize: 8 }, [])).toEqual([8, 8, 4]);
  });

  it('writes the records of a write given up again, sized anew, and counts them once, in both modes', async () => {
    const header = ['Posts under Networking subtopic', 'Post', 'Replies', 'Boosts', 'Views', 'Activity'];
    const entries = Array.from({ length: 20 }, (_, i) => [`Thread ${i}`, `body ${i}`, '1', '0', '5', '2d']).flat();
    const text = [...header, ...entries].join('\n');
    /** Imports the listing with writes of 8, the second given up (nothing stored), then of 3; says each write's records. */
    const writes = async (mode: { batchSize?: number; undoable?: boolean }) => {
      const store = new MemoryThreadStore();
      const asked: string[] = [];
      let sizes = [8, 8];
      const result = await importSources(store, [stringSource('own.txt', text)], {
        capturedAt: CAPTURED_AT,
        batchSize: mode.batchSize,
        undoable: mode.undoable ? { begin: () => {}, undo: async () => {}, end: () => {} } : undefined,
        writeSize: () => sizes.shift() ?? 3,
        write: async (work, records, yieldable) => {
          asked.push(`${records}${yieldable ? '' : ' (not yieldable)'}`);
          if (asked.length === 2) {
            sizes = [];
            throw new WriteYielded();
          }
          await work();
        },
      });
      expect(result.report).toEqual({ added: 20, updated: 0, unchanged: 0, skipped: 0 });
      expect(result.failed).toEqual([]);
      expect(store.all()).toHaveLength(20);
      return asked;
    };
    expect(await writes({ undoable: true })).toEqual(['8', '8', '3', '3', '3', '3']);
    // Streamed batches of 10 (10, 10): the first batch's rest given up and written in threes.
    expect(await writes({ batchSize: 10 })).toEqual(['8', '2', '2', '3', '3', '3', '1']);
  });

  it('never offers an archive’s user data restore to be given up, in either mode', async () => {
    for (const batchSize of [undefined, 2]) {
      const asked: { records: number; yieldable: boolean }[] = [];
      let restored = 0;
      const result = await importSources(
        new MemoryThreadStore(),
        [stringSource('forumkb-archive.json', readFixture('forumkb-archive.json'))],
        {
          capturedAt: CAPTURED_AT,
          batchSize,
          undoable: batchSize ? undefined : { begin: () => {}, undo: async () => {}, end: () => {} },
          restoreUserData: async () => void restored++,
          write: async (work, records, yieldable) => {
            asked.push({ records, yieldable: yieldable === true });
            await work();
          },
        },
      );
      expect(result.failed).toEqual([]);
      expect(restored).toBe(1);
      // The threads' writes may be given up and redone; the restore's (no records) may not.
      expect(asked.at(-1)).toEqual({ records: 0, yieldable: false });
      expect(asked.slice(0, -1).every((w) => w.records > 0 && w.yieldable)).toBe(true);
    }
  });

  it("takes `writeSize` as an upper bound: never more a write than the import's own size", async () => {
    const header = ['Posts under Networking subtopic', 'Post', 'Replies', 'Boosts', 'Views', 'Activity'];
    const entries = Array.from({ length: 120 }, (_, i) => [`Thread ${i}`, `body ${i}`, '1', '0', '5', '2d']).flat();
    const text = [...header, ...entries].join('\n');
    const counted: number[] = [];
    const result = await importSources(new MemoryThreadStore(), [stringSource('own.txt', text)], {
      capturedAt: CAPTURED_AT,
      undoable: { begin: () => {}, undo: async () => {}, end: () => {} },
      writeSize: () => 1000,
      write: async (work, records) => {
        counted.push(records);
        await work();
      },
    });
    expect(result.report.added).toBe(120);
    // A whole file's short writes are 50 at most, whatever `writeSize` says; each told its count.
    expect(counted).toEqual([50, 50, 20]);
  });
});

describe('detectFormat', () => {
  it.each([
    ['listing fixture', readFixture('networking-listing.txt'), 'listing'],
    ['HTML thread page', readFixture('thread-page-788211.html'), 'thread-page'],
    ['text thread page', readFixture('thread-page-790377.txt'), 'thread-page'],
    ['RSS', readFixture('network-tag-feed.xml'), 'feed'],
    ['Atom', readFixture('network-extension-tag-feed.atom'), 'feed'],
    ['archive', '{\n  "format": "forumkb-archive",\n  "version": 1\n}', 'archive'],
    ['tag listing with its URL first', 'https://developer.apple.com/forums/tags/network\nT\nb\n1\n0\n5\n2d', 'listing'],
    ['entries without a header', 'Title\nbody\n1\n0\n5\n2d\nTitle 2\nbody\n0\n0\n1\nJun ’25', 'listing'],
    ['thread page text with only markers', 'A title\nbody\nAccepted Answer\nDTS Engineer\n2w\nanswer', 'thread-page'],
    [
      'RSS with a stylesheet instruction',
      '<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="/rss.xsl"?>\n<rss version="2.0"><channel/></rss>',
      'feed',
    ],
    [
      'a page saved with its source comment',
      '<!-- saved from url=(0049)https://developer.apple.com/forums/thread/788211 -->\n<html><head></head></html>',
      'thread-page',
    ],
    ['an unrelated web page', '<!doctype html><html><body>Hello</body></html>', null],
    ['JSON that is not an archive', '{"threads": []}', null],
    ['prose', 'Dear diary,\ntoday I wrote 3 lines.', null],
    ['empty', '', null],
  ])('%s', (_name, head, format) => {
    expect(detectFormat(head.slice(0, 8192))).toBe(format);
  });
});

describe('detectFormat on hostile heads', () => {
  it.each([
    ['many instructions', `${'<?a?>'.repeat(5000)}x`],
    ['unclosed comments', '<!--'.repeat(5000)],
    ['comment look-alikes', `${'<!-- -- >'.repeat(5000)}<rss`],
  ])('%s: answers quickly', (_name, head) => {
    const started = Date.now();
    expect(detectFormat(head)).toBeNull();
    expect(Date.now() - started).toBeLessThan(500);
  });
});
