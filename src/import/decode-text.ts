/**
 * Bytes to text, the one way every file source does it (the CLI's and Electron's files, the
 * browser's Blobs): the encoding from the byte order mark (UTF-8, UTF-16 LE or BE; UTF-8 without
 * one), the mark dropped, and every line ending (`\r\n`, a lone `\r`, `\n`) read as `\n`, as the
 * HTML and XML specifications read them too.
 */

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export function detectEncoding(bytes: Uint8Array): TextEncoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

export function normalizeLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** A whole file's text. */
export function decodeText(bytes: Uint8Array): string {
  return normalizeLineEndings(new TextDecoder(detectEncoding(bytes)).decode(bytes));
}

/**
 * The text of a file's first bytes (for format detection): a character cut at the end is held
 * back rather than decoded as U+FFFD.
 */
export function decodeHead(bytes: Uint8Array, wholeFile: boolean): string {
  const text = new TextDecoder(detectEncoding(bytes)).decode(bytes, { stream: !wholeFile });
  return normalizeLineEndings(wholeFile ? text : text.replace(/\r$/, ''));
}

/**
 * A file's lines from its bytes as they stream in: the encoding is read from the first bytes; a
 * `\r\n` split across two chunks is one line ending.
 */
export async function* decodeLines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  let decoder: TextDecoder | null = null;
  let pending: Uint8Array = new Uint8Array(0);
  let rest = '';
  function* take(text: string, final: boolean): Generator<string> {
    rest += text;
    let start = 0;
    const lineEnd = /[\r\n]/g;
    for (;;) {
      lineEnd.lastIndex = start;
      const found = lineEnd.exec(rest);
      if (!found) break;
      const at = found.index;
      // A `\r` at the very end may be the first half of a `\r\n` still to come.
      if (rest[at] === '\r' && at === rest.length - 1 && !final) break;
      yield rest.slice(start, at);
      start = at + (rest[at] === '\r' && rest[at + 1] === '\n' ? 2 : 1);
    }
    rest = rest.slice(start);
  }
  for await (const chunk of chunks) {
    if (!decoder) {
      // Two bytes tell a UTF-16 mark; wait for them unless the file is shorter.
      pending = concat(pending, chunk);
      if (pending.length < 2) continue;
      decoder = new TextDecoder(detectEncoding(pending));
      yield* take(decoder.decode(pending, { stream: true }), false);
      continue;
    }
    yield* take(decoder.decode(chunk, { stream: true }), false);
  }
  if (!decoder) {
    decoder = new TextDecoder(detectEncoding(pending));
    yield* take(decoder.decode(pending), true);
  } else yield* take(decoder.decode(), true);
  if (rest !== '') yield rest;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
