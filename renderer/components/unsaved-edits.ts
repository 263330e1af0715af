/**
 * Edits not yet in IndexedDB, kept in localStorage as they are typed. IndexedDB is asynchronous:
 * a save started while the window closes (`pagehide`, the app quitting) may never commit, but
 * localStorage is written at once. Each edit leaves the journal once it is stored; whatever is
 * still in it at the next start is stored then (`recoverUnsavedEdits`), never over a newer note.
 */
import type { DataApi } from '../../src/bridge/data-api';

const NOTE_PREFIX = 'forumkb.unsaved-note.';
const LABEL_PREFIX = 'forumkb.unsaved-label.';

export interface UnsavedNote {
  threadId: string;
  postId: string | null;
  /** The stored Markdown the edit was made on: recovery stores the edit only over that. */
  base: string;
  markdown: string;
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage blocked: the journal is a safety net, not a requirement
  }
}

function write(key: string, value: unknown): void {
  try {
    storage()?.setItem(key, JSON.stringify(value));
  } catch {
    // Full or blocked: the editor still saves to IndexedDB as before.
  }
}

export const noteJournal = {
  put: (targetId: string, edit: UnsavedNote) => write(NOTE_PREFIX + targetId, edit),
  drop: (targetId: string) => storage()?.removeItem(NOTE_PREFIX + targetId),
};

export const labelJournal = {
  /** The label being typed for a bookmark, not yet added. */
  put: (targetId: string, label: string) =>
    label.trim() ? write(LABEL_PREFIX + targetId, label) : storage()?.removeItem(LABEL_PREFIX + targetId),
  drop: (targetId: string) => storage()?.removeItem(LABEL_PREFIX + targetId),
  /**
   * Drops the entry once `saved` is stored, unless the user has typed another label since: a save's
   * answer can come after the next label's first keys, and must not take that label's entry with it.
   */
  dropSaved: (targetId: string, saved: string) => {
    const store = storage();
    if (store?.getItem(LABEL_PREFIX + targetId) === JSON.stringify(saved)) store.removeItem(LABEL_PREFIX + targetId);
  },
};

/** Both texts, the stored one first: what a note becomes when two edits meet and neither may be lost. */
export function keepBoth(stored: string, mine: string): string {
  if (stored.trim() === '') return mine;
  if (mine.trim() === '' || stored.includes(mine)) return stored;
  return `${stored.trimEnd()}\n\n---\n\n${mine}`;
}

/** Stores the edits a closed window left in the journal (the data worker merges them in). */
export async function recoverUnsavedEdits(data: Pick<DataApi, 'recoverNote' | 'recoverLabel'>): Promise<number> {
  const store = storage();
  if (!store) return 0;
  let recovered = 0;
  const keys = Array.from({ length: store.length }, (_, i) => store.key(i)).filter((k): k is string => k !== null);
  for (const key of keys) {
    const raw = store.getItem(key);
    if (raw === null) continue;
    try {
      if (key.startsWith(NOTE_PREFIX)) {
        const edit = JSON.parse(raw) as UnsavedNote;
        const target = edit.postId ? { threadId: edit.threadId, postId: edit.postId } : { threadId: edit.threadId };
        if (await data.recoverNote(target, edit.base, edit.markdown)) recovered++;
      } else if (key.startsWith(LABEL_PREFIX)) {
        if (await data.recoverLabel(key.slice(LABEL_PREFIX.length), JSON.parse(raw) as string)) recovered++;
      } else continue;
    } catch {
      // A journal entry that cannot be read is dropped below, not retried forever.
    }
    store.removeItem(key);
  }
  return recovered;
}
