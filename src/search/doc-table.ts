/**
 * The threads' metadata of one segment, behind a small interface: the query code reads one
 * document's metadata by its local number, so the storage can keep the metadata in columns
 * (typed arrays and string tables) and make a `DocMeta` only for the documents a query touches.
 */
import type { DocMeta } from './doc-meta';
import { PackedStrings, PackedStringsBuilder } from './packed-strings';

export interface DocTable {
  /** How many documents. */
  readonly length: number;
  /** Document `local`'s metadata (0 ≤ local < length). Do not modify it. */
  get(local: number): DocMeta;
  /** Document `local`'s thread id (cheaper than `get(local).id`). */
  id(local: number): string;
}

/** The columns of a `PackedDocTable`, as stored (typed arrays only). */
export interface DocColumns {
  idStarts: Uint32Array;
  idBytes: Uint8Array;
  /** Author and tag names, each distinct one once. */
  nameStarts: Uint32Array;
  nameBytes: Uint8Array;
  /** The thread's author as a name number, -1 for none. */
  author: Int32Array;
  /** Document `d`'s normalised authors are names `authorList[authorStarts[d] .. authorStarts[d + 1]]`. */
  authorStarts: Uint32Array;
  authorList: Uint32Array;
  tagStarts: Uint32Array;
  tagList: Uint32Array;
  /** NaN for unknown. */
  views: Float64Array;
  replies: Float64Array;
  boosts: Float64Array;
  time: Float64Array;
  /** Bit 0: resource, bit 1: answered. */
  flags: Uint8Array;
}

const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

/**
 * Metadata in columns: typed arrays and UTF-8 string tables, loaded as views of the stored
 * bytes. The (few) author and tag names are decoded once at load, a thread id when asked for (the
 * index finds ids through live-docs.ts's tables of their bytes); a document's
 * `DocMeta` is a small view made when a query asks for it.
 *
 * No titles: a result's title is read with its thread, which the page reads anyway (for its
 * snippet and its row), and is then the database's current one. Kept here they were the largest
 * resident column (72 MB of the 237 MB of a million threads' dictionaries).
 */
export class PackedDocTable implements DocTable {
  private readonly ids: PackedStrings;
  private readonly names: string[];

  constructor(readonly columns: DocColumns) {
    this.ids = new PackedStrings(columns.idBytes, columns.idStarts);
    this.names = new PackedStrings(columns.nameBytes, columns.nameStarts).all();
    const n = this.ids.length;
    for (const [key, value] of Object.entries(columns))
      if (!key.endsWith('Bytes') && !key.startsWith('name') && !key.endsWith('List')) {
        const expected = key.endsWith('Starts') ? n + 1 : n;
        if ((value as ArrayLike<number>).length !== expected)
          throw new Error(
            `document table: column ${key} has ${(value as ArrayLike<number>).length} rows, not ${expected}`,
          );
      }
  }

  static of(docs: Iterable<DocMeta>): PackedDocTable {
    const builder = new DocTableBuilder();
    for (const doc of docs) builder.add(doc);
    return builder.finish();
  }

  get length(): number {
    return this.ids.length;
  }

  id(local: number): string {
    return this.ids.get(local);
  }

  get(local: number): DocMeta {
    return new DocView(this, local);
  }

  author(local: number): string | null {
    const a = this.columns.author[local] as number;
    return a < 0 ? null : (this.names[a] as string);
  }

  private list(starts: Uint32Array, list: Uint32Array, local: number): string[] {
    const out: string[] = [];
    for (let i = starts[local] as number; i < (starts[local + 1] as number); i++)
      out.push(this.names[list[i] as number] as string);
    return out;
  }

  authors(local: number): string[] {
    return this.list(this.columns.authorStarts, this.columns.authorList, local);
  }

  /** Author or tag name number `n` (the `author`, `authorList` and `tagList` columns hold them). */
  name(n: number): string {
    return this.names[n] as string;
  }

