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
