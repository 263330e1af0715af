import type { ParsedFileResult } from '../../src/bridge/forumkb-api';

export interface ParseRequestFile {
  name: string;
  blob: Blob;
  /** Known capture time (bundled fixtures); otherwise the file's modification time is used. */
  capturedAt: string | null;
}

export interface ParseRequest {
  id: number;
  files: ParseRequestFile[];
}

export type ParseResponse = { id: number; results: ParsedFileResult[] } | { id: number; error: string };
