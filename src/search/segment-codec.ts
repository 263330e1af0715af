/**
 * Segments as bytes, for storage that wants a blob (files, IndexedDB values, transfer to a worker
 * without structured-cloning 100k objects). Little-endian throughout.
 *
 * A whole segment (tests, the CLI):
 *
 *   u32 header length | header JSON (UTF-8) | pad to 4 | offsets u32[] | docs u32[] | weights f32[]
 *
 * A segment as storage keeps it: one dictionary (resident once loaded) and its posting blocks
 * (read as queries need them):
 *
 *   dictionary: u32 header length | header JSON | pad to 4 | offsets u32[] | blocks u32[]
 *   block:      u32 postings | docs u32[] | weights f32[]
 *
 * The header carries the metadata and the terms joined by `\n` (tokens never contain one).
 * Decoding copies nothing but the JSON: the typed arrays are views into the given buffer.
 */
import { allDocs, ArrayDocTable } from './doc-table';
import type { DocMeta } from './doc-meta';
import { SEGMENT_FORMAT, type PostingBlock, type SegmentData, type SegmentDictionary } from './segment';
import { allTerms, ArrayTermDictionary } from './term-dictionary';

/** The segment's JSON part: its fields, less the typed arrays, with the terms as one string. */
type Header = Omit<SegmentData, 'docs' | 'terms' | 'offsets' | 'postingDocs' | 'postingWeights'> & {
  docs: DocMeta[];
  terms: string;
  /** Postings (a whole segment) or blocks (a dictionary) after the offsets. */
  postings?: number;
  blocks?: number;
};

function headerOf(segment: SegmentDictionary | SegmentData): Header {
  return {
    format: segment.format,
    id: segment.id,
    minSeq: segment.minSeq,
    maxSeq: segment.maxSeq,
    createdAt: segment.createdAt,
    docs: [...allDocs(segment.docs)],
    deletes: segment.deletes,
    terms: [...allTerms(segment.terms)].join('\n'),
  };
}

function encode(header: Header, arrays: (Uint32Array | Float32Array)[]): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = Math.ceil((4 + json.length) / 4) * 4;
  const bytes = new Uint8Array(start + arrays.reduce((n, a) => n + a.byteLength, 0));
  new DataView(bytes.buffer).setUint32(0, json.length, true);
  bytes.set(json, 4);
  let at = start;
  for (const array of arrays) {
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    at += array.byteLength;
  }
  return bytes;
}

/** The header, the terms and where the arrays start (in a 4-byte aligned buffer). */
function decode(bytes: Uint8Array): { header: Header; terms: string[]; buffer: ArrayBufferLike; at: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length))) as Header;
  if (header.format !== SEGMENT_FORMAT) throw new Error(`search segment format ${header.format} is not supported`);
  const terms = header.terms === '' ? [] : header.terms.split('\n');
  // Typed-array views need 4-byte alignment: copy once if the caller's buffer is not aligned.
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  return { header, terms, buffer: aligned.buffer, at: aligned.byteOffset + Math.ceil((4 + length) / 4) * 4 };
}

function metadata(header: Header, terms: string[]) {
  return {
    format: SEGMENT_FORMAT,
    id: header.id,
    minSeq: header.minSeq,
    maxSeq: header.maxSeq,
    createdAt: header.createdAt,
    docs: new ArrayDocTable(header.docs),
    deletes: header.deletes,
    terms: new ArrayTermDictionary(terms),
  } as const;
}

export function encodeSegment(segment: SegmentData): Uint8Array {
  const header = { ...headerOf(segment), postings: segment.postingDocs.length };
  return encode(header, [segment.offsets, segment.postingDocs, segment.postingWeights]);
}

/** Reads what `encodeSegment` wrote; throws on bytes that are not a segment of this format. */
export function decodeSegment(bytes: Uint8Array): SegmentData {
  const { header, terms, buffer, at } = decode(bytes);
  if (header.postings === undefined) throw new Error(`search segment ${header.id} has no postings`);
  const offsets = new Uint32Array(buffer, at, terms.length + 1);
  const postingDocs = new Uint32Array(buffer, at + offsets.byteLength, header.postings);
  const postingWeights = new Float32Array(buffer, at + offsets.byteLength + postingDocs.byteLength, header.postings);
  return { ...metadata(header, terms), offsets, postingDocs, postingWeights };
}

export function encodeDictionary(dictionary: SegmentDictionary): Uint8Array {
  const header = { ...headerOf(dictionary), blocks: dictionary.blocks.length };
  return encode(header, [dictionary.offsets, dictionary.blocks]);
}

/** Reads what `encodeDictionary` wrote; throws on bytes that are not a dictionary of this format. */
export function decodeDictionary(bytes: Uint8Array): SegmentDictionary {
  const { header, terms, buffer, at } = decode(bytes);
  if (header.blocks === undefined) throw new Error(`search segment ${header.id} is not a dictionary`);
  const offsets = new Uint32Array(buffer, at, terms.length + 1);
  const blocks = new Uint32Array(buffer, at + offsets.byteLength, header.blocks);
  return { ...metadata(header, terms), offsets, blocks };
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
