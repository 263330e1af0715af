import { useEffect, useRef } from 'react';
import type { Bookmark, Post, Thread } from '../../src/model';
import { copyThreadLink, openNote, openOriginal, togglePostBookmark, toggleThreadBookmark } from '../app/actions';
import { modKey } from '../app/commands';
import { formatActivityLong, formatCount, formatCountOf, formatDate } from '../app/format';
import { useOpenThread } from '../app/use-open-thread';
import { useBookmarks } from '../app/use-user-data';
import { dataApi } from '../data/data-client';
import { useUiStore } from '../state/ui-store';
import { CaptureCoverage } from './CaptureCoverage';
import { LabelEditor } from './LabelEditor';
import { MoreLikeThis } from './MoreLikeThis';
import { NotePane } from './NotePane';
import { PostBody } from './PostBody';
import { RepliesCaptured } from './RepliesCaptured';

function PostView({
  post,
  thread,
  bookmark,
  hasNote,
}: {
  post: Post;
  thread: Thread;
  bookmark: Bookmark | undefined;
  hasNote: boolean;
}) {
  const isQuestion = post.index === 0;
  return (
    <section
      className={`post ${post.accepted ? 'post-accepted' : ''}`}
      aria-label={isQuestion ? 'Question' : `Reply ${post.index}${post.accepted ? ', accepted answer' : ''}`}
      data-post-id={post.id}
    >
      <header className="post-header">
        <span className="post-kind">{isQuestion ? 'Question' : `Reply ${post.index}`}</span>
        {post.author && <span className="post-author">{post.author}</span>}
        {post.date && <span className="post-date">{formatDate(post.date)}</span>}
        {post.accepted && <span className="badge badge-accepted">✓ Accepted answer</span>}
        {post.boosts !== null && post.boosts > 0 && (
          <span className="post-boosts">{formatCountOf(post.boosts, 'boost', 'boosts')}</span>
        )}
        {!isQuestion && (
          <button
            type="button"
            className={hasNote ? 'icon-button note-on' : 'icon-button'}
            aria-label={hasNote ? 'Open the note on this post' : 'Write a note on this post'}
            title={hasNote ? 'Open the note on this post' : 'Write a note on this post'}
            onClick={() => openNote(thread.id, post.id)}
          >
            ✎
          </button>
        )}
        {!isQuestion && (
          <button
            type="button"
            className={bookmark ? 'icon-button bookmark-on' : 'icon-button'}
            aria-pressed={Boolean(bookmark)}
            aria-label={bookmark ? 'Remove post bookmark' : 'Bookmark this post'}
            title={bookmark ? 'Remove post bookmark' : 'Bookmark this post'}
            onClick={() => void togglePostBookmark(thread.id, post.id)}
          >
            {bookmark ? '★' : '☆'}
          </button>
        )}
      </header>
      <PostBody body={post.body} title={thread.title} />
      {bookmark && <LabelEditor targetId={post.id} labels={bookmark.labels} />}
    </section>
  );
}

function ReaderToolbar({ thread, bookmarked }: { thread: Thread; bookmarked: boolean }) {
  const noteOpen = useUiStore((s) => s.noteOpen);
  const setNoteOpen = useUiStore((s) => s.setNoteOpen);
  return (
    <div className="reader-toolbar" role="toolbar" aria-label="Thread actions">
      <button type="button" aria-pressed={bookmarked} onClick={() => void toggleThreadBookmark(thread.id)} title="b">
        {bookmarked ? '★ Bookmarked' : '☆ Bookmark'}
      </button>
      <button
        type="button"
        aria-pressed={noteOpen}
        onClick={() => (noteOpen ? setNoteOpen(false) : openNote(thread.id))}
        title="n"
      >
        ✎ Note
      </button>
      <button type="button" onClick={() => void copyThreadLink(thread.id)} title="c — copies forumkb://thread/…">
        Copy link
      </button>
      {thread.url && (
        <button type="button" onClick={() => void openOriginal(thread.id)} title={`o — ${thread.url}`}>
          Open original ↗
        </button>
      )}
    </div>
  );
}

