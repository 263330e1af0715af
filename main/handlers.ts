/** The main process's side of the bridge: one handler per IPC channel, dependencies injected. */
import type { BrowserWindow, Dialog, IpcMain } from 'electron';
import type { ParsedFileResult, SaveFilesRequest, SaveFilesResult } from '../src/bridge/forumkb-api';
import { handle } from './ipc';
import { expectNoArgs, expectSaveRequest, expectUrl } from './ipc-validation';
import type { ParseJob } from './parse-files';
import { openExternalUrl, type OpenExternal } from './security';

export interface HandlerDeps {
  dialog: Pick<Dialog, 'showOpenDialog'>;
  window: () => BrowserWindow | null;
  parse: (job: ParseJob) => Promise<ParsedFileResult[]>;
  seedJob: () => Promise<ParseJob>;
  writeFiles: (dir: string, files: SaveFilesRequest['files']) => Promise<number>;
  openExternal: OpenExternal;
}

const IMPORT_FILTERS = [
  { name: 'Forum scrapes', extensions: ['txt', 'html', 'htm', 'xml', 'rss', 'atom', 'json'] },
  { name: 'All files', extensions: ['*'] },
];

export function registerHandlers(ipcMain: IpcMain, deps: HandlerDeps): void {
  handle(ipcMain, 'seed:load', expectNoArgs, async () => deps.parse(await deps.seedJob()));

  handle(ipcMain, 'import:pick', expectNoArgs, async () => {
    const win = deps.window();
    const options = {
      title: 'Import forum pages',
      properties: ['openFile', 'multiSelections'] as const,
      filters: IMPORT_FILTERS,
    };
    const picked = win
      ? await deps.dialog.showOpenDialog(win, { ...options, properties: [...options.properties] })
      : await deps.dialog.showOpenDialog({ ...options, properties: [...options.properties] });
    if (picked.canceled || picked.filePaths.length === 0) return [];
    return deps.parse({ files: picked.filePaths.map((path) => ({ path, capturedAt: null })) });
  });

  handle(ipcMain, 'export:save', expectSaveRequest, async (request): Promise<SaveFilesResult> => {
    const win = deps.window();
    const options = { title: request.title, properties: ['openDirectory' as const, 'createDirectory' as const] };
    const picked = win ? await deps.dialog.showOpenDialog(win, options) : await deps.dialog.showOpenDialog(options);
    const dir = picked.filePaths[0];
    if (picked.canceled || !dir) return { saved: false, location: null, written: 0 };
    return { saved: true, location: dir, written: await deps.writeFiles(dir, request.files) };
  });

  handle(ipcMain, 'shell:open-external', expectUrl, (url) => openExternalUrl(url, deps.openExternal));
}
