import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isVisibleOn, loadWindowState, saveWindowState } from '../../../main/window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const external = { x: 1440, y: 0, width: 2560, height: 1440 };
const dir = mkdtempSync(join(tmpdir(), 'forumkb-window-'));

describe('window state', () => {
  it('restores what it saved', async () => {
    const file = join(dir, 'a.json');
    const state = { bounds: { x: 100, y: 80, width: 1200, height: 800 }, maximized: true };
    await saveWindowState(file, state);
    expect(await loadWindowState(file, [laptop])).toEqual(state);
  });

  it('forgets a position on a monitor that is gone', async () => {
    const file = join(dir, 'b.json');
    await saveWindowState(file, { bounds: { x: 2000, y: 100, width: 1200, height: 800 }, maximized: false });
    expect(await loadWindowState(file, [laptop, external])).not.toBeNull();
    expect(await loadWindowState(file, [laptop])).toBeNull();
  });

  it.each([
    ['missing', null],
    ['garbage', 'not json'],
    ['wrong shape', JSON.stringify({ bounds: { x: '1', y: 0, width: 800, height: 600 } })],
    ['tiny', JSON.stringify({ bounds: { x: 0, y: 0, width: 10, height: 10 } })],
    ['not finite', '{"bounds":{"x":1e400,"y":0,"width":800,"height":600}}'],
  ])('falls back to defaults for a %s file', async (name, content) => {
    const file = join(dir, `${name}.json`);
    if (content !== null) writeFileSync(file, content);
    expect(await loadWindowState(file, [laptop])).toBeNull();
  });

  it('needs a real part of the window on screen, not a sliver', () => {
    expect(isVisibleOn({ x: 1430, y: 0, width: 800, height: 600 }, [laptop])).toBe(false);
    expect(isVisibleOn({ x: 1300, y: 0, width: 800, height: 600 }, [laptop])).toBe(true);
  });
});