/** The right pane: the thread with its posts, and the note beside it when open. */
export function Reader({ threadId }: { threadId: string | null }) {
  const noteOpen = useUiStore((s) => s.noteOpen);
  const notePostId = useUiStore((s) => s.notePostId);
  const bookmarks = useBookmarks();
  // The selected thread, or for a few milliseconds while it is read, the one shown before.
  const data = useOpenThread(threadId);

  // Opening a thread marks it read.
  const found = Boolean(data?.thread) && data?.stale === false;
  useEffect(() => {
    if (threadId && found) void dataApi().markRead(threadId);
  }, [threadId, found]);

  const focusRequested = useUiStore((s) => s.readerFocusRequested);
  const articleRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!focusRequested || !found) return;
    articleRef.current?.focus();
    useUiStore.getState().requestReaderFocus(false);
  }, [focusRequested, found]);

  if (!threadId)
    return (
      <div className="empty reader-empty">
        <p>Select a thread to read it.</p>
        <p className="muted">
          <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> opens · <kbd>b</kbd> bookmarks · <kbd>n</kbd> notes ·{' '}
          <kbd>/</kbd> searches · <kbd>?</kbd> or <kbd>{modKey()}P</kbd> lists every command
        </p>
      </div>
    );
  if (!data) return <p className="empty">Loading…</p>;
  const { thread, posts, noteIdSet: noteIds } = data;
  if (!thread && data.stale) return <p className="empty">Loading…</p>;
  if (!thread)
    return <p className="empty">This thread is not in the database (the link may be from another machine).</p>;
  const bookmark = bookmarks?.get(thread.id);
  return (
    <div className={noteOpen ? 'reader-split' : 'reader-single'} aria-busy={data.stale}>
      <article ref={articleRef} className="reader" aria-label={thread.title} tabIndex={-1}>
        <ReaderToolbar thread={thread} bookmarked={Boolean(bookmark)} />
        <h1>{thread.title}</h1>
        <p className="reader-meta">
          <span className="reader-author">{thread.author ?? 'Unknown author'}</span>
          <span data-stat="replies">{formatCountOf(thread.replies, 'reply', 'replies')}</span>
          <span data-stat="boosts">{formatCountOf(thread.boosts, 'boost', 'boosts')}</span>
          <span data-stat="views" title="Counts are as they were when the page was scraped">
            {formatCount(thread.views)} views{' '}
            {thread.capturedAt ? `as of ${formatDate(thread.capturedAt)}` : '(capture date unknown)'}
          </span>
          <span data-stat="activity" title={thread.activity.date ?? undefined}>
            active {formatActivityLong(thread.activity)}
          </span>
        </p>
        {(thread.tags.length > 0 || thread.inferredTags.length > 0) && (
          <p className="reader-tags" aria-label="Tags">
            {thread.tags.map((t) => (
              <span key={t} className="tag tag-explicit" title="Forum tag">
                {t}
              </span>
            ))}
            {thread.inferredTags
              .filter((t) => !thread.tags.includes(t))
              .map((t) => (
                <span key={t} className="tag tag-inferred" title="Inferred by ForumKB">
                  {t}
                </span>
              ))}
          </p>
        )}
        {bookmark && <LabelEditor targetId={thread.id} labels={bookmark.labels} />}
        {posts.length === 0 && (
          <p className="muted">Only the listing entry was imported; import the thread page for its posts.</p>
        )}
        <CaptureCoverage thread={thread} posts={posts} />
        {posts.map((p) => (
          <PostView key={p.id} post={p} thread={thread} bookmark={bookmarks?.get(p.id)} hasNote={noteIds.has(p.id)} />
        ))}
        {posts.length > 0 && (
          <RepliesCaptured replies={thread.replies} captured={posts.filter((p) => p.index > 0).length} />
        )}
        <MoreLikeThis threadId={thread.id} />
        {thread.url && (
          <p className="reader-footer">
            <button type="button" className="link-button" onClick={() => void openOriginal(thread.id)}>
              {thread.url}
            </button>
          </p>
        )}
      </article>
      {noteOpen && (
        <NotePane
          threadId={thread.id}
          postId={notePostId}
          title={notePostId ? `Note on reply ${posts.find((p) => p.id === notePostId)?.index ?? ''}` : 'Note'}
        />
      )}
    </div>
  );
}
