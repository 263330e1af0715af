import { looksLikeListing } from './listing-parser';

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
  if (looksLikeListing(head)) return 'listing';
  return null;
}
