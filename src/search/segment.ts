/**
 * An immutable piece of the index: threads' metadata plus an inverted index (sorted terms, each
 * with a run of postings). Segments are built once, persisted as is and merged later.
 *
 * Why not a Lunr index per segment: Lunr bakes each segment's own idf into its document vectors,
 * so scores from different segments are not comparable, and at 100k threads its builder needs
 * ~200 s and ~5 GB. Here a posting holds only a per-document term weight that does not depend on
 * the rest of the segment (BM25F with fixed average field lengths); idf is computed at query time
 * from all segments together. So a thread scores the same whichever segment holds it, and merging
 * segments is concatenating postings. Lunr still provides the stemmer and stop-word list.
 */
import type { ThreadRecord } from '../model';
import { DocTableBuilder, type PackedDocTable } from './doc-table';
import { docFields, docMeta, normalizeName, type DocFields } from './doc-meta';
import { PackedStringsBuilder } from './packed-strings';
import { runAll } from './slices';
import { TermNumbers } from './build-terms';
import { FrontCodedWriter, PackedTermDictionary } from './term-dictionary';
import { PairBuckets, pairBucketTerm } from './phrase-pairs';
import { HASHED_BUCKETS, hashedBucketTerm, hashedKey, isHashedTerm, keyBucket, keyCheck } from './hashed-terms';
import {
  EntryList,
  entryRecords,
  entryTemplate,
  F_CONTEXT_TERM,
  F_PAIRS,
  F_TERMS_SHIFT,
  R_EPOCH,
  R_FLAGS,
  R_IDS,
  R_PAIR_HASH,
  RECORD,
  tokenEntries,
  tokenTableGeneration,
} from './tokenizer';
import type { TokenTemplate } from './tokenizer';

/**
 * 3: Japanese and Chinese split into words, context terms for error messages and domain codes
 * (tokenization changed: older segments are dropped and rebuilt).
 * 4: terms packed as UTF-8 in byte order, threads' metadata in columns (segment-codec.ts).
 * 5: terms front-coded in blocks of 16 (term-dictionary.ts); adjacent-word pair terms for phrases
 *    (phrase-pairs.ts).
 * 6: long hex and decimal numbers in bucket terms (hashed-terms.ts), a run of hex digits one term
 *    (tokenization changed: older segments are dropped and rebuilt).
 * 7: no titles in the threads' metadata (doc-table.ts); older segments are dropped and rebuilt.
 */
export const SEGMENT_FORMAT = 7;

/** The persisted form: structured-clonable (IndexedDB, postMessage) and encodable to bytes. */
export interface SegmentData {
  format: typeof SEGMENT_FORMAT;
  /** `seg-<minSeq>-<maxSeq>`. */
  id: string;
  /** The import sequence numbers this segment covers; later sequence numbers win. */
  minSeq: number;
  maxSeq: number;
  createdAt: string;
  docs: PackedDocTable;
  /** Thread ids removed from older segments when this one was made. */
  deletes: string[];
  /** The terms, sorted (UTF-8 byte order). */
  terms: PackedTermDictionary;
  /** Postings of `terms[i]` are `offsets[i] .. offsets[i + 1]`. */
  offsets: Uint32Array;
  /** Local document numbers, ascending within a term. */
  postingDocs: Uint32Array;
  /**
   * The saturated, field-weighted term frequency (BM25F without idf); for a hashed bucket term,
   * the check of the hashed term the posting is for (hashed-terms.ts).
   */
  postingWeights: Float32Array;
}

/**
 * The resident part of a segment: everything but the postings, which stay in storage in blocks
 * (as a search engine's postings stay in segment files on disk) and are read term by term.
 * `offsets` still gives each term's posting count (its df) without reading a block.
 */
export interface SegmentDictionary extends Omit<SegmentData, 'postingDocs' | 'postingWeights'> {
  /** Block `b` holds the postings of terms `blocks[b] .. blocks[b + 1]`; its first is `offsets[blocks[b]]`. */
  blocks: Uint32Array;
}

/** The postings of one block's terms, in term order (positions relative to the block's first). */
export interface PostingBlock {
  docs: Uint32Array;
  weights: Float32Array;
}

/**
 * Postings per block: 32k postings are 256 KB, one IndexedDB read of a few milliseconds; a term
 * with more postings than that gets a block of its own.
 */
