/**
 * The searchable index: a large base segment plus small recent ones, queried together.
 *
 * Importing a few threads adds a small segment instead of rebuilding; a newer segment's version
 * of a thread hides older ones, and a segment's `deletes` hide threads in older segments, so an
 * updated or deleted thread never shows twice. Scores are comparable across segments because
 * postings hold segment-independent weights and idf is computed over all live documents at query
 * time: the same threads score the same however they are split into segments.
 *
 * Postings need not be in memory: a segment given as a dictionary (terms, offsets, documents'
 * metadata and a block table) has its postings read block by block through a `BlockReader`, with
 * a bounded LRU cache, so memory does not grow with the forum. `search` answers synchronously from
 * what is in memory; `searchAsync` reads the blocks a query needs first. Pure: storage
 * (PersistentSearchIndex) and threading (the renderer's worker) are layered on top.
 */
import { BlockCache } from './block-cache';
import type { ThreadRecord } from '../model';
import type { DocMeta } from './doc-meta';
import { boundedEditDistance } from './edit-distance';
import type { ErrorCodeInfo } from './error-codes';
import { docColumns, type DocColumns } from './doc-columns';
import { docSet, intersectAll } from './doc-sets';
import { matchEvery, prefersConjunctive, type ConjunctiveClause } from './query-conjunctive';
import { addBest, addPostings, bestPostings, dropUnless, topHits } from './score-kernels';
import { columnFilters, matchingAuthors, passesColumns, userDataIds, type ColumnFilters } from './filters';
import { likeGroups, type LikeGroup } from './more-like-this';
import { hasPhrase, recordText } from './phrase';
import { PAIR_PREFIX } from './phrase-pairs';
import { HASHED_WEIGHT, hashedBucketTerm, hashedKey, isHashedTerm, keyBucket, keyCheck } from './hashed-terms';
import { parseQuery, type Filter, type SortKey } from './query-parser';
import { planQuery, type Clause, type QueryPlan } from './query-plan';
import {
  blockOf,
  buildSegment,
  buildSegmentSteps,
  mergeSegments,
  mergeSegmentsSteps,
  tagTerm,
  type PostingBlock,
  type SegmentData,
  type SegmentDictionary,
} from './segment';
import { hiddenDocs, idTableSteps, LiveDocs, type IdTable } from './live-docs';
import { runAll, runSliced, type SliceOptions } from './slices';
import { highlightRanges, threadSnippet, type Snippet } from './snippet';
import { stemWord, tokenize } from './tokenizer';
import { typoVariants } from './typo-variants';
import { NO_USER_DATA, type UserDataView } from './user-data-view';

export interface SearchOptions {
  /** Page size; default 50. */
  limit?: number;
  offset?: number;
  userData?: UserDataView;
  /**
   * The full thread, for snippets and for checking `"exact phrases"` word by word. Without it
   * results have no snippet, and a phrase matches threads that contain all its words.
   */
  lookup?: (id: string) => ThreadRecord | undefined;
  /** The last word is still being typed (prefix match); default true. */
  typing?: boolean;
  /** The list's order, when not by relevance: overrides the query's `sort:`. */
  sort?: SortKey;
  /**
   * The view or tag selected in the app: the search runs inside it and the response says so.
   * `query` holds its filters in the query language (`is:bookmarked`, `tag:"Network Extension"`).
   */
  scope?: { label: string; query: string };
  /** For `searchAsync`: the threads with these ids, to check quoted phrases in (see LoadTexts). */
  loadTexts?: LoadTexts;
}

/** How `searchWithTexts` runs its two passes. */
interface RunOptions extends SearchOptions {
  /** Threads whose text failed a phrase check: left out. */
  rejected?: ReadonlySet<string>;
}

/** For `searchWithTexts`: the threads with these ids (in any order; missing ones left out). */
export type LoadTexts = (ids: string[]) => Promise<readonly ThreadRecord[]>;

/** `moreLikeThis`: how many of a thread's terms make the query. */
const LIKE_TERMS = 12;
/** `moreLikeThis` leaves out threads scoring under this share of the best one. */
const LIKE_MIN_SHARE = 0.3;
/** BM25's idf of a term in `df` of `n` threads. */
const idfOf = (df: number, n: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));

/** `moreLikeThis` weighs a thread's terms in slices this long (ms): a thread opened meanwhile waits at most this. */
const LIKE_SLICE_MS = 4;

/** The answer with no threads: a query that matches none, or one not asked any more. */
export const noResults = (): SearchResponse => ({
  results: [],
  total: 0,
  codes: [],
  warnings: [],
  relaxed: false,
  scope: null,
  error: null,
});

/**
 * A thread's metadata as the index keeps it (less the normalised author list), and how it matched;
 * its title and snippet from the thread as read for the page (`showThread`).
 */
export interface SearchResult extends Omit<DocMeta, 'authors'> {
  /** Null when the thread was not read with the results (the index keeps no titles). */
  title: string | null;
  score: number;
  /** The index terms this thread matched; feed them to `highlightRanges` for other text. */
  matchedTerms: string[];
  /** Matched ranges in `title`. */
  titleHighlights: [number, number][];
  snippet: Snippet | null;
}

/** A result's title, its matched ranges and its snippet, from its thread as read. */
export function showThread(result: SearchResult, record: ThreadRecord): void {
  const matched = new Set(result.matchedTerms);
  result.title = record.thread.title;
  result.titleHighlights = highlightRanges(record.thread.title, matched);
  result.snippet = threadSnippet(record, matched);
}

export interface SearchResponse {
  results: SearchResult[];
  /** How many threads matched in all (the results are one page of them). */
  total: number;
  /** What the error codes and symbols in the query mean. */
  codes: ErrorCodeInfo[];
  warnings: string[];
  /** No thread had every word, so these are threads with some of them. */
  relaxed: boolean;
  /** The selected view or tag the search ran inside (`SearchOptions.scope`), else null. */
  scope: string | null;
  /**
   * Why the query has no answer (an unknown operator like `is:unanswered`): show it instead of
   * results. Null for a query that ran.
   */
  error: string | null;
}

/** Limits that keep a pathological query (a pasted log, `a*`-style prefixes) fast. */
const MAX_PREFIX_TERMS = 64;
const MAX_FUZZY_TERMS = 16;
/** Typo correction only when the word as typed is rare: a common word is not a typo. */
const FUZZY_BELOW_DF = 3;
/** `searchAsync` refills a page whose rows failed a phrase check at most this many times. */
const PHRASE_ROUNDS = 3;

/** Where one term's postings are: segment index and term index. */
type TermRef = [segment: number, term: number];

interface ResolvedTerm {
  term: string;
  refs: TermRef[];
  /** Live documents with the term, across all segments. */
  df: number;
  idf: number;
  /** The postings of `refs`, once read (for the running query). */
  lists?: Postings[];
}

interface ResolvedClause {
  clause: Clause;
  terms: { resolved: ResolvedTerm; boost: number }[];
}

export interface MergePlan {
  ids: string[];
}

/** Reads one block of a stored segment's postings (IndexedDB in the app, a file in the bench). */
export interface BlockReader {
  readBlock(segmentId: string, block: number): Promise<PostingBlock>;
}

/** A segment as the index holds it: its dictionary, and its postings when they are in memory. */
type IndexSegment = SegmentDictionary & { resident?: PostingBlock };

/** One term's postings: positions `from .. to` of `docs` and `weights`. */
interface Postings {
  docs: Uint32Array;
  weights: Float32Array;
  from: number;
  to: number;
}

const NO_POSTINGS: Postings = { docs: new Uint32Array(0), weights: new Float32Array(0), from: 0, to: 0 };

/**
 * One segment's postings of a hashed term: its plain postings (`plain`) and those of its bucket
 * (`bucket`) whose weight is its check, weighing `HASHED_WEIGHT`; ascending, each document once.
 */
function checkedPostings(plain: Postings, bucket: Postings, check: number): Postings {
  const docs = new Uint32Array(plain.to - plain.from + bucket.to - bucket.from);
  const weights = new Float32Array(docs.length);
  let n = 0;
  let p = plain.from;
  for (let q = bucket.from; q < bucket.to; q++) {
    if (bucket.weights[q] !== check) continue;
    const doc = bucket.docs[q] as number;
    for (; p < plain.to && (plain.docs[p] as number) < doc; p++, n++) {
      docs[n] = plain.docs[p] as number;
      weights[n] = plain.weights[p] as number;
    }
    if (p < plain.to && plain.docs[p] === doc) {
      docs[n] = doc;
      weights[n++] = plain.weights[p++] as number;
    } else {
      docs[n] = doc;
      weights[n++] = HASHED_WEIGHT;
    }
  }
  for (; p < plain.to; p++, n++) {
    docs[n] = plain.docs[p] as number;
    weights[n] = plain.weights[p] as number;
  }
  return { docs, weights, from: 0, to: n };
}

/** `allow` bits: the thread is in every filter's set / has every pair of the query's phrases. */
const ONLY = 1;
const PHRASE = 2;

/**
 * Posting blocks kept in memory by default: an eighth of the stored postings, at least 64 MB
 * (about 250 blocks of 32k postings) and at most 256 MB. A fixed 64 MB held the mix of queries'
 * blocks at 100k threads (24 MB) but not at a million (~10× the postings per term): every query
 * read and decoded its blocks again.
 */
const MIN_CACHE_BYTES = 64 << 20;
const MAX_CACHE_BYTES = 256 << 20;

