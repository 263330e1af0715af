/**
 * Finds lines in JSON text for error messages. `JSON.parse` does not say where a syntax error is
 * in every engine (Node 20 often gives no position at all), and says nothing about where a
 * well-formed but invalid value sits; this scanner answers both without building any values.
 * It is iterative, so a hostile file nested a million levels deep cannot overflow the stack.
 */

export type JsonPath = readonly (string | number)[];

export interface JsonSyntaxProblem {
  offset: number;
  message: string;
}

interface Frame {
  kind: 'object' | 'array';
  key: string | number;
}

type State = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'after-value' | 'end';

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

class Stop {
  constructor(readonly offset: number) {}
}

/**
 * Walks `text` as strict JSON (RFC 8259). Returns the first syntax problem, or null; when `target`
 * is given and found, `onTarget` gets the offset where that value starts and the walk stops.
 */
function walk(text: string, target: JsonPath | null): JsonSyntaxProblem | Stop | null {
  const stack: Frame[] = [];
  let state: State = 'value';
  let pos = 0;

  const fail = (message: string, at: number = pos): JsonSyntaxProblem => ({ offset: at, message });
  const atTarget = (): boolean => {
    if (!target || stack.length !== target.length) return false;
    return stack.every((frame, i) => frame.key === target[i]);
  };

  // Reads a string token starting at the opening quote; returns its value, or a problem.
  const readString = (): string | JsonSyntaxProblem => {
    const start = pos;
    pos++;
    let value = '';
    for (;;) {
      if (pos >= text.length) return fail('unterminated string', start);
      const ch = text[pos]!;
      if (ch === '"') {
        pos++;
        return value;
      }
      if (ch < ' ') return fail('control character in a string (escape it)');
      if (ch === '\\') {
        const next = text[pos + 1];
        if (next === 'u') {
          HEX4.lastIndex = pos + 2;
          if (!HEX4.test(text)) return fail('bad \\u escape in a string');
          value += String.fromCharCode(parseInt(text.slice(pos + 2, pos + 6), 16));
          pos += 6;
          continue;
        }
        if (next === undefined || !ESCAPES.has(next)) return fail('bad escape in a string');
        value += JSON.parse(`"\\${next}"`) as string;
        pos += 2;
        continue;
      }
      value += ch;
      pos++;
    }
  };

  // Reads any scalar; returns null when it was fine.
  const readScalar = (): JsonSyntaxProblem | null => {
    const ch = text[pos]!;
    if (ch === '"') {
      const s = readString();
      return typeof s === 'string' ? null : s;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return null;
      }
    }
    NUMBER.lastIndex = pos;
    if ((ch === '-' || (ch >= '0' && ch <= '9')) && NUMBER.test(text)) {
      pos = NUMBER.lastIndex;
      return null;
    }
    return fail(`unexpected character ${JSON.stringify(ch)}, expected a value`);
  };

  const closeContainer = (): void => {
    stack.pop();
    state = 'after-value';
  };

  for (;;) {
    while (pos < text.length && WHITESPACE.has(text[pos]!)) pos++;
    if (pos >= text.length) {
      return state === 'end' ? null : fail('unexpected end of file');
    }
    const ch = text[pos]!;
    const top = stack[stack.length - 1];
    switch (state) {
      case 'value':
      case 'value-or-close': {
        if (state === 'value-or-close' && ch === ']') {
          pos++;
          closeContainer();
          break;
        }
        if (atTarget()) return new Stop(pos);
        if (ch === '{' || ch === '[') {
          pos++;
          stack.push({ kind: ch === '{' ? 'object' : 'array', key: ch === '{' ? '' : 0 });
          state = ch === '{' ? 'key-or-close' : 'value-or-close';
          break;
        }
        const problem = readScalar();
        if (problem) return problem;
        state = 'after-value';
        break;
      }
      case 'key':
      case 'key-or-close': {
        if (state === 'key-or-close' && ch === '}') {
          pos++;
          closeContainer();
          break;
        }
        if (ch !== '"') return fail('expected a double-quoted property name');
        const key = readString();
        if (typeof key !== 'string') return key;
        top!.key = key;
        state = 'colon';
        break;
      }
      case 'colon':
        if (ch !== ':') return fail("expected ':' after a property name");
        pos++;
        state = 'value';
        break;
      case 'after-value':
        if (!top) {
          state = 'end';
          break;
        }
        if (ch === ',') {
          pos++;
          if (top.kind === 'array') {
            top.key = (top.key as number) + 1;
            state = 'value';
          } else state = 'key';
        } else if (ch === (top.kind === 'array' ? ']' : '}')) {
          pos++;
          closeContainer();
        } else {
          return fail(`expected ',' or '${top.kind === 'array' ? ']' : '}'}'`);
        }
        break;
      case 'end':
        return fail('unexpected text after the end of the JSON value');
    }
    if (state === 'after-value' && stack.length === 0) state = 'end';
  }
}

/** The 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The first syntax problem in `text`, or null when it is valid JSON. */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | null {
  const result = walk(text, null);
  return result instanceof Stop ? null : result;
}

/**
 * The line where the value at `path` starts, or, when that value is missing, the line of its
 * nearest ancestor that exists (the object a required property is missing from).
 */
export function lineOfPath(text: string, path: JsonPath): number | null {
  for (let length = path.length; length >= 0; length--) {
    const result = walk(text, path.slice(0, length));
    if (result instanceof Stop) return lineAt(text, result.offset);
  }
  return null;
}