export const BLOCK_POSTINGS = 1 << 15;

/** Where the blocks start: runs of whole terms of at most `BLOCK_POSTINGS` postings (or one term). */
export function blockStarts(offsets: Uint32Array, maxPostings = BLOCK_POSTINGS): Uint32Array {
  const terms = offsets.length - 1;
  const starts: number[] = [0];
  let first = 0;
  for (let t = 0; t < terms; t++) {
    if (t > first && (offsets[t + 1] as number) - (offsets[first] as number) > maxPostings) {
      starts.push(t);
      first = t;
    }
  }
  if (terms > 0) starts.push(terms);
  return Uint32Array.from(starts);
}

/** The segment without its postings, with the block table. */
export function segmentDictionary(segment: SegmentData, maxPostings = BLOCK_POSTINGS): SegmentDictionary {
  const { postingDocs: _docs, postingWeights: _weights, ...rest } = segment;
  return { ...rest, blocks: blockStarts(segment.offsets, maxPostings) };
}

/** Block `b` of a segment's postings, copied (so keeping it does not keep the whole segment). */
export function postingBlock(segment: SegmentData, blocks: Uint32Array, b: number): PostingBlock {
  const from = segment.offsets[blocks[b] as number] as number;
  const to = segment.offsets[blocks[b + 1] as number] as number;
  return { docs: segment.postingDocs.slice(from, to), weights: segment.postingWeights.slice(from, to) };
}

/** A segment as storage keeps it: the resident dictionary, and the postings cut into blocks. */
export function storedSegment(
  segment: SegmentData,
  maxPostings = BLOCK_POSTINGS,
): { dictionary: SegmentDictionary; blocks: PostingBlock[] } {
  const dictionary = segmentDictionary(segment, maxPostings);
  const blocks: PostingBlock[] = [];
  for (let b = 0; b + 1 < dictionary.blocks.length; b++) blocks.push(postingBlock(segment, dictionary.blocks, b));
  return { dictionary, blocks };
}

