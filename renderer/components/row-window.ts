/**
 * Which rows of a list of fixed-height rows are on screen, and where each goes: the arithmetic of
 * the thread list's windowing, in O(1) whatever the length of the list (nothing is kept per row).
 *
 * A browser caps an element's height (Chromium at 33,554,432 px: 335k rows of 100 px), so a list
 * taller than `MAX_SCROLL_PX` scrolls a scaled track: the scroller's top maps to a "virtual" top in
 * the real list, and the rows on screen are placed from it. Up to that height the mapping is the
 * identity and rows sit at `index × rowHeight`, as in any virtual list.
 */

/** The tallest list the scroller is given; past it, scrolling is scaled. */
export const MAX_SCROLL_PX = 15_000_000;

export interface Geometry {
  count: number;
  rowHeight: number;
  /** The scroller's visible height. */
  viewport: number;
}

export interface RowWindow {
  /** Rows to render, overscan included (`last < first` when there are none). */
  first: number;
  last: number;
  /** Rows wholly on screen. */
  firstFull: number;
  lastFull: number;
}

/** The height of the scroller's content. */
export function trackHeight({ count, rowHeight }: Geometry): number {
  return Math.min(count * rowHeight, MAX_SCROLL_PX);
}

/** Real pixels per scrolled pixel: 1 unless the list is taller than the track. */
export function scrollRatio(g: Geometry): number {
  const real = g.count * g.rowHeight;
  const track = trackHeight(g);
  if (real <= track || track <= g.viewport) return 1;
  return (real - g.viewport) / (track - g.viewport);
}

/** The top of the screen in the real list. */
export function virtualTop(g: Geometry, scrollTop: number): number {
  return Math.max(0, scrollTop) * scrollRatio(g);
}

export function rowWindow(g: Geometry, scrollTop: number, overscan: number): RowWindow {
  if (g.count === 0 || g.viewport <= 0) return { first: 0, last: -1, firstFull: 0, lastFull: -1 };
  const top = virtualTop(g, scrollTop);
  const bottom = top + g.viewport;
  const lastRow = g.count - 1;
  const first = Math.min(lastRow, Math.floor(top / g.rowHeight));
  const last = Math.min(lastRow, Math.max(first, Math.ceil(bottom / g.rowHeight) - 1));
  return {
    first: Math.max(0, first - overscan),
    last: Math.min(lastRow, last + overscan),
    firstFull: Math.min(lastRow, Math.ceil(top / g.rowHeight)),
    lastFull: Math.max(0, Math.min(lastRow, Math.floor(bottom / g.rowHeight) - 1)),
  };
}

/** Where a row goes in the scroller's content, for the scroller at `scrollTop`. */
export function rowTop(g: Geometry, scrollTop: number, index: number): number {
  const real = index * g.rowHeight;
  return scrollRatio(g) === 1 ? real : Math.max(0, scrollTop) + real - virtualTop(g, scrollTop);
}

/**
 * The scroller's top that shows the whole row with the least scrolling, or null when it is already
 * wholly on screen. (Scaled, a scroller rounds its top: a pixel of it is `scrollRatio` real pixels,
 * so a row counts as shown within that much.)
 */
export function scrollTopToShow(g: Geometry, scrollTop: number, index: number): number | null {
  const ratio = scrollRatio(g);
  const top = virtualTop(g, scrollTop);
  const start = index * g.rowHeight;
  const end = start + g.rowHeight;
  const slack = ratio === 1 ? 0 : ratio;
  let target: number;
  if (start < top - slack) target = start;
  else if (end > top + g.viewport + slack) target = end - g.viewport;
  else return null;
  return Math.max(0, Math.min(trackHeight(g) - g.viewport, target / ratio));
}
