import { hasListingHeader, looksLikeListing } from './listing-parser';
import { ANSWERED_BY, ACCEPTED } from './page-chrome';
import { isUrlLine, parseThreadUrl } from './thread-url';

export type Format = 'listing' | 'thread-page' | 'feed' | 'archive';

/** The format of a file from its first kilobytes: never from its name. */
export function detectFormat(head: string): Format | null {
  const start = head.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{') && /"format"\s*:\s*"forumkb-archive"/.test(start)) return 'archive';
  if (/^<\?xml[^>]*>\s*(<!--[\s\S]*?-->\s*)*<(rss|feed|rdf:RDF)\b/i.test(start) || /^<(rss|feed)\b/i.test(start)) {
    return 'feed';
  }
  if (/^(<!doctype html|<html)/i.test(start))
    return /\/forums\/thread\/|forums\.developer\.apple\.com/i.test(head) ? 'thread-page' : null;
  if (hasListingHeader(head)) return 'listing';
  if (looksLikeThreadPageText(head)) return 'thread-page';
  if (looksLikeListing(head)) return 'listing';
  return null;
}

/** Thread page text: a thread URL on the first line, or the page's own markers. */
function looksLikeThreadPageText(head: string): boolean {
  const lines = head.split(/\r?\n/).map((l) => l.trim());
  const first = lines.find((l) => l !== '') ?? '';
  if (isUrlLine(first) && parseThreadUrl(first) !== null) return true;
  return lines.some((l) => ANSWERED_BY.test(l) || ACCEPTED.test(l) || /^You[’']re now watching this thread\b/.test(l));
}
