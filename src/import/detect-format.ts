import { isCaptureHead } from './capture-format';
import { hasListingHeader, looksLikeListing } from './listing-parser';
import { ANSWERED_BY, ACCEPTED, isBanner } from './page-chrome';
import { captureHeaderDate } from './scrape-date';
import { isUrlLine, parseThreadUrl } from './thread-url';

export type Format = 'listing' | 'thread-page' | 'feed' | 'archive' | 'capture';

/**
 * A processing instruction or a comment. Neither part can run past its own end (`>` / `-->`), so
 * a run of them cannot backtrack exponentially on a hostile file.
 */
const PROLOGUE = '(?:<\\?[^>]*\\?>|<!--(?:(?!-->)[\\s\\S])*-->)';
const FEED_START = new RegExp(`^(${PROLOGUE}\\s*)*<(rss|feed|rdf:RDF)\\b`, 'i');
const HTML_START = new RegExp(`^\\uFEFF?\\s*(${PROLOGUE}\\s*)*(<!doctype html|<html|<head)\\b`, 'i');

/** An HTML document, maybe after a comment (`<!-- saved from url=… -->`, as browsers save pages). */
export function isHtmlStart(text: string): boolean {
  return HTML_START.test(text);
}

/** The format of a file from its first kilobytes: never from its name. */
export function detectFormat(head: string): Format | null {
  const start = head.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{') && /"format"\s*:\s*"forumkb-archive"/.test(start)) return 'archive';
  // What the browser clipper saves (src/import/capture-format.ts).
  if (isCaptureHead(start)) return 'capture';
  // Declarations, processing instructions (`<?xml-stylesheet?>`) and comments may come first.
  if (FEED_START.test(start)) return 'feed';
  // Browsers' "Save Page As" may put a `<!-- saved from url=… -->` comment first.
  if (isHtmlStart(start)) return /\/forums\/thread\/|forums\.developer\.apple\.com/i.test(head) ? 'thread-page' : null;
  if (hasListingHeader(head)) return 'listing';
  if (looksLikeThreadPageText(head)) return 'thread-page';
  if (looksLikeListing(head)) return 'listing';
  return null;
}

/** Thread page text: a thread URL on the first line, or the page's own markers. */
function looksLikeThreadPageText(head: string): boolean {
  const lines = head.split(/\r?\n/).map((l) => l.trim());
  // A scraper's `Captured: …` line may come before the page's URL.
  const first = lines.find((l) => l !== '' && !captureHeaderDate(l)) ?? '';
  if (isUrlLine(first) && parseThreadUrl(first) !== null) return true;
  return lines.some(
    (l) =>
      ANSWERED_BY.test(l) ||
      ACCEPTED.test(l) ||
      /^You[’']re now watching this thread\b/.test(l) ||
      /^(This thread has been locked|Thread locked) by a moderator\.?$/i.test(l) ||
      // A site banner above the title (listings were recognised by their own header first).
      (l === first && isBanner(l)),
  );
}
