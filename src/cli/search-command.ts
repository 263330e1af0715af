/**
 * `search [--json] [--limit N] QUERY FILE...`: imports the files in memory, indexes them and runs
 * one query — the same engine the app uses, for checking what a query finds.
 */
import { parseArgs } from 'node:util';
import { importSources } from '../import/import-files';
import { MemoryThreadStore } from '../import/thread-store';
import type { ThreadRecord } from '../model';
import { SegmentedIndex, type SearchResponse } from '../search/segmented-index';
import { markSnippet } from '../search/snippet';
import { openSources } from './open-sources';
import { parseCapturedAt } from './parse-command';
import { UsageError } from './usage-error';

/** The `search --json` contract: results best first, with the snippet's matches marked «so». */
export function searchJson(response: SearchResponse) {
  return {
    results: response.results.map((r) => ({
      id: r.id,
      title: r.title,
      score: r.score,
      tags: r.tags,
      author: r.author,
      snippet: r.snippet ? markSnippet(r.snippet) : null,
    })),
    total: response.total,
    codes: response.codes.map(({ code, domain, symbol, meaning }) => ({ code, domain, symbol, meaning })),
    relaxed: response.relaxed,
    warnings: response.warnings,
  };
}

export function searchText(response: SearchResponse): string {
  const lines: string[] = [];
  for (const c of response.codes) lines.push(`${c.code} ${c.symbol} (${c.domain}): ${c.meaning}`);
  if (response.codes.length > 0) lines.push('');
  response.results.forEach((r, i) => {
    lines.push(`${String(i + 1).padStart(3)}. ${r.title ?? r.id}  [${r.score}]`);
    const meta = [r.author, r.tags.join(', ')].filter(Boolean).join(' · ');
    if (meta) lines.push(`     ${meta}`);
    if (r.snippet) lines.push(`     ${markSnippet(r.snippet)}`);
  });
  const shown = response.results.length;
  lines.push(
    `${response.total} match${response.total === 1 ? '' : 'es'}${shown < response.total ? `, ${shown} shown` : ''}` +
      (response.relaxed ? ' (no thread has every word; showing threads with some)' : ''),
  );
  for (const w of response.warnings) lines.push(`note: ${w}`);
  return lines.join('\n');
}

/**
 * Queries often start with a minus (`-1001`, `-tag:Bonjour`), which parseArgs would take for an
 * option: so only `--…` arguments are options here, and `-x` ones are positionals.
 */
function protectQueries(args: string[]): string[] {
  const out: string[] = [];
  let positionalOnly = false;
  for (const arg of args) {
    if (arg === '--') positionalOnly = true;
    if (!positionalOnly && /^-(?!-)/.test(arg)) {
      out.push('--', arg);
      positionalOnly = true;
    } else out.push(arg);
  }
  return out;
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: protectQueries(args),
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      limit: { type: 'string', default: '20' },
      'captured-at': { type: 'string' },
    },
  });
  const [query, ...files] = positionals;
  if (query === undefined || files.length === 0) throw new UsageError('search needs a QUERY and at least one FILE');
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 0) throw new UsageError(`--limit: not a count: ${values.limit}`);
  const store = new MemoryThreadStore();
  const result = await importSources(store, await openSources(files), {
    capturedAt: parseCapturedAt(values['captured-at']),
  });
  for (const w of result.failed) process.stderr.write(`${w.file}: ${w.message}\n`);
  const records = new Map<string, ThreadRecord>(store.all().map((r) => [r.thread.id, r]));
  const index = new SegmentedIndex();
  index.add(records.values());
  const response = index.search(query, { limit, typing: false, lookup: (id) => records.get(id) });
  const out = values.json ? JSON.stringify(searchJson(response), null, 2) : searchText(response);
  process.stdout.write(`${out}\n`);
  return result.failed.length > 0 ? 1 : 0;
}
