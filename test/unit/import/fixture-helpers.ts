import { readFileSync } from 'node:fs';
import { parseToFile, type ParsedFile } from '../../../src/import/parse-source';
import { stringSource } from '../../../src/import/text-source';

/** The capture time the fixtures were scraped at, so relative activity gives stable dates. */
export const CAPTURED_AT = new Date('2026-03-15T00:00:00Z');

export function readFixture(name: string): string {
  return readFileSync(new URL(`../../../fixtures/${name}`, import.meta.url), 'utf8');
}

export function parseFixture(name: string, capturedAt: Date | null = CAPTURED_AT): Promise<ParsedFile> {
  return parseToFile(stringSource(name, readFixture(name)), { capturedAt });
}

export function parseText(name: string, content: string, capturedAt: Date | null = CAPTURED_AT): Promise<ParsedFile> {
  return parseToFile(stringSource(name, content), { capturedAt });
}