/** The block holding term `t`. */
export function blockOf(blocks: Uint32Array, t: number): number {
  let lo = 0;
  let hi = blocks.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((blocks[mid] as number) <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Field weights and the average lengths BM25F normalises by; fixed so segments agree. */
const FIELDS: { name: keyof DocFields; weight: number; avgLength: number; b: number }[] = [
  { name: 'title', weight: 6, avgLength: 8, b: 0.3 },
  { name: 'tags', weight: 2, avgLength: 4, b: 0 },
  { name: 'body', weight: 1.5, avgLength: 120, b: 0.75 },
  { name: 'replies', weight: 1, avgLength: 300, b: 0.75 },
];
const K1 = 1.2;

/**
 * Tags are indexed as terms too (text never yields a term starting with \u0001), so `tag:X`
 * reads one posting list instead of checking every thread.
 */
export function tagTerm(tag: string): string {
  return `\u0001tag:${normalizeName(tag)}`;
}

export function segmentId(minSeq: number, maxSeq: number): string {
  const pad = (n: number) => String(n).padStart(8, '0');
  return `seg-${pad(minSeq)}-${pad(maxSeq)}`;
}

let buildEpoch = 0;

/** Postings per chunk while a segment is built (8 MB of term numbers and weights). */
const POSTING_CHUNK = 1 << 20;
/**
 * Postings counted or placed in one step of a build (see slices.ts): well under a millisecond,
 * a few for the first steps, which run before V8 has optimised the loop (a step of 64k took
 * 20–30 ms then).
 */
const POSTING_STEP = 1 << 12;

/** `weight` grown to hold index `id`. */
function grown(weight: Float64Array<ArrayBuffer>, id: number): Float64Array<ArrayBuffer> {
  const larger = new Float64Array(Math.max(id + 1, weight.length * 2));
  larger.set(weight);
  return larger;
}

/**
 * Builds a segment; a thread listed twice keeps its last version.
 *
 * Terms are numbered as first seen and each token template remembers its term numbers for the
 * build, so the per-token work is array arithmetic, not string-keyed map updates.
 */
export function buildSegment(
  records: Iterable<ThreadRecord>,
  seq: { minSeq: number; maxSeq: number },
  deletes: string[] = [],
  now: Date = new Date(),
): SegmentData {
  return runAll(buildSegmentSteps(records, seq, deletes, now));
}

/**
 * The items of `items` in order, each let go of as it is taken, the array empty at the end: a
 * batch handed to `buildSegmentSteps` this way is not held while its segment is sorted and stored.
 */
export function* drainArray<T>(items: T[]): Generator<T> {
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as T;
    (items as (T | undefined)[])[i] = undefined;
    yield item;
  }
  items.length = 0;
}

/**
 * A segment built from threads as they come: indexed a thread at a time (`add`, `addSteps`), then
 * put in term order (`finishSteps`). Only what is indexed is kept (typed arrays, packed terms), not
 * the threads: a rebuild streams the database's threads into it a page at a time and lets each go
 * (persistent-index.ts). Each thread once: the caller sees to duplicates. A class, not the body of
 * a generator: the per-token loops are plain methods the compiler optimises as such.
 *
 * Terms are numbered as first seen and each token template remembers its term numbers for the
 * build, so the per-token work is array arithmetic, not string-keyed map updates.
 */
export class SegmentBuilder {
  private readonly epoch = ++buildEpoch;
  private readonly termList = new PackedStringsBuilder();
  private readonly numbering = new TermNumbers(this.termList);
  // Postings in document order, in chunks of typed arrays (8 bytes each: term number and weight;
  // a document's postings are the run up to `docEnds[doc]`): far less memory at 100k threads
  // than an array per term, and no copy of them all when they outgrow an array. A counting sort by
  // term puts them in term order at the end.
  private count = 0;
  private readonly termChunks: (Uint32Array | undefined)[] = [];
  private readonly weightChunks: (Float32Array | undefined)[] = [];
  private chunkTerms = new Uint32Array(0);
  private chunkWeights = new Float32Array(0);
  private fill = POSTING_CHUNK;
  private readonly docEnds: number[] = [];
  // Per-document scratch: weight by term number, and which numbers this document touched.
  private weight = new Float64Array(1024);
  private readonly touched: number[] = [];
  private readonly tokens = new EntryList();
  // The term numbers of the token table's entries with more than one term (an entry's record
  // holds where its run starts), for the table's generation `idsGeneration`.
  private multiIds = new Int32Array(1 << 12);
  private multiUsed = 0;
  private idsGeneration = -1;
  private readonly docs = new DocTableBuilder();
  // A thread's pair buckets, and the term number of each bucket once it has one (`termOf`).
  private readonly pairs = new PairBuckets();
  // A thread's hashed terms (hashed-terms.ts) as keys, and each bucket's term number + 1.
  private hashed = new Float64Array(256);
  private hashedCount = 0;
  private readonly bucketIds = new Int32Array(HASHED_BUCKETS);

  private touch(id: number, add: number): void {
    if (id >= this.weight.length) this.weight = grown(this.weight, id);
    const weight = this.weight;
    if (weight[id] === 0) this.touched.push(id);
    weight[id] = add < 0 ? 1 : (weight[id] as number) + add;
  }

  private addHashed(key: number): void {
    if (this.hashedCount === this.hashed.length) {
      const larger = new Float64Array(this.hashed.length * 2);
      larger.set(this.hashed);
      this.hashed = larger;
    }
    this.hashed[this.hashedCount++] = key;
  }

  /** The thread's hashed terms, each once: a posting of its bucket's term, weighing its check. */
  private postHashed(): void {
    const keys = this.hashed.subarray(0, this.hashedCount).sort();
    let last = -1;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as number;
      if (key === last) continue;
      last = key;
      const bucket = keyBucket(key);
      let id = (this.bucketIds[bucket] as number) - 1;
      if (id < 0) this.bucketIds[bucket] = (id = this.numbering.id(hashedBucketTerm(bucket))) + 1;
      this.post(id, keyCheck(key));
      this.count++;
    }
    this.hashedCount = 0;
  }

  private post(id: number, w: number): void {
    if (this.fill === POSTING_CHUNK) {
      this.termChunks.push((this.chunkTerms = new Uint32Array(POSTING_CHUNK)));
      this.weightChunks.push((this.chunkWeights = new Float32Array(POSTING_CHUNK)));
      this.fill = 0;
    }
    this.chunkTerms[this.fill] = id;
    this.chunkWeights[this.fill++] = w;
  }

  /**
   * Adds `unit` to the weight of each term of the tokens in `tokens`, and their pair buckets
   * (phrase-pairs.ts) when `withPairs` (one pass: a token's record is read once). Terms are
   * numbered on an entry's first sight in this build (kept in its record); a token not kept in the
   * table (a log line's one-off: address, UUID) is numbered like any other each time: the table
   * of typed arrays holds millions of terms cheaply, and each term is then pushed once.
   */
  private indexEntries(records: Int32Array, unit: number, withPairs: boolean): void {
    const { tokens, epoch, numbering, pairs } = this;
    const items = tokens.items;
    for (let i = 0; i < tokens.length; i++) {
      const e = items[i] as number;
      if (e < 0) {
        const token = tokens.transient[~e] as TokenTemplate;
        if (withPairs) {
          if (token.kind === 'hex' || token.kind === 'number') pairs.gap();
          else pairs.next(token.pairHash as number);
        }
        for (const term of token.terms) {
          if (isHashedTerm(term)) this.addHashed(hashedKey(term));
          else this.touch(numbering.id(term), unit);
        }
        continue;
      }
      const r = e * RECORD;
      const flags = records[r + R_FLAGS] as number;
      if (withPairs && (flags & F_CONTEXT_TERM) === 0) {
        if ((flags & F_PAIRS) === 0) pairs.gap();
        else pairs.next((records[r + R_PAIR_HASH] as number) >>> 0);
      }
      if (records[r + R_EPOCH] !== epoch) this.numberEntry(e, records);
      const count = flags >>> F_TERMS_SHIFT;
      const at = records[r + R_IDS] as number;
      if (count === 1) this.touch(at, unit);
      else for (let k = 0; k < count; k++) this.touch(this.multiIds[at + k] as number, unit);
    }
  }

  /** Numbers entry `e`'s terms for this build: its record holds the number, or where its run starts. */
  private numberEntry(e: number, records: Int32Array): void {
    const { terms } = entryTemplate(e);
    const r = e * RECORD;
    if (terms.length === 1) records[r + R_IDS] = this.numbering.id(terms[0] as string);
    else {
      if (this.multiUsed + terms.length > this.multiIds.length) {
        const larger = new Int32Array(Math.max(this.multiIds.length * 2, this.multiUsed + terms.length));
        larger.set(this.multiIds);
        this.multiIds = larger;
      }
      records[r + R_IDS] = this.multiUsed;
      for (const term of terms) this.multiIds[this.multiUsed++] = this.numbering.id(term);
    }
    records[r + R_EPOCH] = this.epoch;
  }

  /** `add` of each record, a thread a step (see slices.ts). */
  *addSteps(records: Iterable<ThreadRecord>): Generator<void, void> {
    for (const record of records) {
      yield;
      this.add(record);
    }
  }

  add(record: ThreadRecord): void {
    const meta = docMeta(record);
    this.docs.add(meta);
    const fields = docFields(record);
    const { pairs, tokens, numbering } = this;
    pairs.start();
    for (const field of FIELDS) {
      tokenEntries(fields[field.name], tokens);
      if (tokens.length === 0) continue;
      if (tokenTableGeneration() !== this.idsGeneration) {
        // The table was cleared: no entry refers to the runs of term numbers kept so far.
        this.idsGeneration = tokenTableGeneration();
        this.multiUsed = 0;
      }
      const norm = 1 - field.b + (field.b * tokens.length) / field.avgLength;
      this.indexEntries(entryRecords(), field.weight / norm, field.name !== 'tags');
    }
    // Tag terms and adjacent-word pair terms (phrase-pairs.ts) are filters: any positive
    // weight, they do not rank.
    for (const tag of meta.tags) this.touch(numbering.id(tagTerm(tag)), -1);
    const weight = this.weight;
    for (const id of this.touched) {
      const w = weight[id] as number;
      this.post(id, (w * (K1 + 1)) / (w + K1));
      weight[id] = 0;
    }
    this.count += this.touched.length;
    this.touched.length = 0;
    // Pair terms last, weight 1 (what the saturation above makes of 1): each bucket is listed once,
    // so they need no accumulating.
    for (const bucket of pairs.buckets) {
      let id = pairs.termOf(bucket);
      if (id < 0) pairs.setTerm(bucket, (id = numbering.id(pairBucketTerm(bucket))));
      this.post(id, 1);
    }
    this.count += pairs.buckets.length;
    this.postHashed();
    this.docEnds.push(this.count);
  }

  /** The segment of the threads added, with these sequence numbers and deletes. */
  *finishSteps(
    seq: { minSeq: number; maxSeq: number },
    deletes: string[] = [],
    now: Date = new Date(),
  ): Generator<void, SegmentData> {
    const { terms, offsets, postingDocs, postingWeights } = yield* this.postingSteps();
    return {
      format: SEGMENT_FORMAT,
      id: segmentId(seq.minSeq, seq.maxSeq),
      minSeq: seq.minSeq,
      maxSeq: seq.maxSeq,
      createdAt: now.toISOString(),
      docs: this.docs.finish(),
      deletes: [...new Set(deletes)],
      terms,
      offsets,
      postingDocs,
      postingWeights,
    };
  }

  /** The terms sorted, and the postings in term order (each chunk let go of once sorted). */
  private *postingSteps(): Generator<
    void,
    { terms: PackedTermDictionary; offsets: Uint32Array; postingDocs: Uint32Array; postingWeights: Float32Array }
  > {
    const { count, termChunks, weightChunks, docEnds } = this;
    const { dictionary: terms, rank } = yield* PackedTermDictionary.sorting(this.termList, true);
    const offsets = new Uint32Array(terms.size + 1);
    yield* chunkSteps(count, (c, from, to) => countChunk(termChunks[c] as Uint32Array, from, to, rank, offsets));
    for (let lo = 0; lo < terms.size; lo += POSTING_STEP) {
      runningSum(offsets, lo, Math.min(terms.size, lo + POSTING_STEP));
      yield;
    }
    const next = new Uint32Array(terms.size);
    for (let from = 0; from < terms.size; from += 1 << 18) {
      next.set(offsets.subarray(from, Math.min(terms.size, from + (1 << 18))), from);
      yield;
    }
    // Placed in two sweeps, each output made just before its sweep: the weights first, each
    // chunk's term numbers overwritten with where its postings went and its weights let go of;
    // then the documents, each chunk let go of once placed. At most three arrays of the postings'
    // size are alive at once (chunks of terms and of weights, and one output), not four: at 50k
    // threads of the bench's forum (24M postings, 98 MB an array) the build's peak was both
    // chunks and both outputs at once, most of a million-thread rebuild's peak.
    const postingWeights = new Float32Array(count);
    yield* zeroSteps(postingWeights);
    yield* chunkSteps(
      count,
      (c, from, to) =>
        placeWeights(
          termChunks[c] as Uint32Array,
          weightChunks[c] as Float32Array,
          from,
          to,
          rank,
          next,
          postingWeights,
        ),
      (c) => (weightChunks[c] = freeNow(weightChunks[c])),
    );
    const postingDocs = new Uint32Array(count);
    yield* zeroSteps(postingDocs);
    // Stable: within a term, postings stay in document order (each chunk's places were taken in order).
    const cursor = { doc: 0 };
    yield* chunkSteps(
      count,
      (c, from, to) =>
        placeDocs(termChunks[c] as Uint32Array, c * POSTING_CHUNK, from, to, docEnds, postingDocs, cursor),
      (c) => (termChunks[c] = freeNow(termChunks[c])),
    );
    return { terms, offsets, postingDocs, postingWeights };
  }
}

