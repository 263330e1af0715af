/**
 * Listing parser throughput and memory on a large generated listing, against a baseline of
 * reading the same file with plain readline doing nothing. Run alone:
 *
 *   npx tsx test/bench/parse-bench.ts 200      # size in MB; prints JSON
 *
 * The file repeats the fixture's entries (both layouts) with unique titles and varied counts, so
 * every entry is a distinct thread. Memory is sampled while each phase runs; the parser phase
 * should stay close to the baseline whatever the size, because it streams.
 */
import { createReadStream, createWriteStream, readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parseSource } from '../../src/import/parse-source';
import { fileSource } from '../../src/node/file-source';

const FIXTURE = new URL('../../fixtures/networking-listing.txt', import.meta.url);
const HEADER_LINES = 20;
const COMPACT_LINES = 6;
const COMPACT_ENTRIES = 20;
const LABELLED_LINES = 10;
const MB = 1024 * 1024;
const SAMPLE_MS = 20;

interface Entry {
  title: string;
  rest: string[];
}

function fixtureEntries(): { header: string[]; entries: Entry[] } {
  const lines = readFileSync(FIXTURE, 'utf8').split('\n');
  const header = lines.slice(0, HEADER_LINES);
  const entries: Entry[] = [];
  let i = HEADER_LINES;
  for (let k = 0; k < COMPACT_ENTRIES; k++, i += COMPACT_LINES)
    entries.push({ title: lines[i]!, rest: lines.slice(i + 1, i + COMPACT_LINES) });
  for (; i + LABELLED_LINES <= lines.length; i += LABELLED_LINES)
    entries.push({ title: lines[i]!, rest: lines.slice(i + 1, i + LABELLED_LINES) });
  return { header, entries };
}

/** Writes a listing of about `sizeMb` MB and returns its path and the number of entries. */
export async function generateListing(sizeMb: number): Promise<{ path: string; entries: number; bytes: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'forumkb-bench-'));
  const path = join(dir, `listing-${sizeMb}mb.txt`);
  const { header, entries } = fixtureEntries();
  const out = createWriteStream(path, { encoding: 'utf8' });
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  let bytes = 0;
  let count = 0;
  await write(`${header.join('\n')}\n`);
  for (let round = 0; bytes < sizeMb * MB; round++) {
    const chunk: string[] = [];
    for (const entry of entries) {
      count++;
      // A unique title, and a varied view count so that counts differ between copies.
      const rest = entry.rest.map((line) =>
        /^\d+(\.\d+)?k$/.test(line) ? `${(count % 97) + 1}.${count % 10}k` : line,
      );
      chunk.push(`${entry.title} (copy ${round})`, ...rest);
    }
    const text = `${chunk.join('\n')}\n`;
    bytes += Buffer.byteLength(text);
    await write(text);
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { path, entries: count, bytes };
}

interface PhaseResult {
  seconds: number;
  mbPerSecond: number;
  peakRssMb: number;
  peakHeapMb: number;
  /** Peak minus the value when the phase started: what the phase itself needed. */
  rssGrowthMb: number;
  heapGrowthMb: number;
}

async function measure(bytes: number, phase: () => Promise<void>): Promise<PhaseResult> {
  const start = process.memoryUsage();
  let peakRss = start.rss;
  let peakHeap = start.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, SAMPLE_MS);
  const began = performance.now();
  try {
    await phase();
  } finally {
    clearInterval(timer);
  }
  sample();
  const seconds = (performance.now() - began) / 1000;
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    seconds: round(seconds),
    mbPerSecond: round(bytes / MB / seconds),
    peakRssMb: round(peakRss / MB),
    peakHeapMb: round(peakHeap / MB),
    rssGrowthMb: round((peakRss - start.rss) / MB),
    heapGrowthMb: round((peakHeap - start.heapUsed) / MB),
  };
}

export async function runParseBench(opts: { sizeMb: number }): Promise<Record<string, number | string>> {
  const file = await generateListing(opts.sizeMb);
  try {
    const baseline = await measure(file.bytes, async () => {
      const lines = createInterface({ input: createReadStream(file.path, { encoding: 'utf8' }), crlfDelay: Infinity });
      for await (const _line of lines) {
        // Reading only: the floor any line-based parser stands on.
      }
    });
    let records = 0;
    let warnings = 0;
    const parser = await measure(file.bytes, async () => {
      await parseSource(
        await fileSource(file.path),
        { capturedAt: new Date('2026-03-15T00:00:00Z') },
        {
          record: () => {
            records++;
          },
          warning: () => {
            warnings++;
          },
        },
      );
    });
    if (records !== file.entries) throw new Error(`parsed ${records} of ${file.entries} entries`);
    const flat = (prefix: string, r: PhaseResult) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [`${prefix}${k[0]!.toUpperCase()}${k.slice(1)}`, v]));
    return {
      sizeMb: Math.round((file.bytes / MB) * 10) / 10,
      entries: file.entries,
      records,
      warnings,
      node: process.version,
      ...flat('parse', parser),
      ...flat('readline', baseline),
      parseVsReadline: Math.round((parser.seconds / baseline.seconds) * 100) / 100,
    };
  } finally {
    rmSync(join(file.path, '..'), { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sizeMb = Number(process.argv[2] ?? '200');
  if (!Number.isFinite(sizeMb) || sizeMb <= 0) {
    process.stderr.write('usage: npx tsx test/bench/parse-bench.ts [SIZE_MB]\n');
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(await runParseBench({ sizeMb }), null, 2)}\n`);
}
