/** The native menu is built from the command list: no label, accelerator or command of its own. */
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { menuTemplate } from '../../../main/menu';
import { COMMAND_LIST, MENU_COMMANDS, menuAccelerator, type CommandSpec } from '../../../src/commands/command-list';

/** The items that run something, by the menu they are in. */
function clickable(template: MenuItemConstructorOptions[]) {
  return template.flatMap((menu) =>
    (Array.isArray(menu.submenu) ? menu.submenu : [])
      .filter((item) => item.click)
      .map((item) => ({ menu: menu.label ?? menu.role, item })),
  );
}

describe('the native menu', () => {
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    it(`on ${platform}, shows each command the list places in a menu, as the list says, and sends its id`, () => {
      const sent: string[] = [];
      let help = 0;
      const items = clickable(
        menuTemplate(
          platform,
          (id) => sent.push(id),
          () => help++,
        ),
      );
      const commands = items.filter(({ menu }) => menu !== 'help');
      // File's items, then View's, each in the list's order.
      const placed = (['File', 'View'] as const).flatMap((m) =>
        COMMAND_LIST.filter((c: CommandSpec) => c.menu?.in === m),
      );
      expect(commands.map(({ menu, item }) => [menu, item.label, item.accelerator])).toEqual(
        placed.map((c: CommandSpec) => [c.menu!.in, c.menu!.label, menuAccelerator(c)]),
      );
      for (const { item } of commands) (item.click as () => void)();
      expect(sent).toEqual(placed.map((c) => c.id));
      expect([...sent].sort()).toEqual([...MENU_COMMANDS].sort());
      // The one item that is not a command: Help's link to the forum.
      expect(items.filter(({ menu }) => menu === 'help')).toHaveLength(1);
      expect(help).toBe(0);
    });
  }

  it('takes a command key for the accelerator when the command has one: Mod+k is CmdOrCtrl+K', () => {
    expect(menuAccelerator({ id: 'x', title: 'X', keys: ['/', 'Mod+k'], menu: { in: 'View', label: 'X' } })).toBe(
      'CmdOrCtrl+K',
    );
    expect(menuAccelerator({ id: 'x', title: 'X', keys: ['Mod+Shift+p'] })).toBe('CmdOrCtrl+Shift+P');
    expect(menuAccelerator({ id: 'x', title: 'X', keys: ['j'] })).toBeUndefined();
    expect(menuAccelerator({ id: 'x', title: 'X', menu: { in: 'File', label: 'X', accelerator: 'CmdOrCtrl+O' } })).toBe(
      'CmdOrCtrl+O',
    );
  });

  it('keeps the items it had: Import… (⌘O), Export Notes… (⌘⇧E), Search (⌘K)', () => {
    const items = clickable(
      menuTemplate(
        'linux',
        () => {},
        () => {},
      ),
    ).map(({ item }) => [item.label, item.accelerator]);
    expect(items).toEqual(
      expect.arrayContaining([
        ['Import…', 'CmdOrCtrl+O'],
        ['Export Notes…', 'CmdOrCtrl+Shift+E'],
        ['Search', 'CmdOrCtrl+K'],
      ]),
    );
  });
});
