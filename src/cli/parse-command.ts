import { parseArgs } from 'node:util';
import { importSources, type ImportResult } from '../import/import-files';
import { MemoryThreadStore } from '../import/thread-store';
import type { ThreadRecord } from '../model';
import { openSources } from './open-sources';
import { UsageError } from './usage-error';

/** The `parse --json` contract: one object with threads, report and warnings. */
export function parseJson(records: ThreadRecord[], result: ImportResult) {
  return {
    threads: records.map(({ thread, posts }) => ({
      id: thread.id,
      title: thread.title,
      titleDerived: thread.titleDerived ?? false,
      url: thread.url,
      legacyMessageId: thread.legacyMessageId ?? null,
      author: thread.author,
      tags: [...thread.tags, ...thread.inferredTags],
      explicitTags: thread.tags,
      inferredTags: thread.inferredTags,
      replies: thread.replies,
      boosts: thread.boosts,
      views: thread.views,
      activity: thread.activity,
      capturedAt: thread.capturedAt,
      isResource: thread.isResource,
      acceptedAnswer: thread.acceptedAnswer ?? null,
      postsCaptured: posts.length,
      posts: posts.map((p) => ({
        id: p.id,
        author: p.author,
        date: p.date,
        body: p.body,
        boosts: p.boosts,
        accepted: p.accepted,
        cut: p.cut ?? false,
      })),
    })),
    report: result.report,
    warnings: [...result.failed, ...result.warnings],
  };
}

function pad(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

export function parseTable(records: ThreadRecord[], result: ImportResult): string {
  const rows = records.map(({ thread: t }) =>
    [
      pad(t.title, 60),
      String(t.replies ?? '-').padStart(7),
      String(t.boosts ?? '-').padStart(6),
      String(t.views ?? '-').padStart(7),
      pad(t.activity.raw ?? '-', 8),
      pad(t.author ?? '', 22),
      [...t.tags, ...t.inferredTags].join(', '),
    ].join('  '),
  );
  const header = [pad('Title', 60), 'Replies', 'Boosts', '  Views', pad('Activity', 8), pad('Author', 22), 'Tags'].join(
    '  ',
  );
  const { added, updated, unchanged, skipped } = result.report;
  const lines = [
    header,
    ...rows,
    '',
    `${records.length} threads: ${added} added, ${updated} updated, ${unchanged} unchanged, ${skipped} skipped`,
  ];
  for (const w of [...result.failed, ...result.warnings])
    lines.push(`${w.line === null ? w.file : `${w.file}:${w.line}`}: ${w.message}`);
  return lines.join('\n');
}

export function parseCapturedAt(value: string | undefined): Date | null {
  if (value === undefined) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new UsageError(`--captured-at: not a date: ${value}`);
  return date;
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, 'captured-at': { type: 'string' } },
  });
  if (positionals.length === 0) throw new UsageError('parse needs at least one FILE');
  const store = new MemoryThreadStore();
  const result = await importSources(store, await openSources(positionals), {
    capturedAt: parseCapturedAt(values['captured-at']),
  });
  const records = store.all();
  const out = values.json ? JSON.stringify(parseJson(records, result), null, 2) : parseTable(records, result);
  process.stdout.write(`${out}\n`);
  return result.failed.length > 0 ? 1 : 0;
}
