import { describe, expect, it } from 'vitest';
import { blobSource } from '../../../renderer/platform/blob-source';

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

describe('blobSource', () => {
  it('streams lines across chunk boundaries, keeping the last line without a newline', async () => {
    const text = `${'a'.repeat(70_000)}\nQuinn “The Eskimo!”\r\nlast`;
    const lines = await collect(blobSource('x.txt', new Blob([text]), null).lines());
    expect(lines).toEqual(['a'.repeat(70_000), 'Quinn “The Eskimo!”', 'last']);
  });

  it('gives a head of a one-line page without a broken character at the cut', async () => {
    const text = `<html>${'é'.repeat(40_000)}</html>`; // one line, 80 KB, é is two bytes
    const head = await blobSource('page.html', new Blob([text]), null).head();
    expect(head.startsWith('<html>é')).toBe(true);
    expect(head).not.toContain('\uFFFD');
    expect(head.length).toBeGreaterThan(30_000);
  });
});
