import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../../src/cli/search-command';
import { UsageError } from '../../../src/cli/usage-error';
import { FIXTURE } from '../search/fixture';

async function capture(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const code = await run(args);
  vi.restoreAllMocks();
  return { code, out };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('search command', () => {
  it('prints JSON results best first', async () => {
    const { code, out } = await capture(['--json', '-1001', FIXTURE]);
    expect(code).toBe(0);
    const json = JSON.parse(out) as {
      results: { id: string; title: string; score: number; tags: string[]; author: string | null; snippet: string }[];
      total: number;
      codes: { symbol: string }[];
    };
    expect(json.total).toBeGreaterThan(0);
    expect(json.results[0]?.title).toMatch(/PacketTunnelProvider/);
    expect(json.results[0]?.snippet).toContain('«-1001»');
    expect(Object.keys(json.results[0] ?? {})).toEqual(['id', 'title', 'score', 'tags', 'author', 'snippet']);
    expect(json.codes.map((c) => c.symbol)).toEqual(['NSURLErrorTimedOut']);
    const scores = json.results.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('takes queries that start with a minus as queries, not options', async () => {
    const { out } = await capture(['--json', '-tag:Bonjour', FIXTURE]);
    const json = JSON.parse(out) as { results: { tags: string[] }[] };
    expect(json.results.length).toBeGreaterThan(0);
    expect(json.results.some((r) => r.tags.includes('Bonjour'))).toBe(false);
  });

  it('prints a readable list', async () => {
    const { out } = await capture(['NEFilterDataProvider', FIXTURE]);
    expect(out).toMatch(/^ {2}1\. Upgrading NEFilterDataProvider|^ {2}1\. Determine outgoing flow/m);
    expect(out).toMatch(/2 matches/);
  });

  it('needs a query and a file', async () => {
    await expect(run(['--json'])).rejects.toBeInstanceOf(UsageError);
    await expect(run(['query-only'])).rejects.toBeInstanceOf(UsageError);
  });
});