/**
 * What the segments' dictionaries and the block cache may hold together: the cache gives way to
 * the dictionaries (down to its floor), so that a worker stays under 1 GB with the rest it holds
 * (the database, a page of threads, the live documents' tables, garbage not yet collected). At a
 * million threads the dictionaries are ~620 MB: a 256 MB cache made the worker's heap 1,015 MB.
 */
const INDEX_MEMORY_BYTES = 768 << 20;

/**
 * The default block cache budget in bytes for this many postings in storage (8 bytes each in
 * memory) and this many bytes of resident dictionaries.
 */
export function blockCacheBudget(storedPostings: number, dictionaryBytes = 0): number {
  const wanted = Math.min(MAX_CACHE_BYTES, Math.max(MIN_CACHE_BYTES, Math.round(storedPostings)));
  return Math.max(MIN_CACHE_BYTES, Math.min(wanted, INDEX_MEMORY_BYTES - dictionaryBytes));
}

/** The bytes of a segment's resident part: its terms, their offsets and blocks, its documents' columns. */
function dictionaryBytes(seg: SegmentDictionary): number {
  let bytes = seg.terms.data.byteLength + seg.terms.blocks.byteLength + seg.offsets.byteLength + seg.blocks.byteLength;
  for (const column of Object.values(seg.docs.columns) as ArrayBufferView[]) bytes += column.byteLength;
  return bytes;
}

function isSegmentData(s: SegmentData | SegmentDictionary): s is SegmentData {
  return 'postingDocs' in s;
}

/** Older first; of two covering the same last sequence number, the wider (merged) one wins. */
function segmentOrder(a: { minSeq: number; maxSeq: number }, b: { minSeq: number; maxSeq: number }): number {
  return a.maxSeq - b.maxSeq || b.minSeq - a.minSeq;
}

export class SegmentedIndex {
  private segments: IndexSegment[] = [];
  /** Per segment, 1 where a document is hidden by a newer version or a delete. */
  private dead: Uint8Array[] = [];
  /** Per segment, how many documents are dead: with none, a term's df is its posting count. */
  private deadCount: number[] = [];
  /** The segment of each global document number. */
  private segmentOf = new Uint16Array(0);
  /** Global document number of each segment's first document. */
  private bases: number[] = [];
  /** Per segment, its threads' ids → local numbers. */
  private idMaps: IdTable[] = [];
  /** The global document number of each live thread (live-docs.ts). */
  private live = new LiveDocs([], [], [], 0);
  private totalDocs = 0;
  /** Per-query scratch space, reused so a query allocates little. */
  private scores = new Float64Array(0);
  private masks = new Uint32Array(0);
  private best = new Float64Array(0);
  private touched = new Uint32Array(0);
  private hits = new Uint32Array(0);
  /** Per query, 1 where a thread is excluded / where it is among the only ones allowed. */
  private deny = new Uint8Array(0);
  private allow = new Uint8Array(0);
  /** `matchEvery`'s columns of values per candidate (grown as needed, never beyond one per document). */
  private columns: Float64Array[] = [];
  /**
   * How a query with required clauses is answered: by scoring every posting of its terms
   * (`exhaustive`, the reference), or by its candidates (`matchEvery`: `conjunctive` always, `auto`
   * when `prefersConjunctive` expects it to be cheaper). All give the same pages and totals; only
   * tests set it.
   */
  queryPath: 'auto' | 'conjunctive' | 'exhaustive' = 'auto';

  private readonly cache: BlockCache;
  /** Blocks the running query has read: kept until it ends whatever the cache evicts. */
  private pinned: ReadonlyMap<string, PostingBlock> = new Map();
  /** Blocks a query needed and did not find in memory (null: a synchronous search, which throws). */
  private missing: Map<string, [IndexSegment, number]> | null = null;

  /**
   * Segments with their postings (`SegmentData`) are searched in memory; dictionaries
   * (`SegmentDictionary`) read their postings through `reader`. Segments left over from an
   * interrupted merge (covered by another segment) are dropped.
   */
  constructor(
    segments: Iterable<SegmentData | SegmentDictionary> = [],
    private readonly reader?: BlockReader,
    options: { cacheBytes?: number; firstSeq?: number } = {},
  ) {
    this.cache = new BlockCache(options.cacheBytes ?? (() => this.cacheBudget()));
    this.firstSeq = options.firstSeq ?? 0;
    this.reset([...segments].map((s) => this.toIndexSegment(s)));
  }

  private toIndexSegment(s: SegmentData | SegmentDictionary): IndexSegment {
    if (!isSegmentData(s)) return s;
    const { postingDocs, postingWeights, ...rest } = s;
    return {
      ...rest,
      blocks: Uint32Array.of(0, s.terms.size),
      resident: { docs: postingDocs, weights: postingWeights },
    };
  }

  /** Segment ids that `constructor` dropped as leftovers; delete them from storage. */
  dropped: string[] = [];

  get size(): number {
    return this.live.size;
  }

  get segmentIds(): string[] {
    return this.segments.map((s) => s.id);
  }

  /** Every segment with its postings, oldest first; only for segments whose postings are in memory. */
  get segmentData(): readonly SegmentData[] {
    return this.segments.map((s) => this.residentData(s));
  }

  private residentData(s: IndexSegment): SegmentData {
    if (!s.resident) throw new Error(`segment ${s.id}: postings are in storage, not in memory`);
    const { resident, blocks: _blocks, ...rest } = s;
    return { ...rest, postingDocs: resident.docs, postingWeights: resident.weights };
  }

  /** Bytes of posting blocks held in the cache (the postings of in-memory segments aside). */
  get cachedBytes(): number {
    return this.cache.bytes;
  }

  /**
   * Lets a segment's postings go from memory once storage holds them (`dictionary` is what
   * storage keeps): from then on they are read by block, as needed.
   */
  release(id: string, dictionary: SegmentDictionary): void {
    if (!this.reader) throw new Error('release: no block reader to read the postings back');
    const i = this.segments.findIndex((s) => s.id === id);
    if (i >= 0) this.segments[i] = dictionary;
  }

  /** A segment with all its postings, read from storage if needed (for merging). */
  async loadSegment(id: string): Promise<SegmentData> {
    const s = this.segments.find((x) => x.id === id);
    if (!s) throw new Error(`no segment ${id}`);
    if (s.resident) return this.residentData(s);
    const count = s.offsets[s.terms.size] as number;
    const postingDocs = new Uint32Array(count);
    const postingWeights = new Float32Array(count);
    for (let b = 0; b + 1 < s.blocks.length; b++) {
      const block = await this.readBlock(s, b);
      const at = s.offsets[s.blocks[b] as number] as number;
      postingDocs.set(block.docs, at);
      postingWeights.set(block.weights, at);
    }
    const { blocks: _blocks, ...rest } = s;
    return { ...rest, postingDocs, postingWeights };
  }

  private async readBlock(s: IndexSegment, b: number): Promise<PostingBlock> {
    const key = `${s.id}#${b}`;
    const cached = this.pinned.get(key) ?? this.cache.get(key);
    if (cached) return cached;
    if (!this.reader) throw new Error(`segment ${s.id}: no block reader`);
    return this.reader.readBlock(s.id, b);
  }

  /** The default cache budget, for the postings in storage and the dictionaries in memory. */
  private cacheBudget(): number {
    let stored = 0;
    let resident = 0;
    for (const seg of this.segments) {
      if (!seg.resident) stored += seg.offsets[seg.terms.size] as number;
      resident += dictionaryBytes(seg);
    }
    return blockCacheBudget(stored, resident);
  }

  /** Term `t` of segment `s`: from memory, or noted as missing for `searchAsync` to read. */
  private postings(s: number, t: number): Postings {
    const seg = this.segments[s] as IndexSegment;
    const from = seg.offsets[t] as number;
    const to = seg.offsets[t + 1] as number;
    if (seg.resident) return { docs: seg.resident.docs, weights: seg.resident.weights, from, to };
    const b = blockOf(seg.blocks, t);
    const key = `${seg.id}#${b}`;
    const block = this.pinned.get(key) ?? this.cache.get(key);
    if (!block) {
      if (!this.missing) throw new Error('search: postings are in storage; use searchAsync');
      this.missing.set(key, [seg, b]);
      return NO_POSTINGS;
    }
    const base = seg.offsets[seg.blocks[b] as number] as number;
    return { docs: block.docs, weights: block.weights, from: from - base, to: to - base };
  }

  has(id: string): boolean {
    return this.live.has(id);
  }

  /** The sequence number of the first segment added to an empty index. */
  private readonly firstSeq: number;

  /** The sequence number the next segment added gets. */
  get nextSeq(): number {
    return Math.max(this.firstSeq, (this.segments.at(-1)?.maxSeq ?? -1) + 1);
  }

  /** Changes each time segments are replaced (a merge): a query that spanned it may retry. */
  generation = 0;

  private reset(segments: IndexSegment[]): void {
    this.generation++;
    segments.sort(segmentOrder);
    this.dropped = [];
    const kept = segments.filter((s) => {
      const covered = segments.some(
        (o) => o !== s && o.minSeq <= s.minSeq && o.maxSeq >= s.maxSeq && (o.minSeq < s.minSeq || o.maxSeq > s.maxSeq),
      );
      if (covered) this.dropped.push(s.id);
      return !covered;
    });
    // All segments at once, newest first: a thread's copy is hidden when a newer segment has the
    // thread or deletes it, so each id is looked up once. (Appending them one by one looked each
    // id up in every older segment: at a million threads in 20 segments, most of the load.) The
    // ids are hashed and compared as the bytes stored, never made strings.
    const idMaps = kept.map((segment) => runAll(idTableSteps(segment.docs)));
    const { dead, counts: deadCount } = hiddenDocs(
      idMaps,
      kept.map((segment) => segment.deletes),
    );
    this.commit(kept, idMaps, dead, deadCount);
  }

