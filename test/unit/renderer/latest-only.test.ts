import { describe, expect, it } from 'vitest';
import { LatestOnly, SKIPPED } from '../../../renderer/app/latest-only';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('LatestOnly', () => {
  it('runs the first request at once and, of those asked for meanwhile, only the latest', async () => {
    const gate = new LatestOnly();
    const started: string[] = [];
    const first = deferred<string>();
    const task = (name: string, result: Promise<string>) => () => {
      started.push(name);
      return result;
    };
    const a = gate.run(task('a', first.promise));
    const b = gate.run(task('b', Promise.resolve('b')));
    const c = gate.run(task('c', Promise.resolve('c')));
    expect(started).toEqual(['a']);
    expect(await b).toBe(SKIPPED);
    first.resolve('a');
    expect(await a).toBe('a');
    expect(await c).toBe('c');
    expect(started).toEqual(['a', 'c']);
  });

  it('goes on after a failed request, and passes on the failure of the one that ran', async () => {
    const gate = new LatestOnly();
    const first = deferred<string>();
    const a = gate.run(() => first.promise);
    const b = gate.run(() => Promise.reject(new Error('no index')));
    first.reject(new Error('worker gone'));
    await expect(a).rejects.toThrow('worker gone');
    await expect(b).rejects.toThrow('no index');
    expect(await gate.run(() => Promise.resolve(1))).toBe(1);
  });
});
