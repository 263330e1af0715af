import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { db } from '../db/database';
import { saveNote } from '../db/user-data';
import { useUiStore } from '../state/ui-store';
import { MarkdownView } from './MarkdownView';

const SAVE_DELAY_MS = 400;

/**
 * The thread's Markdown note, edited beside it with a live preview. Saved as you type (debounced)
 * and on leaving, so nothing is lost when the user moves on.
 */
export function NotePane({ threadId, postId, title }: { threadId: string; postId: string | null; title: string }) {
  const targetId = postId ?? threadId;
  // The result carries its target: a stale result from the previous thread must not seed the editor.
  const result = useLiveQuery(async () => ({ targetId, note: await db.notes.get(targetId) }), [targetId]);
  if (result?.targetId !== targetId) return null;
  return (
    <NoteEditor
      key={targetId}
      threadId={threadId}
      postId={postId}
      title={title}
      initial={result.note?.markdown ?? ''}
      updatedAt={result.note?.updatedAt}
    />
  );
}

function NoteEditor({
  threadId,
  postId,
  title,
  initial,
  updatedAt,
}: {
  threadId: string;
  postId: string | null;
  title: string;
  initial: string;
  updatedAt?: string;
}) {
  const [text, setText] = useState(initial);
  const [status, setStatus] = useState<'saved' | 'editing'>('saved');
  const pending = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const setNoteOpen = useUiStore((s) => s.setNoteOpen);
  const focusRequested = useUiStore((s) => s.noteFocusRequested);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!focusRequested) return;
    textareaRef.current?.focus();
    useUiStore.getState().requestNoteFocus(false);
  }, [focusRequested]);

  const flush = () => {
    clearTimeout(timer.current);
    if (pending.current === null) return;
    const markdown = pending.current;
    pending.current = null;
    void saveNote(db, postId ? { threadId, postId } : { threadId }, markdown).then(() => setStatus('saved'));
  };
  // Save what is pending when the thread changes or the pane closes.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- flush reads refs only
  useEffect(() => flush, []);

  const onChange = (value: string) => {
    setText(value);
    setStatus('editing');
    pending.current = value;
    clearTimeout(timer.current);
    timer.current = setTimeout(flush, SAVE_DELAY_MS);
  };

  return (
    <aside className="note-editor" aria-label="Note">
      <div className="note-header">
        <h2>{title}</h2>
        <span className="note-status" role="status">
          {status === 'editing'
            ? 'Saving…'
            : updatedAt
              ? `Saved ${new Date(updatedAt).toLocaleString()}`
              : 'Autosaves as you type'}
        </span>
        <button
          type="button"
          className="icon-button"
          aria-label="Close note"
          title="Close (Esc)"
          onClick={() => setNoteOpen(false)}
        >
          ×
        </button>
      </div>
      <textarea
        ref={textareaRef}
        aria-label="Note (Markdown)"
        value={text}
        placeholder="Write in Markdown. Saved as you type."
        onChange={(e) => onChange(e.target.value)}
        onBlur={flush}
      />
      <div className="note-preview" aria-label="Preview">
        {text.trim() ? <MarkdownView source={text} /> : <p className="muted">The preview appears here.</p>}
      </div>
    </aside>
  );
}
