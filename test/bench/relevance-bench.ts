/**
 * Relevance bench: how well ForumKB, MiniSearch and Lunr rank the threads a user means, per kind of
 * query, over the judged corpus in test/unit/search/relevance-corpus.ts, all measured in this run.
 *
 *   npm run bench -- --only relevance      (or: npx tsx test/bench/relevance-bench.ts [--json])
 *
 * Metrics, per query, then averaged per category:
 *   MRR     1 / rank of the first thread that should come first (`top`, else any relevant one)
 *   P@5     relevant threads in the top five / min(5, number of relevant threads)
 *   junk@5  threads in the top five that are not relevant (a count, 0..5)
 * A query whose right answer is "nothing" (`none`) scores 1 for no results, else 0 and junk.
 *
 * How the peers are configured (fairly, as an app using them would):
 *   - the same four fields with ForumKB's field weights (title 6, tags 2, question 1.5, replies 1);
 *   - MiniSearch: prefix search and fuzzy 0.2 (its documented typo setting), default tokenizer;
 *     Lunr: default pipeline (stemmer, stop words), a trailing wildcard and edit distance 1;
 *   - every word required (AND), falling back to any word (OR) when that finds nothing, which is
 *     what ForumKB does;
 *   - ForumKB's operators are translated, never passed raw (Lunr would read `-1001` as "not
 *     1001"): `tag:`, `author:`, `is:bookmarked`, `is:resource`, `has:notes` and the selected view
 *     become the same filters on the same metadata; `-word` and `-"phrase"` exclude threads that
 *     have every word; a quoted phrase becomes its words; unknown operators and `sort:` are dropped.
 * ForumKB runs as the app's search worker does (no text lookup) with the same view and user data.
 */
import lunr from 'lunr';
import MiniSearch from 'minisearch';
import { pathToFileURL } from 'node:url';
import { docFields, normalizeName } from '../../src/search/doc-meta';
import { SegmentedIndex } from '../../src/search/segmented-index';
import type { UserDataView } from '../../src/search/user-data-view';
import {
  HELD_OUT,
  QUERIES,
  THREADS,
  toRecord,
  type Category,
  type CorpusThread,
  type JudgedQuery,
  type Scope,
} from '../unit/search/relevance-corpus';

const FIELD_BOOST = { title: 6, tags: 2, body: 1.5, replies: 1 } as const;
const FIELDS = Object.keys(FIELD_BOOST) as (keyof typeof FIELD_BOOST)[];
const DEPTH = 10;

export type Engine = 'forumkb' | 'minisearch' | 'lunr';
export const ENGINES: Engine[] = ['forumkb', 'minisearch', 'lunr'];

export interface Scores {
  mrr: number;
  p5: number;
  junk5: number;
  queries: number;
  errors: number;
}

export interface QueryOutcome {
  engine: Engine;
  query: JudgedQuery;
  ids: string[];
  error: string | null;
  rr: number;
  p5: number;
  junk5: number;
}

const userData: UserDataView = {
  bookmarkedThreadIds: new Set(THREADS.filter((t) => t.bookmarked).map((t) => t.id)),
  labelsByThread: new Map(),
  threadsWithNotes: new Set(THREADS.filter((t) => t.notes).map((t) => t.id)),
};

function inScope(t: CorpusThread, scope: Scope | undefined): boolean {
  if (scope === 'bookmarks') return !!t.bookmarked;
  if (scope === 'notes') return !!t.notes;
  if (scope === 'resources') return !!t.resource;
  return true;
}

const SCOPE_QUERY: Record<Scope, { label: string; query: string }> = {
  bookmarks: { label: 'Bookmarks', query: 'is:bookmarked' },
  notes: { label: 'Notes', query: 'has:notes' },
  resources: { label: 'Resources', query: 'is:resource' },
};

/** A query as the peers can take it: words, excluded word groups, and metadata filters. */
interface Translated {
  words: string[];
  excluded: string[][];
  keep: (t: CorpusThread) => boolean;
}