  tags(local: number): string[] {
    return this.list(this.columns.tagStarts, this.columns.tagList, local);
  }
}

/** A `PackedDocTable` made a document at a time. */
export class DocTableBuilder {
  private readonly ids = new PackedStringsBuilder();
  private readonly names = new PackedStringsBuilder();
  private readonly nameOf = new Map<string, number>();
  private readonly author: number[] = [];
  private readonly authorStarts: number[] = [0];
  private readonly authorList: number[] = [];
  private readonly tagStarts: number[] = [0];
  private readonly tagList: number[] = [];
  private readonly views: number[] = [];
  private readonly replies: number[] = [];
  private readonly boosts: number[] = [];
  private readonly time: number[] = [];
  private readonly flags: number[] = [];

  get length(): number {
    return this.ids.length;
  }

  private name(s: string): number {
    let i = this.nameOf.get(s);
    if (i === undefined) this.nameOf.set(s, (i = this.names.push(s)));
    return i;
  }

  add(doc: DocMeta): void {
    this.ids.push(doc.id);
    this.author.push(doc.author === null ? -1 : this.name(doc.author));
    for (const a of doc.authors) this.authorList.push(this.name(a));
    this.authorStarts.push(this.authorList.length);
    for (const t of doc.tags) this.tagList.push(this.name(t));
    this.tagStarts.push(this.tagList.length);
    this.views.push(doc.views ?? NaN);
    this.replies.push(doc.replies ?? NaN);
    this.boosts.push(doc.boosts ?? NaN);
    this.time.push(doc.time ?? NaN);
    this.flags.push((doc.resource ? 1 : 0) | (doc.answered ? 2 : 0));
  }

  finish(): PackedDocTable {
    const ids = this.ids.finish();
    const names = this.names.finish();
    return new PackedDocTable({
      idStarts: ids.starts,
      idBytes: ids.bytes,
      nameStarts: names.starts,
      nameBytes: names.bytes,
      author: Int32Array.from(this.author),
      authorStarts: Uint32Array.from(this.authorStarts),
      authorList: Uint32Array.from(this.authorList),
      tagStarts: Uint32Array.from(this.tagStarts),
      tagList: Uint32Array.from(this.tagList),
      views: Float64Array.from(this.views),
      replies: Float64Array.from(this.replies),
      boosts: Float64Array.from(this.boosts),
      time: Float64Array.from(this.time),
      flags: Uint8Array.from(this.flags),
    });
  }
}

/** One document's metadata, read from the table's columns as its fields are used. */
class DocView implements DocMeta {
  readonly id: string;
  readonly views: number | null;
  readonly replies: number | null;
  readonly boosts: number | null;
  readonly time: number | null;
  readonly resource: boolean;
  readonly answered: boolean;

  constructor(
    private readonly table: PackedDocTable,
    private readonly local: number,
  ) {
    const c = table.columns;
    this.id = table.id(local);
    this.views = orNull(c.views[local] as number);
    this.replies = orNull(c.replies[local] as number);
    this.boosts = orNull(c.boosts[local] as number);
    this.time = orNull(c.time[local] as number);
    const flags = c.flags[local] as number;
    this.resource = (flags & 1) !== 0;
    this.answered = (flags & 2) !== 0;
  }

  get author(): string | null {
    return this.table.author(this.local);
  }

  get authors(): string[] {
    return this.table.authors(this.local);
  }

  get tags(): string[] {
    return this.table.tags(this.local);
  }

  /** As a plain object (JSON, structured clone). */
  toJSON(): DocMeta {
    const { id, author, authors, tags, views, replies, boosts, time, resource, answered } = this;
    return { id, author, authors, tags, views, replies, boosts, time, resource, answered };
  }
}

/** Every document's metadata, in order (tests, merging, encoding). */
export function* allDocs(table: DocTable): Generator<DocMeta> {
  for (let i = 0; i < table.length; i++) yield table.get(i);
}
