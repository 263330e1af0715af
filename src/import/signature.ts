/**
 * Authors from signatures. Listing bodies have no author field, but Apple staff sign their posts:
 * `Quinn “The Eskimo!” @ Developer Technical Support @ Apple`, `Kevin Elliott DTS Engineer`.
 */
const QUINN = /Quinn\s+[“"]The Eskimo!?[”"]/;
const DTS_SIGNATURE = /(?:^|[—–\-\s])([A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})\s*[,/]?\s*(?:\n\s*)?DTS Engineer\b/;
const DTS_SUPPORT = /(?:—|–|-)\s*([A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})\s*@\s*Developer Technical Support\b/;
const WORDS_BEFORE_NAME = new Set(['Share', 'Enjoy', 'Thanks', 'Regards', 'Cheers', 'Best']);

export const QUINN_NAME = 'Quinn “The Eskimo!”';

export function authorFromSignature(body: string): string | null {
  if (QUINN.test(body)) return QUINN_NAME;
  const dts = DTS_SIGNATURE.exec(body) ?? DTS_SUPPORT.exec(body);
  if (!dts) return null;
  const words = dts[1]!.split(/\s+/).filter((w) => !WORDS_BEFORE_NAME.has(w));
  return words.length > 0 ? words.join(' ') : null;
}

/** Apple staff: Quinn, or anyone who signs or is badged as a DTS engineer. */
export function isAppleStaff(author: string | null): boolean {
  return author !== null && (author === QUINN_NAME || /DTS Engineer|Eskimo|Developer Technical Support/i.test(author));
}

/**
 * A resource post: a thread that Apple DTS started. DTS engineers do not ask questions on the
 * forums; the threads they start are the reference posts (Quinn's above all).
 */
export function isResourcePost(author: string | null, questionBody: string): boolean {
  return isAppleStaff(author) || authorFromSignature(questionBody) !== null;
}

/** The forum shows Apple staff as `DTS Engineer`: a badge, not a name. */
export function isBadgeOnly(author: string): boolean {
  return /^(DTS Engineer|Apple Staff|Frameworks Engineer|Engineer)$/i.test(author.trim());
}

/** Of two names for one author, the more specific: a real name beats a badge, and anything beats null. */
export function betterAuthor(preferred: string | null, other: string | null): string | null {
  if (preferred === null) return other;
  if (other !== null && isBadgeOnly(preferred) && !isBadgeOnly(other)) return other;
  return preferred;
}