/**
 * Calls `step` over the postings of each chunk in turn, `POSTING_STEP` at a time (positions within
 * the chunk), a step each: a chunk's million took 100–160 ms in one task, which a query arriving
 * meanwhile waited for. `done` is told when a chunk is through (to let it go).
 */
function* chunkSteps(
  count: number,
  step: (chunk: number, from: number, to: number) => void,
  done?: (chunk: number) => void,
): Generator<void, void> {
  for (let c = 0; c * POSTING_CHUNK < count; c++) {
    const n = Math.min(POSTING_CHUNK, count - c * POSTING_CHUNK);
    for (let from = 0; from < n; from += POSTING_STEP) {
      step(c, from, Math.min(n, from + POSTING_STEP));
      yield;
    }
    done?.(c);
  }
}

/**
 * Lets a chunk's memory go now rather than at a later collection, where the runtime can: an
 * ArrayBuffer's `transfer(0)` detaches it and frees its bytes (Chromium, Electron; Node 20 with
 * `--harmony-rab-gsab-transfer`). Until collected, each chunk let go of still held its 4 MB, so
 * the sort's peak held most of the chunks it had placed as well as both outputs. Only for arrays
 * nothing else views (the builder's own chunks). Returns undefined, for the chunk's slot.
 */
function freeNow(chunk: Uint32Array | Float32Array | undefined): undefined {
  (chunk?.buffer as { transfer?: (length: number) => unknown } | undefined)?.transfer?.(0);
  return undefined;
}