  /**
   * Makes these lists the index's state in one step: the global numbering (bases, segment of
   * each document) and the live threads follow from them. Cheap: no per-thread work but one
   * typed-array fill.
   */
  private commit(segments: IndexSegment[], idMaps: IdTable[], dead: Uint8Array[], deadCount: number[]): void {
    const bases: number[] = [];
    let total = 0;
    let live = 0;
    segments.forEach((segment, s) => {
      bases.push(total);
      total += segment.docs.length;
      live += segment.docs.length - (deadCount[s] as number);
    });
    const segmentOf = new Uint16Array(total);
    segments.forEach((segment, s) => segmentOf.fill(s, bases[s], (bases[s] as number) + segment.docs.length));
    this.segments = segments;
    this.idMaps = idMaps;
    this.dead = dead;
    this.deadCount = deadCount;
    this.bases = bases;
    this.segmentOf = segmentOf;
    this.totalDocs = total;
    this.live = new LiveDocs(idMaps, dead, bases, live);
  }

  /**
   * Adds a segment after the others, hiding the older copies of its threads and the threads it
   * deletes. The ids are read a few thousand a step (queries in between see the index as it was);
   * the new state is committed in one small step at the end.
   */
  private *appendSteps(segment: IndexSegment): Generator<void, void> {
    const live = this.live;
    const hidden: number[] = [];
    const hide = (id: string) => {
      const g = live.get(id);
      if (g !== undefined) hidden.push(g);
    };
    for (const id of segment.deletes) hide(id);
    const map = yield* idTableSteps(segment.docs, hide);
    const dead = [...this.dead, new Uint8Array(segment.docs.length)];
    const deadCount = [...this.deadCount, 0];
    for (const g of hidden) {
      const s = this.segmentOf[g] as number;
      const flags = dead[s] as Uint8Array;
      const local = g - (this.bases[s] as number);
      if (flags[local] === 1) continue;
      flags[local] = 1;
      deadCount[s] = (deadCount[s] as number) + 1;
    }
    this.commit([...this.segments, segment], [...this.idMaps, map], dead, deadCount);
  }

  /**
   * Indexes new or updated threads and hides deleted ones, as one new segment; returns it for
   * storage. A thread both upserted and removed stays (deletes apply to older segments only).
   */
  apply(upsert: Iterable<ThreadRecord>, remove: Iterable<string> = [], now?: Date): SegmentData {
    const seq = this.nextSeq;
    const segment = buildSegment(upsert, { minSeq: seq, maxSeq: seq }, [...remove], now);
    runAll(this.appendSteps(this.toIndexSegment(segment)));
    return segment;
  }

  /**
   * `apply`, building the segment a slice at a time so that queries run in between (they see
   * the index as it was until the new segment is complete). One write at a time: do not start
   * another apply or merge before this one ends.
   */
  async applyAsync(
    upsert: Iterable<ThreadRecord>,
    remove: Iterable<string> = [],
    options: SliceOptions & { now?: Date } = {},
  ): Promise<SegmentData> {
    const seq = this.nextSeq;
    const segment = await runSliced(
      buildSegmentSteps(upsert, { minSeq: seq, maxSeq: seq }, [...remove], options.now),
      options,
    );
    return this.appendAsync(segment, options);
  }

  /**
   * Adds a segment built for this index's next sequence number (`nextSeq` when its build began:
   * a `SegmentBuilder` fed threads as they arrive), a slice at a time; returns it for storage.
   * Throws if another write added a segment since (one write at a time, as for `applyAsync`).
   */
  async appendAsync(segment: SegmentData, options: SliceOptions = {}): Promise<SegmentData> {
    const seq = segment.minSeq;
    if (this.nextSeq !== seq || segment.maxSeq !== seq) throw new Error('appendAsync: another write ran meanwhile');
    await runSliced(this.appendSteps(this.toIndexSegment(segment)), options);
    if (this.nextSeq !== seq + 1) throw new Error('appendAsync: another write ran meanwhile');
    return segment;
  }

  /** Indexes new or updated threads as a new segment; returns it for storage. */
  add(records: Iterable<ThreadRecord>, now?: Date): SegmentData {
    return this.apply(records, [], now);
  }

  /** Hides threads; returns the (document-less) segment recording it, for storage. */
  remove(ids: Iterable<string>, now?: Date): SegmentData {
    return this.apply([], ids, now);
  }

  /**
   * What to merge next, or null: the recent segments once there are more than `maxRecent`, and
   * everything into the base once the recent ones hold over `baseRatio` of the base's threads.
   * Segments of `fullDocs` threads or more (a rebuild's batches) are never merged again: merging
   * them would hold up queries for seconds. The ones after the last of them are merged as above.
   */
  planMerge(maxRecent = 4, baseRatio = 0.1, fullDocs = 50_000): MergePlan | null {
    let first = 0;
    this.segments.forEach((s, i) => {
      if (s.docs.length >= fullDocs) first = i + 1;
    });
    const tail = this.segments.slice(first);
    if (tail.length < 2) return null;
    const [base, ...recent] = tail as [IndexSegment, ...IndexSegment[]];
    const recentDocs = recent.reduce((n, s) => n + s.docs.length, 0);
    if (recentDocs > base.docs.length * baseRatio || recent.length > maxRecent * 4)
      return { ids: tail.map((s) => s.id) };
    if (recent.length > maxRecent) return { ids: recent.map((s) => s.id) };
    return null;
  }

  /**
   * Merges a run of consecutive segments into one. Returns the new segment and the ids it
   * replaces: store the new one first, then delete the old (a crash in between is harmless:
   * the constructor drops segments another one covers).
   */
  merge(plan: MergePlan, now?: Date): { added: SegmentData; removed: string[] } {
    const { run, first } = this.mergeRunOf(plan);
    const added = mergeSegments(
      run.map((s) => this.residentData(s)),
      (s, local) => (this.dead[first + s] as Uint8Array)[local] === 1,
      first > 0,
      now,
    );
    return runAll(this.replaceRunSteps(plan, added));
  }

  /**
   * `merge` for segments whose postings are in storage: reads them, then merges a slice at a
   * time so that queries run in between (on the segments as they were, until the merge ends).
   * One write at a time: do not start another merge or apply before this one ends.
   */
  async mergeAsync(
    plan: MergePlan,
    options: SliceOptions & { now?: Date } = {},
  ): Promise<{ added: SegmentData; removed: string[] }> {
    const loaded: SegmentData[] = [];
    for (const id of plan.ids) loaded.push(await this.loadSegment(id));
    const { run, first } = this.mergeRunOf(plan);
    const byId = new Map(loaded.map((s) => [s.id, s]));
    const added = await runSliced(
      mergeSegmentsSteps(
        run.map((s) => byId.get(s.id) as SegmentData),
        (s, local) => (this.dead[first + s] as Uint8Array)[local] === 1,
        first > 0,
        options.now,
      ),
      options,
    );
    return runSliced(this.replaceRunSteps(plan, added), options);
  }

  /** The plan's segments, which must be consecutive current ones, and the first one's index. */
  private mergeRunOf(plan: MergePlan): { run: IndexSegment[]; first: number } {
    const indexes = plan.ids.map((id) => this.segments.findIndex((s) => s.id === id)).sort((a, b) => a - b);
    const first = indexes[0] ?? -1;
    if (first < 0 || indexes.some((x, i) => x !== first + i)) throw new Error('merge: not a run of current segments');
    return { run: indexes.map((i) => this.segments[i] as IndexSegment), first };
  }

  /**
   * Puts the merged segment in place of the run it merged. Its ids are read in steps; then the
   * lists are swapped in one small step. The other segments keep their hidden documents as they
   * are (the merged one holds exactly the run's live threads and, after older segments, its
   * deletes), so nothing else is recomputed.
   */
  private *replaceRunSteps(
    plan: MergePlan,
    added: SegmentData,
  ): Generator<void, { added: SegmentData; removed: string[] }> {
    const map = yield* idTableSteps(added.docs);
    const { run, first } = this.mergeRunOf(plan);
    const removed = run.map((s) => s.id);
    for (const id of removed) this.cache.drop(id);
    const end = first + run.length;
    const splice = <T>(list: readonly T[], item: T): T[] => [...list.slice(0, first), item, ...list.slice(end)];
    this.generation++;
    this.commit(
      splice(this.segments, this.toIndexSegment(added)),
      splice(this.idMaps, map),
      splice(this.dead, new Uint8Array(added.docs.length)),
      splice(this.deadCount, 0),
    );
    return { added, removed };
  }

  private ensureScratch(): void {
    if (this.scores.length !== this.totalDocs) {
      this.scores = new Float64Array(this.totalDocs);
      this.masks = new Uint32Array(this.totalDocs);
      this.best = new Float64Array(this.totalDocs);
      this.touched = new Uint32Array(this.totalDocs);
      this.hits = new Uint32Array(this.totalDocs);
      this.deny = new Uint8Array(this.totalDocs);
      this.allow = new Uint8Array(this.totalDocs);
      this.columns = [];
    }
  }

