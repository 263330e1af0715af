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
  titleStarts: Uint32Array;
  titleBytes: Uint8Array;
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
 * bytes. Thread ids and the (few) author and tag names are decoded once at load; a document's
 * `DocMeta` is a small view made when a query asks for it, its title decoded only if read.
 */
export class PackedDocTable implements DocTable {
  private readonly ids: string[];
  private readonly names: string[];
  private readonly titles: PackedStrings;

  constructor(readonly columns: DocColumns) {
    const idStrings = new PackedStrings(columns.idBytes, columns.idStarts);
    this.ids = Array.from({ length: idStrings.length }, (_, i) => idStrings.get(i));
    const names = new PackedStrings(columns.nameBytes, columns.nameStarts);
    this.names = Array.from({ length: names.length }, (_, i) => names.get(i));
    this.titles = new PackedStrings(columns.titleBytes, columns.titleStarts);
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
    const ids = new PackedStringsBuilder();
    const titles = new PackedStringsBuilder();
    const names = new PackedStringsBuilder();
    const nameOf = new Map<string, number>();
    const name = (s: string) => {
      let i = nameOf.get(s);
      if (i === undefined) nameOf.set(s, (i = names.push(s)));
      return i;
    };
    const author: number[] = [];
    const authorStarts: number[] = [0];
    const authorList: number[] = [];
    const tagStarts: number[] = [0];
    const tagList: number[] = [];
    const views: number[] = [];
    const replies: number[] = [];
    const boosts: number[] = [];
    const time: number[] = [];
    const flags: number[] = [];
    for (const doc of docs) {
      ids.push(doc.id);
      titles.push(doc.title);
      author.push(doc.author === null ? -1 : name(doc.author));
      for (const a of doc.authors) authorList.push(name(a));
      authorStarts.push(authorList.length);
      for (const t of doc.tags) tagList.push(name(t));
      tagStarts.push(tagList.length);
      views.push(doc.views ?? NaN);
      replies.push(doc.replies ?? NaN);
      boosts.push(doc.boosts ?? NaN);
      time.push(doc.time ?? NaN);
      flags.push((doc.resource ? 1 : 0) | (doc.answered ? 2 : 0));
    }
    const idStrings = ids.finish();
    const titleStrings = titles.finish();
    const nameStrings = names.finish();
    return new PackedDocTable({
      idStarts: idStrings.starts,
      idBytes: idStrings.bytes,
      titleStarts: titleStrings.starts,
      titleBytes: titleStrings.bytes,
      nameStarts: nameStrings.starts,
      nameBytes: nameStrings.bytes,
      author: Int32Array.from(author),
      authorStarts: Uint32Array.from(authorStarts),
      authorList: Uint32Array.from(authorList),
      tagStarts: Uint32Array.from(tagStarts),
      tagList: Uint32Array.from(tagList),
      views: Float64Array.from(views),
      replies: Float64Array.from(replies),
      boosts: Float64Array.from(boosts),
      time: Float64Array.from(time),
      flags: Uint8Array.from(flags),
    });
  }

  get length(): number {
    return this.ids.length;
  }

  id(local: number): string {
    return this.ids[local] as string;
  }

  get(local: number): DocMeta {
    return new DocView(this, local);
  }

  title(local: number): string {
    return this.titles.get(local);
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

  tags(local: number): string[] {
    return this.list(this.columns.tagStarts, this.columns.tagList, local);
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
  private cachedTitle: string | undefined;

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

  get title(): string {
    return (this.cachedTitle ??= this.table.title(this.local));
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
    const { id, title, author, authors, tags, views, replies, boosts, time, resource, answered } = this;
    return { id, title, author, authors, tags, views, replies, boosts, time, resource, answered };
  }
}

/** Every document's metadata, in order (tests, merging, encoding). */
export function* allDocs(table: DocTable): Generator<DocMeta> {
  for (let i = 0; i < table.length; i++) yield table.get(i);
}
