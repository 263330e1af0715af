/**
 * A stand-in for the forum on 127.0.0.1: thread and listing pages whose rendered text has the
 * real pages' layout (test/support/forum-page-text.ts), the site's navigation and footer around
 * the page's <main>, and a page that is not the forum. The thread grows replies on demand.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LISTING_TAG, THREAD_ID, THREAD_TITLE, listingPageText, threadPageText } from '../../support/forum-page-text';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function page(title: string, text: string): string {
  const lines = text
    .split('\n')
    .map((l) => `<div>${escape(l)}</div>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)} - Apple Developer Forums</title></head>
<body>
<nav><a href="/">Global navigation</a> <a href="/account">Account</a></nav>
<main>${lines}</main>
<footer><div>Developer Footer</div><div>Copyright © Apple Inc. All rights reserved.</div></footer>
<div style="display:none">Hidden text never captured</div>
</body></html>`;
}

export interface ForumSite {
  origin: string;
  threadUrl: string;
  listingUrl: string;
  otherUrl: string;
  /** How many replies the thread page shows from now on. */
  setReplies(n: number): void;
  close(): Promise<void>;
}

export async function startForumSite(): Promise<ForumSite> {
  let replies = 1;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    let body: string | null = null;
    if (path === `/forums/thread/${THREAD_ID}`) body = page(THREAD_TITLE, threadPageText(replies));
    else if (path === '/forums/tags/network-extension') body = page(LISTING_TAG, listingPageText());
    else if (path === '/blog/hello') body = page('Hello', 'A blog post\nNothing about the forums here.');
    res.writeHead(body === null ? 404 : 200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    threadUrl: `${origin}/forums/thread/${THREAD_ID}`,
    listingUrl: `${origin}/forums/tags/network-extension`,
    otherUrl: `${origin}/blog/hello`,
    setReplies: (n) => {
      replies = n;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
