/**
 * Segments as bytes, for storage that wants a blob (files, a single IndexedDB value, transfer to a
 * worker without structured-cloning 100k objects). Layout, little-endian:
 *
 *   u32 header length | header JSON (UTF-8) | pad to 4 | offsets u32[] | docs u32[] | weights f32[]
 *
 * The header carries the metadata and the terms joined by `\n` (tokens never contain one).
 * Decoding copies nothing but the JSON: the typed arrays are views into the given buffer.
 */
import { SEGMENT_FORMAT, type SegmentData } from './segment';

/** The segment's JSON part: its fields, less the typed arrays, with the terms as one string. */
type Header = Omit<SegmentData, 'terms' | 'offsets' | 'postingDocs' | 'postingWeights'> & {
  terms: string;
  postings: number;
};

export function encodeSegment(segment: SegmentData): Uint8Array {
  const header: Header = {
    format: segment.format,
    id: segment.id,
    minSeq: segment.minSeq,
    maxSeq: segment.maxSeq,
    createdAt: segment.createdAt,
    docs: segment.docs,
    deletes: segment.deletes,
    terms: segment.terms.join('\n'),
    postings: segment.postingDocs.length,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = Math.ceil((4 + json.length) / 4) * 4;
  const bytes = new Uint8Array(start + 4 * (segment.offsets.length + 2 * segment.postingDocs.length));
  new DataView(bytes.buffer).setUint32(0, json.length, true);
  bytes.set(json, 4);
  let at = start;
  for (const array of [segment.offsets, segment.postingDocs, segment.postingWeights]) {
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    at += array.byteLength;
  }
  return bytes;
}

/** Reads what `encodeSegment` wrote; throws on bytes that are not a segment of this format. */
export function decodeSegment(bytes: Uint8Array): SegmentData {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length))) as Header;
  if (header.format !== SEGMENT_FORMAT) throw new Error(`search segment format ${header.format} is not supported`);
  const terms = header.terms === '' ? [] : header.terms.split('\n');
  // Typed-array views need 4-byte alignment: copy once if the caller's buffer is not aligned.
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const start = Math.ceil((4 + length) / 4) * 4;
  const base = aligned.byteOffset + start;
  const offsets = new Uint32Array(aligned.buffer, base, terms.length + 1);
  const postingDocs = new Uint32Array(aligned.buffer, base + offsets.byteLength, header.postings);
  const postingWeights = new Float32Array(
    aligned.buffer,
    base + offsets.byteLength + postingDocs.byteLength,
    header.postings,
  );
  return {
    format: SEGMENT_FORMAT,
    id: header.id,
    minSeq: header.minSeq,
    maxSeq: header.maxSeq,
    createdAt: header.createdAt,
    docs: header.docs,
    deletes: header.deletes,
    terms,
    offsets,
    postingDocs,
    postingWeights,
  };
}
