/** The index build's growing arrays (build-growth.ts). */
import { describe, expect, it } from 'vitest';
import { GrowingArray } from '../../../src/search/build-growth';
import { PackedStringsBuilder } from '../../../src/search/packed-strings';

/** A Uint32Array that records how many items each `set` copied. */
class Recorded extends Uint32Array {
  static copies: number[] = [];
  override set(items: ArrayLike<number>, offset?: number): void {
    Recorded.copies.push(items.length);
    super.set(items, offset);
  }
}

describe('GrowingArray', () => {
  it('keeps every item appended across growth, copying a block at a time', () => {
    Recorded.copies = [];
    const growing = new GrowingArray((n) => new Recorded(n), 16);
    let used = 0;
    for (let k = 0; used < 300_000; k++) {
      const extra = 1 + (k % 7);
      const array = growing.reserve(used, extra);
      for (let i = 0; i < extra; i++) array[used + i] = used + i;
      used += extra;
    }
    const array = growing.array;
    expect(array.length).toBeGreaterThanOrEqual(used);
    for (let i = 0; i < used; i++) if (array[i] !== i) expect(array[i]).toBe(i);
    // No copy of everything written so far when the array fills: at most a block each time.
    expect(Math.max(...Recorded.copies)).toBeLessThanOrEqual(4096);
  });

  it('makes room for one large write at once', () => {
    const growing = new GrowingArray((n) => new Uint8Array(n), 4);
    growing.reserve(0, 3).set([1, 2, 3]);
    const array = growing.reserve(3, 1000);
    expect(array.length).toBeGreaterThanOrEqual(1003);
    expect([...array.subarray(0, 3)]).toEqual([1, 2, 3]);
  });
});

describe('PackedStringsBuilder', () => {
  it('keeps every string pushed while its buffers grow', () => {
    const builder = new PackedStringsBuilder();
    const strings = Array.from({ length: 50_000 }, (_, i) => (i % 5 === 0 ? `接続${i}` : `term-${i}`));
    for (const s of strings) builder.push(s);
    const packed = builder.finish();
    expect(packed.length).toBe(strings.length);
    strings.forEach((s, i) => {
      if (packed.get(i) !== s) expect(packed.get(i)).toBe(s);
      if (!builder.equals(i, s)) expect(builder.equals(i, s)).toBe(true);
    });
  });
});
