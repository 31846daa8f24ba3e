/**
 * A release cache over a key-value storage (the pane passes `localStorage`): the last good release
 * file's text and id, under one key. Reading garbage gives "nothing cached"; a full or blocked
 * storage is ignored. The loader validates whatever it reads back before using it.
 *
 * Layer: release channel. The storage is passed in; nothing here touches a global.
 */
import type { CachedReleaseText, ReleaseCache } from "./load-release";

/** The part of the Web Storage API the cache uses. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const DEFAULT_CACHE_KEY = "bj-open-stats.release.v1";

export function storageReleaseCache(storage: KeyValueStorage, key = DEFAULT_CACHE_KEY): ReleaseCache {
  return {
    get(): CachedReleaseText | undefined {
      try {
        const raw = storage.getItem(key);
        if (raw === null) return undefined;
        const value: unknown = JSON.parse(raw);
        if (typeof value !== "object" || value === null) return undefined;
        const { id, text, url } = value as Record<string, unknown>;
        if (typeof id !== "string" || typeof text !== "string") return undefined;
        return typeof url === "string" ? { id, text, url } : { id, text };
      } catch {
        return undefined;
      }
    },
    set(entry: CachedReleaseText): void {
      try {
        storage.setItem(key, JSON.stringify(entry));
      } catch {
        // Quota exceeded or storage disabled: keep working without a cache.
      }
    },
  };
}