export function translate(q: JudgedQuery): Translated {
  const words: string[] = [];
  const excluded: string[][] = [];
  const checks: ((t: CorpusThread) => boolean)[] = [(t) => inScope(t, q.scope)];
  const split = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  for (const m of q.query.matchAll(/(-?)(?:([a-z]+):)?(?:"([^"]*)"|(\S+))/gi)) {
    const negated = m[1] === '-' && !/^\d/.test(m[3] ?? m[4] ?? '');
    const key = m[2]?.toLowerCase();
    const value = m[3] ?? m[4] ?? '';
    const normal = normalizeName(value);
    const wrap = (f: (t: CorpusThread) => boolean) => checks.push(negated ? (t) => !f(t) : f);
    if (key === 'tag') wrap((t) => (t.tags ?? []).some((x) => normalizeName(x) === normal));
    else if (key === 'author') wrap((t) => normalizeName(t.author ?? '').includes(normal));
    else if (key === 'is' && normal === 'bookmarked') wrap((t) => !!t.bookmarked);
    else if (key === 'is' && normal === 'resource') wrap((t) => !!t.resource);
    else if (key === 'has' && normal === 'notes') wrap((t) => !!t.notes);
    else if (key)
      continue; // unknown operator or sort: dropped
    else if (negated) excluded.push(split(value));
    else words.push(...split(m[0].startsWith('-') && !negated ? m[0] : value));
  }
  return { words, excluded, keep: (t) => checks.every((c) => c(t)) };
}

const byId = new Map(THREADS.map((t) => [t.id, t]));

function documents() {
  return THREADS.map((t) => ({ id: t.id, ...docFields(toRecord(t)) }));
}

type Searcher = (q: JudgedQuery) => string[] | Promise<string[]>;

function forumkb(): Searcher {
  const index = new SegmentedIndex();
  const records = new Map(THREADS.map((t) => [t.id, toRecord(t)]));
  index.add(records.values());
  // As the app's worker: the texts live elsewhere and are loaded only to check a phrase.
  const loadTexts = (ids: string[]) => Promise.resolve(ids.flatMap((id) => records.get(id) ?? []));
  return async (q) =>
    (
      await index.searchWithTexts(q.query, loadTexts, {
        limit: DEPTH,
        typing: q.typing ?? false,
        userData,
        ...(q.scope ? { scope: SCOPE_QUERY[q.scope] } : {}),
      })
    ).results.map((r) => r.id);
}

/** AND first, OR when AND finds nothing; excluded groups and filters applied after. */
function andThenOr(run: (words: string[], and: boolean) => string[], q: JudgedQuery): string[] {
  const { words, excluded, keep } = translate(q);
  if (words.length === 0) return [];
  const drop = new Set(excluded.flatMap((group) => (group.length > 0 ? run(group, true) : [])));
  const filter = (ids: string[]) => ids.filter((id) => !drop.has(id) && keep(byId.get(id) as CorpusThread));
  const and = filter(run(words, true));
  return (and.length > 0 ? and : filter(run(words, false))).slice(0, DEPTH);
}

function minisearch(): Searcher {
  const ms = new MiniSearch({ fields: FIELDS, idField: 'id' });
  ms.addAll(documents());
  return (q) =>
    andThenOr(
      (words, and) =>
        ms
          .search(words.join(' '), {
            boost: FIELD_BOOST,
            prefix: true,
            fuzzy: 0.2,
            combineWith: and ? 'AND' : 'OR',
          })
          .map((r) => String(r.id)),
      q,
    );
}

function lunrSearcher(): Searcher {
  const docs = documents();
  const idx = lunr(function () {
    this.ref('id');
    for (const f of FIELDS) this.field(f, { boost: FIELD_BOOST[f] });
    for (const d of docs) this.add(d);
  });
  return (q) =>
    andThenOr((words, and) => {
      // The query builder, never lunr's query syntax: each word through lunr's own tokenizer.
      const terms = words.flatMap((w) => lunr.tokenizer(w).map((t) => t.toString()));
      if (terms.length === 0) return [];
      return idx
        .query((query) => {
          for (const term of terms) {
            const presence = and ? lunr.Query.presence.REQUIRED : lunr.Query.presence.OPTIONAL;
            query.term(term, { presence });
            query.term(term, {
              presence: lunr.Query.presence.OPTIONAL,
              wildcard: lunr.Query.wildcard.TRAILING,
              usePipeline: false,
              boost: 0.5,
            });
            if (term.length >= 5)
              query.term(term, {
                presence: lunr.Query.presence.OPTIONAL,
                editDistance: 1,
                usePipeline: false,
                boost: 0.3,
              });
          }
        })
        .map((r) => r.ref);
    }, q);
}

