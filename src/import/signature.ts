/**
 * Authors from signatures. Thread pages and listings rarely name a post's author, but Apple staff
 * sign their posts — `Quinn “The Eskimo!” @ Developer Technical Support @ Apple`, the older
 * `Apple Developer Relations, Developer Technical Support, Core OS/Hardware`, `Kevin Elliott DTS
 * Engineer` — and users sign off with a first name, sometimes rendered as a bullet (`• Peter`).
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

/** The forum shows Apple staff as `DTS Engineer`: a badge or role, not a name. */
export function isBadgeOnly(author: string): boolean {
  return /^(DTS Engineer|Apple Staff|Frameworks Engineer|Systems Engineer|Engineer)$/i.test(author.trim());
}

/** Of two names for one author, the more specific: a real name beats a badge, and anything beats null. */
export function betterAuthor(preferred: string | null, other: string | null): string | null {
  if (preferred === null) return other;
  if (other !== null && isBadgeOnly(preferred) && !isBadgeOnly(other)) return other;
  return preferred;
}

/* Where a post ends, line by line (thread page text has no separators between posts). */

/** Lines of a staff signature block; the block ends the post it signs. */
const STAFF_TITLE =
  '(?:DTS Engineer|Developer Technical Support(?: Engineer)?|WWDR Engineering|Worldwide Developer Relations)';
const SIGNATURE_LINE = [
  /^Share and Enjoy$/i,
  QUINN,
  /^Apple Developer Relations, Developer Technical Support, Core OS\/Hardware$/i,
  /^let myEmail = "eskimo"/,
  // `Kevin Elliott DTS Engineer`, `— Jane Doe, DTS Engineer`, `Jane Doe / WWDR Engineering / Core OS`
  new RegExp(`^(?:[—–-]\\s*)?[A-Z][a-z]+ [A-Z][a-z]+\\s*[,/]?\\s*${STAFF_TITLE}\\b.{0,40}$`),
  // The title line under a name: `DTS Engineer`, `DTS Engineer, CoreOS/Hardware`
  new RegExp(`^${STAFF_TITLE}\\b(?:\\s*[,/].{0,40})?$`, 'i'),
];

/** A line that belongs to a staff signature block (`Share and Enjoy`, Quinn's lines, `… DTS Engineer`). */
export function isSignatureLine(line: string, previous: string | null): boolean {
  const t = line.trim();
  // A bare `First Last` counts only right after `Share and Enjoy`.
  if (/^[A-Z][a-z]+ [A-Z][a-z]+$/.test(t)) return previous !== null && /^Share and Enjoy$/i.test(previous.trim());
  return SIGNATURE_LINE.some((re) => re.test(t));
}

/** The line that ends a staff signature for sure: nothing of the signature comes after it. */
export function isSignatureEnd(line: string): boolean {
  const t = line.trim();
  if (/^let myEmail = "eskimo"/.test(t)) return true;
  // Quinn's lines name Developer Technical Support too, but his `let myEmail` line follows them.
  if (QUINN.test(t) || /Apple Developer Relations|@/.test(t)) return false;
  return t.length <= 100 && new RegExp(`\\b${STAFF_TITLE}\\b`).test(t);
}

/** Closing words that end a post: `Thanks!`, `Thanks in advance for your help.`, `Any help … appreciated!`. */
const CLOSING = [
  /(?:^|[.!?]\s+)(?:Thanks|Thank you|Many thanks|Thanks a lot|Thanks in advance(?: for [^.!?]*)?|TIA|Cheers|Regards|Best regards|Kind regards|Best)[,.!]*\s*$/i,
  /(?:^|[.!?]\s+)Any (?:help|ideas?|pointers|advice|guidance|suggestions?)\b[^.!?]*(?:appreciated|welcome)[.!]*\s*$/i,
  /(?:^|[.!?]\s+)Any (?:ideas?|thoughts|suggestions?|help)\b[^.!?]{0,60}\?\s*$/i,
  // A bug number on its own, as asked for "just for the record": `Enhancement request: 21519087`.
  /^(?:[^.!?]{0,60}\b(?:request|bug|radar|feedback|report)\b[^.!?\d]{0,12})?(?:FB|rdar:\/\/(?:problem\/)?)?\d{7,9}[.!]?$/i,
];

export function isClosing(line: string): boolean {
  const t = line.trim();
  return t.length <= 400 && CLOSING.some((re) => re.test(t));
}

/**
 * A sign-off name on its own line: `Dustin`, `Peter Smith`, or a bullet `• Peter` (how a scraper
 * renders a name the forum set apart). Returns the name, or null.
 */
export function signOffName(line: string): string | null {
  const m = /^\s*(?:[•·*-]\s+)?([A-Z][\p{Ll}'’-]+(?: [A-Z][\p{Ll}'’-]+)?)\s*$/u.exec(line);
  if (!m) return null;
  const name = m[1]!;
  return /^(Thanks|Thank|Regards|Cheers|Best|Hi|Hello|Update|Edit|Note|Sample|Example|Question|Questions|Configuration|Problem|Replies)$/i.test(
    name.split(' ')[0]!,
  )
    ? null
    : name;
}

/** A bulleted name (`• Peter`, or the start of one cut off by the capture). */
export function isBulletName(line: string): boolean {
  return /^\s*•\s+[A-Z][\p{Ll}'’-]*(?: [A-Z][\p{Ll}'’-]+)?\s*$/u.test(line);
}

/** `Peter` signs the post, and the forum calls the same person `Peter_Si`: one person. */
export function sameUser(signOff: string, userName: string): boolean {
  const a = signOff.toLowerCase();
  const b = userName.toLowerCase();
  return b === a || (b.startsWith(a) && /^[\W_\d]/.test(b.slice(a.length)));
}
