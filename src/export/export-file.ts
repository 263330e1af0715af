/** One file an export produces: a bare file name (no folders) and its text. */
export interface ExportFile {
  path: string;
  content: string;
}