  /** The term's postings in every segment, its live document frequency and idf. */
  private resolveTerm(term: string, cache: Map<string, ResolvedTerm>): ResolvedTerm {
    const cached = cache.get(term);
    if (cached) return cached;
    if (isHashedTerm(term)) return this.resolveHashed(term, cache);
    const refs: TermRef[] = [];
    let df = 0;
    this.segments.forEach((seg, s) => {
      const t = seg.terms.find(term);
      if (t < 0) return;
      refs.push([s, t]);
      if (this.deadCount[s] === 0) df += (seg.offsets[t + 1] as number) - (seg.offsets[t] as number);
      else {
        const dead = this.dead[s] as Uint8Array;
        const { docs, from, to } = this.postings(s, t);
        for (let p = from; p < to; p++) if (dead[docs[p] as number] === 0) df++;
      }
    });
    const n = this.live.size;
    const resolved = { term, refs, df, idf: idfOf(df, n) };
    if (df === 0) resolved.refs = [];
    cache.set(term, resolved);
    return resolved;
  }

  /**
   * `resolveTerm` of a hashed term (hashed-terms.ts): in each segment, the postings of its
   * bucket's term whose check is its own, with the plain term's if the segment has it too (one
   * list per segment, ascending), made here and kept as the term's lists for the running query.
   */
  private resolveHashed(term: string, cache: Map<string, ResolvedTerm>): ResolvedTerm {
    const key = hashedKey(term);
    const bucketTerm = hashedBucketTerm(keyBucket(key));
    const check = keyCheck(key);
    const refs: TermRef[] = [];
    const lists: Postings[] = [];
    let df = 0;
    this.segments.forEach((seg, s) => {
      const plain = seg.terms.find(term);
      const bucket = seg.terms.find(bucketTerm);
      if (plain < 0 && bucket < 0) return;
      const list = checkedPostings(
        plain < 0 ? NO_POSTINGS : this.postings(s, plain),
        bucket < 0 ? NO_POSTINGS : this.postings(s, bucket),
        check,
      );
      if (list.to === 0) return;
      const dead = this.deadCount[s] === 0 ? null : (this.dead[s] as Uint8Array);
      for (let p = 0; p < list.to; p++) if (dead === null || dead[list.docs[p] as number] === 0) df++;
      refs.push([s, plain < 0 ? bucket : plain]);
      lists.push(list);
    });
    const resolved: ResolvedTerm = { term, refs, df, idf: idfOf(df, this.live.size), lists };
    if (df === 0) {
      resolved.refs = [];
      resolved.lists = [];
    }
    cache.set(term, resolved);
    return resolved;
  }

  /**
   * Terms that start with `prefix` (not `prefix` itself), shortest-first in effect since terms are
   * sorted. Capped by count and by postings: once the completions cover as many postings as there
   * are threads, more of them would cost time without changing the top of the list.
   */
  private expandPrefix(prefix: string): string[] {
    // Gathered from all segments and sorted first, so the choice does not depend on how the
    // threads happen to be split into segments.
    const candidates = new Set<string>();
    for (const seg of this.segments) {
      const [from, to] = seg.terms.prefixRange(prefix);
      for (let t = from; t < Math.min(to, from + 4 * MAX_PREFIX_TERMS); t++) candidates.add(seg.terms.term(t));
    }
    candidates.delete(prefix);
    const budget = Math.max(this.live.size, 1000);
    const found: string[] = [];
    let postings = 0;
    for (const term of [...candidates].sort()) {
      if (found.length >= MAX_PREFIX_TERMS || postings > budget) break;
      found.push(term);
      for (const seg of this.segments) {
        const t = seg.terms.find(term);
        if (t >= 0) postings += (seg.offsets[t + 1] as number) - (seg.offsets[t] as number);
      }
    }
    return found;
  }

  /** Index terms nearest to `term` (identifiers are stored whole): only the closest distance found. */
  private expandFuzzy(term: string): string[] {
    const max = term.length >= 8 ? 2 : 1;
    const byDistance: string[][] = [[], [], []];
    // Typos in the first two letters are rare; anchoring there keeps the scan small.
    for (const seg of this.segments) {
      const [from, to] = seg.terms.prefixRange(term.slice(0, 2));
      for (let t = from; t < to; t++) {
        const candidate = seg.terms.term(t);
        if (candidate === term || Math.abs(candidate.length - term.length) > max) continue;
        const d = boundedEditDistance(term, candidate, max);
        if (d <= max && !byDistance[d]?.includes(candidate)) byDistance[d]?.push(candidate);
      }
    }
    return (byDistance.find((list) => list.length > 0) ?? []).slice(0, MAX_FUZZY_TERMS);
  }

  /**
   * Stems of the words one edit away from the word as typed that the index has: `certifcate`
   * finds certificate (stem `certif`), and never `certified`, which is two edits away.
   */
  private expandEdits(word: string, own: string, cache: Map<string, ResolvedTerm>): string[] {
    // Like a spelling corrector: of the words one edit away, the one the forum uses most (a
    // made-up neighbour such as `certifiate` may stem to a real word, `certified`'s stem).
    let best: string[] = [];
    let bestDf = 0;
    const seen = new Set<string>([own]);
    for (const candidate of typoVariants(word)) {
      const stem = stemWord(candidate);
      if (stem === null || seen.has(stem)) continue;
      seen.add(stem);
      const { df } = this.resolveTerm(stem, cache);
      if (df > bestDf) [best, bestDf] = [[stem], df];
      else if (df > 0 && df === bestDf) best.push(stem);
    }
    return best.slice(0, MAX_FUZZY_TERMS);
  }

  /** Words' expansions (completions, typo corrections) already worked out, for the same live threads. */
  private readonly expansions = new Map<string, readonly string[]>();
  private expansionsOf: LiveDocs | null = null;

  /**
   * A word's expansion, worked out once while the index holds the same threads: the words before
   * the one being typed are expanded again on every keystroke (a typo's corrections: ~500 words
   * one edit away, each stemmed and looked up, 2–3 ms at 100k threads). Not kept when a posting
   * block the expansion needed was not in memory (its counts may be wrong until it is read).
   */
  private expanded(key: string, make: () => readonly string[]): readonly string[] {
    if (this.expansionsOf !== this.live) {
      this.expansions.clear();
      this.expansionsOf = this.live;
    }
    const known = this.expansions.get(key);
    if (known) return known;
    const found = make();
    if (!this.missing || this.missing.size === 0) {
      if (this.expansions.size >= 4096) this.expansions.clear();
      this.expansions.set(key, found);
    }
    return found;
  }

  private resolveClause(clause: Clause, cache: Map<string, ResolvedTerm>): ResolvedClause {
    const terms: ResolvedClause['terms'] = [];
    const add = (term: string, boost: number) => {
      const resolved = this.resolveTerm(term, cache);
      if (resolved.refs.length === 0) return;
      const existing = terms.find((t) => t.resolved === resolved);
      if (existing) existing.boost = Math.max(existing.boost, boost);
      else terms.push({ resolved, boost });
    };
    // A word still being typed that completes to something is not a typo.
    let completes = false;
    for (const alt of clause.alternatives) {
      if (alt.mode === 'exact') add(alt.term, alt.boost);
      else if (alt.mode === 'prefix') {
        const completions = this.expanded(`p\0${alt.term}`, () => this.expandPrefix(alt.term));
        completes ||= completions.length > 0;
        for (const term of completions) add(term, alt.boost);
      } else if (alt.mode === 'fuzzy') {
        // An identifier some thread has is not a typo.
        if (!completes && this.resolveTerm(alt.term, cache).df === 0)
          for (const term of this.expanded(`f\0${alt.term}`, () => this.expandFuzzy(alt.term))) add(term, alt.boost);
      } else if (alt.mode === 'edits') {
        const own = stemWord(alt.term);
        if (!completes && own !== null && this.resolveTerm(own, cache).df < FUZZY_BELOW_DF)
          for (const term of this.expanded(`e\0${alt.term}`, () => this.expandEdits(alt.term, own, cache)))
            add(term, alt.boost);
      }
    }
    return { clause, terms };
  }

  /**
   * Adds each clause's best alternative per document into the scores and clause bit masks;
   * returns how many documents it touched (listed in `touched`). The hot loop of every query:
   * typed arrays only, no allocation per posting.
   */
  private scoreClauses(clauses: ResolvedClause[]): number {
    const { scores, masks, best, touched, hits } = this;
    let touchedCount = 0;
    clauses.forEach(({ terms }, i) => {
      const bit = i >= 31 ? 0x80000000 | 0 : 1 << i;
      // One term: no best-of-alternatives bookkeeping needed.
      const single = terms.length === 1;
      let hitCount = 0;
      for (const { resolved, boost } of terms) {
        const factor = resolved.idf * boost;
        this.listsOf(resolved).forEach(({ docs, weights, from, to }, r) => {
          const s = (resolved.refs[r] as TermRef)[0];
          const dead = this.deadCount[s] !== 0 ? (this.dead[s] as Uint8Array) : null;
          const base = this.bases[s] as number;
          if (single)
            touchedCount = addPostings(
              docs,
              weights,
              from,
              to,
              base,
              factor,
              dead,
              bit,
              scores,
              masks,
              touched,
              touchedCount,
            );
          else hitCount = bestPostings(docs, weights, from, to, base, factor, dead, best, hits, hitCount);
        });
      }
      if (!single) touchedCount = addBest(hits, hitCount, best, bit, scores, masks, touched, touchedCount);
    });
    return touchedCount;
  }

