/**
 * Every importer ends in the same place: a ThreadRecord whose identity (id, fingerprint, title key)
 * is computed the same way, so a listing entry, a feed item and a thread page of one thread meet.
 */
import type { AcceptedAnswer, Activity, Post, SourceKind, ThreadRecord } from '../model';
import { inferTags } from '../tags/infer-tags';
import { fingerprint, titleKey } from './fingerprint';
import { authorFromSignature, betterAuthor, isAppleStaff, isBadgeOnly, isResourcePost } from './signature';

export interface PostInput {
  /** Forum post id when the source shows one. */
  forumId: string | null;
  author: string | null;
  date: string | null;
  body: string;
  boosts: number | null;
  accepted: boolean;
  /** The capture ended inside this post. */
  cut?: boolean;
}

export interface RecordInput {
  title: string;
  /** The source had no title: `title` was made from the question's first words. */
  titleDerived?: boolean;
  /** Forum thread id (digits) when the source shows one. */
  forumId: string | null;
  url: string | null;
  /** An old-forum `/message/NNN` address: a post id, not the thread's. */
  legacyMessageId?: string | undefined;
  /** The question first, then the replies in page order; may be empty (a feed item without text). */
  posts: PostInput[];
  tags: string[];
  replies: number | null;
  boosts: number | null;
  views: number | null;
  activity: Activity;
  capturedAt: Date | null;
  source: SourceKind;
  /** The thread's author when the source names it apart from the question (feeds). */
  author?: string | null;
  /** What the page says about its accepted answer, even when the answer's text is missing. */
  acceptedAnswer?: AcceptedAnswer | undefined;
}

const EXCERPT_CHARS = 300;

export function buildRecord(input: RecordInput): ThreadRecord {
  const questionBody = input.posts[0]?.body ?? '';
  const fp = fingerprint(input.title, questionBody);
  const id = input.forumId ?? fp;
  const posts: Post[] = input.posts.map((p, index) => ({
    id: p.forumId ?? `${id}#${index}`,
    threadId: id,
    index,
    // A badge (`DTS Engineer`) gives way to the name the post is signed with.
    author: betterAuthor(p.author, authorFromSignature(p.body)),
    date: p.date,
    body: p.body,
    boosts: p.boosts,
    accepted: p.accepted,
    ...(p.cut ? { cut: true } : {}),
  }));
  const author = betterAuthor(input.author ?? null, posts[0]?.author ?? null);
  // A name the page shows (not a badge) says who asked; only without one does a signature in the
  // question decide, since a user's question may quote a DTS signature.
  const shown = input.posts[0]?.author ?? input.author ?? null;
  const isResource = shown !== null && !isBadgeOnly(shown) ? isAppleStaff(shown) : isResourcePost(author, questionBody);
  const tags = [...new Set(input.tags)];
  return {
    thread: {
      id,
      fingerprint: fp,
      titleKey: titleKey(input.title),
      title: input.title,
      ...(input.titleDerived ? { titleDerived: true } : {}),
      url: input.url,
      ...(input.legacyMessageId ? { legacyMessageId: input.legacyMessageId } : {}),
      author,
      tags,
      inferredTags: inferTags(input.title, questionBody).filter((t) => !tags.includes(t)),
      replies: input.replies,
      boosts: input.boosts,
      views: input.views,
      activity: input.activity,
      capturedAt: input.capturedAt?.toISOString() ?? null,
      isResource,
      ...(input.acceptedAnswer ? { acceptedAnswer: { ...input.acceptedAnswer } } : {}),
      excerpt: questionBody.slice(0, EXCERPT_CHARS),
      sources: [input.source],
    },
    posts,
  };
}
