/**
 * The search bench's mix put to an engine without ForumKB's query language (FlexSearch,
 * MiniSearch), and the question completed around it as an app built on that engine would have to,
 * and as lean as ForumKB's own part: the engine finds the words; the threads' metadata, held in
 * memory as columns (ForumKB's `DocColumns` and column filter code) with a list of threads per
 * tag, per author and per item of the user's data, narrows every match; an excluded word's
 * matches are taken away; a sort keeps the best by its column; the matches are counted, as the
 * list shows the count. A question with no words (`tag:Bonjour`) starts from its smallest such
 * list, else from every thread.
 *
 * What stays easier for the engine: a quoted phrase is asked as its words in any order, a typo as
 * typed (neither has a way to ask more), and a question of words alone is asked as before (the
 * engine's first page, not counted). The question is translated once, outside the timing.
 */
import { docColumns, type DocColumns } from '../../src/search/doc-columns';
import { normalizeName, type DocMeta } from '../../src/search/doc-meta';
import {
  columnFilters,
  matchingAuthors,
  passesColumns,
  userDataIds,
  type ColumnFilters,
} from '../../src/search/filters';
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

/** What the harness needs of an engine: its search, and its ids as rows of the thread table. */
export interface Engine<Id> {
  /** The engine's matches of `words`, best first: the first `limit`, every one when `limit` is Infinity. */
  find(words: string, limit: number): Id[];
  /** The row of a thread in the table (its metadata's index), and the id of a row. */
  row(id: Id): number;
  idAt(row: number): Id;
}

/** Every thread's metadata as the app around the engine keeps it, made once (untimed). */
export class ThreadTable {
  readonly columns: DocColumns;
  private readonly rows = new Map<string, number>();
  private readonly byTag = new Map<string, number[]>();

  constructor(
    private readonly metas: readonly DocMeta[],
    readonly user: UserDataView,
  ) {
    this.columns = docColumns(metas, metas.length, (row) => metas[row] as DocMeta);
    metas.forEach((meta, row) => {
      this.rows.set(meta.id, row);
      for (const tag of new Set(meta.tags.map(normalizeName))) {
        const rows = this.byTag.get(tag) ?? [];
        rows.push(row);
        this.byTag.set(tag, rows);
      }
    });
  }

  get size(): number {
    return this.metas.length;
  }

  /** The rows of the threads one filter that is not a column's names (tag, author, user data). */
  rowsOf(filter: Filter): readonly number[] | null {
    if (filter.kind === 'tag') return this.byTag.get(normalizeName(filter.value)) ?? [];
    if (filter.kind === 'author')
      return matchingAuthors(filter, this.columns.authors.keys()).flatMap((a) => this.columns.authors.get(a) ?? []);
    const ids = userDataIds(filter, this.user);
    if (!ids) return null;
    const rows: number[] = [];
    for (const id of ids) {
      const row = this.rows.get(id);
      if (row !== undefined) rows.push(row);
    }
    return rows;
  }
}

/** A question made ready for one run: the column filters, one mask per other filter, where to start. */
interface Narrowing {
  columns: ColumnFilters | null;
  masks: Uint8Array[];
  /** Parallel to `masks`: whether a thread must be in the mask (else must not, a negated filter). */
  wanted: boolean[];
  /** The rows of the smallest positive list, for a question with no words. */
  start: readonly number[] | null;
}

function narrowing(q: Question, table: ThreadTable): Narrowing {
  const out: Narrowing = { columns: columnFilters(q.filters), masks: [], wanted: [], start: null };
  for (const f of q.filters) {
    const rows = table.rowsOf(f);
    if (!rows) continue;
    const mask = new Uint8Array(table.size);
    for (const row of rows) mask[row] = 1;
    const negated = 'negated' in f && f.negated;
    out.masks.push(mask);
    out.wanted.push(!negated);
    if (!negated && (!out.start || rows.length < out.start.length)) out.start = rows;
  }
  return out;
}

function* everyRow(size: number): Generator<number> {
  for (let row = 0; row < size; row++) yield row;
}

const SORT_COLUMN: Record<SortKey, 'views' | 'replies' | 'boosts' | 'time' | null> = {
  relevance: null,
  views: 'views',
  replies: 'replies',
  boosts: 'boosts',
  activity: 'time',
};

/** The first `limit` answers to `q` and how many there are (`null`: not counted, a plain question). */
export function answer<Id>(
  q: Question,
  engine: Engine<Id>,
  table: ThreadTable,
  limit: number,
): { ids: Id[]; total: number | null } {
  if (q.plain) return { ids: engine.find(q.words, limit), total: null };
  const n = narrowing(q, table);
  const excluded = new Uint8Array(q.excluded.length > 0 ? table.size : 0);
  for (const words of q.excluded) for (const id of engine.find(words, Infinity)) excluded[engine.row(id)] = 1;
  const rows: Iterable<number> = q.words
    ? engine.find(q.words, Infinity).map((id) => engine.row(id))
    : (n.start ?? everyRow(table.size));
  const sortColumn = SORT_COLUMN[q.sort];
  const values = sortColumn ? table.columns[sortColumn] : null;
  const best: number[] = [];
  const bestValue: number[] = [];
  let total = 0;
  next: for (const row of rows) {
    if (excluded[row] === 1) continue;
    if (n.columns && !passesColumns(table.columns, row, n.columns)) continue;
    for (let m = 0; m < n.masks.length; m++) if (((n.masks[m] as Uint8Array)[row] === 1) !== n.wanted[m]) continue next;
    total++;
    if (!values) {
      if (best.length < limit) best.push(row);
      continue;
    }
    // The best `limit` by the sort's column, highest first (unknown, NaN, last; ties in the engine's order).
    const raw = values[row] as number;
    const v = Number.isNaN(raw) ? -Infinity : raw;
    if (best.length === limit && v <= (bestValue[limit - 1] as number)) continue;
    let i = best.length === limit ? limit - 1 : best.length;
    for (; i > 0 && (bestValue[i - 1] as number) < v; i--) {
      best[i] = best[i - 1] as number;
      bestValue[i] = bestValue[i - 1] as number;
    }
    best[i] = row;
    bestValue[i] = v;
  }
  return { ids: best.map((row) => engine.idAt(row)), total };
}
