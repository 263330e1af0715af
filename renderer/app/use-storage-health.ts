import { useEffect, useState } from 'react';

export interface StorageHealth {
  /** Bytes used by this origin, and the quota, when the browser tells. */
  usage: number | null;
  quota: number | null;
  /** Whether the browser promised not to evict the data under storage pressure. */
  persisted: boolean | null;
}

/**
 * Asks once for persistent storage (a knowledge base must not be evicted to make room) and keeps
 * the usage figures fresh: on start, after every change signal, and every minute.
 */
export function useStorageHealth(refreshKey: unknown): StorageHealth {
  const [health, setHealth] = useState<StorageHealth>({ usage: null, quota: null, persisted: null });

  useEffect(() => {
    const storage = navigator.storage as StorageManager | undefined;
    if (!storage?.persist) return;
    storage
      .persisted()
      .then((already) => (already ? true : storage.persist()))
      .then((persisted) => setHealth((h) => ({ ...h, persisted })))
      .catch(() => setHealth((h) => ({ ...h, persisted: false })));
  }, []);

  useEffect(() => {
    const storage = navigator.storage as StorageManager | undefined;
    if (!storage?.estimate) return;
    let live = true;
    const update = () =>
      void storage
        .estimate()
        .then((e) => live && setHealth((h) => ({ ...h, usage: e.usage ?? null, quota: e.quota ?? null })))
        .catch(() => {});
    update();
    const timer = setInterval(update, 60_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [refreshKey]);

  return health;
}

/** 1.2 MB, 10 GB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 || unit === 0 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}
