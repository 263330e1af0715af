import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_SCROLL_PX,
  rowTop,
  rowWindow,
  scrollRatio,
  scrollTopToShow,
  trackHeight,
  type Geometry,
} from '../../../renderer/components/row-window';

const ROW = 100;
const geometry = fc.record({
  count: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 2_000_000 })),
  rowHeight: fc.constant(ROW),
  viewport: fc.integer({ min: 50, max: 2_000 }),
});
/** A scroller's top as the browser keeps it: within its track, whole pixels. */
const maxTop = (g: Geometry) => Math.max(0, trackHeight(g) - g.viewport);

describe('row window', () => {
  it('renders every row that shows, where it shows, for any list and scroll position', () => {
    fc.assert(
      fc.property(geometry, fc.double({ min: 0, max: 1, noNaN: true }), (g, at) => {
        const scrollTop = Math.round(at * maxTop(g));
        const w = rowWindow(g, scrollTop, 0);
        if (g.count === 0) {
          expect(w.last).toBeLessThan(w.first);
          return;
        }
        // The rows rendered cover the screen: the first starts at or above its top, the last ends at or below its bottom (or is the last row).
        expect(rowTop(g, scrollTop, w.first)).toBeLessThanOrEqual(scrollTop + 1e-6);
        if (w.last < g.count - 1)
          expect(rowTop(g, scrollTop, w.last) + ROW).toBeGreaterThanOrEqual(scrollTop + g.viewport - 1e-6);
        // Nothing far off screen is rendered.
        expect(rowTop(g, scrollTop, w.first) + ROW).toBeGreaterThan(scrollTop - 1e-6);
        expect(rowTop(g, scrollTop, w.last)).toBeLessThan(scrollTop + g.viewport + 1e-6);
        // Rows inside the content, one after the other.
        if (w.last > w.first)
          expect(rowTop(g, scrollTop, w.first + 1) - rowTop(g, scrollTop, w.first)).toBeCloseTo(ROW);
        expect(rowTop(g, scrollTop, w.last) + ROW).toBeLessThanOrEqual(trackHeight(g) + 1e-6);
      }),
      { numRuns: 3_000 },
    );
  });

  it('scrolls the least that shows the whole row, and not at all when it shows', () => {
    fc.assert(
      fc.property(
        geometry,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (g, at, pick) => {
          fc.pre(g.count > 0 && g.viewport >= ROW);
          const scrollTop = Math.round(at * maxTop(g));
          const index = Math.min(g.count - 1, Math.floor(pick * g.count));
          const target = scrollTopToShow(g, scrollTop, index);
          const w = rowWindow(g, scrollTop, 0);
          if (target === null) {
            // Already wholly on screen (within the pixel a scaled scroller rounds to).
            const slack = scrollRatio(g) === 1 ? 0 : scrollRatio(g);
            expect(rowTop(g, scrollTop, index)).toBeGreaterThanOrEqual(scrollTop - slack - 1e-6);
            expect(rowTop(g, scrollTop, index) + ROW).toBeLessThanOrEqual(scrollTop + g.viewport + slack + 1e-6);
            return;
          }
          expect(index < w.firstFull || index > w.lastFull).toBe(true);
          // The browser rounds the new top to a pixel (a scaled pixel is `scrollRatio` real ones):
          // the row is then on screen within that, and rendered.
          const after = Math.round(target);
          const slack = scrollRatio(g) + 1e-6;
          const top = rowTop(g, after, index);
          expect(top).toBeGreaterThanOrEqual(after - slack);
          expect(top + ROW).toBeLessThanOrEqual(after + g.viewport + slack);
          const rendered = rowWindow(g, after, 0);
          expect(index).toBeGreaterThanOrEqual(rendered.first);
          expect(index).toBeLessThanOrEqual(rendered.last);
          // The least scroll: the row lands at the edge it came in from.
          if (index < w.firstFull) expect(Math.abs(top - after)).toBeLessThanOrEqual(slack);
          else expect(Math.abs(top + ROW - (after + g.viewport))).toBeLessThanOrEqual(slack);
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it('reaches every row of a million, past the height a browser gives an element', () => {
    const g: Geometry = { count: 1_000_000, rowHeight: ROW, viewport: 800 };
    expect(trackHeight(g)).toBe(MAX_SCROLL_PX);
    expect(scrollRatio(g)).toBeGreaterThan(6);
    const end = rowWindow(g, trackHeight(g) - g.viewport, 0);
    expect(end.last).toBe(999_999);
    expect(end.lastFull).toBe(999_999);
    expect(rowTop(g, trackHeight(g) - g.viewport, 999_999) + ROW).toBeCloseTo(trackHeight(g));
    const middle = scrollTopToShow(g, 0, 500_000)!;
    const w = rowWindow(g, Math.round(middle), 0);
    expect(w.first).toBeLessThanOrEqual(500_000);
    expect(w.last).toBeGreaterThanOrEqual(500_000);
  });

  it('places rows at their plain offsets in a list the browser can hold', () => {
    const g: Geometry = { count: 100_000, rowHeight: ROW, viewport: 900 };
    expect(scrollRatio(g)).toBe(1);
    expect(trackHeight(g)).toBe(10_000_000);
    expect(rowTop(g, 123_456, 1_240)).toBe(124_000);
    expect(rowWindow(g, 123_456, 8)).toEqual({ first: 1_226, last: 1_251, firstFull: 1_235, lastFull: 1_242 });
  });
});
