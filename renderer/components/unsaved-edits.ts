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

/** A bookmark's labels not yet stored: the one being typed, and those sent to be stored. */
interface UnsavedLabels {
  draft: string;
  saving: string[];
}

function readLabels(targetId: string): UnsavedLabels {
  const raw = storage()?.getItem(LABEL_PREFIX + targetId);
  if (raw == null) return { draft: '', saving: [] };
  try {
    return parseLabels(raw);
  } catch {
    return { draft: '', saving: [] };
  }
}

/** A journal entry: `{ draft, saving }`, or the draft alone as an earlier version wrote it. */
function parseLabels(raw: string): UnsavedLabels {
  const value = JSON.parse(raw) as unknown;
  if (typeof value === 'string') return { draft: value, saving: [] };
  const { draft, saving } = value as Partial<UnsavedLabels>;
  return {
    draft: typeof draft === 'string' ? draft : '',
    saving: Array.isArray(saving) ? saving.filter((l): l is string => typeof l === 'string') : [],
  };
}

function writeLabels(targetId: string, labels: UnsavedLabels): void {
  if (labels.draft.trim() === '' && labels.saving.length === 0) storage()?.removeItem(LABEL_PREFIX + targetId);
  else write(LABEL_PREFIX + targetId, labels);
}

export const labelJournal = {
  /** The label being typed for a bookmark, not yet added. */
  put: (targetId: string, draft: string) => writeLabels(targetId, { ...readLabels(targetId), draft }),
  /**
   * Labels sent to be stored (the draft they came from is cleared): kept until `saved`, so a
   * window closing before the save commits loses none, and apart from the next label's draft.
   */
  saving: (targetId: string, labels: readonly string[]) => {
    const entry = readLabels(targetId);
    writeLabels(targetId, { draft: '', saving: [...entry.saving, ...labels] });
  },
  /** Labels now stored: they leave the journal; a draft typed meanwhile stays. */
  saved: (targetId: string, labels: readonly string[]) => {
    const entry = readLabels(targetId);
    const saving = [...entry.saving];
    for (const label of labels) {
      const at = saving.indexOf(label);
      if (at >= 0) saving.splice(at, 1);
    }
    writeLabels(targetId, { draft: entry.draft, saving });
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
        const { draft, saving } = parseLabels(raw);
        // A comma ends a label, as in the editor.
        for (const label of [...saving, ...draft.split(',')].map((l) => l.trim()).filter(Boolean))
          if (await data.recoverLabel(key.slice(LABEL_PREFIX.length), label)) recovered++;
      } else continue;
    } catch {
      // A journal entry that cannot be read is dropped below, not retried forever.
    }
    store.removeItem(key);
  }
  return recovered;
}
