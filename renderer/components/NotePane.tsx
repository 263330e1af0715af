import { lazy, Suspense, useEffect, useEffectEvent, useLayoutEffect, useRef, useState } from 'react';
import { useNote } from '../app/use-user-data';
import { useFlushOnLeave } from '../app/use-flush-on-leave';
import { dataApi } from '../data/data-client';
import { useUiStore } from '../state/ui-store';
import { keepBoth, noteJournal } from './unsaved-edits';

const SAVE_DELAY_MS = 400;

/** Markdown (marked, DOMPurify) is loaded with the first preview, not with the app's start. */
const MarkdownView = lazy(() => import('./MarkdownView').then((m) => ({ default: m.MarkdownView })));

type Target = { threadId: string; postId?: string };

/**
 * Stores `markdown` only if the stored note is still `expected` (what the editor's text was built
 * on); otherwise stores nothing and returns the stored text, so a note restored or changed
 * elsewhere is never overwritten by an editor that has not seen it.
 */
function saveIfUnchanged(_targetId: string, target: Target, expected: string, markdown: string) {
  return dataApi().saveNoteIfUnchanged(target, expected, markdown);
}

/**
 * The thread's Markdown note, edited beside it with a live preview. Saved as you type (debounced),
 * and at once on leaving the field, hiding or closing the window. A change to the stored note
 * made elsewhere (a restored backup, another window) shows in the editor: taken as is when there
 * is nothing unsaved, otherwise the user chooses, and neither text is ever lost.
 */
export function NotePane({ threadId, postId, title }: { threadId: string; postId: string | null; title: string }) {
  const targetId = postId ?? threadId;
  // Undefined until this target's note arrives: a stale note of the previous thread never seeds the editor.
  const note = useNote(targetId);
  const typedAhead = useTypeAhead();
  if (note === undefined) return null;
  const result = { targetId, note };
  return (
    <NoteEditor
      key={targetId}
      targetId={targetId}
      threadId={threadId}
      postId={postId}
      title={title}
      stored={result.note?.markdown ?? ''}
      updatedAt={result.note?.updatedAt}
      takeTypedAhead={typedAhead}
    />
  );
}

/**
 * Keys typed between `n` and the editor's first render (it waits for the note to load) go to the
 * editor, not to the list's shortcuts (`j`, `k`…) or nowhere.
 */
function useTypeAhead(): () => string {
  const focusRequested = useUiStore((s) => s.noteFocusRequested);
  const typed = useRef('');
  useEffect(() => {
    if (!focusRequested) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof Element && e.target.closest('.note-editor')) return;
      if (e.ctrlKey || e.metaKey || e.altKey || e.key.length !== 1) return;
      typed.current += e.key;
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [focusRequested]);
  return () => {
    const keys = typed.current;
    typed.current = '';
    return keys;
  };
}

