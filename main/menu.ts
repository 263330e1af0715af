import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../src/bridge/forumkb-api';

/**
 * The native menu: File (Import…, Export notes…), Edit, View, Window, Help. `developer` adds the
 * DevTools entry: never in the shipped app (`app.isPackaged`).
 */
export function menuTemplate(
  platform: NodeJS.Platform,
  send: (command: MenuCommand) => void,
  openHelp: () => void,
  developer = false,
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => send('import') },
        { label: 'Export Notes…', accelerator: 'CmdOrCtrl+Shift+E', click: () => send('export-notes') },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { label: 'Search', accelerator: 'CmdOrCtrl+K', click: () => send('focus-search') },
        { type: 'separator' },
        { role: 'reload' },
        ...(developer ? [{ role: 'toggleDevTools' as const }] : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'Apple Developer Forums: Networking', click: openHelp }] },
  ];
}
