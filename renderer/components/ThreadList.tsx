import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import { focusReader, toggleThreadBookmark } from '../app/actions';
import type { SearchHit } from '../app/use-search';
import { useRows, type RowSource } from '../app/use-rows';
import { useBookmarks, useReadIds } from '../app/use-user-data';
import { setListOrder } from '../state/list-order';
import { useUiStore } from '../state/ui-store';
import { ThreadMenu, type MenuAnchor } from './ThreadMenu';
import { ThreadRow } from './ThreadRow';

/**
 * Every row is exactly this tall (styles.css keeps a row's content inside it: one line of title,
 * two of excerpt or snippet, one of counts). The virtualizer places rows without measuring any:
 * measured rows made it recompute the positions of every row below, 100k of them, for each row
 * that scrolled into view or changed size when it was read.
 */
export const ROW_HEIGHT = 100;
/** A search's next page is asked for when the last row on screen is this close to the end. */
const NEAR_END = 5;

/**
 * The thread list, virtualised: only the rows in view (and a few around) are in the DOM, so 100k
 * threads scroll as smoothly as 20. The list keeps `role="list"` with real list items for screen
 * readers and tests; j/k move the selection and the list follows it.
 */
const rowSize = () => ROW_HEIGHT;

/** Whether the row is wholly inside the scroller's window, from what the virtualizer knows (no layout read). */
function inView(
  virtualizer: Pick<Virtualizer<HTMLDivElement, Element>, 'measurementsCache' | 'scrollOffset' | 'scrollRect'>,
  index: number,
): boolean {
  const item = virtualizer.measurementsCache[index];
  const top = virtualizer.scrollOffset;
  const height = virtualizer.scrollRect?.height;
  if (!item || top === null || !height) return false;
  return item.start >= top && item.end <= top + height;
}

/**
 * Scrolls the least that shows the whole row, from the rows' fixed height and what the virtualizer
 * knows of the scroller: one write of `scrollTop`. The virtualizer's `scrollToIndex` read the
 * scroller's height for its bounds and re-checked the position for frames after (forced layouts
 * that cost more than the rest of a selection).
 */
function scrollRowIntoView(virtualizer: Virtualizer<HTMLDivElement, Element>, index: number): void {
  const scroller = virtualizer.scrollElement;
  const top = virtualizer.scrollOffset;
  const height = virtualizer.scrollRect?.height;
  if (!scroller || top === null || !height) {
    virtualizer.scrollToIndex(index, { align: 'auto' });
    return;
  }
  const start = index * ROW_HEIGHT;
  const end = start + ROW_HEIGHT;
  if (start < top) scroller.scrollTop = start;
  else if (end > top + height) scroller.scrollTop = Math.max(0, end - height);
}