export function score(q: JudgedQuery, ids: string[]): { rr: number; p5: number; junk5: number } {
  const top5 = ids.slice(0, 5);
  if (q.none) {
    const ok = ids.length === 0 ? 1 : 0;
    return { rr: ok, p5: ok, junk5: top5.length };
  }
  const relevant = new Set(q.relevant);
  const target = new Set(q.top ?? q.relevant);
  const first = ids.findIndex((id) => target.has(id));
  return {
    rr: first < 0 ? 0 : 1 / (first + 1),
    p5: top5.filter((id) => relevant.has(id)).length / Math.min(5, relevant.size),
    junk5: top5.filter((id) => !relevant.has(id)).length,
  };
}

export async function evaluate(engines: Engine[] = ENGINES): Promise<QueryOutcome[]> {
  const searchers: Record<Engine, () => Searcher> = { forumkb, minisearch, lunr: lunrSearcher };
  const outcomes: QueryOutcome[] = [];
  for (const engine of engines) {
    const search = searchers[engine]();
    for (const query of [...QUERIES, ...HELD_OUT]) {
      let ids: string[] = [];
      let error: string | null = null;
      try {
        ids = await search(query);
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
      outcomes.push({ engine, query, ids, error, ...score(query, ids) });
    }
  }
  return outcomes;
}

export function summarize(outcomes: QueryOutcome[]): Record<Engine, Record<Category | 'all' | 'held-out', Scores>> {
  const out = {} as Record<Engine, Record<string, Scores>>;
  for (const o of outcomes) {
    const engine = (out[o.engine] ??= {});
    for (const key of o.query.heldOut ? ['held-out'] : [o.query.category, 'all']) {
      const s = (engine[key] ??= { mrr: 0, p5: 0, junk5: 0, queries: 0, errors: 0 });
      s.mrr += o.rr;
      s.p5 += o.p5;
      s.junk5 += o.junk5;
      s.queries++;
      if (o.error) s.errors++;
    }
  }
  for (const engine of Object.values(out))
    for (const s of Object.values(engine)) {
      s.mrr = Math.round((s.mrr / s.queries) * 1000) / 1000;
      s.p5 = Math.round((s.p5 / s.queries) * 1000) / 1000;
      s.junk5 = Math.round((s.junk5 / s.queries) * 100) / 100;
    }
  return out as Record<Engine, Record<Category | 'all' | 'held-out', Scores>>;
}

export async function runRelevanceBench(
  opts: { log?: (line: string) => void; verbose?: boolean } = {},
): Promise<object> {
  const log = opts.log ?? (() => {});
  const outcomes = await evaluate();
  const summary = summarize(outcomes);
  const categories = [...new Set(QUERIES.map((q) => q.category)), 'all', 'held-out'] as (
    Category | 'all' | 'held-out'
  )[];
  log(
    `relevance: ${QUERIES.length} judged queries (+${HELD_OUT.length} held out) over ${THREADS.length} threads (MRR / P@5 / junk@5)`,
  );
  log(`  ${'category'.padEnd(10)} ${'n'.padStart(3)}  ${ENGINES.map((e) => e.padEnd(22)).join(' ')}`);
  for (const c of categories) {
    const n = summary.forumkb[c].queries;
    const cells = ENGINES.map((e) => {
      const s = summary[e][c];
      const err = s.errors > 0 ? ` !${s.errors}` : '';
      return `${s.mrr.toFixed(2)} / ${s.p5.toFixed(2)} / ${s.junk5.toFixed(2)}${err}`.padEnd(22);
    });
    log(`  ${c.padEnd(10)} ${String(n).padStart(3)}  ${cells.join(' ')}`);
  }
  if (opts.verbose)
    for (const o of outcomes)
      if (o.engine === 'forumkb' && (o.rr < 1 || o.p5 < 1 || o.junk5 > 0))
        log(`    ${o.query.category} ${JSON.stringify(o.query.query)} rr=${o.rr.toFixed(2)} → ${o.ids.join(' ')}`);
  return { queries: QUERIES.length, heldOut: HELD_OUT.length, threads: THREADS.length, summary };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const json = process.argv.includes('--json');
  const result = await runRelevanceBench({
    log: json ? undefined : (line) => process.stdout.write(`${line}\n`),
    verbose: process.argv.includes('--verbose'),
  });
  if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
