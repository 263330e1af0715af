import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ParseJob } from './parse-files';

interface SeedManifest {
  files: { path: string; capturedAt: string }[];
}

/** The bundled fixtures as a parse job: `fixtures/seed.json` names them and when they were captured. */
export async function seedJob(fixturesDir: string): Promise<ParseJob> {
  const manifest = JSON.parse(await readFile(join(fixturesDir, 'seed.json'), 'utf8')) as SeedManifest;
  return { files: manifest.files.map((f) => ({ path: join(fixturesDir, f.path), capturedAt: f.capturedAt })) };
}
