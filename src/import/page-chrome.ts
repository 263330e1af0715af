/**
 * What a thread page shows besides the posts: buttons, watch messages, badges. The text a copy or a
 * scraper gives keeps them as lines; they are dropped, and some of them mark where a post ends.
 */
const CHROME = [
  /^You[’']re now watching this thread\b/i,
  /^You[’']ve stopped watching this thread\b/i,
  /^(Copy to clipboard|Copied to Clipboard|Share this post|Add comment|Comment|Reply|Reply to this post|Boost|Boosted|Watch|Unwatch|Report|Edit|Link copied|Sign in to reply|Sign in to comment|View in context|Show more|Show less|Load more replies|Reply to thread)$/i,
  /^(Forums|Search by keywords or tags|Selecting any option will automatically load the page)$/i,
];

export function isChrome(line: string): boolean {
  return CHROME.some((re) => re.test(line.trim()));
}

const BADGES = /^(OP|Apple Staff|DTS Engineer|Frameworks Engineer|Engineer|Moderator|Author|Community Specialist)$/i;

/** A badge line under an author's name. */
export function isBadge(line: string): boolean {
  return BADGES.test(line.trim());
}

/** `Answered by DTS Engineer in 846201022`: the accepted answer's author and post id. */
export const ANSWERED_BY = /^Answered by (.+?) in (\d{3,15})$/i;
export const ACCEPTED = /^Accepted Answer$/i;
