import type { ImportReport, ThreadRecord } from '../model';
import { isForumId, mergeRecords } from './merge';

/** Where imported threads go: an in-memory map for the CLI, Dexie in the app. */
export interface ThreadStore {
  /** The stored thread with this id, or else the one with this fingerprint. */
  find(id: string, fingerprint: string): Promise<ThreadRecord | undefined>;
  /**
   * Every stored thread whose `titleKey` is this one (usually none or one). Optional: a store
   * without it never matches a body-less feed item to a listing entry by title.
   */
  findByTitle?(titleKey: string): Promise<ThreadRecord[]>;
  /**
   * Stores `record`; `previousId` is set when a listing entry was upgraded to its forum id: the
   * store must then drop the record (and its posts) under the old id and move what points at it.
   * `movedPosts` maps post ids that changed (`790377#2` → its forum post id) to their new ids:
   * bookmarks and notes on those posts must move with them.
   */
  put(record: ThreadRecord, previousId: string | null, movedPosts?: ReadonlyMap<string, string>): Promise<void>;
  /**
   * Optional: told the records about to be applied (in the same write), so that it can read what
   * they will be looked up by all at once; `find`, `findByTitle` and `put` still answer exactly.
   */
  prepare?(records: readonly ThreadRecord[]): Promise<void>;
}

const hasBody = (r: ThreadRecord) => (r.posts[0]?.body.trim() ?? '') !== '';

/**
 * The stored record an incoming one is the same thread as. By id, then fingerprint; and when one
 * side has no question body (a feed item), by title alone, but only if exactly one thread has that
 * title and the two do not carry different forum ids.
 */
export async function findExisting(store: ThreadStore, incoming: ThreadRecord): Promise<ThreadRecord | undefined> {
  const { thread } = incoming;
  const direct = await store.find(thread.id, thread.fingerprint);
  // Two forum ids are two threads, however alike their titles and question starts.
  if (direct && !(isForumId(thread.id) && isForumId(direct.thread.id) && direct.thread.id !== thread.id)) return direct;
  if (!store.findByTitle) return undefined;
  const sameTitle = await store.findByTitle(thread.titleKey);
  if (sameTitle.length !== 1) return undefined;
  const candidate = sameTitle[0]!;
  if (isForumId(thread.id) && isForumId(candidate.thread.id)) return undefined;
  const weak = !hasBody(incoming) || !hasBody(candidate) || thread.sources.includes('feed');
  return weak ? candidate : undefined;
}

/** Merges each record into the store and counts what changed. */
export async function applyRecords(
  store: ThreadStore,
  records: Iterable<ThreadRecord> | AsyncIterable<ThreadRecord>,
  report: ImportReport,
): Promise<void> {
  if (store.prepare && Array.isArray(records)) await store.prepare(records as readonly ThreadRecord[]);
  for await (const incoming of records) {
    const existing = await findExisting(store, incoming);
    const { record, change, movedPosts } = mergeRecords(existing, incoming);
    report[change]++;
    if (change === 'unchanged') continue;
    const previousId = existing && existing.thread.id !== record.thread.id ? existing.thread.id : null;
    await store.put(record, previousId, movedPosts);
  }
}

export class MemoryThreadStore implements ThreadStore {
  private readonly byId = new Map<string, ThreadRecord>();
  private readonly idByFingerprint = new Map<string, string>();
  private readonly idsByTitle = new Map<string, Set<string>>();

  find(id: string, fingerprint: string): Promise<ThreadRecord | undefined> {
    const direct = this.byId.get(id);
    if (direct) return Promise.resolve(direct);
    const viaFingerprint = this.idByFingerprint.get(fingerprint);
    return Promise.resolve(viaFingerprint === undefined ? undefined : this.byId.get(viaFingerprint));
  }

  findByTitle(titleKey: string): Promise<ThreadRecord[]> {
    const ids = [...(this.idsByTitle.get(titleKey) ?? [])];
    return Promise.resolve(ids.map((id) => this.byId.get(id)).filter((r): r is ThreadRecord => r !== undefined));
  }

  /** No user data lives here: moved post ids need no work. */
  put(record: ThreadRecord, previousId: string | null, _movedPosts?: ReadonlyMap<string, string>): Promise<void> {
    const { id, fingerprint, titleKey } = record.thread;
    const replaced = this.byId.get(previousId ?? id);
    if (replaced) {
      this.idsByTitle.get(replaced.thread.titleKey)?.delete(replaced.thread.id);
      // The old fingerprint keeps pointing at the thread under its new id.
      this.idByFingerprint.set(replaced.thread.fingerprint, id);
    }
    if (previousId !== null) this.byId.delete(previousId);
    this.byId.set(id, record);
    this.idByFingerprint.set(fingerprint, id);
    const ids = this.idsByTitle.get(titleKey) ?? new Set<string>();
    ids.add(id);
    this.idsByTitle.set(titleKey, ids);
    return Promise.resolve();
  }

  all(): ThreadRecord[] {
    return [...this.byId.values()];
  }
}
