import { useState } from 'react';
import { focusList, searchComing, selectEdge } from '../app/actions';
import { isMac } from '../app/commands';
import { useUiStore } from '../state/ui-store';

/**
 * The search field. Each key goes to the query at once: the search hook keeps one search in
 * flight and sends only the latest text when it returns, so fast typing never queues searches.
 */
export function SearchBox() {
  const query = useUiStore((s) => s.query);
  const setQuery = useUiStore((s) => s.setQuery);
  const [text, setText] = useState(query);
  // Follow changes made elsewhere (another window, Esc clearing the search) without an effect.
  const [seen, setSeen] = useState(query);
  if (seen !== query) {
    setSeen(query);
    setText(query);
  }
  return (
    <div className="search-box" role="search">
      <input
        type="search"
        aria-label="Search threads"
        placeholder={`Search titles, error codes, API names   ( / or ${isMac() ? '⌘K' : 'Ctrl+K'} )`}
        value={text}
        spellCheck={false}
        onFocus={searchComing}
        onChange={(e) => {
          setText(e.target.value);
          setSeen(e.target.value);
          setQuery(e.target.value);
        }}
        onKeyDown={(e) => {
          // A search field clears itself on Esc; here Esc leaves the field and keeps the results.
          if (e.key === 'Escape') e.preventDefault();
          if (e.key === 'Enter' || e.key === 'ArrowDown') {
            // From the box straight into the results, like a mail client: the first one selected.
            e.preventDefault();
            if (text.trim() === '') {
              selectEdge('first');
              focusList();
              return;
            }
            // The list selects the first result once this query's own results are in.
            useUiStore.getState().requestSelectResult(text.trim());
            if (text !== useUiStore.getState().query) setQuery(text);
            // Focus leaves the box at once: a j typed right after Enter moves in the list, not
            // into the query (the list focuses the selected row a frame later).
            focusList();
          }
        }}
      />
    </div>
  );
}
