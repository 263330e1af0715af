import { memo, useDeferredValue, useEffect, useMemo } from 'react';
import { bookmarkResources, focusList } from '../app/actions';
import { importPickedFiles } from '../app/import-flow';
import { searchScope, type SearchScope } from '../app/search-scope';
import { useSearch, type SearchState } from '../app/use-search';
import { SearchInfo } from './SearchInfo';
import { useThreadList } from '../app/use-threads';
import { useNotes } from '../app/use-user-data';
import { useUiStore, type SortKey, type View } from '../state/ui-store';
import type { RowSource } from '../app/use-rows';
import { ThreadList } from './ThreadList';

const SORTS: { key: SortKey; label: string }[] = [
  { key: 'relevance', label: 'Relevance' },
  { key: 'activity', label: 'Activity' },
  { key: 'views', label: 'Views' },
  { key: 'replies', label: 'Replies' },
  { key: 'boosts', label: 'Boosts' },
];

function viewTitle(view: View): string {
  switch (view.kind) {
    case 'all':
      return 'All threads';
    case 'resources':
      return 'Resources';
    case 'bookmarks':
      return view.label ? `Bookmarks · ${view.label}` : 'Bookmarks';
    case 'notes':
      return 'Notes';
  }
}

/** A query as a message quotes it: a pasted log line of thousands of characters is cut short. */
function shortQuery(query: string): string {
  const q = query.trim();
  return q.length > 80 ? `${q.slice(0, 80)}…` : q;
}

/** The heading names the tag filter: "Tagged Bonjour", "Resources · tagged Network + QUIC". */
function tagTitle(title: string, view: View, tags: string[]): string {
  if (tags.length === 0) return title;
  return view.kind === 'all' ? `Tagged ${tags.join(' + ')}` : `${title} · tagged ${tags.join(' + ')}`;
}

function EmptyView({ view, tags }: { view: View; tags: string[] }) {
  if (tags.length > 0) return <p>No thread in this view carries all of {tags.join(', ')}.</p>;
  switch (view.kind) {
    case 'bookmarks':
      return (
        <p>
          No bookmarks yet. Select a thread and press <kbd>b</kbd>, or use ☆ on a row or a post.
        </p>
      );
    case 'notes':
      return (
        <p>
          No notes yet. Select a thread and press <kbd>n</kbd> to write one beside it.
        </p>
      );
    case 'resources':
      return <p>No resource posts yet. Import a listing that has Quinn’s or other DTS resource posts.</p>;
    case 'all':
      return (
        <>
          <p>
            <strong>Nothing here yet.</strong> Import what your scraper saved — listing text, saved thread pages,
            RSS/Atom feeds or a ForumKB archive — or drop the files onto this window.
          </p>
          <button type="button" onClick={() => void importPickedFiles()}>
            Import…
          </button>
        </>
      );
  }
}

