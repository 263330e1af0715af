import { useCallback, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import {
  rowTop,
  rowWindow,
  scrollRatio,
  scrollTopToShow,
  trackHeight,
  type Geometry,
  type RowWindow,
} from './row-window';

export interface WindowedRows extends RowWindow {
  /** The height of the list's content. */
  height: number;
  /** Where row `index` goes in the content. */
  top(index: number): number;
  /** Whether the row is wholly on screen. */
  shows(index: number): boolean;
  /** Scrolls the least that shows the whole row (nothing if it shows). */
  show(index: number): void;
  /** Back to the first row. */
  toTop(): void;
}

/**
 * The rows of a fixed-height list that are on screen, for the scroller in `ref`: follows its
 * scroll position and size, and re-renders only when the rows on screen change. Nothing is read
 * from the layout: the size comes from a ResizeObserver (the window's height until its first
 * report), the position from scroll events, and scrolling writes the position once.
 */
export function useRowWindow(
  ref: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  overscan: number,
): WindowedRows {
  const [viewport, setViewport] = useState(() => (typeof window === 'undefined' ? 0 : window.innerHeight));
  const [scrollTop, setScrollTop] = useState(0);
  const geometry = useMemo<Geometry>(() => ({ count, rowHeight, viewport }), [count, rowHeight, viewport]);
  /** The scroller's latest top (scrolls within the rows rendered do not re-render) and the geometry it is for. */
  const latest = useRef({ geometry, top: 0 });
  useLayoutEffect(() => {
    latest.current.geometry = geometry;
  }, [geometry]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      const height = entry?.contentRect.height;
      if (height !== undefined && height > 0) setViewport(height);
    });
    observer.observe(el);
    const onScroll = () => {
      const top = el.scrollTop;
      const g = latest.current.geometry;
      const before = rowWindow(g, latest.current.top, 0);
      const after = rowWindow(g, top, 0);
      latest.current.top = top;
      // Rows move with the scroller's top when scaled; otherwise only a new range re-renders.
      if (scrollRatio(g) !== 1 || before.first !== after.first || before.last !== after.last)
        flushSync(() => setScrollTop(top));
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', onScroll);
    };
  }, [ref]);

  const scrollTo = useCallback(
    (top: number) => {
      const el = ref.current;
      if (!el) return;
      el.scrollTop = top;
      latest.current.top = top;
      // Rendered at once with the rows of the new place: no frame of the old rows at the new top.
      setScrollTop(top);
    },
    [ref],
  );

  // Rows rendered from the last top that changed them: the same rows as the latest top's.
  const rows = rowWindow(geometry, scrollTop, overscan);
  return {
    ...rows,
    height: trackHeight(geometry),
    top: (index) => rowTop(geometry, scrollTop, index),
    shows: (index) => scrollTopToShow(latest.current.geometry, latest.current.top, index) === null,
    show: (index) => {
      const top = scrollTopToShow(latest.current.geometry, latest.current.top, index);
      if (top !== null) scrollTo(top);
    },
    toTop: () => {
      if (latest.current.top > 0) scrollTo(0);
    },
  };
}