export function ThreadList({
  list,
  hits,
  notes,
  empty,
  onEndReached,
  topKey,
}: {
  /** The list's ids in order, with the rows the worker sent along; other rows are read as they show. */
  list: RowSource;
  hits?: Map<string, SearchHit>;
  notes?: Map<string, string>;
  empty: React.ReactNode;
  /** Called when the list is scrolled near its end: a search asks for its next page. */
  onEndReached?: () => void;
  /** What the list answers (a search's query, sort and scope): when it changes, the list starts at its top. */
  topKey?: string;
}) {
  const selected = useUiStore((s) => s.selectedThreadId);
  const selectThread = useUiStore((s) => s.selectThread);
  const readIds = useReadIds();
  const bookmarks = useBookmarks();
  const [menu, setMenu] = useState<MenuAnchor | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);

  const ids = list.ids;
  useEffect(() => setListOrder(ids), [ids]);

  // Stable functions: the virtualizer recomputes every row's measurement whenever these change
  // identity, which at 100k rows cost tens of milliseconds on each selection.
  const getItemKey = useCallback((i: number) => ids[i]!, [ids]);
  const getScrollElement = useCallback(() => scrollRef.current, []);
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the virtualizer re-renders us itself
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement,
    estimateSize: rowSize,
    overscan: 8,
    getItemKey,
  });

  const items = virtualizer.getVirtualItems();
  // The last row on screen (not the overscan rendered below it): a first page that fills the
  // screen does not ask for the next one before anything is scrolled.
  const lastOnScreen = virtualizer.range?.endIndex ?? items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (onEndReached && lastOnScreen >= ids.length - NEAR_END) onEndReached();
  }, [onEndReached, lastOnScreen, ids.length]);

  // A new query's results show from the top, the best first (its next pages keep the place).
  useEffect(() => {
    const scroller = scrollRef.current;
    // The virtualizer's last known offset: no layout read when already at the top.
    if (topKey !== undefined && scroller && (virtualizer.scrollOffset ?? 0) > 0) scroller.scrollTop = 0;
  }, [topKey, virtualizer]);

  // Keep the selected row in view, and keep keyboard focus on it when focus was in the list.
  const selectedIndex = selected ? ids.indexOf(selected) : -1;
  /** The selection the list last brought into view. */
  const shownSelection = useRef<string | null>(null);
  const searching = hits !== undefined;
  useEffect(() => {
    if (selectedIndex < 0) return;
    const moved = shownSelection.current !== selected;
    shownSelection.current = selected;
    // A row already in full view (a click) needs no scroll: scrollToIndex reads the layout and
    // re-checks it for frames after, which cost more than the rest of opening a thread. Nor do a
    // search's results as they change key by key under a selection made before: they stay at
    // their top, the best first.
    if ((moved || !searching) && !inView(virtualizer, selectedIndex)) scrollRowIntoView(virtualizer, selectedIndex);
    const list = scrollRef.current;
    if (list && list.contains(document.activeElement)) {
      requestAnimationFrame(() =>
        list.querySelector<HTMLElement>('.thread-row[data-selected="true"] .thread-row-button')?.focus(),
      );
    }
  }, [selectedIndex, selected, searching, virtualizer]);

  const onOpen = useCallback(
    (id: string) => {
      selectThread(id);
      requestAnimationFrame(focusReader);
    },
    [selectThread],
  );
  const onMenu = useCallback((threadId: string, x: number, y: number) => setMenu({ threadId, x, y }), []);
  const onToggleBookmark = useCallback((id: string) => void toggleThreadBookmark(id), []);
  const closeMenu = useCallback(() => setMenu(null), []);

  const rowOf = useRows(list, items[0]?.index ?? 0, items.at(-1)?.index ?? -1);
  const menuThread = menu ? rowOf(menu.threadId) : undefined;
  return (
    <div
      ref={scrollRef}
      className="thread-scroll"
      // The scroller itself is focusable only when no row is selected, so Tab always lands somewhere.
      tabIndex={selectedIndex < 0 ? 0 : -1}
      aria-label="Thread list"
    >
      {/* The scroller stays when the list is empty: a new scroller made the virtualizer read its size at once (a forced layout) and the rows be laid out anew. */}
      {ids.length === 0 ? (
        <div className="empty">{empty}</div>
      ) : (
        <ul role="list" className="thread-list" aria-label="Threads" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const thread = rowOf(ids[item.index]!);
            // Not read from the worker yet: a row of the same height, filled in a frame later.
            if (!thread)
              return (
                <li
                  key={item.key}
                  data-index={item.index}
                  className="thread-row thread-row-pending"
                  aria-busy="true"
                  style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                />
              );
            const isSelected = thread.id === selected;
            return (
              <li
                key={item.key}
                data-index={item.index}
                data-thread-id={thread.id}
                data-selected={isSelected}
                data-unread={readIds ? !readIds.has(thread.id) : undefined}
                className="thread-row"
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              >
                <ThreadRow
                  thread={thread}
                  hit={hits?.get(thread.id)}
                  note={notes?.get(thread.id)}
                  selected={isSelected}
                  unread={readIds !== undefined && !readIds.has(thread.id)}
                  bookmarked={bookmarks?.has(thread.id) ?? false}
                  labels={bookmarks?.get(thread.id)?.labels}
                  onSelect={selectThread}
                  onOpen={onOpen}
                  onMenu={onMenu}
                  onToggleBookmark={onToggleBookmark}
                />
              </li>
            );
          })}
        </ul>
      )}
      {menu && (
        <ThreadMenu
          anchor={menu}
          bookmarked={bookmarks?.has(menu.threadId) ?? false}
          hasUrl={Boolean(menuThread?.url)}
          onClose={closeMenu}
        />
      )}
    </div>
  );
}
