/** `forumkb://thread/<id>` links: what "Copy link" gives and what the OS hands the app to open. */
export const LINK_SCHEME = 'forumkb';

const THREAD_ID = /^(?:\d{1,12}|fp-[0-9a-z]{1,16})$/;

export function threadLink(threadId: string): string {
  return `${LINK_SCHEME}://thread/${encodeURIComponent(threadId)}`;
}

/** The thread id a link names, or null for anything else (links come from outside: check them). */
export function threadIdFromLink(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 200) return null;
  const m = /^forumkb:\/\/thread\/([^/?#]+)\/?$/i.exec(value.trim());
  if (!m) return null;
  let id: string;
  try {
    id = decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
  return THREAD_ID.test(id) ? id : null;
}