  private docAt(g: number): { doc: DocMeta; segment: number; local: number } {
    const segment = this.segmentOf[g] as number;
    const local = g - (this.bases[segment] as number);
    return { doc: (this.segments[segment] as IndexSegment).docs.get(local), segment, local };
  }

  /** The term's posting lists, parallel to `refs` (valid while the query runs). */
  private listsOf(resolved: ResolvedTerm): Postings[] {
    return (resolved.lists ??= resolved.refs.map(([s, t]) => this.postings(s, t)));
  }

  /** Whether document `local` of `segment` has the term (exclusions, matched terms of a result). */
  private hasTerm(resolved: ResolvedTerm, segment: number, local: number): boolean {
    const lists = this.listsOf(resolved);
    for (let i = 0; i < lists.length; i++) {
      if ((resolved.refs[i] as TermRef)[0] !== segment) continue;
      const { docs, from, to } = lists[i] as Postings;
      if (findDoc(docs, from, to, local) >= 0) return true;
    }
    return false;
  }

  /**
   * Runs a query over what is in memory. Never throws on any input string; throws when a
   * segment's postings are in storage and not cached (use `searchAsync`). Quoted phrases are
   * checked word by word with `options.lookup`, or with `options.loadTexts` in `searchAsync`.
   */
  search(input: string, options: SearchOptions = {}): SearchResponse {
    return this.searchWith(input, options);
  }

  private searchWith(input: string, options: RunOptions): SearchResponse {
    const { plan, filters, sort, warnings, errors } = this.prepare(input, options);
    const scope = options.scope?.label ?? null;
    if (errors.length > 0)
      return {
        results: [],
        total: 0,
        codes: plan.codes,
        warnings: [...errors, ...warnings],
        relaxed: false,
        scope,
        error: errors.join('; '),
      };
    return this.run(plan, filters, sortOf(sort, options), warnings, options);
  }

  /**
   * "More like this": threads that share the given thread's rarest terms, weighing error codes,
   * API names and quoted error messages above plain words. The thread itself is left out.
   *
   * A long thread has hundreds of distinct terms, and looking each up in every segment's
   * dictionary took up to 26 ms at 100k threads: one task, which a thread opened meanwhile
   * waited for. So the terms are weighed first, in slices that let other requests run between
   * them, by their postings' lengths (which count a replaced thread's old copy until the next
   * merge); only the best few are then weighed exactly, with the query, in one short task.
   */
  async moreLikeThis(
    record: ThreadRecord,
    options: Pick<SearchOptions, 'limit' | 'userData' | 'lookup'> & {
      slices?: SliceOptions;
      /** Asked between terms: true once the answer is not wanted (another thread was opened); then none is given. */
      cancelled?: () => boolean;
    } = {},
  ): Promise<SearchResponse> {
    const slices = options.slices ?? { sliceMs: LIKE_SLICE_MS };
    const candidates = await runSliced(this.likeCandidates(likeGroups(record), options.cancelled), slices);
    if (candidates === null) return noResults();
    return this.withBlocks(() => this.moreLikeThisInMemory(record, candidates, options));
  }

  /** A group's worth as the query's term: how often the thread uses it, by its rarest term's idf. */
  private likeValue(group: LikeGroup, dfs: readonly number[]): { df: number; value: number } {
    const n = this.live.size;
    let df = 0;
    let idf = 0;
    for (const d of dfs) {
      df += d;
      if (d > 0) idf = Math.max(idf, idfOf(d, n));
    }
    return { df, value: Math.log(1 + group.weight) * idf };
  }

  /** Shared with at least one other thread, and not with a tenth of the forum. */
  private likeRare(df: number): boolean {
    return df >= 2 && df <= Math.max(2, this.live.size / 10);
  }

  /**
   * The rare groups, best first, ranked by their postings' lengths (no block read). With no
   * replaced thread awaiting a merge these are the exact counts.
   */
  private *likeCandidates(groups: LikeGroup[], cancelled?: () => boolean): Generator<unknown, LikeGroup[] | null> {
    const ranked: { group: LikeGroup; value: number }[] = [];
    for (const group of groups) {
      if (cancelled?.()) return null;
      const dfs = [...group.terms].map((term) => this.postingCount(term));
      const { df, value } = this.likeValue(group, dfs);
      if (this.likeRare(df)) ranked.push({ group, value });
      yield;
    }
    return ranked.sort((a, b) => b.value - a.value).map((r) => r.group);
  }

  /** How many postings a term has over all segments, the dead ones included. */
  private postingCount(term: string): number {
    let count = 0;
    for (const seg of this.segments) {
      const t = seg.terms.find(term);
      if (t >= 0) count += (seg.offsets[t + 1] as number) - (seg.offsets[t] as number);
    }
    return count;
  }

  private moreLikeThisInMemory(
    record: ThreadRecord,
    candidates: LikeGroup[],
    options: Pick<SearchOptions, 'limit' | 'userData' | 'lookup'>,
  ): SearchResponse {
    // Twice as many as the query takes are weighed exactly, in the candidates' order; one that a
    // replaced thread's old copy made look shared (the thread's own words, until the merge) is
    // passed over for the next. With no such copy, these are the first twice as many.
    const cache = new Map<string, ResolvedTerm>();
    const exact: (LikeGroup & { value: number })[] = [];
    for (const g of candidates) {
      if (exact.length >= 2 * LIKE_TERMS) break;
      const { df, value } = this.likeValue(
        g,
        [...g.terms].map((term) => this.resolveTerm(term, cache).df),
      );
      if (this.likeRare(df)) exact.push({ ...g, value });
    }
    const picked = exact.sort((a, b) => b.value - a.value).slice(0, LIKE_TERMS);
    // Nothing rare shared: no query (an empty one would match every thread).
    if (picked.length === 0) return noResults();
    const plan: QueryPlan = {
      clauses: picked.map(({ terms, weight }) => ({
        alternatives: [...terms].map((term) => ({ term, mode: 'exact' as const, boost: Math.log(1 + weight) })),
        required: false,
      })),
      excluded: [],
      phrases: [],
      pairs: [],
      codes: [],
    };
    const limit = options.limit ?? 10;
    const self = record.thread.id;
    const response = this.run(plan, [], 'relevance', [], { ...options, limit: limit + 1 });
    // A thread sharing one common-ish word with the best match is not "like" this one.
    const others = response.results.filter((r) => r.id !== self);
    const floor = (others[0]?.score ?? 0) * LIKE_MIN_SHARE;
    const results = others.filter((r) => r.score >= floor).slice(0, limit);
    return { ...response, results, total: results.length };
  }

  private prepare(input: string, options: SearchOptions) {
    const parsed = parseQuery(input, { typing: options.typing ?? true });
    const filters: Filter[] = [...parsed.filters];
    const errors = [...parsed.errors];
    if (options.scope) {
      // The view's own filters, in the query language: the same checks as typed ones.
      const scope = parseQuery(options.scope.query, { typing: false });
      filters.push(...scope.filters);
      errors.push(...scope.errors);
      parsed.filters.push(...scope.filters.filter((f) => f.kind === 'tag' && !f.negated));
    }
    return { plan: planQuery(parsed), filters, sort: parsed.sort, warnings: parsed.warnings, errors };
  }

  /**
   * Runs a query, reading the posting blocks it needs from storage first. The query runs over
   * what is in memory, noting the blocks it missed; those are read and it runs again (a second
   * round only when a term's postings were not cached; more only when reading them changed which
   * terms the query expands to, e.g. a fuzzy match that depends on a live count).
   *
   * A quoted phrase is found by its pair terms (phrase-pairs.ts). With `options.loadTexts` (the
   * app's worker: texts are in IndexedDB), the rows of the page are also checked word by word in
   * their texts; a row that fails (two pairs sharing a hash bucket, or a longer phrase whose pairs
   * stand apart) is left out and the page is filled from the next ones, so no more texts are read
   * than the page shows.
   */
  async searchAsync(input: string, options: SearchOptions = {}): Promise<SearchResponse> {
    const loadTexts = options.loadTexts;
    const phrases =
      loadTexts && !options.lookup
        ? this.prepare(input, options).plan.phrases.filter((p) => tokenize(p).length > 1)
        : [];
    if (!loadTexts || phrases.length === 0) return this.withBlocks(() => this.searchWith(input, options));
    const rejected = new Set<string>();
    for (let round = 0; ; round++) {
      const response = await this.withBlocks(() => this.searchWith(input, { ...options, rejected }));
      // Threads with only some of the words: no phrase to check.
      if (response.relaxed) return response;
      const texts = new Map((await loadTexts(response.results.map((r) => r.id))).map((r) => [r.thread.id, r]));
      const failed = response.results.filter((r) => {
        const record = texts.get(r.id);
        return record !== undefined && !phrases.every((p) => hasPhrase(recordText(record), p));
      });
      if (failed.length === 0) return response;
      for (const r of failed) rejected.add(r.id);
      if (round >= PHRASE_ROUNDS)
        return {
          ...response,
          results: response.results.filter((r) => !rejected.has(r.id)),
          total: Math.max(0, response.total - failed.length),
        };
    }
  }

