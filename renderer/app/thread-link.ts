/** `forumkb://thread/<id>`: the app's link to a thread; `#/thread/<id>` is its route in the page. */
export const threadLink = (id: string) => `forumkb://thread/${encodeURIComponent(id)}`;

export const threadHash = (id: string) => `#/thread/${encodeURIComponent(id)}`;

/** The thread id of a `#/thread/<id>` hash or a `forumkb://thread/<id>` link; null for anything else. */
export function threadIdFromLink(value: string): string | null {
  const m = /^(?:#\/|forumkb:\/\/)thread\/([^/?#]+)\/?$/.exec(value);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
}
