/**
 * Remembers the window's size and position between runs, and never restores it off-screen (a
 * monitor may have been unplugged since).
 */
import { readFile, writeFile } from 'node:fs/promises';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Bounds;
  maximized: boolean;
}

const MIN_VISIBLE = 64;

function isBounds(value: unknown): value is Bounds {
  if (typeof value !== 'object' || value === null) return false;
  const b = value as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((k) => typeof b[k] === 'number' && Number.isFinite(b[k]));
}

/** True when at least a corner's worth of the window lies on one of the work areas. */
export function isVisibleOn(bounds: Bounds, workAreas: Bounds[]): boolean {
  return workAreas.some((area) => {
    const overlapX = Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x);
    const overlapY = Math.min(bounds.y + bounds.height, area.y + area.height) - Math.max(bounds.y, area.y);
    return overlapX >= MIN_VISIBLE && overlapY >= MIN_VISIBLE;
  });
}

/** The saved state if it is sound and still on screen; otherwise null (use the defaults). */
export async function loadWindowState(file: string, workAreas: Bounds[]): Promise<WindowState | null> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { bounds, maximized } = parsed as Record<string, unknown>;
  if (!isBounds(bounds) || bounds.width < 200 || bounds.height < 200) return null;
  if (!isVisibleOn(bounds, workAreas)) return null;
  return { bounds, maximized: maximized === true };
}

export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  await writeFile(file, JSON.stringify(state), 'utf8');
}
