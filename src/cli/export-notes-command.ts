/** `export-notes ARCHIVE.json OUTDIR`: the notes of a ForumKB archive as Markdown files in a folder. */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { decodeArchive } from '../archive/decode-archive';
import { withoutExportTime } from '../export/front-matter';
import { exportNotes } from '../export/notes-export';
import { ImportError } from '../import/import-error';
import { ExportFolderError, writeExport, type ExportWriteReport } from '../node/export-writer';
import { UsageError } from './usage-error';

function parseExportedAt(value: string | undefined): string {
  if (value === undefined) return new Date().toISOString();
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new UsageError(`--exported-at: not a date: ${value}`);
  return date.toISOString();
}

export function formatReport(folder: string, report: ExportWriteReport): string {
  const lines = [
    `${folder}: ${report.written.length} written, ${report.unchanged.length} unchanged, ` +
      `${report.removed.length} removed, ${report.skipped.length} skipped, ${report.conflicts.length} conflicts`,
  ];
  const sections: [string, string[], string][] = [
    ['written', report.written, ''],
    ['removed', report.removed, ''],
    ['skipped', report.skipped, ' (not written by ForumKB: left alone)'],
    ['conflict', report.conflicts, ' (edited since the last export: left alone; delete it to re-export)'],
  ];
  for (const [label, paths, why] of sections)
    for (const path of paths) lines.push(`  ${label.padEnd(8)} ${path}${why}`);
  for (const warning of report.warnings) lines.push(`warning: ${warning}`);
  return lines.join('\n');
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      digest: { type: 'boolean', default: false },
      'exported-at': { type: 'string' },
      thread: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 2) throw new UsageError('export-notes needs ARCHIVE.json and OUTDIR');
  const [archivePath, folder] = positionals as [string, string];
  const exportedAt = parseExportedAt(values['exported-at']);

  let text: string;
  try {
    text = await readFile(archivePath, 'utf8');
  } catch (error) {
    process.stderr.write(
      `${archivePath}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})\n`,
    );
    return 1;
  }
  let archive;
  try {
    archive = decodeArchive(text, archivePath);
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }

  const files = exportNotes(archive, {
    exportedAt,
    digest: values.digest,
    ...(values.thread ? { threadIds: values.thread } : {}),
  });
  // Ignore the export time when comparing, so re-exporting rewrites only notes that changed.
  let report: ExportWriteReport;
  try {
    report = await writeExport(folder, files, { comparable: withoutExportTime });
  } catch (error) {
    if (!(error instanceof ExportFolderError)) throw error;
    process.stderr.write(`forumkb export-notes: ${error.message}\n`);
    return 1;
  }
  process.stdout.write(`${values.json ? JSON.stringify(report, null, 2) : formatReport(folder, report)}\n`);
  return 0;
}
