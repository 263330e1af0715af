/**
 * Forum pages in the text layout the real ones show (written for ForumKB's tests, not copied):
 * what `innerText` gives for a thread page and for a tag listing. The clipper's tests serve them
 * as HTML (test/e2e/clipper) and post them as captures.
 */
export const THREAD_ID = '781234';
export const THREAD_TITLE = 'NWConnection stays in .waiting after the VPN comes up';

export interface ThreadReply {
  author: string;
  badge?: string;
  date: string;
  body: string[];
  boosts: number;
  accepted?: boolean;
}

export const QUESTION: ThreadReply = {
  author: 'harbor_lights',
  badge: 'OP',
  date: 'Mar 3, 2025',
  body: [
    'My iOS app opens an NWConnection to our server over TCP. When the user turns on our packet tunnel, the connection moves to .waiting with POSIXErrorCode 50 and never recovers.',
    'Restarting the connection by hand works. Is there a way to have Network framework retry on the new path?',
  ],
  boosts: 3,
};

export const REPLIES: ThreadReply[] = [
  {
    author: 'DTS Engineer',
    badge: 'Apple Staff',
    date: 'Mar 4, 2025',
    body: [
      'A connection in .waiting retries when the path changes, but only if the new path satisfies its parameters. Check whether your tunnel sets includedRoutes for the server address.',
      'Share and Enjoy',
    ],
    boosts: 5,
    accepted: true,
  },
  {
    author: 'harbor_lights',
    badge: 'OP',
    date: 'Mar 5, 2025',
    body: ['That was it: the server address was missing from includedRoutes. Thanks!'],
    boosts: 0,
  },
  {
    author: 'tunnel_vision',
    date: 'Mar 9, 2025',
    body: ['Same here with a DNS-only tunnel; adding the route fixed it.'],
    boosts: 1,
  },
];

/** The site's navigation above the title: what a capture drops. */
export const SITE_CHROME = ['Developer', 'Forums', 'Search by keywords or tags'];

function postLines(post: ThreadReply): string[] {
  return [
    ...(post.accepted ? ['Accepted Answer'] : []),
    post.author,
    ...(post.badge ? [post.badge] : []),
    post.date,
    ...post.body,
    'Boost',
    String(post.boosts),
    'Copy to clipboard',
    'Share this post',
  ];
}

/** A thread page's visible text with its first `replyCount` replies. */
export function threadPageText(replyCount: number = REPLIES.length): string {
  const replies = REPLIES.slice(0, replyCount);
  const accepted = replies.find((r) => r.accepted);
  return [
    ...SITE_CHROME,
    THREAD_TITLE,
    'Network',
    'Network Extension',
    'Replies',
    String(replyCount),
    'Boosts',
    String(QUESTION.boosts),
    'Views',
    '1,204',
    'Participants',
    '3',
    ...(accepted
      ? [
          `Answered by ${accepted.author} in 812345022`,
          'Accepted Answer',
          `${accepted.body[0]!.slice(0, 60)}…`,
          'View in context',
        ]
      : []),
    ...[QUESTION, ...replies].flatMap(postLines),
  ].join('\n');
}

export interface ListingRow {
  title: string;
  excerpt: string;
  replies: string;
  boosts: string;
  views: string;
  activity: string;
}

export const LISTING_TAG = 'Network Extension';

export const LISTING_ROWS: ListingRow[] = [
  {
    title: THREAD_TITLE,
    excerpt: QUESTION.body.join(' '),
    replies: '2',
    boosts: '3',
    views: '1.1k',
    activity: '3w',
  },
  {
    title: 'Content filter sees no flows after a reboot on macOS 15',
    excerpt: 'Our NEFilterDataProvider starts, but handleNewFlow is never called until the user toggles the filter.',
    replies: '0',
    boosts: '1',
    views: '87',
    activity: '2d',
  },
  {
    title: 'DNS proxy provider and encrypted DNS settings together',
    excerpt: 'Can an NEDNSProxyProvider coexist with an NEDNSSettingsManager profile on the same Mac?',
    replies: '4',
    boosts: '0',
    views: '312',
    activity: 'Jun ’25',
  },
];

/** A tag listing's visible text: header, column titles, then one entry a row. */
export function listingPageText(rows: ListingRow[] = LISTING_ROWS): string {
  return [
    ...SITE_CHROME,
    LISTING_TAG,
    'RSS for tag',
    `Posts under ${LISTING_TAG} tag`,
    `${rows.length} Posts`,
    'Post',
    'Replies',
    'Boosts',
    'Views',
    'Activity',
    ...rows.flatMap((r) => [r.title, r.excerpt, r.replies, r.boosts, r.views, r.activity]),
  ].join('\n');
}
