/** `forumkb://thread/<id>` links: what "Copy link" gives and what the OS hands the app to open. */
export const LINK_SCHEME = 'forumkb';

/** Forum ids, `fp-` fingerprints, and whatever id an archive brought: never a path or markup. */
const THREAD_ID = /^(?!\.+$)[\w.-]{1,64}$/;

export function threadLink(threadId: string): string {
  return `${LINK_SCHEME}://thread/${encodeURIComponent(threadId)}`;
}

/** The route of a thread in the page: what a forumkb link opens. */
export function threadHash(threadId: string): string {
  return `#/thread/${encodeURIComponent(threadId)}`;
}

/** The thread id a link or route names, or null for anything else (links come from outside: check them). */
export function threadIdFromLink(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 200) return null;
  // `#/thread/<id>` is the same link as the browser build's route.
  const m = /^(?:forumkb:\/\/|#\/)thread\/([^/?#]+)\/?$/i.exec(value.trim());
  if (!m) return null;
  let id: string;
  try {
    id = decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
  return THREAD_ID.test(id) ? id : null;
}
