/**
 * A Dexie middleware for tests that watch what the database is asked: `wrap` gets each table by
 * name and gives the calls it replaces. Hand back the database's own promises (a native `await`
 * in between would let a read-write transaction commit between two of its requests).
 */
import type Dexie from 'dexie';
import type { DBCoreTable } from 'dexie';

/** Install before the database opens. */
export function spyOnTables(
  db: Dexie,
  name: string,
  wrap: (tableName: string, table: DBCoreTable) => Partial<DBCoreTable>,
): void {
  db.use({
    stack: 'dbcore',
    name,
    create: (down) => ({
      ...down,
      table: (tableName) => {
        const table = down.table(tableName);
        return { ...table, ...wrap(tableName, table) };
      },
    }),
  });
}

/** Tells `onRead` of each read request (get, getMany, query, openCursor) to a table, by its name. */
export function spyOnReads(db: Dexie, name: string, onRead: (tableName: string) => void): void {
  spyOnTables(db, name, (tableName, table) => {
    const told = <R>(answer: R): R => (onRead(tableName), answer);
    return {
      get: (request) => told(table.get(request)),
      getMany: (request) => told(table.getMany(request)),
      query: (request) => told(table.query(request)),
      openCursor: (request) => told(table.openCursor(request)),
    };
  });
}
