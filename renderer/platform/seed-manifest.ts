import manifest from '../../fixtures/seed.json';

export interface SeedFile {
  path: string;
  capturedAt: string;
}

export const SEED_FILES: SeedFile[] = manifest.files;
