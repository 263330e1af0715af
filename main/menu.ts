import type { MenuItemConstructorOptions } from 'electron';
import { COMMAND_LIST, menuAccelerator, type CommandSpec, type MenuCommand } from '../src/commands/command-list';

/** The command list's items for one native menu, in the list's order; a click sends the command's id. */
function commandItems(menu: 'File' | 'View', send: (command: MenuCommand) => void): MenuItemConstructorOptions[] {
  return COMMAND_LIST.filter((c: CommandSpec) => c.menu?.in === menu).map((c: CommandSpec) => {
    const accelerator = menuAccelerator(c);
    return {
      label: c.menu!.label,
      ...(accelerator ? { accelerator } : {}),
      click: () => send(c.id as MenuCommand),
    };
  });
}

/**
 * The native menu: File and View carry the commands the command list places there (the window runs
 * them by id, like a key or the palette), then Edit, Window, Help. `developer` adds the DevTools
 * entry: never in the shipped app (`app.isPackaged`).
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
      submenu: [...commandItems('File', send), { type: 'separator' }, mac ? { role: 'close' } : { role: 'quit' }],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...commandItems('View', send),
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
