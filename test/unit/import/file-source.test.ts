import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../src/import/detect-format';
import { ImportError } from '../../../src/import/import-error';
import { fileSource } from '../../../src/node/file-source';
import { readFixture } from './fixture-helpers';

const dir = mkdtempSync(join(tmpdir(), 'forumkb-file-source-'));

describe('fileSource', () => {
  it('detects a saved page that is one long line, with large inline styles first', async () => {
    const page = readFixture('thread-page-788211.html').replace(/\n\s*/g, '');
    const html = page.replace('<head>', `<head><style>${'.x{color:red}'.repeat(3000)}</style>`);
    const path = join(dir, 'one-line.html');
    writeFileSync(path, html);
    const head = await (await fileSource(path)).head();
    expect(head.length).toBeGreaterThan(30_000);
    expect(detectFormat(head)).toBe('thread-page');
  });

  it('never ends the head with half a character', async () => {
    const path = join(dir, 'multibyte.txt');
    writeFileSync(path, '’'.repeat(40_000));
    const head = await (await fileSource(path)).head();
    expect(head).toMatch(/^’+$/);
  });

  it('takes the modification time as the capture time, and streams lines', async () => {
    const path = join(dir, 'lines.txt');
    writeFileSync(path, 'a\r\nb\nc');
    const when = new Date('2026-03-15T12:00:00Z');
    utimesSync(path, when, when);
    const source = await fileSource(path, 'shown.txt');
    expect(source.name).toBe('shown.txt');
    expect(source.modifiedAt?.toISOString()).toBe(when.toISOString());
    const lines: string[] = [];
    for await (const line of source.lines()) lines.push(line);
    expect(lines).toEqual(['a', 'b', 'c']);
  });

  it('a missing file is an ImportError naming it', async () => {
    await expect(fileSource(join(dir, 'missing.txt'), 'missing.txt')).rejects.toThrow(
      new ImportError('missing.txt', null, 'cannot read the file (ENOENT)'),
    );
  });
});
