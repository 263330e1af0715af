/**
 * The search bench's mix put to an engine without ForumKB's query language (FlexSearch,
 * MiniSearch), and the question completed around it as an app built on that engine would have to:
 * the engine finds the words; the thread's metadata (held in memory, one `DocMeta` a thread), the
 * user's data and ForumKB's own filter code (`matchesFilters`) narrow its matches; an excluded
 * word's matches are taken away; a sort keeps the best by its field; the matches are counted, as
 * the list shows the count. A question with no words (`tag:Bonjour`) starts from the threads of a
 * tag or of the user's data where it names one (as the app's database indexes them), else from
 * every thread.
 *
 * What stays easier for the engine: a quoted phrase is asked as its words in any order, a typo as
 * typed (neither has a way to ask more), and a question of words alone is asked as before (the
 * engine's first page, not counted). The question is translated once, outside the timing.
 */
import { normalizeName, type DocMeta } from '../../src/search/doc-meta';
import { matchesFilters } from '../../src/search/filters';
import { parseQuery, type Filter, type SortKey } from '../../src/search/query-parser';
import type { UserDataView } from '../../src/search/user-data-view';
import type { MIX } from './search-bench';

type MixQuery = (typeof MIX)[number];

/** The mix as plain words, as an engine without ForumKB's query language is asked a question of words. */
export function plainWords(query: string): string[] {
  return query
    .replace(
      /-?\b(tag|sort|is|has|label|author|views|replies|after|before):("[^"]*"|\S+)/g,
      (_, key: string, v: string) => (key === 'tag' && !_.startsWith('-') ? v : ''),
    )
    .replace(/(^|\s)-[a-z]\S*/g, ' ')
    .replaceAll('"', '')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);
}

export interface Question {
  /** Words alone, with nothing to narrow, sort or count: the engine's own first page. */
  plain: boolean;
  /** What the engine is asked; empty when the question has no words. */
  words: string;
  /** Threads matching any of these are taken away. */
  excluded: string[];
  filters: Filter[];
  sort: SortKey;
}

export function question(q: MixQuery): Question {
  const parsed = parseQuery(q.query);
  const scope = q.scope ? parseQuery(q.scope.query) : undefined;
  const filters = [...parsed.filters, ...(scope?.filters ?? [])];
  const excluded = parsed.excluded.map((tokens, i) => parsed.excludedPhrases[i] ?? tokens.map((t) => t.raw).join(' '));
  const sort = q.sort ?? parsed.sort;
  const plain = filters.length === 0 && excluded.length === 0 && sort === 'relevance';
  const words = plain
    ? plainWords(q.query)
    : [...parsed.words, ...(scope?.words ?? [])].map((w) => w.text).concat(parsed.phrases.map((p) => p.text));
  return { plain, words: words.join(' ').toLowerCase(), excluded, filters, sort };
}

/** What the harness needs of an engine and of the app around it. */
export interface Engine<Id> {
  /** The engine's matches of `words`, best first: the first `limit`, every one when `limit` is Infinity. */
  find(words: string, limit: number): Id[];
  /** Every thread, for a question with no words. */
  all(): Iterable<Id>;
  /** Threads with this tag (normalised: `normalizeName`), as the app's database indexes them. */
  withTag(tag: string): readonly Id[];
  /** The engine's id of a thread the user's data names. */
  id(thread: string): Id;
  meta(id: Id): DocMeta;
  user: UserDataView;
}

/**
 * Where a question with no words starts: the threads of its smallest positive tag, label,
 * bookmark or notes filter (an index the app has), else every thread. The filters check the rest.
 */
function start<Id>(filters: readonly Filter[], engine: Engine<Id>): Iterable<Id> {
  let best: readonly Id[] | null = null;
  const { user } = engine;
  for (const f of filters) {
    if ('negated' in f && f.negated) continue;
    let ids: readonly Id[] | null = null;
    if (f.kind === 'tag') ids = engine.withTag(normalizeName(f.value));
    else if (f.kind === 'label') {
      const want = normalizeName(f.value);
      ids = [...user.labelsByThread]
        .filter(([, labels]) => labels.some((l) => normalizeName(l) === want))
        .map(([thread]) => engine.id(thread));
    } else if (f.kind === 'flag' && (f.flag === 'bookmarked' || f.flag === 'notes'))
      ids = [...(f.flag === 'bookmarked' ? user.bookmarkedThreadIds : user.threadsWithNotes)].map(engine.id);
    if (ids && (!best || ids.length < best.length)) best = ids;
  }
  return best ?? engine.all();
}

const SORT_VALUE: Record<SortKey, ((m: DocMeta) => number | null) | null> = {
  relevance: null,
  views: (m) => m.views,
  replies: (m) => m.replies,
  boosts: (m) => m.boosts,
  activity: (m) => m.time,
};

/** The first `limit` answers to `q` and how many there are (`null`: not counted, a plain question). */
export function answer<Id>(q: Question, engine: Engine<Id>, limit: number): { ids: Id[]; total: number | null } {
  if (q.plain) return { ids: engine.find(q.words, limit), total: null };
  const found = q.words ? engine.find(q.words, Infinity) : start(q.filters, engine);
  const out = new Set<Id>();
  for (const words of q.excluded) for (const id of engine.find(words, Infinity)) out.add(id);
  const value = SORT_VALUE[q.sort];
  const best: Id[] = [];
  const bestValue: number[] = [];
  let total = 0;
  for (const id of found) {
    if (out.has(id)) continue;
    const meta = engine.meta(id);
    if (!matchesFilters(q.filters, meta, engine.user)) continue;
    total++;
    if (!value) {
      if (best.length < limit) best.push(id);
      continue;
    }
    // The best `limit` by the sort's field, highest first (an unknown value last, ties in the engine's order).
    const v = value(meta) ?? -Infinity;
    if (best.length === limit && v <= (bestValue[limit - 1] as number)) continue;
    let i = best.length === limit ? limit - 1 : best.length;
    for (; i > 0 && (bestValue[i - 1] as number) < v; i--) {
      best[i] = best[i - 1] as Id;
      bestValue[i] = bestValue[i - 1] as number;
    }
    best[i] = id;
    bestValue[i] = v;
  }
  return { ids: best, total };
}

/** Threads by normalised tag, as an app's database would index them (built once, untimed). */
export function tagIndex<Id>(metas: ReadonlyMap<Id, DocMeta>): (tag: string) => readonly Id[] {
  const byTag = new Map<string, Id[]>();
  for (const [id, meta] of metas)
    for (const tag of meta.tags) {
      const key = normalizeName(tag);
      const ids = byTag.get(key) ?? [];
      if (ids.at(-1) !== id) ids.push(id);
      byTag.set(key, ids);
    }
  return (tag) => byTag.get(tag) ?? [];
}
