/**
 * The release in use for the whole page. The task pane and the custom functions share one runtime,
 * so they read the same holder: whatever the release channel (src/channel) settles on is set here
 * once, and every later lookup, grid and function call sees it.
 *
 * Until something is set, the embedded release (the one built into the bundle) is active.
 *
 * Layer: pure core. No Office.js, no DOM, no network: the channel does the fetching.
 */
import type { BilingualText, Release } from "../data";
import { currentDataset, indexRelease, type DatasetIndex } from "./lookup";

/**
 * Where the active release came from:
 * - `embedded`: built into the add-in;
 * - `channel`: downloaded from `releases/` next to the add-in and verified this session;
 * - `cache`: the last good channel release, kept on this machine (used offline or after a bad one).
 */
export type ReleaseOriginKind = "embedded" | "channel" | "cache";

export interface ReleaseOrigin {
  readonly kind: ReleaseOriginKind;
  readonly releaseId: string;
  /** The release file's address, for `channel` (and `cache`, where known). */
  readonly url?: string;
  /** When the channel was last asked (ISO 8601), whatever the answer. */
  readonly checkedAt?: string;
}

/** What `setActiveRelease` needs to know of the origin; the release id comes from the release. */
export type ReleaseOriginInput = Omit<ReleaseOrigin, "releaseId">;

export type ActiveReleaseListener = (dataset: DatasetIndex, origin: ReleaseOrigin) => void;

interface Active {
  readonly dataset: DatasetIndex;
  readonly origin: ReleaseOrigin;
}

let active: Active | undefined;
const listeners = new Set<ActiveReleaseListener>();

function embedded(): Active {
  const dataset = currentDataset();
  return { dataset, origin: { kind: "embedded", releaseId: dataset.release.id } };
}

/** The index of the release in use. Cheap: one variable read after the first call. */
export function activeDataset(): DatasetIndex {
  active ??= embedded();
  return active.dataset;
}

/** Where the release in use came from. */
export function activeOrigin(): ReleaseOrigin {
  active ??= embedded();
  return active.origin;
}

/**
 * Makes `release` the release in use and tells every subscriber. The release must already be
 * validated (the channel does that); this holder trusts its argument. The embedded release reuses
 * the index that `currentDataset()` built. Returns the origin as recorded (with the release id).
 */
export function setActiveRelease(release: Release, origin: ReleaseOriginInput): ReleaseOrigin {
  const embeddedIndex = currentDataset();
  const dataset = release === embeddedIndex.release ? embeddedIndex : indexRelease(release);
  const recorded: ReleaseOrigin = { ...origin, releaseId: release.id };
  active = { dataset, origin: recorded };
  const errors: unknown[] = [];
  for (const listener of [...listeners]) {
    try {
      listener(dataset, recorded);
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, "an active-release listener failed");
  return recorded;
}

/** Calls `listener` after every change of the active release. Returns the unsubscribe function. */
export function subscribeActiveRelease(listener: ActiveReleaseListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Back to the embedded release, with no subscribers. For tests. */
export function resetActiveRelease(): void {
  active = undefined;
  listeners.clear();
}

/**
 * Orders release ids (YYYY-MM-DD.N): by date, then by N as a number, so 2025-01-15.10 is newer
 * than 2025-01-15.9. Negative when `a` is older than `b`.
 */
export function compareReleaseIds(a: string, b: string): number {
  const [dateA = "", nA = "0"] = a.split(".");
  const [dateB = "", nB = "0"] = b.split(".");
  if (dateA !== dateB) return dateA < dateB ? -1 : 1;
  return Number(nA) - Number(nB);
}

/** One line for the pane: which release is in use and where it came from. */
export function describeOrigin(origin: ReleaseOrigin): BilingualText {
  const id = origin.releaseId;
  switch (origin.kind) {
    case "embedded":
      return { en: `Release ${id}, built into the add-in`, zh: `数据版本 ${id}（加载项内置）` };
    case "channel":
      return { en: `Release ${id}, from the release channel`, zh: `数据版本 ${id}（来自版本发布渠道）` };
    case "cache":
      return { en: `Release ${id}, the last good copy saved on this computer`, zh: `数据版本 ${id}（本机保存的最近一次有效副本）` };
  }
}
