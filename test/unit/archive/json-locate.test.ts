import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxProblem, lineAt, lineOfPath } from '../../../src/archive/json-locate';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

// Near-JSON: valid documents with a few characters dropped, duplicated or swapped in.
const mangled = fc
  .tuple(
    fc.json(),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', '\\', '\n', 'x', '0', '-'))),
  )
  .map(([text, edits]) =>
    edits.reduce((t, [at, piece]) => {
      const i = t.length === 0 ? 0 : at % t.length;
      return t.slice(0, i) + piece + t.slice(i + (piece === '' ? 1 : 0));
    }, text),
  );

describe('json-locate', () => {
  it('agrees with JSON.parse on what is valid (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), mangled, fc.string()), (text) => {
        expect(findJsonSyntaxProblem(text) === null).toBe(parses(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('finds the line of a value by its path', () => {
    const text = '{\n  "a": [\n    1,\n    {"b": true}\n  ],\n  "c": "x"\n}';
    expect(lineOfPath(text, [])).toBe(1);
    expect(lineOfPath(text, ['a'])).toBe(2);
    expect(lineOfPath(text, ['a', 0])).toBe(3);
    expect(lineOfPath(text, ['a', 1, 'b'])).toBe(4);
    expect(lineOfPath(text, ['c'])).toBe(6);
    // Missing: the nearest ancestor that exists.
    expect(lineOfPath(text, ['a', 1, 'missing'])).toBe(4);
    expect(lineOfPath(text, ['a', 7])).toBe(2);
  });

  it('finds any array element of a generated document (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { minLength: 1, maxLength: 20 }), fc.nat(), (items, pick) => {
        const i = pick % items.length;
        const text = `{"list": [\n${items.map((item) => JSON.stringify(item)).join(',\n')}\n]}`;
        expect(lineOfPath(text, ['list', i])).toBe(i + 2);
      }),
    );
  });

  it('counts lines from offsets', () => {
    expect(lineAt('a\nb\nc', 0)).toBe(1);
    expect(lineAt('a\nb\nc', 2)).toBe(2);
    expect(lineAt('a\nb\nc', 4)).toBe(3);
  });
});
