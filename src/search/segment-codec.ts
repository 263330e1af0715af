/**
 * Segments as bytes, for storage that wants a blob (files, IndexedDB values, transfer to a worker
 * without structured-cloning 100k objects). Little-endian throughout.
 *
 * A whole segment (tests, the CLI) or a segment's dictionary (what storage keeps resident; its
 * postings are stored apart as blocks) is:
 *
 *   u32 header length | header JSON (UTF-8) | pad to 8 | sections, each padded to 8
 *
 * The header holds the segment's few scalar fields and each section's name, type and length. The
 * sections are typed arrays: the term dictionary (front-coded UTF-8 and its block table), the documents'
 * metadata in columns (see DocColumns), the postings' offsets, and either the block table (a
 * dictionary) or the postings (a whole segment). Decoding parses a small JSON and makes views of
 * the given buffer: no per-term or per-thread work beyond decoding the thread ids.
 *
 *   block: u32 postings | docs u32[] | weights f32[]
 */
import { PackedDocTable, type DocColumns } from './doc-table';
import { SEGMENT_FORMAT, type PostingBlock, type SegmentData, type SegmentDictionary } from './segment';
import { PackedTermDictionary } from './term-dictionary';

type Column = Uint8Array | Int32Array | Uint32Array | Float32Array | Float64Array;
type ColumnType = 'u8' | 'i32' | 'u32' | 'f32' | 'f64';

const MAKE: Record<ColumnType, (buffer: ArrayBufferLike, at: number, length: number) => Column> = {
  u8: (b, at, n) => new Uint8Array(b, at, n),
  i32: (b, at, n) => new Int32Array(b, at, n),
  u32: (b, at, n) => new Uint32Array(b, at, n),
  f32: (b, at, n) => new Float32Array(b, at, n),
  f64: (b, at, n) => new Float64Array(b, at, n),
};

function typeOf(column: Column): ColumnType {
  if (column instanceof Uint8Array) return 'u8';
  if (column instanceof Int32Array) return 'i32';
  if (column instanceof Uint32Array) return 'u32';
  if (column instanceof Float32Array) return 'f32';
  return 'f64';
}

interface Header {
  format: typeof SEGMENT_FORMAT;
  kind: 'segment' | 'dictionary';
  id: string;
  minSeq: number;
  maxSeq: number;
  createdAt: string;
  deletes: string[];
  sections: [name: string, type: ColumnType, length: number][];
}

type Meta = Pick<SegmentData, 'id' | 'minSeq' | 'maxSeq' | 'createdAt' | 'deletes'>;

const pad8 = (n: number) => Math.ceil(n / 8) * 8;

