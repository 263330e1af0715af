import type { ForumKbApi } from '../../src/bridge/forumkb-api';
import type { ForumDb } from './db';
import { importIntoDb, type ImportSummary } from './import-into-db';

const SEEDED_KEY = 'seededAt';

/**
 * On first start, imports the bundled fixtures so a new user sees real threads at once. Runs once
 * a database: deleting the seeded threads later does not bring them back.
 */
export async function seedOnFirstStart(db: ForumDb, platform: ForumKbApi): Promise<ImportSummary | null> {
  if (await db.meta.get(SEEDED_KEY)) return null;
  const summary = await importIntoDb(db, await platform.loadSeedFiles());
  await db.meta.put({ key: SEEDED_KEY, value: new Date().toISOString() });
  return summary;
}