  /** `searchAsync` with `loadTexts`. */
  searchWithTexts(input: string, loadTexts: LoadTexts, options: SearchOptions = {}): Promise<SearchResponse> {
    return this.searchAsync(input, { ...options, loadTexts });
  }

  /** Runs `query` (synchronous, over memory) until no posting block it needed was missing. */
  private async withBlocks(query: () => SearchResponse): Promise<SearchResponse> {
    const pinned = new Map<string, PostingBlock>();
    try {
      for (let round = 0; ; round++) {
        const missing = new Map<string, [IndexSegment, number]>();
        this.missing = missing;
        this.pinned = pinned;
        // Synchronous: no other query can run in between and see this one's pins.
        const response = query();
        this.missing = null;
        this.pinned = new Map();
        if (missing.size === 0) return response;
        if (round >= 8) throw new Error('search: posting blocks kept missing');
        await Promise.all(
          [...missing].map(async ([key, [segment, b]]) => {
            const block = await this.readBlock(segment, b);
            pinned.set(key, block);
            this.cache.set(key, block);
          }),
        );
      }
    } finally {
      this.missing = null;
    }
  }

  private run(
    plan: QueryPlan,
    filters: Filter[],
    sort: SortKey,
    warnings: string[],
    options: RunOptions,
  ): SearchResponse {
    const user = options.userData ?? NO_USER_DATA;
    const limit = Math.max(0, options.limit ?? 50);
    const offset = Math.max(0, options.offset ?? 0);
    const scope = options.scope?.label ?? null;
    this.ensureScratch();
    const cache = new Map<string, ResolvedTerm>();
    const clauses = plan.clauses.map((c) => this.resolveClause(c, cache));
    // A code typed that no thread has (nor its symbol or message): say so, rather than relaxing
    // to threads that merely contain `code`.
    const missing = clauses.find((c) => c.clause.code !== undefined && c.clause.required && c.terms.length === 0);
    if (missing) {
      const meaning = plan.codes.find((i) => i.code === missing.clause.code);
      const what = meaning ? ` (${meaning.symbol})` : '';
      return {
        results: [],
        total: 0,
        codes: plan.codes,
        warnings: [...warnings, `No thread contains ${missing.clause.code as string}${what}.`],
        relaxed: false,
        scope,
        error: null,
      };
    }
    const lookup = options.lookup;
    // Tag clauses are required and never relaxed, so a tag: filter needs no check of its own;
    // everything else narrows the query to sets of threads before anything is scored.
    const narrowing = this.narrow(
      plan,
      filters.filter((f) => f.kind !== 'tag' || f.negated),
      user,
      cache,
      options,
    );
    const { deny, allow } = this;
    const { only, phraseDocs } = narrowing;
    for (const set of narrowing.deny) for (let i = 0; i < set.length; i++) deny[set[i] as number] = 1;
    if (only) for (let i = 0; i < only.length; i++) allow[only[i] as number] = ONLY;
    if (phraseDocs)
      for (let i = 0; i < phraseDocs.length; i++) {
        const g = phraseDocs[i] as number;
        allow[g] = (allow[g] as number) | PHRASE;
      }
    const phrases = lookup ? plan.phrases.filter((p) => p.trim().length > 0) : [];
    // Only the requested page is ever sorted: a common word can match most of the forum.
    const top = new TopK(offset + limit, sort, (g) => {
      const segment = this.segmentOf[g] as number;
      return (this.segments[segment] as IndexSegment).docs.id(g - (this.bases[segment] as number));
    });
    let touchedCount = 0;
    let relaxed = false;
    let total = 0;
    try {
      const columns = narrowing.columns;
      const cols = columns ? this.segments.map((s) => this.columnsOf(s)) : [];
      const denied = narrowing.deny.length > 0;
      const { segmentOf, bases, dead } = this;
      // A hit that cannot make the page is told by its sort key and activity, read from columns,
      // before its metadata is touched.
      const all = this.segments.map((seg) => this.columnsOf(seg));
      const time = all.map((c) => c.time);
      const views = all.map((c) => c.views);
      /** Offers a hit to the page by its columns: its metadata is read only if it makes the page. */
      const offer = (g: number, segment: number, local: number, score: number) =>
        top.offer(
          g,
          score,
          sortKey(score, sortColumns[segment], local),
          known((time[segment] as Float64Array)[local] as number),
          known((views[segment] as Float64Array)[local] as number),
        );
      const sortColumns = all.map((c) => (sort === 'relevance' ? null : sort === 'activity' ? c.time : c[sort]));
      /** What `allow` must say of a thread: in the filters' sets, and (unless relaxed) having the phrases' pairs. */
      let need = (only ? ONLY : 0) | (phraseDocs ? PHRASE : 0);
      /** Whether document `g` passes the filters, exclusions and phrase pairs (scores aside). */
      const passes = (g: number, segment: number, local: number): boolean =>
        !(denied && deny[g] === 1) &&
        ((allow[g] as number) & need) === need &&
        !(columns && !passesColumns(cols[segment] as DocColumns, local, columns));
      if (clauses.length === 0) {
        // Filters only: no scores, so the page is the first threads in the list's order, picked
        // by the page's own sort (TopK) in one pass over the candidates or every live thread.
        // (Sorting every thread once and keeping the order made the first such query after each
        // change of the index sort them all: ~200 ms at 100k threads, after every write of an import.)
        const visit = (g: number, segment: number, local: number) => {
          if ((dead[segment] as Uint8Array)[local] === 1 || !passes(g, segment, local)) return;
          total++;
          if (top.rejects(sortKey(0, sortColumns[segment], local), 0, time[segment] as Float64Array, local)) return;
          offer(g, segment, local, 0);
        };
        if (only)
          for (let i = 0; i < only.length; i++) {
            const g = only[i] as number;
            const segment = segmentOf[g] as number;
            visit(g, segment, g - (bases[segment] as number));
          }
        else
          for (let segment = 0; segment < this.segments.length; segment++) {
            const base = bases[segment] as number;
            const docs = (this.segments[segment] as IndexSegment).docs.length;
            for (let local = 0; local < docs; local++) visit(base + local, segment, local);
          }
      } else {
        const narrowed = only && phraseDocs ? intersectAll([only, phraseDocs]) : (only ?? phraseDocs);
        // Most queries: threads with every required clause exist, so nothing is relaxed; they are
        // found document by document (query-conjunctive.ts), the same answer as scoring every posting.
        const conjunctive = this.queryPath === 'exhaustive' ? null : this.conjunctive(clauses);
        const checkAll = phrases.length > 0 && !!lookup;
        const direct =
          conjunctive && (this.queryPath === 'conjunctive' || prefersConjunctive(conjunctive, narrowed?.length ?? null))
            ? matchEvery({
                clauses: conjunctive,
                bases,
                dead: this.dead.map((d, s) => (this.deadCount[s] === 0 ? null : d)),
                segmentOf,
                candidates: narrowed,
                dense: this.best,
                hits: this.hits,
                spill: this.touched,
                column: (i, length) => this.columnScratch(i, length),
                deny: denied ? deny : null,
                allow,
                need,
                ranges: (columns?.tests ?? []).map((t) => ({ ...t, columns: cols.map((c) => c[t.column]) })),
                flags:
                  columns && (columns.flagsOn !== 0 || columns.flagsOff !== 0)
                    ? { columns: cols.map((c) => c.flags), on: columns.flagsOn, off: columns.flagsOff }
                    : null,
                accept: checkAll
                  ? (_g, segment, local) => {
                      const text = recordText(lookup(this.docOf(segment, local).id));
                      return text === null || phrases.every((p) => hasPhrase(text, p));
                    }
                  : null,
                sortColumns: sort === 'relevance' ? null : sortColumns,
                offer: (g, segment, local, score) => {
                  if (
                    !top.rejects(
                      sortKey(score, sortColumns[segment], local),
                      score,
                      time[segment] as Float64Array,
                      local,
                    )
                  )
                    offer(g, segment, local, score);
                  return top.floor;
                },
              })
            : null;
        total = direct?.counted ?? 0;
        if (!direct || direct.matched === 0) {
          touchedCount =
            narrowed && this.cheaperByLookup(narrowed, clauses)
              ? this.scoreDocs(clauses, narrowed)
              : this.scoreClauses(clauses);
          const { masks, touched, scores } = this;
          const bits = (keep: (c: Clause) => boolean) =>
            clauses.reduce((m, c, i) => (keep(c.clause) && i < 32 ? m | (2 ** i) : m), 0) >>> 0;
          const required = bits((c) => c.required);
          const words = bits((c) => !c.filter);
          const tagBits = bits((c) => !!c.filter);
          const accept = (mask: number) => (mask & required) >>> 0 === required;
          let any = false;
          for (let i = 0; i < touchedCount && !any; i++) any = accept(masks[touched[i] as number] as number);
          const mayRelax = clauses.filter((c) => !c.clause.filter).length > 1;
          if (!any && narrowed && mayRelax && (touchedCount > 0 || phraseDocs)) {
            // Whether to relax depends on the whole forum, not on the threads the filters leave.
            this.clearScratch(touchedCount);
            touchedCount = this.scoreClauses(clauses);
            for (let i = 0; i < touchedCount && !any; i++) any = accept(masks[touched[i] as number] as number);
          }
          // Nothing has every word: fall back to threads with some (tag filters still apply), and
          // phrases are not required either.
          if (!any && mayRelax) {
            relaxed = touchedCount > 0;
            need &= ~PHRASE;
          }
          const checkPhrases = !relaxed && phrases.length > 0 && !!lookup;
          // Threads excluded or outside the filters' sets lose their clause mask: no hit loop sees them.
          if (denied)
            for (const set of narrowing.deny) for (let i = 0; i < set.length; i++) masks[set[i] as number] = 0;
          if (need !== 0) dropUnless(touched, touchedCount, allow, need, masks);
          // Without column filters, most hits are ruled out by their score alone, before touching the doc.
          const plain = !columns && !checkPhrases;
          // What a thread's clause mask must hold: every required clause, or (relaxed) a word and every tag.
          const every = relaxed ? tagBits : required;
          const some = relaxed ? words : 0xffffffff;
          const k = offset + limit;
          // By relevance without filters: count in a tight loop, and offer the page only the hits
          // that may make it.
          let counted = false;
          if (plain && sort === 'relevance' && k > 0) {
            const out = new Uint32Array(Math.max(1024, 4 * k));
            const hits = topHits(
              touched,
              touchedCount,
              masks,
              scores,
              every,
              some,
              k,
              out,
              new Float64Array(out.length),
            );
            if (!hits.overflow) {
              counted = true;
              total = hits.total;
              for (let i = 0; i < hits.picked; i++) {
                const g = out[i] as number;
                const segment = segmentOf[g] as number;
                offer(g, segment, g - (bases[segment] as number), scores[g] as number);
              }
            }
          }
          for (let i = 0; i < touchedCount && !counted; i++) {
            const g = touched[i] as number;
            const mask = masks[g] as number;
            if ((mask & every) >>> 0 !== every || (mask & some) === 0) continue;
            const segment = segmentOf[g] as number;
            const local = g - (bases[segment] as number);
            const score = scores[g] as number;
            if (!plain) {
              if (!passes(g, segment, local)) continue;
              if (checkPhrases) {
                const text = recordText(lookup(this.docOf(segment, local).id));
                if (text !== null && !phrases.every((p) => hasPhrase(text, p))) continue;
              }
            }
            total++;
            if (top.rejects(sortKey(score, sortColumns[segment], local), score, time[segment] as Float64Array, local))
              continue;
            offer(g, segment, local, score);
          }
        }
      }
      const page = top.sorted().slice(offset);
      const results = page.map(({ score, g }) => {
        const { segment, local } = this.docAt(g);
        const doc = this.docOf(segment, local);
        const matched = new Set<string>();
        for (const { terms } of clauses)
          for (const { resolved } of terms) if (this.hasTerm(resolved, segment, local)) matched.add(resolved.term);
        const result: SearchResult = {
          id: doc.id,
          title: null,
          score: Math.round(score * 1e4) / 1e4,
          tags: doc.tags,
          author: doc.author,
          views: doc.views,
          replies: doc.replies,
          boosts: doc.boosts,
          time: doc.time,
          resource: doc.resource,
          answered: doc.answered,
          matchedTerms: [...matched],
          titleHighlights: [],
          snippet: null,
        };
        const record = lookup?.(doc.id);
        if (record) showThread(result, record);
        return result;
      });
      return { results, total, codes: plan.codes, warnings, relaxed, scope, error: null };
    } finally {
      this.clearScratch(touchedCount);
      for (const set of narrowing.deny) for (let i = 0; i < set.length; i++) deny[set[i] as number] = 0;
      if (only) for (let i = 0; i < only.length; i++) allow[only[i] as number] = 0;
      if (phraseDocs) for (let i = 0; i < phraseDocs.length; i++) allow[phraseDocs[i] as number] = 0;
    }
  }

