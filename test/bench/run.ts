/**
 * `npm run bench`: every speed and memory figure ForumKB promises, each beside a baseline measured
 * in the same run. `-- --json` prints one JSON object instead; `-- --quick` runs small sizes.
 *
 *   parse   listing parser on a large generated file vs plain readline (MB/s, peak memory)
 *   search  the app's search path (page, snippets, filters) vs FlexSearch and MiniSearch at 10k and
 *           100k threads; `-- --only search --size 1m` for a million (or any `--size 10k,300k`)
 *   html    dense saved thread pages vs htmlparser2 building the tree (s/MB, MB/MB)
 *   ui      the browser build in Chromium with 100k threads vs the 21-thread fixture
 *   relevance  judged queries per category: ForumKB vs MiniSearch and Lunr (MRR, P@5, junk@5)
 *
 * `-- --only parse,search` runs some of them.
 *
 * A million threads (issues 10 and 15; long, run one at a time, each prints a table of its
 * figures beside their targets):
 *
 *   npm run bench -- --only search --size 1m     ForumKB alone (~35 min of CPU to build; ~7 GB in /tmp)
 *   npm run bench -- --only ui --size 1m --no-baseline --no-big-import
 *                                                the browser build (hours: seeding, the worker's
 *                                                build of the index, then the measures)
 *
 * (the same as `npx tsx test/bench/search-bench.ts --forumkb-only 1000000` and
 * `npx tsx test/bench/ui-bench.ts 1m --no-baseline --no-big-import`).
 */
import { cpus, totalmem } from 'node:os';
import { runHtmlBench } from './html-bench';
import { runParseBench } from './parse-bench';
import { runRelevanceBench } from './relevance-bench';
import { parseSize, runSearchBench } from './search-bench';
import { runUiBench } from './ui-bench';

const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick');
const onlyArg = args[args.indexOf('--only') + 1];
const only = args.includes('--only') && onlyArg ? new Set(onlyArg.split(',')) : null;
const wanted = (name: string) => !only || only.has(name);
const log = json ? () => {} : (line: string) => process.stdout.write(`${line}\n`);
if (!only && !args.includes('--size'))
  log('(a million threads: `npm run bench -- --only search --size 1m`, and `--only ui --size 1m`; see run.ts)');

const machine = {
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round(totalmem() / 1024 ** 3),
};
log(`ForumKB bench on ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, node ${machine.node}\n`);

const results: Record<string, unknown> = { machine, quick };

if (wanted('parse')) {
  const sizeMb = quick ? 20 : 200;
  log(`parse: a ${sizeMb} MB listing, streamed`);
  const parse = await runParseBench({ sizeMb });
  for (const [key, value] of Object.entries(parse)) log(`  ${key.padEnd(32)} ${value}`);
  log('');
  results.parse = parse;
}

if (wanted('html')) {
  const sizesMb = quick ? [1, 4] : [2, 16];
  log(`html: dense saved thread pages of ${sizesMb.join(' and ')} MB`);
  const html = await runHtmlBench({ sizesMb });
  for (const [key, value] of Object.entries(html)) log(`  ${key.padEnd(32)} ${value}`);
  log('');
  results.html = html;
}

if (wanted('search')) {
  const sizeArg = args.includes('--size') ? args[args.indexOf('--size') + 1] : undefined;
  const sizes = sizeArg ? sizeArg.split(',').map(parseSize) : quick ? [10_000] : [10_000, 100_000];
  results.search = await runSearchBench({ sizes, log });
  log('');
}

if (wanted('relevance')) {
  results.relevance = await runRelevanceBench({ log });
  log('');
}

if (wanted('ui')) {
  const sizeArg = args.includes('--size') ? args[args.indexOf('--size') + 1] : undefined;
  // The UI bench runs at one size: the largest of `--size` when given.
  const threads = sizeArg ? Math.max(...sizeArg.split(',').map(parseSize)) : quick ? 10_000 : 100_000;
  results.ui = await runUiBench({
    threads,
    baseline: !args.includes('--no-baseline'),
    bigImport: !args.includes('--no-big-import'),
    log,
  });
}

if (json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
