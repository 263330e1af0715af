/** The one error type importers throw: it always names the file, and the line where known. */
export class ImportError extends Error {
  readonly file: string;
  readonly line: number | null;
  /** The message without the file and line, for reports that show those separately. */
  readonly reason: string;

  constructor(file: string, line: number | null, message: string) {
    super(line === null ? `${file}: ${message}` : `${file}:${line}: ${message}`);
    this.name = 'ImportError';
    this.file = file;
    this.line = line;
    this.reason = message;
  }
}
