import type { ImportReport, ThreadRecord } from '../model';
import { mergeRecords } from './merge';

/** Where imported threads go: an in-memory map for the CLI, Dexie in the app. */
export interface ThreadStore {
  /** The stored thread with this id, or else the one with this fingerprint. */
  find(id: string, fingerprint: string): Promise<ThreadRecord | undefined>;
  /** Stores `record`; `previousId` is set when a listing entry was upgraded to its forum id. */
  put(record: ThreadRecord, previousId: string | null): Promise<void>;
}

/** Merges each record into the store and counts what changed. */
export async function applyRecords(
  store: ThreadStore,
  records: Iterable<ThreadRecord>,
  report: ImportReport,
): Promise<void> {
  for (const incoming of records) {
    const existing = await store.find(incoming.thread.id, incoming.thread.fingerprint);
    const { record, change } = mergeRecords(existing, incoming);
    report[change]++;
    if (change === 'unchanged') continue;
    const previousId = existing && existing.thread.id !== record.thread.id ? existing.thread.id : null;
    await store.put(record, previousId);
  }
}

export class MemoryThreadStore implements ThreadStore {
  private readonly byId = new Map<string, ThreadRecord>();
  private readonly idByFingerprint = new Map<string, string>();

  find(id: string, fingerprint: string): Promise<ThreadRecord | undefined> {
    const direct = this.byId.get(id);
    if (direct) return Promise.resolve(direct);
    const viaFingerprint = this.idByFingerprint.get(fingerprint);
    return Promise.resolve(viaFingerprint === undefined ? undefined : this.byId.get(viaFingerprint));
  }

  put(record: ThreadRecord, previousId: string | null): Promise<void> {
    if (previousId !== null) this.byId.delete(previousId);
    this.byId.set(record.thread.id, record);
    this.idByFingerprint.set(record.thread.fingerprint, record.thread.id);
    return Promise.resolve();
  }

  all(): ThreadRecord[] {
    return [...this.byId.values()];
  }
}
