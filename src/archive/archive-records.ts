import type { ThreadRecord } from '../model';
import type { UserData } from '../user-data/merge-user-data';
import type { Archive } from './archive-format';

/** An archive as the importer takes it: thread records (posts in page order) and user data. */
export function archiveRecords(archive: Archive): { records: ThreadRecord[]; userData: UserData } {
  const postsByThread = new Map<string, ThreadRecord['posts']>();
  for (const post of archive.posts) {
    const posts = postsByThread.get(post.threadId) ?? [];
    posts.push(post);
    postsByThread.set(post.threadId, posts);
  }
  const records = archive.threads.map((thread) => ({
    thread,
    posts: (postsByThread.get(thread.id) ?? []).sort((a, b) => a.index - b.index),
  }));
  return { records, userData: { bookmarks: archive.bookmarks, notes: archive.notes, readState: archive.readState } };
}