/**
 * `offsets[i + 1] += offsets[i]` for `i` in `lo .. hi` (a block a step, in order: a loop over
 * millions of terms in the generator's body ran interpreted, see term-dictionary.ts).
 */
function runningSum(offsets: Uint32Array, lo: number, hi: number): void {
  for (let i = lo; i < hi; i++) offsets[i + 1] = (offsets[i + 1] as number) + (offsets[i] as number);
}

/** Counts the postings of each term in `chunk[from..to)`: `offsets[rank[term] + 1]`. */
function countChunk(chunk: Uint32Array, from: number, to: number, rank: Uint32Array, offsets: Uint32Array): void {
  for (let q = from; q < to; q++) {
    const slot = (rank[chunk[q] as number] as number) + 1;
    offsets[slot] = (offsets[slot] as number) + 1;
  }
}

/**
 * Puts the weights of the postings `chunk[from..to)` at their terms' next places, and writes over
 * each posting's term number where it went (for `placeDocs`).
 */
function placeWeights(
  chunk: Uint32Array,
  weights: Float32Array,
  from: number,
  to: number,
  rank: Uint32Array,
  next: Uint32Array,
  postingWeights: Float32Array,
): void {
  for (let q = from; q < to; q++) {
    const r = rank[chunk[q] as number] as number;
    const at = next[r] as number;
    next[r] = at + 1;
    postingWeights[at] = weights[q] as number;
    chunk[q] = at;
  }
}