function NoteEditor({
  targetId,
  threadId,
  postId,
  title,
  stored,
  updatedAt,
  takeTypedAhead,
}: {
  targetId: string;
  threadId: string;
  postId: string | null;
  title: string;
  stored: string;
  updatedAt?: string;
  /** The keys typed while the note loaded, once. */
  takeTypedAhead: () => string;
}) {
  const target: Target = postId ? { threadId, postId } : { threadId };
  const [text, setText] = useState(stored);
  const [status, setStatus] = useState<'saved' | 'editing'>('saved');
  /** The stored note changed under unsaved edits: its text, until the user chooses. */
  const [conflict, setConflictState] = useState<string | null>(null);
  const conflictRef = useRef<string | null>(null);
  const setConflict = (value: string | null) => {
    conflictRef.current = value;
    setConflictState(value);
  };
  /** The stored text the editor's text is built on. */
  const base = useRef(stored);
  const pending = useRef<string | null>(null);
  /** Texts this editor saved: the live query echoes each back, maybe after a newer one was sent. */
  const ours = useRef(new Set<string>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const setNoteOpen = useUiStore((s) => s.setNoteOpen);
  const focusRequested = useUiStore((s) => s.noteFocusRequested);
  const textareaRef = useRef<HTMLTextAreaElement>(null);

  const edit = (value: string) => {
    setText(value);
    setStatus('editing');
    pending.current = value;
    noteJournal.put(targetId, { threadId, postId, base: base.current, markdown: value });
    clearTimeout(timer.current);
    timer.current = setTimeout(flush, SAVE_DELAY_MS);
  };

  const flush = () => {
    clearTimeout(timer.current);
    if (pending.current === null || conflictRef.current !== null) return;
    const markdown = pending.current;
    const expected = base.current;
    pending.current = null;
    base.current = markdown; // the live query will echo it back: that is not a change from elsewhere
    ours.current.add(markdown);
    void saveIfUnchanged(targetId, target, expected, markdown).then(({ saved, stored: now }) => {
      if (saved) {
        if (pending.current === null) {
          noteJournal.drop(targetId);
          setStatus('saved');
        }
        return;
      }
      // Changed elsewhere since the editor loaded it: keep the edit pending and ask.
      base.current = expected;
      pending.current ??= markdown;
      setConflict(now);
    });
  };

  /** The stored text last seen: an effect run again with the same note (React may re-run effects) is no change. */
  const seenStored = useRef(stored);
  // The stored note changed: ours echoing back, or a change from elsewhere.
  useEffect(() => {
    if (stored === seenStored.current) return;
    seenStored.current = stored;
    if (stored === base.current || ours.current.has(stored)) return;
    ours.current.clear();
    if (pending.current === null && conflictRef.current === null) {
      base.current = stored;
      setText(stored);
      noteJournal.drop(targetId);
    } else {
      clearTimeout(timer.current);
      setConflict(stored);
    }
  }, [stored, targetId]);

  const resolve = (choice: 'both' | 'stored' | 'mine') => {
    const theirs = conflictRef.current ?? base.current;
    const mine = pending.current ?? text;
    setConflict(null);
    base.current = theirs;
    if (choice === 'stored') {
      pending.current = null;
      noteJournal.drop(targetId);
      setText(theirs);
      setStatus('saved');
      return;
    }
    edit(choice === 'both' ? keepBoth(theirs, mine) : mine);
    flush();
  };

  // Leaving: the field, the thread, the window. With a choice still open, both texts are kept.
  const leave = () => {
    if (conflictRef.current !== null && pending.current !== null) {
      const theirs = conflictRef.current;
      const merged = keepBoth(theirs, pending.current);
      conflictRef.current = null;
      base.current = theirs;
      pending.current = merged;
      noteJournal.put(targetId, { threadId, postId, base: theirs, markdown: merged });
    }
    flush();
  };
  const onEdit = useEffectEvent(edit);
  useFlushOnLeave(leave);

  // Focus on `n`: the caret after the text (and after anything typed while the note loaded).
  // A layout effect: the focus moves before the next paint, leaving keys no gap to fall into.
  useLayoutEffect(() => {
    if (!focusRequested) return;
    const area = textareaRef.current;
    if (!area) return;
    area.focus();
    // Keys typed while the note loaded: into the field itself first (this runs in the task that
    // put the field on screen, before any later key), so that keys typed next land after them.
    const more = takeTypedAhead();
    if (more) {
      area.value += more;
      onEdit(area.value);
    }
    area.setSelectionRange(area.value.length, area.value.length);
    useUiStore.getState().requestNoteFocus(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs on the request only
  }, [focusRequested]);

  return (
    <aside className="note-editor" aria-label="Note">
      <div className="note-header">
        <h2>{title}</h2>
        <span className="note-status" role="status">
          {conflict !== null
            ? 'Not saved: changed elsewhere'
            : status === 'editing'
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
      {conflict !== null && (
        <div className="note-conflict" role="alert">
          <p>This note changed while you were editing it (a restored backup or another window).</p>
          <div className="note-conflict-actions">
            <button type="button" onClick={() => resolve('both')}>
              Keep both
            </button>
            <button type="button" onClick={() => resolve('stored')}>
              Use the stored note
            </button>
            <button type="button" onClick={() => resolve('mine')}>
              Keep my text
            </button>
          </div>
        </div>
      )}
      <textarea
        ref={textareaRef}
        aria-label="Note (Markdown)"
        value={text}
        placeholder="Write in Markdown. Saved as you type."
        onChange={(e) => edit(e.target.value)}
        onBlur={leave}
      />
      <div className="note-preview" aria-label="Preview">
        {text.trim() ? (
          <Suspense fallback={<p className="muted">Loading the preview…</p>}>
            <MarkdownView source={text} />
          </Suspense>
        ) : (
          <p className="muted">The preview appears here.</p>
        )}
      </div>
    </aside>
  );
}
