/**
 * What "More like this" looks for in a thread: its terms grouped by meaning, each weighed by how
 * often the thread uses it. Error codes, API names and quoted messages weigh double; a code, its
 * symbols and its message are one group (`-1001` here is `NSURLErrorTimedOut` or "The request
 * timed out." there), and an API name goes with its unprefixed form (`FilterDataProvider`).
 * The index picks the groups rare enough to matter (SegmentedIndex.moreLikeThis).
 */
import type { ThreadRecord } from '../model';
import { MESSAGE_TERM, messageTerm } from './code-context';
import { docFields } from './doc-meta';
import { lookupCode, lookupSymbol, type ErrorCodeInfo } from './error-codes';
import { tokenTemplates, type TokenTemplate } from './tokenizer';

export interface LikeGroup {
  /** Index terms that all stand for this meaning. */
  terms: Set<string>;
  weight: number;
}

export function likeGroups(record: ThreadRecord): LikeGroup[] {
  const groups = new Map<string, LikeGroup>();
  const tokens: TokenTemplate[] = [];
  const fields = docFields(record);
  // The title counts twice: it says what the thread is about.
  for (const text of [fields.title, fields.title, fields.body, fields.replies]) tokenTemplates(text, tokens);
  for (const t of tokens) {
    const related = relatedTerms(t);
    const key = related?.key ?? t.primary;
    let group = groups.get(key);
    if (!group) {
      const unprefixed =
        t.kind === 'ident'
          ? t.terms.filter((x) => x !== t.primary && t.primary.endsWith(x) && x.length >= t.primary.length - 3)
          : [];
      group = { terms: new Set([t.primary, ...unprefixed, ...(related?.terms ?? [])]), weight: 0 };
      groups.set(key, group);
    }
    group.weight += t.kind === 'word' || t.kind === 'number' ? 1 : 2;
  }
  return [...groups.values()];
}

/** A code's, symbol's or quoted message's other forms, and a key naming the error they all mean. */
function relatedTerms(t: TokenTemplate): { key: string; terms: string[] } | null {
  let infos: readonly ErrorCodeInfo[] = [];
  const message = t.raw.startsWith(MESSAGE_TERM) ? /^[^:]*:([^:]*):(.*)$/.exec(t.raw) : null;
  if (message) infos = lookupCode(message[2] as string).filter((i) => i.domainKey === message[1]);
  else if (t.kind === 'code') infos = lookupCode(t.raw);
  else if (t.kind === 'ident' || t.kind === 'acronym') infos = lookupSymbol(t.raw);
  const first = infos[0];
  // A code that means different things in different domains is not one meaning.
  if (!first || infos.length > 1) return null;
  const terms = first.symbols.map((s) => s.toLowerCase());
  if (/^-\d/.test(first.code)) terms.push(first.code);
  if (first.messages.length > 0) terms.push(messageTerm(first));
  return { key: `err:${first.domainKey}:${first.code}`, terms };
}
