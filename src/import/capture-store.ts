/**
 * Storing a capture and saying what it changed, thread by thread: the store is read before and
 * after the write, and the write itself is the caller's (the CLI's in-memory store, the app's
 * Dexie import), so a capture lands through the same merge as any imported file.
 */
import type { ImportWarning, ThreadRecord } from '../model';
import type { CaptureAnswer, CapturedThread } from './capture-format';
import { findExisting, type ThreadStore } from './thread-store';

const replyCount = (r: ThreadRecord | undefined) => Math.max(0, (r?.posts.length ?? 0) - 1);

export function captureOutcome(
  incoming: ThreadRecord,
  before: ThreadRecord | undefined,
  after: ThreadRecord | undefined,
): CapturedThread {
  const stored = after ?? incoming;
  const status = !before ? 'added' : JSON.stringify(before) === JSON.stringify(after) ? 'unchanged' : 'updated';
  return {
    id: stored.thread.id,
    title: stored.thread.title,
    status,
    newReplies: Math.max(0, replyCount(after) - (before ? replyCount(before) : 0)),
  };
}

export async function storeCapture(
  store: ThreadStore,
  parsed: { kind: string; records: ThreadRecord[]; warnings: ImportWarning[] },
  write: (records: ThreadRecord[]) => Promise<void>,
): Promise<CaptureAnswer> {
  const before: (ThreadRecord | undefined)[] = [];
  for (const record of parsed.records) before.push(await findExisting(store, record));
  await write(parsed.records);
  const threads: CapturedThread[] = [];
  for (const [i, record] of parsed.records.entries()) {
    const after = await store.find(record.thread.id, record.thread.fingerprint);
    threads.push(captureOutcome(record, before[i], after));
  }
  return {
    kind: parsed.kind,
    threads,
    warnings: parsed.warnings.map((w) => (w.line === null ? w.message : `line ${w.line}: ${w.message}`)),
  };
}
