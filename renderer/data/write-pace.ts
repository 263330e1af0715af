/**
 * How many records an import's next write may take so that it lasts about `targetMs`, from the
 * time per record of the last few writes. A read of the threads (a search typed meanwhile, a
 * thread opened) waits for the write under way, and a streamed file's whole batch in one write
 * (500 listing entries) took 0.4–3 s in the UI bench's 200 MB import, as the index merged or the
 * list was read again: a search typed then waited as long.
 *
 * A write's time is a fixed cost plus its records' cost; sizing by time per record (the fixed
 * cost shared out) converges on the size whose write lasts `targetMs`.
 */
export class WritePace {
  private readonly recent: { records: number; ms: number }[] = [];

  constructor(
    private readonly targetMs: number,
    /** Never fewer records a write than this. */
    private readonly min: number,
    /** The writes the pace is taken over. */
    private readonly window = 4,
  ) {}

  /** A write of `records` records took `ms`, from its opening to its commit. */
  wrote(records: number, ms: number): void {
    if (records <= 0) return;
    this.recent.push({ records, ms });
    if (this.recent.length > this.window) this.recent.shift();
  }

  /** Records for the next write; undefined until a write was timed (the import's own size then). */
  size(): number | undefined {
    if (this.recent.length === 0) return undefined;
    let records = 0;
    let ms = 0;
    for (const write of this.recent) {
      records += write.records;
      ms += write.ms;
    }
    const perRecord = ms / records;
    return perRecord <= 0 ? undefined : Math.max(this.min, Math.floor(this.targetMs / perRecord));
  }
}
