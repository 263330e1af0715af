/**
 * `connector`: the app's connector server without the app. Accepts the ForumKB Clipper's captures
 * on 127.0.0.1 and writes each as a capture file (the format `parse --json` and the app's import
 * read) into a folder, printing one line per capture. Captures already in the folder are read at
 * start, so "added", "updated" and "unchanged" stay true across runs.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { toCaptureFile, type Capture, type CaptureAnswer } from '../import/capture-format';
import { parseCapture, type ParsedCapture } from '../import/capture-import';
import { storeCapture } from '../import/capture-store';
import { ImportError } from '../import/import-error';
import { importSources } from '../import/import-files';
import { applyRecords, MemoryThreadStore } from '../import/thread-store';
import { emptyReport } from '../model';
import { writeFileAtomic } from '../node/atomic-write';
import { DEFAULT_CONNECTOR_PORT, startConnectorServer } from '../node/connector-server';
import { openSources } from './open-sources';
import { UsageError } from './usage-error';

export const CAPTURE_FILE = /\.capture\.json$/;

/**
 * `2026-11-30T010203Z-thread-790377-1a2b3c4d.capture.json`: sorted by time, named for what it
 * holds, and the same name for the same page read twice (so a capture sent again replaces its
 * file instead of adding one).
 */
export function captureFileName(capture: Capture, parsed: ParsedCapture): string {
  const time = new Date(capture.capturedAt).toISOString().replace(/[-:]|\.\d+/g, '');
  const first = parsed.records[0]?.thread.id ?? 'page';
  const what = parsed.kind === 'listing' ? 'listing' : `thread-${first.replace(/[^a-z0-9-]/gi, '')}`;
  const hash = createHash('sha256')
    .update(`${capture.url}\n${capture.text}\n${capture.html ?? ''}`)
    .digest('hex');
  return `${time}-${what}-${hash.slice(0, 8)}.capture.json`;
}

export function captureLine(answer: CaptureAnswer, file: string): string {
  const [only] = answer.threads;
  if (answer.kind !== 'listing' && only) {
    const change =
      only.status === 'updated' && only.newReplies > 0
        ? `updated: ${only.newReplies} new repl${only.newReplies === 1 ? 'y' : 'ies'}`
        : only.status;
    return `${change}  ${only.id}  ${JSON.stringify(only.title)}  → ${file}`;
  }
  const count = (s: string) => answer.threads.filter((t) => t.status === s).length;
  return `listing: ${answer.threads.length} threads (${count('added')} added, ${count('updated')} updated, ${count('unchanged')} unchanged)  → ${file}`;
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_CONNECTOR_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: not a port number: ${value}`);
  return port;
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string' }, token: { type: 'string' }, out: { type: 'string' } },
  });
  if (!values.out) throw new UsageError('connector needs --out DIR');
  const out = values.out;
  if (values.token !== undefined && values.token.length < 16)
    throw new UsageError('--token: use at least 16 characters (or leave it out to get a random one)');
  const token = values.token ?? randomBytes(24).toString('base64url');
  await mkdir(out, { recursive: true });

  const store = new MemoryThreadStore();
  const known = (await readdir(out)).filter((f) => CAPTURE_FILE.test(f)).map((f) => join(out, f));
  const loaded = await importSources(store, await openSources(known));
  for (const failed of loaded.failed)
    process.stderr.write(`skipped ${failed.file}${failed.line === null ? '' : `:${failed.line}`}: ${failed.message}\n`);

  // One capture at a time: the store is read before and after each write.
  let queue: Promise<unknown> = Promise.resolve();
  const accept = async (capture: Capture): Promise<CaptureAnswer> => {
    let parsed: ParsedCapture;
    try {
      parsed = parseCapture(capture, capture.url);
    } catch (error) {
      if (error instanceof ImportError) process.stderr.write(`refused ${capture.url}: ${error.reason}\n`);
      throw error;
    }
    const name = captureFileName(capture, parsed);
    // The file first: a capture is answered only once it is on disk.
    await writeFileAtomic(join(out, name), `${JSON.stringify(toCaptureFile(capture), null, 2)}\n`);
    const answer = await storeCapture(store, parsed, (records) => applyRecords(store, records, emptyReport()));
    process.stdout.write(`${captureLine(answer, join(out, name))}\n`);
    return answer;
  };

  const port = parsePort(values.port);
  const server = await startConnectorServer({
    port,
    token,
    capture: (capture) => {
      const done = queue.then(() => accept(capture));
      queue = done.catch(() => undefined);
      return done;
    },
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE') throw error;
    process.stderr.write(
      `forumkb connector: port ${port} is in use (is ForumKB running?): choose another with --port\n`,
    );
    return null;
  });
  if (!server) return 1;
  process.stderr.write(
    `ForumKB connector on http://127.0.0.1:${server.port}, writing captures to ${out}` +
      `${loaded.report.added > 0 ? ` (${known.length} captures there already)` : ''}\n` +
      (values.token === undefined ? `pair the clipper with this token: ${token}\n` : ''),
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}
