/**
 * Puts the bench's forum into the app's IndexedDB from inside the page (ui-seed-page.ts, bundled
 * here with esbuild): the threads are made where they are written, so writing a million is a
 * matter of IndexedDB's speed, not of the DevTools protocol's.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type * as SeedPage from './ui-seed-page';

type Seeder = typeof SeedPage;
declare global {
  interface Window {
    __fkbSeed?: Seeder;
  }
}

let bundle: Promise<string> | null = null;

function seederSource(): Promise<string> {
  bundle ??= build({
    entryPoints: [fileURLToPath(new URL('./ui-seed-page.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: '__fkbSeed',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'error',
  }).then((r) => `${r.outputFiles[0]!.text};window.__fkbSeed = __fkbSeed;`);
  return bundle;
}

/** Loads the seeder into the page (DevTools' evaluate: the app's CSP does not apply to it). */
export async function installSeeder(page: Page): Promise<void> {
  const source = await seederSource();
  await page.evaluate(source);
}

/**
 * Writes `total` threads (with their posts) and the user's data, then empties the search index
 * so that the app's next start builds it from all of them.
 */
export async function seed(
  page: Page,
  total: number,
  log: (line: string) => void,
): Promise<{ seconds: number; textMb: number; clearedStores: string[] }> {
  await installSeeder(page);
  const started = Date.now();
  // Bigger transactions at a million: fewer commits, the same memory per call.
  const chunk = total >= 500_000 ? 5_000 : 2_000;
  const perCall = Math.max(chunk, Math.min(50_000, Math.ceil(total / 20 / chunk) * chunk));
  let bytes = 0;
  for (let done = 0; done < total; done += perCall) {
    const take = Math.min(perCall, total - done);
    const r = await page.evaluate(([t, k, c]) => window.__fkbSeed!.writeThreads(t, k, c), [
      total,
      take,
      chunk,
    ] as const);
    bytes += r.bytes;
    if (total >= 100_000)
      log(`    wrote ${done + take} of ${total} threads (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  await page.evaluate((t) => window.__fkbSeed!.writeUserData(t), total);
  const clearedStores = await page.evaluate(() => window.__fkbSeed!.clearSearchIndex());
  return {
    seconds: Math.round((Date.now() - started) / 100) / 10,
    textMb: Math.round(bytes / 1e5) / 10,
    clearedStores,
  };
}

export async function countWithViews(page: Page): Promise<number> {
  await installSeeder(page);
  return page.evaluate(() => window.__fkbSeed!.countWithViews());
}

export async function searchIndexBytes(page: Page): Promise<{ rows: number; bytes: number }> {
  await installSeeder(page);
  return page.evaluate(() => window.__fkbSeed!.searchIndexBytes());
}
