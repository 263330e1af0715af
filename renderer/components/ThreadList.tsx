import type { Thread } from '../../src/model';
import { formatCount } from '../app/format';
import { useUiStore } from '../state/ui-store';

function ThreadRow({ thread, selected, onSelect }: { thread: Thread; selected: boolean; onSelect: () => void }) {
  return (
    <li className="thread-row" data-thread-id={thread.id} aria-selected={selected}>
      <button type="button" className="thread-row-button" onClick={onSelect}>
        <span className="thread-title">
          {thread.isResource && <span className="badge">Resource</span>}
          {thread.title}
        </span>
        <span className="thread-excerpt">{thread.excerpt}</span>
        <span className="thread-stats">
          <span data-stat="replies" title="Replies">
            {formatCount(thread.replies)} <small>replies</small>
          </span>
          <span data-stat="boosts" title="Boosts">
            {formatCount(thread.boosts)} <small>boosts</small>
          </span>
          <span data-stat="views" title="Views">
            {formatCount(thread.views)} <small>views</small>
          </span>
          <span data-stat="activity" title={thread.activity.date ?? ''}>
            {thread.activity.raw ?? '–'}
          </span>
        </span>
      </button>
    </li>
  );
}

export function ThreadList({ threads }: { threads: Thread[] | undefined }) {
  const selected = useUiStore((s) => s.selectedThreadId);
  const selectThread = useUiStore((s) => s.selectThread);
  if (threads === undefined) return <p className="empty">Loading…</p>;
  if (threads.length === 0)
    return <p className="empty">No threads here yet. Import a scraped listing, thread page or feed.</p>;
  return (
    <ul className="thread-list" aria-label="Threads">
      {threads.map((t) => (
        <ThreadRow key={t.id} thread={t} selected={t.id === selected} onSelect={() => selectThread(t.id)} />
      ))}
    </ul>
  );
}
