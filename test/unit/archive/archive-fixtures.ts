/** Small hand-made archive rows for the archive and export tests. */
import type { Archive } from '../../../src/archive/archive-format';
import type { Bookmark, Note, Post, Thread } from '../../../src/model';

export function makeThread(id: string, title: string, extra: Partial<Thread> = {}): Thread {
  return {
    id,
    fingerprint: `fp-${id}`,
    titleKey: title.toLowerCase(),
    title,
    url: null,
    author: 'someone',
    tags: [],
    inferredTags: [],
    replies: 1,
    boosts: 0,
    views: 10,
    activity: { raw: '3w', date: '2026-11-03T00:00:00.000Z' },
    capturedAt: '2026-11-24T00:00:00.000Z',
    isResource: false,
    excerpt: `Question of ${title}`,
    sources: ['listing'],
    ...extra,
  };
}

export function makePost(threadId: string, index: number, body: string): Post {
  return {
    id: `${threadId}#${index}`,
    threadId,
    index,
    author: index === 0 ? 'someone' : 'Quinn',
    date: null,
    body,
    boosts: null,
    accepted: false,
  };
}

export function makeNote(targetId: string, markdown: string, threadId = targetId.split('#')[0]!): Note {
  return { targetId, threadId, markdown, createdAt: '2026-11-20T00:00:00.000Z', updatedAt: '2026-11-21T00:00:00.000Z' };
}

export function makeBookmark(threadId: string, labels: string[]): Bookmark {
  return { targetId: threadId, threadId, kind: 'thread', labels, createdAt: '2026-11-20T00:00:00.000Z' };
}

export function emptyArchive(): Archive {
  return {
    format: 'forumkb-archive',
    version: 1,
    exportedAt: '2026-11-24T21:00:00.000Z',
    threads: [],
    posts: [],
    bookmarks: [],
    notes: [],
    readState: [],
  };
}
