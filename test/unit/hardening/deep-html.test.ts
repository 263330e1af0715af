/**
 * Saved pages nested deeper than any call stack: every lookup over the parsed tree walks with a
 * stack of its own, so 5,000 (and 50,000) nested elements parse like any page.
 */
import { describe, expect, it } from 'vitest';
import { parseToFile } from '../../../src/import/parse-source';
import { stringSource } from '../../../src/import/text-source';

const CAPTURED_AT = new Date('2026-03-15T00:00:00Z');

function page(body: string, head = ''): string {
  return `<!DOCTYPE html><html><head><title>Deep page | Apple Developer Forums</title>
<link rel="canonical" href="https://developer.apple.com/forums/thread/700001">${head}</head>
<body><h1>A deeply nested thread</h1>${body}</body></html>`;
}

const post = (id: string, inner: string) =>
  `<article data-post-id="${id}"><header><a class="author" href="/forums/profile/ada">ada</a>` +
  `<time datetime="2025-06-10T16:42:18Z">Jun ’25</time></header>` +
  `<div class="post-body">${inner}</div></article>`;

const nest = (depth: number, tag: string, inner: string) =>
  `<${tag}>`.repeat(depth) + inner + `</${tag}>`.repeat(depth);

async function parse(html: string) {
  return parseToFile(stringSource('deep.html', html), { capturedAt: CAPTURED_AT });
}

describe('deeply nested HTML', () => {
  it.each([5_000, 20_000])('reads a post body nested %i deep', async (depth) => {
    const parsed = await parse(page(post('700001', nest(depth, 'div', 'the bottom line')) + post('800002', 'a reply')));
    const [record] = parsed.records;
    expect(record!.posts.map((p) => [p.author, p.body])).toEqual([
      ['ada', 'the bottom line'],
      ['ada', 'a reply'],
    ]);
  });

  it('reads posts nested inside 5,000 wrappers, and post elements nested in each other', async () => {
    const inner = nest(3_000, 'span', post('800003', 'inner'));
    const parsed = await parse(page(nest(5_000, 'section', post('700001', 'question') + post('800002', inner))));
    expect(parsed.records[0]!.posts.map((p) => p.body)).toEqual(['question', expect.stringContaining('inner')]);
  });

  it('reads an author link nested 5,000 deep', async () => {
    const deepAuthor = `<article data-post-id="700001">${nest(5_000, 'div', '<a class="author" href="/forums/profile/bob">bob</a>')}<div class="post-body">hi</div></article>`;
    const parsed = await parse(page(deepAuthor));
    expect(parsed.records[0]!.posts[0]!.author).toBe('bob');
  });

  it('reads JSON-LD whose values nest 5,000 deep', async () => {
    const deep = '['.repeat(5_000) + ']'.repeat(5_000);
    const ld =
      '{"@type":"QAPage","mainEntity":{"@type":"Question","name":"From structured data","text":"the question",' +
      `"interactionStatistic":{"interactionType":${deep},"userInteractionCount":5}}}`;
    const parsed = await parse(
      page('<p>no posts in the markup</p>', `<script type="application/ld+json">${ld}</script>`),
    );
    expect(parsed.records[0]!.posts[0]!.body).toBe('the question');
  });
});
