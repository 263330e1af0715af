import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { focusReader, toggleThreadBookmark } from '../app/actions';
import type { SearchHit } from '../app/use-search';
import { useOpenAhead } from '../app/use-open-ahead';
import { useRows, type RowSource } from '../app/use-rows';
import { useBookmarks, useReadIds } from '../app/use-user-data';
import { setListOrder } from '../state/list-order';
import { useUiStore } from '../state/ui-store';
import { ThreadMenu, type MenuAnchor } from './ThreadMenu';
import { ThreadRow } from './ThreadRow';
import { useRowWindow } from './use-row-window';

/**
 * Every row is exactly this tall (styles.css keeps a row's content inside it: one line of title,
 * two of excerpt or snippet, one of counts), so which rows show and where they go is arithmetic
 * (row-window.ts): nothing is measured or kept per row, whatever the length of the list.
 */
export const ROW_HEIGHT = 100;
/** A search's next page is asked for when the last row on screen is this close to the end. */
const NEAR_END = 5;
/** Rows rendered above and below the screen, so a scroll shows rows already laid out. */
const OVERSCAN = 8;

/**
 * The thread list, virtualised: only the rows in view (and a few around) are in the DOM, so 100k
 * threads scroll as smoothly as 20. The list keeps `role="list"` with real list items for screen
 * readers and tests; j/k move the selection and the list follows it.
 */
export function ThreadList({
  list,
  hits,
  notes,
  empty,
  onEndReached,
  topKey,
  answers = '',
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
  /** The (trimmed) query the ids answer; none for a view's own list. */
  answers?: string;
}) {
  const selected = useUiStore((s) => s.selectedThreadId);
  const selectThread = useUiStore((s) => s.selectThread);
  const readIds = useReadIds();
  const bookmarks = useBookmarks();
  const [menu, setMenu] = useState<MenuAnchor | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);

  const ids = list.ids;
  // Before paint: a key pressed as soon as the rows show moves through these ids, not the last list's.
  useLayoutEffect(() => setListOrder(ids, answers), [ids, answers]);

  const rows = useRowWindow(scrollRef, ids.length, ROW_HEIGHT, OVERSCAN);
  // The last row on screen (not the overscan rendered below it): a first page that fills the
  // screen does not ask for the next one before anything is scrolled.
  const lastOnScreen = rows.lastFull;
  useEffect(() => {
    if (onEndReached && lastOnScreen >= ids.length - NEAR_END) onEndReached();
  }, [onEndReached, lastOnScreen, ids.length]);

  // A new query's results show from the top, the best first (its next pages keep the place).
  const { toTop, show, shows } = rows;
  useLayoutEffect(() => {
    if (topKey !== undefined) toTop();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new answer scrolls
  }, [topKey]);

  // Keep the selected row in view, and keep keyboard focus on it when focus was in the list.
  // A search of the whole list (a scan of 2.5 MB of ids at 100k): once per list and selection, not per render.
  const selectedIndex = useMemo(() => (selected ? ids.indexOf(selected) : -1), [ids, selected]);
  /** The selection the list last brought into view. */
  const shownSelection = useRef<string | null>(null);
  const searching = hits !== undefined;
  // Before paint: the frame shows the row where it is scrolled to.
  useLayoutEffect(() => {
    if (selectedIndex < 0) return;
    const moved = shownSelection.current !== selected;
    shownSelection.current = selected;
    // A row already in full view (a click) needs no scroll. Nor do a search's results as they
    // change key by key under a selection made before: they stay at their top, the best first.
    if ((moved || !searching) && !shows(selectedIndex)) show(selectedIndex);
    const list = scrollRef.current;
    if (list && list.contains(document.activeElement)) {
      // Checked again in the frame: Enter pressed meanwhile has sent the focus to the reader.
      requestAnimationFrame(() => {
        if (!list.contains(document.activeElement)) return;
        list.querySelector<HTMLElement>('.thread-row[data-selected="true"] .thread-row-button')?.focus();
      });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- show/shows read the latest scroll position
  }, [selectedIndex, selected, searching]);

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

  const rowOf = useRows(list, rows.first, rows.last);
  // The rows a click can reach: those on screen, a row cut by either edge included.
  useOpenAhead(ids, rows.firstFull - 1, rows.lastFull + 1);
  const indexes: number[] = [];
  for (let i = rows.first; i <= rows.last; i++) indexes.push(i);
  const menuThread = menu ? rowOf(menu.threadId) : undefined;
  return (
    <div
      ref={scrollRef}
      className="thread-scroll"
      // The scroller itself is focusable only when no row is selected, so Tab always lands somewhere.
      tabIndex={selectedIndex < 0 ? 0 : -1}
      aria-label="Thread list"
    >
      {/* The scroller stays when the list is empty or loading: its size and scroll position are followed once, not observed anew with every search. */}
      {ids.length === 0 ? (
        <div className="empty">{empty}</div>
      ) : (
        <ul role="list" className="thread-list" aria-label="Threads" style={{ height: rows.height }}>
          {indexes.map((index) => {
            const id = ids.at(index)!;
            const thread = rowOf(id);
            // Not read from the worker yet: a row of the same height, filled in a frame later.
            if (!thread)
              return (
                <li
                  key={id}
                  data-index={index}
                  className="thread-row thread-row-pending"
                  aria-busy="true"
                  style={{ transform: `translateY(${rows.top(index)}px)`, height: ROW_HEIGHT }}
                />
              );
            const isSelected = thread.id === selected;
            return (
              <li
                key={id}
                data-index={index}
                data-thread-id={thread.id}
                data-selected={isSelected}
                data-unread={readIds ? !readIds.has(thread.id) : undefined}
                className="thread-row"
                style={{ transform: `translateY(${rows.top(index)}px)`, height: ROW_HEIGHT }}
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