function encode(kind: Header['kind'], meta: Meta, sections: Record<string, Column>): Uint8Array {
  const entries = Object.entries(sections);
  const header: Header = {
    format: SEGMENT_FORMAT,
    kind,
    id: meta.id,
    minSeq: meta.minSeq,
    maxSeq: meta.maxSeq,
    createdAt: meta.createdAt,
    deletes: meta.deletes,
    sections: entries.map(([name, column]) => [name, typeOf(column), column.length]),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  let size = pad8(4 + json.length);
  for (const [, column] of entries) size += pad8(column.byteLength);
  const bytes = new Uint8Array(size);
  new DataView(bytes.buffer).setUint32(0, json.length, true);
  bytes.set(json, 4);
  let at = pad8(4 + json.length);
  for (const [, column] of entries) {
    bytes.set(new Uint8Array(column.buffer, column.byteOffset, column.byteLength), at);
    at += pad8(column.byteLength);
  }
  return bytes;
}

function decode(bytes: Uint8Array, kind: Header['kind']): { header: Header; sections: Map<string, Column> } {
  if (bytes.byteLength < 4) throw new Error('search segment: too short');
  // Typed-array views need alignment (8 for the float64 columns): copy once if it is not there.
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const view = new DataView(aligned.buffer, aligned.byteOffset, aligned.byteLength);
  const length = view.getUint32(0, true);
  if (4 + length > aligned.byteLength) throw new Error('search segment: header runs past the end');
  const header = JSON.parse(new TextDecoder().decode(aligned.subarray(4, 4 + length))) as Partial<Header>;
  if (header.format !== SEGMENT_FORMAT) throw new Error(`search segment format ${header.format} is not supported`);
  if (header.kind !== kind) throw new Error(`search segment ${header.id} is not a ${kind}`);
  const sections = new Map<string, Column>();
  let at = aligned.byteOffset + pad8(4 + length);
  for (const [name, type, n] of header.sections ?? []) {
    const make = MAKE[type];
    const column = make(aligned.buffer, at, n);
    if (at + column.byteLength > aligned.byteOffset + aligned.byteLength)
      throw new Error(`search segment ${header.id}: section ${name} runs past the end`);
    sections.set(name, column);
    at += pad8(column.byteLength);
  }
  return { header: header as Header, sections };
}

const DOC_COLUMNS: (keyof DocColumns)[] = [
  'idStarts',
  'idBytes',
  'nameStarts',
  'nameBytes',
  'author',
  'authorStarts',
  'authorList',
  'tagStarts',
  'tagList',
  'views',
  'replies',
  'boosts',
  'time',
  'flags',
];

function commonSections(segment: SegmentData | SegmentDictionary): Record<string, Column> {
  const sections: Record<string, Column> = {
    offsets: segment.offsets,
    termData: segment.terms.data,
    termBlocks: segment.terms.blocks,
    termCount: Uint32Array.of(segment.terms.size),
  };
  for (const name of DOC_COLUMNS) sections[`doc.${name}`] = segment.docs.columns[name];
  return sections;
}

function section<T extends Column>(sections: Map<string, Column>, name: string, type: new () => T): T {
  const column = sections.get(name);
  if (!(column instanceof type)) throw new Error(`search segment: section ${name} is missing or of the wrong type`);
  return column;
}

function common(header: Header, sections: Map<string, Column>) {
  const columns = {} as Record<keyof DocColumns, Column>;
  for (const name of DOC_COLUMNS) {
    const column = sections.get(`doc.${name}`);
    if (!column) throw new Error(`search segment ${header.id}: no column ${name}`);
    columns[name] = column;
  }
  const terms = new PackedTermDictionary(
    section(sections, 'termData', Uint8Array),
    section(sections, 'termBlocks', Uint32Array),
    section(sections, 'termCount', Uint32Array)[0] ?? 0,
  );
  const offsets = section(sections, 'offsets', Uint32Array);
  if (offsets.length !== terms.size + 1) throw new Error(`search segment ${header.id}: offsets do not match the terms`);
  return {
    format: SEGMENT_FORMAT,
    id: header.id,
    minSeq: header.minSeq,
    maxSeq: header.maxSeq,
    createdAt: header.createdAt,
    deletes: header.deletes,
    docs: new PackedDocTable(columns as unknown as DocColumns),
    terms,
    offsets,
  } as const;
}

export function encodeSegment(segment: SegmentData): Uint8Array {
  return encode('segment', segment, {
    ...commonSections(segment),
    postingDocs: segment.postingDocs,
    postingWeights: segment.postingWeights,
  });
}

/** Reads what `encodeSegment` wrote; throws on bytes that are not a segment of this format. */
export function decodeSegment(bytes: Uint8Array): SegmentData {
  const { header, sections } = decode(bytes, 'segment');
  return {
    ...common(header, sections),
    postingDocs: section(sections, 'postingDocs', Uint32Array),
    postingWeights: section(sections, 'postingWeights', Float32Array),
  };
}

export function encodeDictionary(dictionary: SegmentDictionary): Uint8Array {
  return encode('dictionary', dictionary, { ...commonSections(dictionary), blocks: dictionary.blocks });
}

/** Reads what `encodeDictionary` wrote; throws on bytes that are not a dictionary of this format. */
export function decodeDictionary(bytes: Uint8Array): SegmentDictionary {
  const { header, sections } = decode(bytes, 'dictionary');
  return { ...common(header, sections), blocks: section(sections, 'blocks', Uint32Array) };
}

export function encodeBlock(block: PostingBlock): Uint8Array {
  const n = block.docs.length;
  const bytes = new Uint8Array(4 + 8 * n);
  new DataView(bytes.buffer).setUint32(0, n, true);
  bytes.set(new Uint8Array(block.docs.buffer, block.docs.byteOffset, block.docs.byteLength), 4);
  bytes.set(new Uint8Array(block.weights.buffer, block.weights.byteOffset, block.weights.byteLength), 4 + 4 * n);
  return bytes;
}

export function decodeBlock(bytes: Uint8Array): PostingBlock {
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const n = new DataView(aligned.buffer, aligned.byteOffset, aligned.byteLength).getUint32(0, true);
  if (aligned.byteLength !== 4 + 8 * n) throw new Error(`posting block of ${aligned.byteLength} bytes holds ${n}?`);
  return {
    docs: new Uint32Array(aligned.buffer, aligned.byteOffset + 4, n),
    weights: new Float32Array(aligned.buffer, aligned.byteOffset + 4 + 4 * n, n),
  };
}
