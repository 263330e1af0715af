/**
 * Forum ids from thread URLs. The same thread is reachable under several addresses: today's
 * `developer.apple.com/forums/thread/NNN`, the pre-2020 `forums.developer.apple.com/thread/NNN`
 * (and `/message/NNN` for a single post), `origin-devforums.apple.com`, and mirror hosts that copy
 * the path. All of them map to the same id, so a thread imported from a mirror is the same thread.
 */
export interface ThreadUrl {
  /** The thread's forum id (digits), or null for a bare post URL whose thread is unknown. */
  threadId: string | null;
  /** A post id from `/message/NNN`, `#NNN` or `?answerId=NNN`, when the URL names one. */
  postId: string | null;
  /** The canonical https://developer.apple.com/forums/thread/NNN address, when the thread is known. */
  canonical: string | null;
}

const THREAD_PATH = /\/(?:forums\/)?thread\/(\d{2,12})(?:\/|\b)/i;
const MESSAGE_PATH = /\/(?:forums\/)?message\/(\d{2,12})\b/i;
const POST_FRAGMENT = /(?:[?&]answerId=|[?&]commentId=|#)(\d{2,12})\b/i;

export function canonicalThreadUrl(threadId: string): string {
  return `https://developer.apple.com/forums/thread/${threadId}`;
}

/** Reads a forum URL (any host); null when it names neither a thread nor a post. */
export function parseThreadUrl(url: string): ThreadUrl | null {
  const text = url.trim();
  const thread = THREAD_PATH.exec(text);
  if (thread) {
    const threadId = thread[1]!;
    const post = POST_FRAGMENT.exec(text.slice(thread.index + thread[0].length - 1));
    return { threadId, postId: post ? post[1]! : null, canonical: canonicalThreadUrl(threadId) };
  }
  const message = MESSAGE_PATH.exec(text);
  if (message) return { threadId: null, postId: message[1]!, canonical: null };
  return null;
}

/** True for a line that is only a URL: scrapers often put the page address on the first line. */
export function isUrlLine(line: string): boolean {
  return /^https?:\/\/\S+$/i.test(line.trim());
}
