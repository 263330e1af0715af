/**
 * Which copy of each thread is live, and its global document number: every segment keeps a map
 * of its own threads' ids, and a thread's live copy is its newest one unless that is hidden (a
 * newer delete). So adding or merging a segment builds only that segment's map, in steps
 * (`idMapSteps`), and swaps the lists in one small step, instead of rebuilding one map of every
 * thread in the forum while queries wait.
 */
import type { DocTable } from './doc-table';

/** Ids per step of `idMapSteps`. */
const IDS_PER_STEP = 4096;

export class LiveDocs {
  /**
   * @param idMaps per segment, oldest first: thread id → local document number
   * @param dead per segment, 1 where a document is hidden
   * @param bases per segment, the global number of its first document
   * @param size how many threads are live
   */
  constructor(
    private readonly idMaps: readonly ReadonlyMap<string, number>[],
    private readonly dead: readonly Uint8Array[],
    private readonly bases: readonly number[],
    readonly size: number,
  ) {}

  /** The global document number of thread `id`'s live copy, or undefined. */
  get(id: string): number | undefined {
    for (let s = this.idMaps.length - 1; s >= 0; s--) {
      const local = (this.idMaps[s] as ReadonlyMap<string, number>).get(id);
      if (local === undefined) continue;
      return (this.dead[s] as Uint8Array)[local] === 1 ? undefined : (this.bases[s] as number) + local;
    }
    return undefined;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }
}

/** A segment's ids → local numbers, a few thousand ids a step; `each` sees every id too. */
export function* idMapSteps(
  docs: DocTable,
  each?: (id: string, local: number) => void,
): Generator<void, Map<string, number>> {
  const map = new Map<string, number>();
  for (let local = 0; local < docs.length; local++) {
    const id = docs.id(local);
    map.set(id, local);
    each?.(id, local);
    if (local % IDS_PER_STEP === IDS_PER_STEP - 1) yield;
  }
  return map;
}
