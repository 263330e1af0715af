/**
 * A typed array that an index build appends to, grown without one long copy: once it is half
 * full the next array (twice as large) is made and the items written so far are copied to it a
 * block with each `reserve`, so when the array is full only the last few items are left to copy.
 * Doubling by one copy of all the items cost 10–40 ms in one step of a 50k-thread build (the copy
 * and the page faults of the new memory), which a query arriving meanwhile waited for.
 *
 * Items must only be appended (never changed once written before a `reserve`): what was copied
 * is not copied again.
 */

type Items = Uint8Array | Uint32Array;

/** Items copied to the next array per `reserve` (when at least that many are left to copy). */
const COPY_STEP = 1 << 12;

export class GrowingArray<T extends Items> {
  /** The array to write to: valid until the next `reserve`. */
  array: T;
  /**
   * `reserve` has nothing to do while `used + extra` stays at or below this: callers compare
   * with it before calling (a call per append cost more than the growing).
   */
  checkAt: number;
  private next: T | null = null;
  /** Items `0 .. copied` of `array` are in `next` already. */
  private copied = 0;

  constructor(
    private readonly make: (length: number) => T,
    initial: number,
  ) {
    this.array = make(initial);
    this.checkAt = initial >>> 1;
  }

  /**
   * Makes room for items `used .. used + extra` (`used`: the items written so far) and returns
   * the array to write them to.
   */
  reserve(used: number, extra: number): T {
    let array = this.array;
    if (used + extra > array.length) {
      let next = this.next;
      if (next === null || next.length < used + extra) {
        next = this.make(Math.max(array.length * 2, used + extra));
        this.copied = 0;
      }
      next.set(array.subarray(this.copied, used), this.copied);
      this.array = array = next;
      this.next = null;
      this.copied = 0;
    } else if (used * 2 >= array.length && used - this.copied >= COPY_STEP) {
      // A block at a time, only whole blocks: a copy (and a subarray) per append cost more than
      // the copying.
      const next = (this.next ??= this.make(array.length * 2));
      next.set(array.subarray(this.copied, this.copied + COPY_STEP), this.copied);
      this.copied += COPY_STEP;
    }
    this.checkAt = used * 2 < array.length ? array.length >>> 1 : Math.min(array.length, this.copied + COPY_STEP);
    return array;
  }
}