  /**
   * The clauses as `matchEvery` reads them, or null when the query is not for it: no required
   * clause (more like this), a required clause no thread has (the query may relax), or more
   * clauses than the exhaustive path has bits for.
   */
  private conjunctive(clauses: ResolvedClause[]): ConjunctiveClause[] | null {
    if (clauses.length > 31 || !clauses.some((c) => c.clause.required)) return null;
    if (clauses.some((c) => c.clause.required && c.terms.length === 0)) return null;
    return clauses.map(({ clause, terms }) => ({
      required: clause.required,
      terms: terms.map(({ resolved, boost }) => ({
        factor: resolved.idf * boost,
        lists: this.listsOf(resolved).map(({ docs, weights, from, to }, i) => ({
          segment: (resolved.refs[i] as TermRef)[0],
          docs,
          weights,
          from,
          to,
        })),
      })),
    }));
  }

  /** The i-th scratch column of `matchEvery`, at least `length` long (grown as queries need). */
  private columnScratch(i: number, length: number): Float64Array {
    let column = this.columns[i];
    if (!column || column.length < length) {
      column = new Float64Array(Math.min(this.totalDocs, Math.max(length, 2 * (column?.length ?? 0), 1024)));
      this.columns[i] = column;
    }
    return column;
  }

  private clearScratch(touchedCount: number): void {
    for (let i = 0; i < touchedCount; i++) {
      const g = this.touched[i] as number;
      this.scores[g] = 0;
      this.masks[g] = 0;
    }
  }

  /** A document's metadata. */
  private docOf(segment: number, local: number): DocMeta {
    return (this.segments[segment] as IndexSegment).docs.get(local);
  }

  private columnsOf(seg: IndexSegment): DocColumns {
    return docColumns(seg.docs, seg.docs.length, (local) => seg.docs.get(local));
  }

  /** Whether every segment with threads has pair terms (segments built before them have none). */
  private pairsIndexed(): boolean {
    return this.segments.every((seg) => {
      if (seg.docs.length === 0) return true;
      const [from, to] = seg.terms.prefixRange(PAIR_PREFIX);
      return to > from;
    });
  }

  /** The live documents with the term, ascending. */
  private termDocs(resolved: ResolvedTerm): Uint32Array {
    const out = new Uint32Array(resolved.df);
    let n = 0;
    resolved.refs.forEach(([s], i) => {
      const dead = this.dead[s] as Uint8Array;
      const anyDead = this.deadCount[s] !== 0;
      const base = this.bases[s] as number;
      const { docs, from, to } = this.listsOf(resolved)[i] as Postings;
      for (let p = from; p < to && n < out.length; p++) {
        const local = docs[p] as number;
        if (!anyDead || dead[local] === 0) out[n++] = base + local;
      }
    });
    return out.subarray(0, n);
  }

  /** The live documents with every one of the terms. */
  private docsWithAll(terms: readonly string[], cache: Map<string, ResolvedTerm>): Uint32Array {
    return intersectAll(terms.map((t) => this.termDocs(this.resolveTerm(t, cache)))) ?? new Uint32Array(0);
  }

  /**
   * The user's bookmarks and notes (`is:bookmarked`, `has:notes`) as document sets, kept while the
   * same set (same object, same size: the app's worker replaces its view when the data changes)
   * is asked of the same live threads: 2,000 bookmarks cost ~0.7 ms of id lookups per query.
   */
  private readonly idSets = new WeakMap<object, { live: LiveDocs; size: number; docs: Uint32Array }>();

  private docsOfUserSet(ids: Iterable<string>): Uint32Array {
    if (!(ids instanceof Set)) return this.docsOfIds(ids);
    const known = this.idSets.get(ids);
    if (known && known.live === this.live && known.size === ids.size) return known.docs;
    const docs = this.docsOfIds(ids);
    this.idSets.set(ids, { live: this.live, size: ids.size, docs });
    return docs;
  }

  /**
   * `label:` sets, kept as `idSets` are: while the view's map of labels is the same object of the
   * same size (the worker makes a new view when bookmarks change) and the live threads the same.
   * Finding a label's threads reads every labelled thread's labels and looks their ids up.
   */
  private readonly labelSets = new WeakMap<object, { live: LiveDocs; size: number; sets: Map<string, Uint32Array> }>();

  private labelDocs(filter: Filter & { kind: 'label' }, user: UserDataView): Uint32Array {
    const labels = user.labelsByThread;
    let known = this.labelSets.get(labels);
    if (!known || known.live !== this.live || known.size !== labels.size) {
      known = { live: this.live, size: labels.size, sets: new Map() };
      this.labelSets.set(labels, known);
    }
    let docs = known.sets.get(filter.value);
    if (!docs) {
      if (known.sets.size >= 8) known.sets.clear();
      docs = this.docsOfIds(userDataIds(filter, user) ?? []);
      known.sets.set(filter.value, docs);
    }
    return docs;
  }

  private docsOfIds(ids: Iterable<string>): Uint32Array {
    const out: number[] = [];
    for (const id of ids) {
      const g = this.live.get(id);
      if (g !== undefined) out.push(g);
    }
    return docSet(out);
  }

  /**
   * `author:` sets by the name typed, for the same live threads (as `idSets`): a prolific author's
   * threads (Quinn wrote a fifth of the bench's forum) were gathered and sorted at every keystroke,
   * 2.5 ms of a 3 ms query at 100k threads.
   */
  private authorSets: { live: LiveDocs; sets: Map<string, Uint32Array> } | null = null;

  private authorDocs(filter: Filter & { kind: 'author' }): Uint32Array {
    if (this.authorSets?.live !== this.live) this.authorSets = { live: this.live, sets: new Map() };
    const sets = this.authorSets.sets;
    let docs = sets.get(filter.value);
    if (!docs) {
      if (sets.size >= 8) sets.clear();
      sets.set(filter.value, (docs = this.gatherAuthorDocs(filter)));
    }
    return docs;
  }

