/** The main process's side of the bridge: one handler per IPC channel, dependencies injected. */
import type { BrowserWindow, Dialog, IpcMain, OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { ExportFile, FileBytes, NotesExportResult } from '../src/bridge/forumkb-api';
import { emptyExportReport, type ExportWriteReport } from '../src/export/export-report';
import { handle } from './ipc';
import { expectExportFile, expectExportFiles, expectNoArgs, expectUrl } from './ipc-validation';
import { openExternalUrl, type OpenExternal } from './security';
import type { StreamOption } from './read-files';

export interface HandlerDeps {
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  window: () => BrowserWindow | null;
  /** Reads files as bytes for the data worker, which parses them; with `streaming`, large ones are streamed. */
  readFiles: (files: { path: string; capturedAt: string | null }[], streaming?: StreamOption) => Promise<FileBytes[]>;
  /** Streams a picked file to the window (stream-file.ts); returns the stream's id. */
  streamFile?: (path: string) => Promise<string>;
  /** The bundled sample files and when they were captured. */
  seedFiles: () => Promise<{ path: string; capturedAt: string | null }[]>;
  /** Writes the notes export into a folder, replacing only files ForumKB wrote there. */
  writeNotes: (dir: string, files: ExportFile[]) => Promise<ExportWriteReport>;
  /** Writes one file atomically. */
  writeFile: (path: string, content: string) => Promise<void>;
  openExternal: OpenExternal;
}

const IMPORT_FILTERS = [
  { name: 'Forum scrapes', extensions: ['txt', 'html', 'htm', 'xml', 'rss', 'atom', 'json'] },
  { name: 'All files', extensions: ['*'] },
];

export function registerHandlers(ipcMain: IpcMain, deps: HandlerDeps): void {
  const openDialog = (options: OpenDialogOptions) => {
    const win = deps.window();
    return win ? deps.dialog.showOpenDialog(win, options) : deps.dialog.showOpenDialog(options);
  };
  const saveDialog = (options: SaveDialogOptions) => {
    const win = deps.window();
    return win ? deps.dialog.showSaveDialog(win, options) : deps.dialog.showSaveDialog(options);
  };

  handle(ipcMain, 'seed:load', expectNoArgs, async () => deps.readFiles(await deps.seedFiles()));

  handle(ipcMain, 'import:pick', expectNoArgs, async () => {
    const picked = await openDialog({
      title: 'Import forum pages',
      properties: ['openFile', 'multiSelections'],
      filters: IMPORT_FILTERS,
    });
    if (picked.canceled || picked.filePaths.length === 0) return [];
    const files = picked.filePaths.map((path) => ({ path, capturedAt: null }));
    // A large file goes to the window as a stream: main never holds it whole.
    return deps.streamFile ? deps.readFiles(files, { stream: deps.streamFile }) : deps.readFiles(files);
  });

  handle(ipcMain, 'export:notes', expectExportFiles, async (files): Promise<NotesExportResult> => {
    const picked = await openDialog({
      title: 'Export notes to a folder',
      properties: ['openDirectory', 'createDirectory'],
    });
    const dir = picked.filePaths[0];
    if (picked.canceled || !dir) {
      return { saved: false, location: null, ...emptyExportReport() };
    }
    return { saved: true, location: dir, ...(await deps.writeNotes(dir, files)) };
  });

  handle(ipcMain, 'export:save-file', expectExportFile, async (file) => {
    const picked = await saveDialog({
      title: 'Save',
      defaultPath: file.path,
      filters: file.path.endsWith('.json') ? [{ name: 'ForumKB archive', extensions: ['json'] }] : [],
    });
    if (picked.canceled || !picked.filePath) return { saved: false, location: null };
    await deps.writeFile(picked.filePath, file.content);
    return { saved: true, location: picked.filePath };
  });

  handle(ipcMain, 'shell:open-external', expectUrl, (url) => openExternalUrl(url, deps.openExternal));
}
