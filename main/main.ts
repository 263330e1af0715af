/** The Electron main process: wires the window, the app protocol, security guards, menu and IPC. */
import { join } from 'node:path';
import {
  BrowserWindow,
  Menu,
  MessageChannelMain,
  app,
  dialog,
  ipcMain,
  protocol,
  screen,
  session,
  shell,
} from 'electron';
import { MENU_COMMAND_CHANNEL, OPEN_THREAD_CHANNEL } from '../src/bridge/forumkb-api';
import { withoutExportTime } from '../src/export/front-matter';
import { writeFileAtomic } from '../src/node/atomic-write';
import { writeExport } from '../src/node/export-writer';
import { LINK_SCHEME, threadIdFromLink } from '../src/bridge/forumkb-link';
import { PendingLink, threadIdFromArgv } from './deep-links';
import { APP_ENTRY, APP_SCHEME, registerAppProtocol } from './app-protocol';
import { startConnector } from './connector';
import { registerHandlers } from './handlers';
import { menuTemplate } from './menu';
import { readFilesAsBytes, seedFiles } from './read-files';
import { streamFileToWindow } from './stream-file';
import { installSecurityGuards, openExternalUrl } from './security';
import { secureWindowOptions } from './window';
import { loadWindowState, saveWindowState } from './window-state';

// Bundled to dist/main/*.cjs; the renderer is in dist/renderer; fixtures ship as extra resources.
const distDir = join(__dirname, '..');
const rendererDir = join(distDir, 'renderer');
const fixturesDir = app.isPackaged ? join(process.resourcesPath, 'fixtures') : join(app.getAppPath(), 'fixtures');

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | null = null;
let windowReady = false;
const openExternal = (url: string) => shell.openExternal(url);
const pendingLink = new PendingLink((threadId) => {
  if (!mainWindow || !windowReady) return false;
  mainWindow.webContents.send(OPEN_THREAD_CHANNEL, threadId);
  return true;
});

app.setAsDefaultProtocolClient(LINK_SCHEME);
app.on('open-url', (event, url) => {
  event.preventDefault();
  pendingLink.offer(threadIdFromLink(url));
});

async function createWindow(): Promise<void> {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const saved = await loadWindowState(
    stateFile,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  mainWindow = new BrowserWindow({
    ...secureWindowOptions(join(__dirname, 'preload.cjs'), !app.isPackaged),
    ...saved?.bounds,
  });
  if (saved?.maximized) mainWindow.maximize();
  const win = mainWindow;
  win.on('close', () => {
    void saveWindowState(stateFile, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.webContents.on('did-finish-load', () => {
    windowReady = true;
    pendingLink.flush();
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
    windowReady = false;
  });
  void mainWindow.loadURL(APP_ENTRY);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
    pendingLink.offer(threadIdFromArgv(argv));
  });
  pendingLink.offer(threadIdFromArgv(process.argv));

  void app.whenReady().then(() => {
    installSecurityGuards(app, session.defaultSession, openExternal);
    registerAppProtocol(protocol, rendererDir);
    registerHandlers(ipcMain, {
      dialog,
      window: () => mainWindow,
      readFiles: readFilesAsBytes,
      streamFile: (path) =>
        streamFileToWindow(path, {
          channel: () => new MessageChannelMain(),
          webContents: () => (mainWindow && windowReady ? mainWindow.webContents : null),
        }).then(({ streamId }) => streamId),
      seedFiles: () => seedFiles(fixturesDir),
      // exported_at changes every time: compare without it, so unchanged notes are not rewritten.
      writeNotes: (dir, files) => writeExport(dir, files, { comparable: withoutExportTime }),
      writeFile: (path, content) => writeFileAtomic(path, content),
      openExternal,
    });
    const send = (command: string) => mainWindow?.webContents.send(MENU_COMMAND_CHANNEL, command);
    const help = () =>
      void openExternalUrl(
        'https://developer.apple.com/forums/topics/app-and-system-services/app-and-system-services-networking',
        openExternal,
      );
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, send, help, !app.isPackaged)));
    // The browser clipper's connector on 127.0.0.1; captures go to the window to be stored.
    const connector = startConnector({
      ipcMain,
      settingsFile: join(app.getPath('userData'), 'connector.json'),
      target: () => (mainWindow && windowReady ? mainWindow.webContents : null),
    });
    app.on('will-quit', () => void connector.then((c) => c.stop()).catch(() => undefined));
    void createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
