import { useTagCounts, type TagCount } from '../app/use-threads';
import { useBookmarks, useLabelCounts, useNotes } from '../app/use-user-data';
import { useThreadCount } from '../app/use-thread-count';
import { useUiStore, type View } from '../state/ui-store';
import { isMac } from '../app/commands';
import { useEffect, useState } from 'react';
import { dataApi, useWatch } from '../data/data-client';

/**
 * How many resource posts there are, from the data worker's index (`is:resource`): isResource cannot be
 * indexed in IndexedDB, and counting it on the UI thread would read every thread.
 */
function useResourceCount(): number | undefined {
  const version = useWatch({ kind: 'indexVersion' });
  const [count, setCount] = useState<number | undefined>(undefined);
  useEffect(() => {
    if (version === undefined) return;
    let live = true;
    dataApi()
      .search('is:resource', { sort: 'relevance', limit: 1 })
      .then((r) => live && setCount(r.total))
      .catch(() => live && setCount(undefined));
    return () => {
      live = false;
    };
  }, [version]);
  return count;
}

/** The Networking subtopic's own tags lead; the rest follow by name. */
const LEADING_TAGS = ['Network', 'Network Extension', 'Core WLAN', 'Bonjour'];

function tagOrder(a: TagCount, b: TagCount): number {
  const [ia, ib] = [LEADING_TAGS.indexOf(a.tag), LEADING_TAGS.indexOf(b.tag)];
  return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.tag.localeCompare(b.tag);
}

const sameView = (a: View, b: View) => JSON.stringify(a) === JSON.stringify(b);

export function Sidebar() {
  const view = useUiStore((s) => s.view);
  const tags = useUiStore((s) => s.tags);
  const searching = useUiStore((s) => s.query.trim() !== '');
  const showView = useUiStore((s) => s.showView);
  const pickTag = useUiStore((s) => s.pickTag);
  const tagCounts = useTagCounts();
  const labels = useLabelCounts();
  const bookmarks = useBookmarks();
  const notes = useNotes();
  const all = useThreadCount();
  const resources = useResourceCount();
  const mod = isMac() ? '⌘' : 'Ctrl';

  const item = (target: View, label: string, count: number | undefined, className = 'sidebar-item') => (
    <li key={JSON.stringify(target)}>
      <button
        type="button"
        className={className}
        aria-current={!searching && tags.length === 0 && sameView(view, target) ? 'page' : undefined}
        onClick={() => showView(target)}
      >
        <span className="sidebar-label">{label}</span>
        {count !== undefined && <span className="sidebar-count">{count}</span>}
      </button>
    </li>
  );

  const sorted = [...(tagCounts ?? [])].sort(tagOrder);
  return (
    <nav className="sidebar" aria-label="Views">
      <ul>
        {item({ kind: 'all' }, 'All threads', all)}
        {item({ kind: 'bookmarks', label: null }, 'Bookmarks', bookmarks?.size)}
        {[...(labels ?? [])].map(([label, n]) =>
          item({ kind: 'bookmarks', label }, label, n, 'sidebar-item sidebar-subitem'),
        )}
        {item({ kind: 'resources' }, 'Resources', resources)}
        {item({ kind: 'notes' }, 'Notes', notes?.length)}
      </ul>
      <h2 className="sidebar-heading" title={`${mod}-click to combine tags`}>
        Tags
      </h2>
      <ul aria-label="Tags">
        {sorted.map((t) => {
          const inferredOnly = t.explicit === 0;
          const picked = tags.includes(t.tag);
          return (
            <li key={t.tag}>
              <button
                type="button"
                className={`sidebar-item tag-item ${inferredOnly ? 'tag-item-inferred' : ''}`}
                aria-pressed={picked}
                aria-current={picked && !searching ? 'page' : undefined}
                title={
                  (inferredOnly
                    ? 'Inferred by ForumKB from titles and text'
                    : `${t.explicit} tagged on the forum, ${t.count - t.explicit} inferred by ForumKB`) +
                  ` · ${mod}-click or Shift-click to combine tags`
                }
                onClick={(e) => pickTag(t.tag, e.metaKey || e.ctrlKey || e.shiftKey)}
              >
                <span className="sidebar-label">{t.tag}</span>
                <span className="sidebar-count">{t.count}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <p className="sidebar-hint">
        {mod}-click to combine tags. <span className="tag-sample tag-explicit">forum tag</span>{' '}
        <span className="tag-sample tag-inferred">inferred</span>
      </p>
    </nav>
  );
}