/** A note's first line without Markdown markers (`## `, `> `, `- `), for its row. */
const noteLine = (markdown: string) => (markdown.trim().split('\n')[0] ?? '').replace(/^[#>*\-\s]+/, '').slice(0, 140);

/** What the list shows while its first answer is on its way. */
const NO_ROWS: RowSource = { ids: [], rows: [] };

/**
 * The middle pane: what the list shows (view, tags, or search results), how it is sorted.
 *
 * A key typed in the search box updates the box at once; the pane follows the query (and the
 * sort a first key switches to relevance) in a render of its own, at a transition's priority: the
 * key's own task only edits the field, and a key typed meanwhile interrupts the pane's render
 * instead of queueing behind it.
 */
export function ListPane() {
  const query = useUiStore((s) => s.query);
  const sort = useUiStore((s) => s.sort);
  const view = useUiStore((s) => s.view);
  const tags = useUiStore((s) => s.tags);
  const scope = useMemo(() => searchScope(view, tags), [view, tags]);
  // The search is asked for as the key is typed (the worker orders results by `sort` and sends
  // them a page at a time); its answer does not change until the worker's comes.
  const search = useSearch(query, sort, scope);
  const typed = useMemo(() => ({ query, sort }), [query, sort]);
  const shown = useDeferredValue(typed);
  return <ListPaneBody query={shown.query} sort={shown.sort} search={search} scope={scope} />;
}

const ListPaneBody = memo(function ListPaneBody({
  query,
  sort,
  search: lastAnswer,
  scope,
}: {
  query: string;
  sort: SortKey;
  search: SearchState | undefined;
  scope: SearchScope | null;
}) {
  const view = useUiStore((s) => s.view);
  const tags = useUiStore((s) => s.tags);
  const setSort = useUiStore((s) => s.setSort);
  const pickTag = useUiStore((s) => s.pickTag);
  const searching = query.trim() !== '';
  const search = searching ? lastAnswer : undefined;

  // The worker sorts and filters; the pane shows ids and asks for the rows on screen.
  const viewList = useThreadList(view, tags, sort);
  const notes = useNotes();

  const noteLines = useMemo(() => {
    if (view.kind !== 'notes' || !notes) return undefined;
    const lines = new Map<string, string>();
    // Newest note first: the thread's row shows the note edited last.
    for (const n of notes) if (!lines.has(n.threadId)) lines.set(n.threadId, noteLine(n.markdown));
    return lines;
  }, [view.kind, notes]);

  // Enter in the search box: the first result of the query typed, once its own results are listed
  // (or the first or last, for a key that moves in the list pressed before they came).
  const selectResult = useUiStore((s) => s.selectResult);
  useEffect(() => {
    if (selectResult === null || search?.query !== selectResult.query) return;
    const ui = useUiStore.getState();
    ui.requestSelectResult(null);
    const id = selectResult.edge === 'first' ? search.ids.at(0) : search.ids.at(search.ids.length - 1);
    if (id) ui.selectThread(id);
    // Enter pressed meanwhile asked for the reader: it takes the focus once the thread is read.
    if (!id) ui.requestReaderFocus(false);
    else if (ui.readerFocusRequested) return;
    requestAnimationFrame(focusList);
  }, [selectResult, search]);

  const list = searching ? search : viewList;
  const count = searching ? search?.total : viewList?.total;
  // Complete once every thread of the view is in the list (All threads shows a first screenful before).
  const complete = searching ? search !== undefined : viewList?.complete === true;
  const title = searching ? `Results for “${query.trim()}”` : tagTitle(viewTitle(view), view, tags);

  return (
    <main className="list-pane" aria-label="Thread list pane" aria-busy={!complete} data-complete={complete}>
      <div className="list-header">
        <div className="list-heading">
          <h2>{title}</h2>
          <span className="list-count" aria-live="polite">
            {count !== undefined && count !== null ? `${count} thread${count === 1 ? '' : 's'}` : ''}
          </span>
        </div>
        <div className="list-controls">
          {!searching &&
            tags.map((tag) => (
              <button
                key={tag}
                type="button"
                className="chip"
                aria-label={`Remove tag filter ${tag}`}
                onClick={() => pickTag(tag, true)}
              >
                {tag} ×
              </button>
            ))}
          {searching && <span className="list-scope">in {search?.scope ?? scope?.label ?? 'all threads'}</span>}
          {view.kind === 'resources' && !searching && (
            <button type="button" className="link-button" onClick={() => void bookmarkResources()}>
              Bookmark all resource posts
            </button>
          )}
          <label className="sort">
            Sort
            <select value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
              {SORTS.filter((s) => s.key !== 'relevance' || searching).map((s) => (
                <option key={s.key} value={s.key}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {searching && search && <SearchInfo search={search} />}
      <ThreadList
        list={list ?? NO_ROWS}
        hits={searching ? search?.hits : undefined}
        topKey={searching && search ? `${search.query}\u0000${sort}\u0000${scope?.label ?? ''}` : undefined}
        answers={searching ? search?.query : undefined}
        onEndReached={searching ? search?.more : undefined}
        notes={noteLines}
        empty={
          list === undefined ? (
            <p>Loading…</p>
          ) : searching ? (
            <p>
              Nothing matches “{shortQuery(query)}”. Try fewer words, or an error code such as <kbd>-1001</kbd>.
            </p>
          ) : (
            <EmptyView view={view} tags={tags} />
          )
        }
      />
    </main>
  );
});
