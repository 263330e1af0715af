/**
 * Restoring user data (from a backup archive) into a database that may already have some: nothing
 * the user wrote is ever dropped. Bookmarks union their labels, the newer edit of a note wins (an
 * older one is kept too, if it differs, so no text is lost), read state keeps the latest read.
 */
import type { Bookmark, Note, ReadState } from '../model';

export interface UserData {
  bookmarks: Bookmark[];
  notes: Note[];
  readState: ReadState[];
}

export function mergeBookmark(existing: Bookmark | undefined, incoming: Bookmark): Bookmark {
  if (!existing) return incoming;
  return {
    ...existing,
    labels: [...new Set([...existing.labels, ...incoming.labels])],
    createdAt: existing.createdAt < incoming.createdAt ? existing.createdAt : incoming.createdAt,
  };
}

export function mergeNote(existing: Note | undefined, incoming: Note): Note {
  if (!existing || existing.markdown === incoming.markdown) {
    return existing && existing.updatedAt >= incoming.updatedAt ? existing : incoming;
  }
  const [newer, older] = existing.updatedAt >= incoming.updatedAt ? [existing, incoming] : [incoming, existing];
  const keptOlder = newer.markdown.includes(older.markdown)
    ? ''
    : `\n\n---\n*Also in the restored backup (edited ${older.updatedAt}):*\n\n${older.markdown}`;
  return {
    ...newer,
    markdown: `${newer.markdown}${keptOlder}`,
    createdAt: existing.createdAt < incoming.createdAt ? existing.createdAt : incoming.createdAt,
  };
}

export function mergeReadState(existing: ReadState | undefined, incoming: ReadState): ReadState {
  return existing && existing.readAt >= incoming.readAt ? existing : incoming;
}

/** What a restore brought back that was not stored before: for the import report. */
export interface RestoredCounts {
  /** Notes added, or changed by the merge. */
  notes: number;
  /** Bookmarks added. */
  bookmarks: number;
  /** Labels added, on new bookmarks and on bookmarks already there. */
  labels: number;
}

export function noneRestored(): RestoredCounts {
  return { notes: 0, bookmarks: 0, labels: 0 };
}

/** Adds to `counts` what merging a bookmark brought back. */
export function countRestoredBookmark(counts: RestoredCounts, existing: Bookmark | undefined, merged: Bookmark): void {
  if (!existing) counts.bookmarks++;
  counts.labels += merged.labels.filter((l) => !existing?.labels.includes(l)).length;
}

/** Adds to `counts` a note the merge added or changed. */
export function countRestoredNote(counts: RestoredCounts, existing: Note | undefined, merged: Note): void {
  if (!existing || existing.markdown !== merged.markdown) counts.notes++;
}
