/**
 * schema.org data a thread page may embed as JSON-LD (`<script type="application/ld+json">`): a
 * QAPage whose Question has an acceptedAnswer and suggestedAnswers, or a DiscussionForumPosting
 * with comments. Used when the page's markup has no posts this parser recognises, so a page
 * whose HTML changed can still be read from its structured data.
 */
import type { PostInput } from './build-record';
import { htmlToText } from './html-text';
import { compareText } from '../compare-text';

export interface JsonLdThread {
  title: string | null;
  url: string | null;
  posts: PostInput[];
  replies: number | null;
  views: number | null;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const types = (o: Obj): string[] => list(o['@type']).filter((t): t is string => typeof t === 'string');

function authorName(v: unknown): string | null {
  const first = list(v)[0];
  return isObj(first) ? str(first['name']) : str(first);
}

function isoDate(v: unknown): string | null {
  const s = str(v);
  const ms = s ? Date.parse(s) : NaN;
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The post id in an answer's URL (`…?answerId=NNN`, `#NNN`) or its `@id`. */
function postId(o: Obj): string | null {
  const m = /(?:answerId=|#|\/)(\d{3,15})\/?$/.exec(str(o['url']) ?? str(o['@id']) ?? '');
  return m ? m[1]! : null;
}

function viewCount(o: Obj): number | null {
  for (const stat of list(o['interactionStatistic'])) {
    // The action's name, not JSON.stringify of whatever is there: that recurses into any depth.
    const action = isObj(stat) ? list(stat['interactionType']).map((t) => (isObj(t) ? t['@type'] : t)) : [];
    if (isObj(stat) && action.some((t) => typeof t === 'string' && /WatchAction|ViewAction/.test(t))) {
      return num(stat['userInteractionCount']) ?? Number(stat['userInteractionCount'] ?? NaN);
    }
  }
  return null;
}

function post(o: Obj, accepted: boolean, isQuestion: boolean): PostInput {
  return {
    forumId: isQuestion ? null : postId(o),
    author: authorName(o['author']),
    date: isoDate(o['dateCreated'] ?? o['datePublished']),
    body: htmlToText(str(o['text']) ?? str(o['articleBody']) ?? ''),
    boosts: num(o['upvoteCount']),
    accepted,
  };
}

function fromQuestion(q: Obj, page: Obj | null): JsonLdThread {
  const accepted = list(q['acceptedAnswer']).filter(isObj);
  const suggested = list(q['suggestedAnswer']).filter(isObj);
  const replies = [...accepted.map((a) => post(a, true, false)), ...suggested.map((a) => post(a, false, false))];
  // Page order is date order; answers without a date keep their place at the end.
  replies.sort((a, b) => compareText(a.date ?? '\uffff', b.date ?? '\uffff'));
  const views = viewCount(q);
  return {
    title: str(q['name']) ?? str(q['headline']),
    url: str(q['url']) ?? (page ? str(page['url']) : null),
    posts: [post(q, false, true), ...replies],
    replies: num(q['answerCount']),
    views: views !== null && Number.isFinite(views) ? views : null,
  };
}

function fromPosting(p: Obj): JsonLdThread {
  const comments = list(p['comment'])
    .filter(isObj)
    .map((c) => post(c, false, false));
  const views = viewCount(p);
  return {
    title: str(p['headline']) ?? str(p['name']),
    url: str(p['url']),
    posts: [post(p, false, true), ...comments],
    replies: num(p['commentCount']),
    views: views !== null && Number.isFinite(views) ? views : null,
  };
}

/** The thread in the page's JSON-LD scripts, or null when none describes one. */
export function threadFromJsonLd(scripts: string[]): JsonLdThread | null {
  for (const script of scripts) {
    let data: unknown;
    try {
      data = JSON.parse(script);
    } catch {
      continue; // A broken script is no reason to fail the page: the markup may still do.
    }
    const nodes = list(isObj(data) && data['@graph'] ? data['@graph'] : data).filter(isObj);
    for (const node of nodes) {
      const t = types(node);
      if (t.includes('QAPage') && isObj(node['mainEntity'])) return fromQuestion(node['mainEntity'], node);
      if (t.includes('Question')) return fromQuestion(node, null);
      if (t.includes('DiscussionForumPosting')) return fromPosting(node);
    }
  }
  return null;
}