  private gatherAuthorDocs(filter: Filter & { kind: 'author' }): Uint32Array {
    const out: number[] = [];
    this.segments.forEach((seg, s) => {
      const { authors } = this.columnsOf(seg);
      const dead = this.dead[s] as Uint8Array;
      const base = this.bases[s] as number;
      for (const author of matchingAuthors(filter, authors.keys()))
        for (const local of authors.get(author) ?? []) if (dead[local] === 0) out.push(base + local);
    });
    return docSet(out);
  }

  /**
   * What narrows a query before scoring: the threads it is limited to (phrase pairs, user data,
   * authors), the threads it excludes (`-word`, `-"phrase"`, `-tag:X`, negated filters, rows that
   * failed a phrase check) and the filters read from the metadata columns.
   */
  private narrow(
    plan: QueryPlan,
    filters: Filter[],
    user: UserDataView,
    cache: Map<string, ResolvedTerm>,
    options: RunOptions,
  ): {
    only: Uint32Array | null;
    phraseDocs: Uint32Array | null;
    deny: Uint32Array[];
    columns: ColumnFilters | null;
  } {
    const sets: Uint32Array[] = [];
    const deny: Uint32Array[] = [];
    const pairs = plan.pairs.length > 0 || plan.excluded.some((e) => e.pairs.length > 0) ? this.pairsIndexed() : false;
    const phraseDocs = pairs && plan.pairs.length > 0 ? this.docsWithAll(plan.pairs, cache) : null;
    for (const f of filters) {
      let docs: Uint32Array | null = null;
      if (f.kind === 'tag') docs = this.termDocs(this.resolveTerm(tagTerm(f.value), cache));
      else if (f.kind === 'author') docs = this.authorDocs(f);
      else if (f.kind === 'label') docs = this.labelDocs(f, user);
      else {
        const ids = userDataIds(f, user);
        if (ids) docs = this.docsOfUserSet(ids);
      }
      if (docs) ('negated' in f && f.negated ? deny : sets).push(docs);
    }
    const lookup = options.lookup;
    for (const { terms, phrase, pairs: phrasePairs } of plan.excluded) {
      let docs = this.docsWithAll(pairs ? [...terms, ...phrasePairs] : terms, cache);
      // A phrase excludes only the threads that have it word by word in order, when the text is at hand.
      if (phrase !== null && lookup)
        docs = docs.filter((g) => {
          const { segment, local } = this.docAt(g);
          return hasPhrase(recordText(lookup(this.docOf(segment, local).id)), phrase);
        });
      deny.push(docs);
    }
    if (options.rejected && options.rejected.size > 0) deny.push(this.docsOfIds(options.rejected));
    return { only: intersectAll(sets), phraseDocs, deny, columns: columnFilters(filters) };
  }

  /** Scoring the candidates one by one beats reading the clauses' whole posting lists. */
  private cheaperByLookup(only: Uint32Array, clauses: ResolvedClause[]): boolean {
    let postings = 0;
    let lists = 0;
    for (const { terms } of clauses)
      for (const { resolved } of terms)
        for (const [s, t] of resolved.refs) {
          const seg = this.segments[s] as IndexSegment;
          postings += (seg.offsets[t + 1] as number) - (seg.offsets[t] as number);
          lists++;
        }
    return only.length * lists * 24 < postings * this.segments.length;
  }

  /**
   * `scoreClauses` for the given documents only: each clause's best alternative found by a
   * binary search in its posting lists. Returns how many of them matched a clause.
   */
  private scoreDocs(clauses: ResolvedClause[], docs: Uint32Array): number {
    const { scores, masks, touched, segmentOf, bases, dead } = this;
    const plans = clauses.map(({ terms }) =>
      terms.flatMap(({ resolved, boost }) =>
        this.listsOf(resolved).map((list, i) => ({
          ...list,
          s: (resolved.refs[i] as TermRef)[0],
          factor: resolved.idf * boost,
        })),
      ),
    );
    let touchedCount = 0;
    for (let d = 0; d < docs.length; d++) {
      const g = docs[d] as number;
      const segment = segmentOf[g] as number;
      const local = g - (bases[segment] as number);
      if ((dead[segment] as Uint8Array)[local] === 1) continue;
      let mask = 0;
      let score = 0;
      for (let c = 0; c < plans.length; c++) {
        let best = 0;
        for (const list of plans[c] as (Postings & { s: number; factor: number })[]) {
          if (list.s !== segment) continue;
          const p = findDoc(list.docs, list.from, list.to, local);
          if (p >= 0) best = Math.max(best, (list.weights[p] as number) * list.factor);
        }
        if (best > 0) {
          score += best;
          mask |= c >= 31 ? 0x80000000 | 0 : 1 << c;
        }
      }
      if (mask === 0) continue;
      touched[touchedCount++] = g;
      scores[g] = score;
      masks[g] = mask;
    }
    return touchedCount;
  }
}

/** A hit's first key in `TopK`: its rounded score, or the sort column's value (-Infinity when unknown). */
function sortKey(score: number, column: Float64Array | null | undefined, local: number): number {
  if (!column) return Math.round(score * 1e6);
  return known(column[local] as number);
}

/** A column's value as `TopK` compares it: unknown (NaN, a null in the metadata) is -Infinity. */
function known(v: number): number {
  return Number.isNaN(v) ? -Infinity : v;
}

/** Where `local` is in `docs[from..to)` (ascending), or -1. */
function findDoc(docs: Uint32Array, from: number, to: number, local: number): number {
  let lo = from;
  let hi = to - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const d = docs[mid] as number;
    if (d === local) return mid;
    if (d < local) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The list's own order wins over the query's `sort:`, unless the list is by relevance. */
function sortOf(querySort: SortKey, options: SearchOptions): SortKey {
  return options.sort && options.sort !== 'relevance' ? options.sort : querySort;
}

/** A hit with its sort keys precomputed: compared many times while the page fills. */
interface Hit {
  g: number;
  score: number;
  /** The sort field (or the score, rounded so near-equal scores tie), then score, activity, views. */
  k1: number;
  k2: number;
  k3: number;
  k4: number;
  /** The thread's id, read when a tie came down to it. */
  id: string | undefined;
}

/**
 * The best `k` hits seen so far, kept sorted; most offers lose to the worst without allocating.
 * Hits are compared by the columns' values (unknown ones as -Infinity); scores equal to 6 digits
 * are ties, broken by activity, then views, then id (stable pages), which is read only for a tie.
 */
class TopK {
  private readonly items: Hit[] = [];
  constructor(
    private readonly k: number,
    private readonly sort: SortKey,
    private readonly idOf: (g: number) => string,
  ) {
    if (k === 0) this.worstK1 = Infinity;
  }

  /** The last hit of a full page: its first key and activity (else -Infinity). */
  private worstK1 = -Infinity;
  private worstK2 = -Infinity;
  private worstTime = -Infinity;

  /**
   * True when a hit with this first key (`sortKey`), score and activity (NaN: unknown) cannot make
   * the page, whatever else it has: the cheap test before `offer`.
   */
  rejects(k1: number, score: number, time: Float64Array, local: number): boolean {
    if (k1 !== this.worstK1) return k1 < this.worstK1;
    const k2 = Math.round(score * 1e6);
    if (k2 !== this.worstK2) return k2 < this.worstK2;
    const t = time[local] as number;
    return (Number.isNaN(t) ? -Infinity : t) < this.worstTime;
  }

  /** The hit being offered, and its id once a tie needed it. */
  private offered = -1;
  private offeredId: string | undefined = undefined;

  /** Whether `a` ranks before the hit being offered. */
  private before(a: Hit, k1: number, k2: number, k3: number, k4: number): boolean {
    if (a.k1 !== k1) return a.k1 > k1;
    if (a.k2 !== k2) return a.k2 > k2;
    if (a.k3 !== k3) return a.k3 > k3;
    if (a.k4 !== k4) return a.k4 > k4;
    a.id ??= this.idOf(a.g);
    this.offeredId ??= this.idOf(this.offered);
    return a.id < this.offeredId;
  }

  /** A hit with its first key (`sortKey`), activity and views (unknown: -Infinity). */
  offer(g: number, score: number, k1: number, time: number, views: number): void {
    if (this.k === 0) return;
    const rounded = Math.round(score * 1e6);
    this.offered = g;
    this.offeredId = undefined;
    const items = this.items;
    const worst = items[this.k - 1];
    if (worst && this.before(worst, k1, rounded, time, views)) return;
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.before(items[mid] as Hit, k1, rounded, time, views)) lo = mid + 1;
      else hi = mid;
    }
    items.splice(lo, 0, { g, score, k1, k2: rounded, k3: time, k4: views, id: this.offeredId });
    if (items.length > this.k) items.pop();
    if (items.length === this.k) {
      const last = items[this.k - 1] as Hit;
      this.worstK1 = last.k1;
      this.worstK2 = last.k2;
      this.worstTime = last.k3;
    }
  }

  sorted(): Hit[] {
    return this.items;
  }

  /**
   * The first key a hit must reach to make the page (-Infinity until the page is full): by
   * relevance its score in millionths (below it, the rounded score is below the last hit's),
   * else the sort column's value (-Infinity when unknown), as `sortKey` gives it.
   */
  get floor(): number {
    return this.sort === 'relevance' ? this.worstK1 - 0.5 : this.worstK1;
  }

  /** The page is full: a later hit only gets in by ranking before one already in. */
  get full(): boolean {
    return this.items.length >= this.k;
  }
}