/** Puts the document of each posting `places[from..to)` (the chunk starts at posting `first`) where `placeWeights` put it. */
function placeDocs(
  places: Uint32Array,
  first: number,
  from: number,
  to: number,
  docEnds: readonly number[],
  postingDocs: Uint32Array,
  cursor: { doc: number },
): void {
  let doc = cursor.doc;
  for (let q = from; q < to; q++) {
    while ((docEnds[doc] as number) <= first + q) doc++;
    postingDocs[places[q] as number] = doc;
  }
  cursor.doc = doc;
}

/**
 * Writes a large typed array 256k elements a step: its memory is only mapped when first written,
 * and placing writes all over it from its first step (which took 20–40 ms at 10k threads: page
 * faults, and the loop not yet optimised).
 */
function* zeroSteps(array: Uint32Array | Float32Array): Generator<void, void> {
  for (let from = 0; from < array.length; from += 1 << 18) {
    array.fill(0, from, Math.min(array.length, from + (1 << 18)));
    yield;
  }
}

/** `buildSegment` in steps of a thread or a few thousand postings (see slices.ts). */
export function* buildSegmentSteps(
  records: Iterable<ThreadRecord>,
  seq: { minSeq: number; maxSeq: number },
  deletes: string[] = [],
  now: Date = new Date(),
): Generator<void, SegmentData> {
  const byId = new Map<string, ThreadRecord>();
  for (const record of records) {
    byId.delete(record.thread.id);
    byId.set(record.thread.id, record);
    if ((byId.size & 4095) === 4095) yield;
  }
  const builder = new SegmentBuilder();
  for (const [id, record] of byId) {
    yield;
    // Let go of each thread once indexed (deleting the entry being visited is safe in a Map):
    // with a batch handed over by `drainArray`, a 50k-thread batch's text is gone before the sort.
    byId.delete(id);
    builder.add(record);
  }
  byId.clear();
  return yield* builder.finishSteps(seq, deletes, now);
}

/** The first `length` items of `from`, copied a million at a time (a long copy in one step holds up queries). */
function* copySteps<T extends Uint32Array | Float32Array>(
  from: T,
  length: number,
  make: (n: number) => T,
): Generator<void, T> {
  const to = make(length);
  for (let at = 0; at < length; at += 1 << 20) {
    to.set(from.subarray(at, Math.min(length, at + (1 << 20))), at);
    yield;
  }
  return to;
}

