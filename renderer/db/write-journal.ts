/**
 * What a file's writes replaced, so that a file written in several short transactions can still
 * land whole or not at all: while the journal runs, every row its transactions create, change or
 * delete has its value from before (or its absence) kept, the first time only; `undo` puts them all
 * back in one transaction. Writes of other transactions (the user's edits while an import runs)
 * are not recorded, so an undo never touches them. The journal lives in memory: if the worker is
 * ended between two of a file's writes (the app closed, the watchdog), the writes done stay, and
 * the import's last progress counted them.
 *
 * Short transactions are what let a search run while a file is imported: a read of the threads
 * waits behind every write transaction opened before it, and one transaction for a file of 10k
 * threads held the search for the whole file.
 */
import Dexie, { type Table, type Transaction } from 'dexie';
import { reportWholeTables } from './whole-table-changes';

type Row = Record<string, unknown>;

export class WriteJournal {
  /** Per table, the rows as they were: a key's value before the first write, undefined if absent. */
  private readonly before = new Map<Table, Map<string, Row | undefined>>();
  private readonly ours = new WeakSet<Transaction>();
  /** The rows each transaction recorded first: forgotten if it rolls back (`rolledBack`). */
  private readonly firstIn = new WeakMap<Transaction, (() => void)[]>();
  private readonly stops: (() => void)[] = [];

  constructor(private readonly tables: Table[]) {}

  /** Starts recording the writes of the transactions given to `track`. */
  start(): void {
    for (const table of this.tables) {
      const kept = new Map<string, Row | undefined>();
      this.before.set(table, kept);
      const keyPath = table.schema.primKey.keyPath as string;
      const keep = (key: unknown, value: Row | undefined, transaction: Transaction) => {
        const k = String(key);
        if (kept.has(k)) return;
        kept.set(k, value);
        this.firstIn.get(transaction)?.push(() => kept.delete(k));
      };
      const ours = (transaction: Transaction) => this.ours.has(transaction);
      const creating = (key: unknown, row: Row, transaction: Transaction) => {
        if (ours(transaction)) keep(key ?? row[keyPath], undefined, transaction);
      };
      const updating = (_changes: object, key: unknown, row: Row, transaction: Transaction) => {
        if (ours(transaction)) keep(key, row, transaction);
      };
      const deleting = (key: unknown, row: Row, transaction: Transaction) => {
        if (ours(transaction)) keep(key, row, transaction);
      };
      table.hook('creating', creating);
      table.hook('updating', updating);
      table.hook('deleting', deleting);
      this.stops.push(() => {
        table.hook('creating').unsubscribe(creating);
        table.hook('updating').unsubscribe(updating);
        table.hook('deleting').unsubscribe(deleting);
      });
    }
  }

  /** Records the writes of the transaction this is called in (call it first thing inside it). */
  track(): void {
    const transaction = Dexie.currentTransaction;
    if (!transaction) return;
    this.ours.add(transaction);
    this.firstIn.set(transaction, []);
  }

  /**
   * A tracked transaction was aborted, so nothing of it is stored: what it recorded first is
   * forgotten, as a row it wrote may be the user's to change before the import writes it again.
   */
  rolledBack(transaction: Transaction): void {
    for (const forget of this.firstIn.get(transaction)?.splice(0) ?? []) forget();
  }

  /** Stops recording; what was recorded stays for `undo`. */
  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  /** Puts back every recorded row as it was, in one transaction, and forgets them. */
  async undo(db: Dexie): Promise<void> {
    this.stop();
    await db.transaction('rw', this.tables, async () => {
      for (const [table, kept] of this.before) {
        const absent = [...kept].flatMap(([key, row]) => (row === undefined ? [key] : []));
        const present = [...kept.values()].filter((row): row is Row => row !== undefined);
        await table.bulkDelete(absent);
        await table.bulkPut(present);
      }
      reportWholeTables();
    });
    this.before.clear();
  }
}
