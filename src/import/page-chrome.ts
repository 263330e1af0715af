/**
 * What a thread page shows besides the posts: buttons, watch messages, badges, banners, section
 * headings. The text a copy or a scraper gives keeps them as lines; they are dropped, and some of
 * them mark where a post ends or begins.
 */
const CHROME = [
  /^You[’']re now watching this thread\b/i,
  /^You[’']ve stopped watching this thread\b/i,
  /^(Copy to clipboard|Copied to Clipboard|Share this post|Add comment|Comment|Reply|Reply to this post|Boost|Boosted|Watch|Unwatch|Report|Edit|Link copied|Sign in to reply|Sign in to comment|View in context|Show more|Show less|Load more replies|Reply to thread)$/i,
  /^(Forums|Search by keywords or tags|Selecting any option will automatically load the page)$/i,
  // The label the forum puts above a code block: never part of the code.
  /^Code Block$/i,
  /^(This thread has been locked by a moderator\.?|Thread locked by a moderator\.?)$/i,
];

export function isChrome(line: string): boolean {
  return CHROME.some((re) => re.test(line.trim()));
}

/**
 * Site banners a scraper keeps above the title (`Thanks for being a part of WWDC25!` and its survey
 * line). Only before the title: the same words inside a post are the post's.
 */
const BANNER = [/^Thanks for being a part of WWDC\d{2}!?$/i, /^How did we do\?.*\bsurvey\b.*$/i];

export function isBanner(line: string): boolean {
  return BANNER.some((re) => re.test(line.trim()));
}

const BADGES =
  /^(OP|Apple Staff|DTS Engineer|Frameworks Engineer|Systems Engineer|Engineer|Moderator|Author|Community Specialist)$/i;

/** A badge line under an author's name. */
export function isBadge(line: string): boolean {
  return BADGES.test(line.trim());
}

/** The old forum's badge line: `jdoe Level 1 Level 1 (0 points)`, naming the post's author. */
const LEGACY_BADGE = /^(\S.*?)\s+Level \d+(?:\s+Level \d+)?\s+\(\d[\d,]* points?\)$/i;

export function legacyBadgeAuthor(line: string): string | null {
  return LEGACY_BADGE.exec(line.trim())?.[1] ?? null;
}

/** `Answered by DTS Engineer in 846201022`: the accepted answer's author and post id. */
export const ANSWERED_BY = /^Answered by (.+?) in (\d{3,15})$/i;
export const ACCEPTED = /^Accepted Answer$/i;
/** The old forum's section headings between the question and the replies. */
export const REPLIES_HEADING = /^Replies$/i;
export const ACCEPTED_REPLY_HEADING = /^(Accepted Reply|Correct Answer)$/i;
/** The old forum's thread header: `12 Replies`, `Latest reply on Jun 13, 2018 1:00 PM by jdoe`. */
export const LEGACY_REPLY_COUNT = /^([\d,]+) Repl(?:y|ies)$/i;
export const LEGACY_LATEST_REPLY = /^Latest reply on (.+?) by (.+)$/i;
