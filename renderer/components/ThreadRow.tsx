import { memo } from 'react';
import type { Thread } from '../../src/model';
import { formatActivity, formatCount } from '../app/format';
import type { SearchHit } from '../app/use-search';
import { Highlighted } from './Highlighted';

export interface ThreadRowProps {
  thread: Thread;
  hit?: SearchHit;
  /** The first line of the user's note, in the Notes view. */
  note?: string;
  selected: boolean;
  unread: boolean;
  bookmarked: boolean;
  /** The bookmark's labels, shown on the row. */
  labels?: string[];
  onSelect(id: string): void;
  onOpen(id: string): void;
  onMenu(id: string, x: number, y: number): void;
  onToggleBookmark(id: string): void;
}

/** One thread as the forum lists it: title, first lines, replies, boosts, views, activity. */
export const ThreadRow = memo(function ThreadRow(props: ThreadRowProps) {
  const { thread, hit, note, selected, unread, bookmarked } = props;
  return (
    <>
      <button
        type="button"
        className="thread-row-button"
        tabIndex={selected ? 0 : -1}
        aria-current={selected ? 'true' : undefined}
        onClick={() => props.onSelect(thread.id)}
        onDoubleClick={() => props.onOpen(thread.id)}
        onContextMenu={(e) => {
          e.preventDefault();
          // From the keyboard (the Menu key, Shift-F10) there is no pointer: open at the row.
          const r = e.currentTarget.getBoundingClientRect();
          const fromKeyboard = e.clientX === 0 && e.clientY === 0;
          props.onMenu(thread.id, fromKeyboard ? r.left + 24 : e.clientX, fromKeyboard ? r.top + 24 : e.clientY);
        }}
      >
        {/* One line: the whole title is its tooltip, and the reader's heading. */}
        <span className="thread-title" title={thread.title}>
          {unread && <span className="unread-dot" aria-label="Unread" title="Unread" />}
          {thread.isResource && <span className="badge">Resource</span>}
          {hit?.title ? <Highlighted value={hit.title} /> : thread.title}
        </span>
        <span className="thread-excerpt">
          {note !== undefined ? (
            <span className="thread-note">✎ {note}</span>
          ) : hit?.snippet ? (
            <Highlighted value={hit.snippet} />
          ) : (
            thread.excerpt
          )}
        </span>
        <span className="thread-stats">
          <span data-stat="replies" title="Replies">
            {formatCount(thread.replies)} <small>{thread.replies === 1 ? 'reply' : 'replies'}</small>
          </span>
          <span data-stat="boosts" title="Boosts">
            {formatCount(thread.boosts)} <small>{thread.boosts === 1 ? 'boost' : 'boosts'}</small>
          </span>
          <span data-stat="views" title="Views">
            {formatCount(thread.views)} <small>{thread.views === 1 ? 'view' : 'views'}</small>
          </span>
          {props.labels?.map((label) => (
            <span key={label} className="row-label">
              {label}
            </span>
          ))}
          <span
            data-stat="activity"
            title={thread.activity.date ? `Last activity ${thread.activity.date.slice(0, 10)}` : ''}
          >
            {formatActivity(thread.activity)}
          </span>
        </span>
      </button>
      <span className="row-actions">
        <button
          type="button"
          className={bookmarked ? 'icon-button bookmark-on' : 'icon-button'}
          tabIndex={-1}
          aria-pressed={bookmarked}
          aria-label={bookmarked ? 'Remove bookmark' : 'Bookmark'}
          title={bookmarked ? 'Remove bookmark (b)' : 'Bookmark (b)'}
          onClick={() => props.onToggleBookmark(thread.id)}
        >
          {bookmarked ? '★' : '☆'}
        </button>
        <button
          type="button"
          className="icon-button"
          tabIndex={-1}
          aria-label="Thread actions"
          aria-haspopup="menu"
          title="More (copy link, note, original page)"
          onClick={(e) => {
            const r = e.currentTarget.getBoundingClientRect();
            props.onMenu(thread.id, r.left, r.bottom);
          }}
        >
          ⋯
        </button>
      </span>
    </>
  );
});
