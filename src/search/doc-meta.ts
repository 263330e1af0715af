/**
 * What the index keeps about each thread besides its terms: enough to filter and sort without
 * reading the database. A result's title and snippet come from the thread as read for the page.
 * Plain JSON, so a segment persists as is.
 */
import type { ThreadRecord } from '../model';

export interface DocMeta {
  id: string;
  author: string | null;
  /** Normalised (see `normalizeName`) authors of every post, the thread's author first. */
  authors: string[];
  /** Forum tags, then inferred ones. */
  tags: string[];
  views: number | null;
  replies: number | null;
  boosts: number | null;
  /** Last activity, ms since the epoch. */
  time: number | null;
  resource: boolean;
  /** Has an accepted answer. */
  answered: boolean;
}

/** The searchable text of a thread, by field; field order is the ranking order. */
export interface DocFields {
  title: string;
  tags: string;
  body: string;
  replies: string;
}

/** Case, spacing and punctuation folded: `tag:wifi` finds Wi-Fi, `author:quinn` finds Quinn “The Eskimo!”. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

export function docMeta({ thread, posts }: ThreadRecord): DocMeta {
  const authors: string[] = [];
  for (const name of [thread.author, ...posts.map((p) => p.author)]) {
    const normal = name ? normalizeName(name) : '';
    if (normal && !authors.includes(normal)) authors.push(normal);
  }
  const time = thread.activity.date ? Date.parse(thread.activity.date) : NaN;
  return {
    id: thread.id,
    author: thread.author,
    authors,
    tags: [...new Set([...thread.tags, ...thread.inferredTags])],
    views: thread.views,
    replies: thread.replies,
    boosts: thread.boosts,
    time: Number.isNaN(time) ? null : time,
    resource: thread.isResource,
    // The page's `Answered by …` marker counts even when the answer's text was not captured.
    answered: thread.acceptedAnswer !== undefined || posts.some((p) => p.accepted),
  };
}

export function docFields(record: ThreadRecord): DocFields {
  const [body = '', ...replies] = postTexts(record);
  return {
    title: record.thread.title,
    tags: [...record.thread.tags, ...record.thread.inferredTags].join(' '),
    body,
    replies: replies.join('\n'),
  };
}

/** The question's text (the listing's excerpt when the question was not captured), then each reply's, in order. */
export function postTexts({ thread, posts }: ThreadRecord): string[] {
  const sorted = [...posts].sort((a, b) => a.index - b.index);
  const question = sorted.find((p) => p.index === 0);
  const texts = [question ? question.body : thread.excerpt];
  for (const post of sorted) if (post !== question) texts.push(post.body);
  return texts;
}
