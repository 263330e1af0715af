/**
 * The preload: exposes the bridge API, one method per IPC channel, and nothing else. Never the raw
 * ipcRenderer. Bundled into one file because a sandboxed preload can require only `electron`.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  CAPTURE_CHANNEL,
  IMPORT_STREAM_CHANNEL,
  MENU_COMMAND_CHANNEL,
  MENU_COMMANDS,
  OPEN_THREAD_CHANNEL,
  type CaptureDelivery,
  type ImportStreamOffer,
  type ForumKbApi,
  type IpcChannel,
  type IpcContract,
  type MenuCommand,
} from '../src/bridge/forumkb-api';

function invoke<C extends IpcChannel>(channel: C, ...args: IpcContract[C]['args']): Promise<IpcContract[C]['result']> {
  return ipcRenderer.invoke(channel, ...args) as Promise<IpcContract[C]['result']>;
}

export const api = {
  platform: 'electron',
  loadSeedFiles: () => invoke('seed:load'),
  pickFiles: () => invoke('import:pick'),
  exportNotes: (files) => invoke('export:notes', files),
  saveFile: (file) => invoke('export:save-file', file),
  openExternal: (url) => invoke('shell:open-external', url),
  onMenuCommand(listener) {
    const wrapped = (_event: IpcRendererEvent, command: unknown) => {
      if (MENU_COMMANDS.includes(command as MenuCommand)) listener(command as MenuCommand);
    };
    ipcRenderer.on(MENU_COMMAND_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, wrapped);
    };
  },
  onOpenThread(listener) {
    const wrapped = (_event: IpcRendererEvent, threadId: unknown) => {
      if (typeof threadId === 'string') listener(threadId);
    };
    ipcRenderer.on(OPEN_THREAD_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(OPEN_THREAD_CHANNEL, wrapped);
    };
  },
  connectorPairing: () => invoke('connector:pairing'),
  configureConnector: (change) => invoke('connector:configure', change),
  onCapture(listener) {
    // Each capture is answered on its own channel with what the renderer stored (or why not).
    const wrapped = (_event: IpcRendererEvent, delivery: unknown) => {
      const { requestId, file } = (delivery ?? {}) as Partial<CaptureDelivery>;
      if (typeof requestId !== 'string' || !file) return;
      listener(file).then(
        (answer) => invoke('connector:capture-done', requestId, { ok: true, answer }),
        (error: unknown) =>
          invoke('connector:capture-done', requestId, {
            ok: false,
            busy: error instanceof Error && error.name === 'ImportBusyError',
            error: String(error instanceof Error ? error.message : error),
          }),
      );
    };
    ipcRenderer.on(CAPTURE_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(CAPTURE_CHANNEL, wrapped);
    };
  },
} satisfies ForumKbApi;

contextBridge.exposeInMainWorld('forumkb', api);

/**
 * A picked file main streams: the port cannot cross the context bridge, so it goes to the page
 * as a window message (Electron's documented way), tagged with its stream's id; the page
 * transfers it on into the data worker (create-platform.electron.ts).
 */
ipcRenderer.on(IMPORT_STREAM_CHANNEL, (event: IpcRendererEvent, offer: unknown) => {
  const { streamId } = (offer ?? {}) as Partial<ImportStreamOffer>;
  if (typeof streamId !== 'string' || event.ports.length !== 1) return;
  window.postMessage({ forumkbStream: streamId }, '*', [...event.ports]);
});
