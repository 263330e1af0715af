/** What an export into a folder did, file by file: the CLI prints it, the app shows it. */
export interface ExportWriteReport {
  written: string[];
  unchanged: string[];
  /** Files of an earlier export whose notes are gone. */
  removed: string[];
  /** Files in the way that ForumKB did not write: never touched. */
  skipped: string[];
  /** Files ForumKB wrote that the user has edited since: kept as they are. */
  conflicts: string[];
  warnings: string[];
}

export function emptyExportReport(): ExportWriteReport {
  return { written: [], unchanged: [], removed: [], skipped: [], conflicts: [], warnings: [] };
}