/**
 * Merges consecutive segments into one, dropping dead documents (`isDead(segmentIndex, local)`).
 * Weights need no recomputation (they do not depend on the segment), so this is a copy.
 */
export function mergeSegments(
  segments: readonly SegmentData[],
  isDead: (segment: number, local: number) => boolean,
  keepDeletes: boolean,
  now: Date = new Date(),
): SegmentData {
  return runAll(mergeSegmentsSteps(segments, isDead, keepDeletes, now));
}

/** `mergeSegments` in steps of a few thousand postings or threads (see slices.ts). */
export function* mergeSegmentsSteps(
  segments: readonly SegmentData[],
  isDead: (segment: number, local: number) => boolean,
  keepDeletes: boolean,
  now: Date = new Date(),
): Generator<void, SegmentData> {
  const docs = new DocTableBuilder();
  const remap: Int32Array[] = [];
  for (let s = 0; s < segments.length; s++) {
    const seg = segments[s] as SegmentData;
    const map = new Int32Array(seg.docs.length);
    for (let local = 0; local < seg.docs.length; local++) {
      if (isDead(s, local)) map[local] = -1;
      else {
        map[local] = docs.length;
        docs.add(seg.docs.get(local));
      }
      if ((local & 1023) === 1023) yield;
    }
    remap.push(map);
  }
  const capacity = segments.reduce((sum, seg) => sum + seg.postingDocs.length, 0);
  const outDocs = new Uint32Array(capacity);
  const outWeights = new Float32Array(capacity);
  let length = 0;
  let offsets = new Uint32Array(1024);
  let terms = 0;
  const kept = new FrontCodedWriter();
  // Every segment's terms are sorted: a k-way merge walks them in order, one cursor each.
  const cursors = segments.map(() => 0);
  let work = 0;
  for (;;) {
    if (work > 8192) {
      work = 0;
      yield;
    }
    work += 8 * segments.length;
    let low = -1;
    segments.forEach((seg, s) => {
      const t = cursors[s] as number;
      if (t >= seg.terms.size) return;
      if (low < 0) low = s;
      else {
        const other = segments[low] as SegmentData;
        if (seg.terms.compareWith(t, other.terms, cursors[low] as number) < 0) low = s;
      }
    });
    if (low < 0) break;
    const lowest = segments[low] as SegmentData;
    const lowT = cursors[low] as number;
    const start = length;
    segments.forEach((seg, s) => {
      const t = cursors[s] as number;
      if (t >= seg.terms.size || (s !== low && seg.terms.compareWith(t, lowest.terms, lowT) !== 0)) return;
      cursors[s] = t + 1;
      const map = remap[s] as Int32Array;
      for (let p = seg.offsets[t] as number; p < (seg.offsets[t + 1] as number); p++) {
        const local = map[seg.postingDocs[p] as number] as number;
        if (local < 0) continue;
        outDocs[length] = local;
        outWeights[length++] = seg.postingWeights[p] as number;
      }
      work += (seg.offsets[t + 1] as number) - (seg.offsets[t] as number);
    });
    if (length > start) {
      if (terms + 1 >= offsets.length) {
        const grown = new Uint32Array(offsets.length * 2);
        grown.set(offsets);
        offsets = grown;
      }
      offsets[terms++] = start;
      const bytes = lowest.terms.termBytes(lowT);
      kept.add(bytes, 0, bytes.length);
    }
  }
  offsets[terms] = length;
  const minSeq = Math.min(...segments.map((s) => s.minSeq));
  const maxSeq = Math.max(...segments.map((s) => s.maxSeq));
  return {
    format: SEGMENT_FORMAT,
    id: segmentId(minSeq, maxSeq),
    minSeq,
    maxSeq,
    createdAt: now.toISOString(),
    docs: docs.finish(),
    deletes: keepDeletes ? [...new Set(segments.flatMap((s) => s.deletes))] : [],
    terms: kept.finish(),
    offsets: offsets.slice(0, terms + 1),
    postingDocs: yield* copySteps(outDocs, length, (n) => new Uint32Array(n)),
    postingWeights: yield* copySteps(outWeights, length, (n) => new Float32Array(n)),
  };
}
