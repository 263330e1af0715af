/**
 * The threads' metadata of one segment, behind a small interface: the query code reads one
 * document's metadata by its local number, so the storage can keep the metadata in columns
 * (typed arrays and string tables) and make a `DocMeta` only for the documents a query touches.
 */
import type { DocMeta } from './doc-meta';

export interface DocTable {
  /** How many documents. */
  readonly length: number;
  /** Document `local`'s metadata (0 ≤ local < length). Do not modify it. */
  get(local: number): DocMeta;
  /** Document `local`'s thread id (cheaper than `get(local).id`). */
  id(local: number): string;
}

/** Metadata held as one object per document. */
export class ArrayDocTable implements DocTable {
  constructor(private readonly docs: readonly DocMeta[]) {}

  get length(): number {
    return this.docs.length;
  }

  get(local: number): DocMeta {
    return this.docs[local] as DocMeta;
  }

  id(local: number): string {
    return (this.docs[local] as DocMeta).id;
  }
}

/** Every document's metadata, in order (tests, merging, encoding). */
export function* allDocs(table: DocTable): Generator<DocMeta> {
  for (let i = 0; i < table.length; i++) yield table.get(i);
}
