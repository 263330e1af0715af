/** The platform is chosen at build time: each bundle carries only its own platform's code. */
import { build, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';

async function bundle(mode: 'electron' | 'production'): Promise<Map<string, string>> {
  const output = (await build({
    configFile: 'vite.config.ts',
    mode,
    logLevel: 'silent',
    build: { write: false, minify: false },
  })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output);
  // The worker is built on its own and arrives as an asset.
  const code = (c: (typeof chunks)[number]) => (c.type === 'chunk' ? c.code : String(c.source));
  return new Map(chunks.filter((c) => c.fileName.endsWith('.js')).map((c) => [c.fileName, code(c)]));
}

const allCode = (chunks: Map<string, string>) => [...chunks.values()].join('\n');

describe('the platform seam', () => {
  it('leaves the web platform and the bundled fixtures out of the Electron build', { timeout: 60_000 }, async () => {
    const electron = await bundle('electron');
    const code = allCode(electron);
    expect(code).toContain('needs its preload');
    expect(code).not.toMatch(/platform: "web"/);
    expect([...electron.keys()].some((name) => /networking-listing|forumkb-archive/.test(name))).toBe(false);
    // The data worker is a chunk of its own: Dexie never loads on the UI thread.
    const worker = [...electron].find(([name]) => name.includes('data-worker'));
    expect(worker?.[1]).toContain('global.Dexie');
    for (const [name, chunk] of electron)
      if (!name.includes('data-worker')) expect(chunk).not.toContain('global.Dexie');
  });

  it('leaves the Electron bridge out of the web build', { timeout: 60_000 }, async () => {
    const code = allCode(await bundle('production'));
    expect(code).toMatch(/platform: "web"/);
    expect(code).not.toContain('needs its preload');
  });
});
