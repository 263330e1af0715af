/**
 * Stable ids for threads the forum gave no id: a hash of the normalised title and the first
 * characters of the question. Only the start of the body counts, because the same entry is scraped
 * with bodies cut at different lengths or differing by a few characters further on.
 */
const BODY_START = 80;

export function normaliseForIdentity(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[’‘`]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim();
}

/** cyrb53: a small, well-distributed 53-bit string hash (public domain). */
function cyrb53(str: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * The first `BODY_START` characters of the normalised body. Only a prefix is normalised (bodies
 * run to many kilobytes; normalising them whole was most of a listing's parse time), growing it
 * while whitespace collapsing leaves it short, so the result is the same as normalising it all.
 */
function normalisedStart(body: string): string {
  for (let take = BODY_START * 4; ; take *= 2) {
    // One character more than taken, so a space cut at the end is not mistaken for the end.
    const start = normaliseForIdentity(body.slice(0, take + 1));
    if (start.length > BODY_START || take >= body.length) return start.slice(0, BODY_START);
  }
}

export function fingerprint(title: string, body: string): string {
  const start = normalisedStart(body);
  return `fp-${cyrb53(`${normaliseForIdentity(title)}\n${start}`).toString(36)}`;
}

/** The normalised title alone: a weaker identity, used only when a record brings no question body. */
export function titleKey(title: string): string {
  return normaliseForIdentity(title);
}
