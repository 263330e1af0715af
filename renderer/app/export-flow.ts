/** Export notes and back up: the data worker builds the files, the platform saves them. */
import { dataApi } from '../data/data-client';
import { platform } from '../platform';
import { useUiStore } from '../state/ui-store';

const toast = (message: string) => useUiStore.getState().showToast(message);
const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

export async function exportAllNotes(options: { digest?: boolean; threadIds?: string[] } = {}): Promise<void> {
  const files = await dataApi().notesExportFiles(options);
  const notes = files.length - (options.digest ? 0 : 1); // the index file is not a note
  if (notes <= 0 && !options.digest) {
    toast('No notes to export yet: write one with n.');
    return;
  }
  try {
    const result = await platform.exportNotes(files);
    if (!result.saved) return;
    const parts = [`${plural(result.written.length, 'file')} written`];
    if (result.unchanged.length) parts.push(`${result.unchanged.length} unchanged`);
    if (result.conflicts.length) parts.push(`${result.conflicts.length} edited outside ForumKB, left as they are`);
    toast(`Notes exported to ${result.location}: ${parts.join(', ')}.`);
  } catch (error) {
    toast(`Export failed: ${String(error)}`);
  }
}

export async function backUpDatabase(): Promise<void> {
  try {
    const file = await dataApi().backupFile();
    const result = await platform.saveFile(file);
    if (result.saved) toast(`Backup saved to ${result.location}. Import it to restore.`);
  } catch (error) {
    toast(`Backup failed: ${String(error)}`);
  }
}
